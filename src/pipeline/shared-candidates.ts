// The shared memory of prefetch.ts and its worker: per key a state word and a fixed slot of hits.

import { COMPANY_TOP_K } from '../core/match/company-candidates.js';

/** Nobody has the key yet. */
export const FREE = 0;
/** The worker is computing it (done within milliseconds). */
export const WORKING = 1;
/** The worker's hits are in the key's slot. */
export const DONE = 2;
/** The main thread computes it itself. */
export const MINE = 3;

export interface SharedCandidateBuffers {
  state: SharedArrayBuffer;
  counts: SharedArrayBuffer;
  entries: SharedArrayBuffer;
  scores: SharedArrayBuffer;
}

export interface SharedCandidateViews {
  /** Hits per key at most (the trigram query's top K). */
  width: number;
  state: Int32Array;
  counts: Int32Array;
  /** Key j's hits are entries[j*width .. j*width + counts[j]), scores at the same positions. */
  entries: Int32Array;
  scores: Float64Array;
}

export function allocateShared(keys: number): SharedCandidateBuffers {
  return {
    state: new SharedArrayBuffer(4 * keys),
    counts: new SharedArrayBuffer(4 * keys),
    entries: new SharedArrayBuffer(4 * keys * COMPANY_TOP_K),
    scores: new SharedArrayBuffer(8 * keys * COMPANY_TOP_K),
  };
}

export function sharedViews(b: SharedCandidateBuffers): SharedCandidateViews {
  return {
    width: COMPANY_TOP_K,
    state: new Int32Array(b.state),
    counts: new Int32Array(b.counts),
    entries: new Int32Array(b.entries),
    scores: new Float64Array(b.scores),
  };
}
