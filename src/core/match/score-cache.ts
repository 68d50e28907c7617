// Memoized scores, keyed by the compared keys, shared by every run of one matcher: re-running with other
// thresholds or review choices does no new fuzzball work for the same rows.

import { companyNameScore, personNameScore, titleScore } from './compare.js';

/** Above this many memoized pairs new pairs are scored without being remembered (memory bound). */
const MAX_MEMO = 4_000_000;

export class ScoreCache {
  private readonly companyPairs = new Map<string, number>();
  private readonly personPairs = new Map<string, number>();
  private readonly titlePairs = new Map<string, number | null>();
  /** Number of fuzzball computations done so far (tests and benchmarks read it). */
  computations = 0;

  constructor(private readonly genericCompanyWords: ReadonlySet<string> = new Set()) {}

  company(a: string, b: string): number {
    if (a === b) return a.length > 0 ? 1 : 0;
    const k = a < b ? `${a}\u0000${b}` : `${b}\u0000${a}`;
    let s = this.companyPairs.get(k);
    if (s === undefined) {
      s = this.companyOnce(a, b);
      if (this.companyPairs.size < MAX_MEMO) this.companyPairs.set(k, s);
    }
    return s;
  }

  /**
   * The same score, not remembered: for pairs the caller memoizes itself (a key's master candidates
   * are kept whole by the matcher). At 1M rows those were ~2M pairs (~200 MB) never looked up again.
   */
  companyOnce(a: string, b: string): number {
    if (a === b) return a.length > 0 ? 1 : 0;
    this.computations++;
    return companyNameScore(a, b, this.genericCompanyWords);
  }

  person(a: string, b: string): number {
    if (a === b) return a.length > 0 ? 1 : 0;
    const k = a < b ? `${a}\u0000${b}` : `${b}\u0000${a}`;
    let s = this.personPairs.get(k);
    if (s === undefined) {
      s = personNameScore(a, b);
      this.computations++;
      if (this.personPairs.size < MAX_MEMO) this.personPairs.set(k, s);
    }
    return s;
  }

  title(a: string | null, b: string | null): number | null {
    if (a === null || b === null) return null;
    if (a === b) return a.length > 0 ? 1 : null;
    const k = a < b ? `${a}\u0000${b}` : `${b}\u0000${a}`;
    let s = this.titlePairs.get(k);
    if (s === undefined) {
      s = titleScore(a, b);
      this.computations++;
      if (this.titlePairs.size < MAX_MEMO) this.titlePairs.set(k, s);
    }
    return s;
  }
}
