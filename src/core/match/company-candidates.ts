// Master company candidates for one company key: the trigram index's top entries, scored with the
// company name score, below MIN_SCORE dropped, in the index's order. One function for the matcher
// and for the worker thread that computes the same lists in parallel (src/pipeline/prefetch.ts),
// so both give identical candidates.

import { GramIndex, MIN_SCORE } from './gram-index.js';
import type { ScoreCache } from './score-cache.js';

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
