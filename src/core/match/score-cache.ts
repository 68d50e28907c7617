// Memoized scores, keyed by the compared keys, shared by every run of one matcher: re-running with other
// thresholds or review choices does no new fuzzball work for the same rows.

import { companyNameScore, personNameScore, titleScore } from './compare.js';

/**
 * Above this many memoized pairs (per kind) new pairs are scored without being remembered: a memory
 * bound that costs little work. At 200k rows vs 200k master people the company pairs alone reached
 * 328k (50 MB, ~160 bytes a pair) and saved ~4k of 1.05M fuzzball computations over a cap of 100k
 * (the matcher memoizes whole candidate lists per key, which is where repeats are); at 1M rows a cap
 * of 4M pairs let them grow to ~250 MB at the match's peak. A wizard's re-decision at 100k rows stays
 * under the cap (~160k company pairs), so it still does no new work.
 */
export const MAX_MEMO = 250_000;

export class ScoreCache {
  private readonly companyPairs = new Map<string, number>();
  private readonly personPairs = new Map<string, number>();
  private readonly titlePairs = new Map<string, number | null>();
  /** Number of fuzzball computations done so far (tests and benchmarks read it). */
  computations = 0;

  constructor(
    private readonly genericCompanyWords: ReadonlySet<string> = new Set(),
    private readonly maxMemo = MAX_MEMO,
  ) {}

  /** Pairs remembered so far, per kind (each at most maxMemo). */
  get memoized(): { company: number; person: number; title: number } {
    return { company: this.companyPairs.size, person: this.personPairs.size, title: this.titlePairs.size };
  }

  company(a: string, b: string): number {
    if (a === b) return a.length > 0 ? 1 : 0;
    const k = a < b ? `${a}\u0000${b}` : `${b}\u0000${a}`;
    let s = this.companyPairs.get(k);
    if (s === undefined) {
      s = this.companyOnce(a, b);
      if (this.companyPairs.size < this.maxMemo) this.companyPairs.set(k, s);
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
      if (this.personPairs.size < this.maxMemo) this.personPairs.set(k, s);
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
      if (this.titlePairs.size < this.maxMemo) this.titlePairs.set(k, s);
    }
    return s;
  }
}
