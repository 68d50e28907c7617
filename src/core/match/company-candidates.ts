// Master company candidates for one company key: the trigram index's top entries, scored with the
// company name score, below MIN_SCORE dropped, in the index's order. One function for the matcher
// and for the worker thread that computes the same lists in parallel (src/pipeline/prefetch.ts),
// so both give identical candidates.

import { GramIndex, MIN_SCORE } from './gram-index.js';
import type { ScoreCache } from './score-cache.js';
import type { MasterCompanies } from './master-index.js';
import type { NormalizedRow } from '../types.js';

/** Company keys fetched from the master trigram index per distinct row key. */
export const COMPANY_TOP_K = 40;

export interface KeyHit {
  /** Entry in the master's distinct company keys. */
  entry: number;
  score: number;
}

/**
 * Master candidates of some keys computed elsewhere (a worker thread, src/pipeline/prefetch.ts), for
 * the matcher to take when it first needs them. `take` gives a key's hits when the other side has
 * them or is computing them (waiting for it), or null: the matcher computes them itself. Either way
 * the hits are the same (companyKeyHits over the same keys in the same order).
 */
export interface CandidateSource {
  take(key: string): readonly KeyHit[] | null;
}

export function companyKeyHits(grams: GramIndex, keys: readonly string[], scores: ScoreCache, key: string): KeyHit[] {
  const out: KeyHit[] = [];
  for (const h of grams.query(key, COMPANY_TOP_K)) {
    const score = scores.companyOnce(key, keys[h.entry]!);
    if (score >= MIN_SCORE) out.push({ entry: h.entry, score });
  }
  return out;
}

/**
 * The distinct company keys of `rows` (valid ones, first-appearance order) whose master candidates
 * come from the trigram index: not a master company's exact key, nor a key of a row whose domain a
 * master company has (the master resolves those without the index), nor one in `known` (computed
 * already). What a candidate worker can compute ahead of the row loop, from the company half of
 * the master index alone.
 */
export function companyKeysToPrefetch(ix: MasterCompanies, rows: Iterable<NormalizedRow>, known: ReadonlyMap<string, unknown> = new Map()): string[] {
  const seen = new Set<string>();
  const out: string[] = [];
  for (const r of rows) {
    const k = r.companyKey;
    if (!r.valid || k.length === 0 || seen.has(k)) continue;
    seen.add(k);
    if (ix.companyKeyIds.has(k) || known.has(k)) continue;
    if (r.domain !== null && ix.companyByDomain.has(r.domain)) continue;
    out.push(k);
  }
  return out;
}
