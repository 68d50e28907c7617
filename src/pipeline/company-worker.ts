// Worker thread of prefetch.ts: master company candidates of the file's distinct company keys,
// computed exactly as the matcher does (same index order, same generic-word discount, same
// companyKeyHits), written into shared memory. The worker takes keys from the last one backwards
// while the row loop on the main thread takes them from the first one forwards; each key is
// claimed once (compare-and-swap on its state), and the worker stops where the two meet.

import { parentPort, workerData } from 'node:worker_threads';
import { companyKeyHits } from '../core/match/company-candidates.js';
import { GramIndex, type SharedGrams } from '../core/match/gram-index.js';
import { ScoreCache } from '../core/match/score-cache.js';
import { DONE, FREE, sharedViews, WORKING, type SharedCandidateBuffers } from './shared-candidates.js';

export interface CompanyWorkerInput {
  /** The master's distinct company keys, in the master index's order. */
  keys: string[];
  /** The master index's trigram index over those keys, in shared memory (GramIndex.share): queried here, not copied. */
  grams: SharedGrams;
  /** The master index's generic company words (MasterIndex.companyGenericWords), not computed again here. */
  generic: string[];
  /** The keys to compute, in the order the row loop first needs them. */
  queries: string[];
  buffers: SharedCandidateBuffers;
}

const { keys, grams: sharedGrams, generic, queries, buffers } = workerData as CompanyWorkerInput;
const v = sharedViews(buffers);
const grams = GramIndex.fromShared(sharedGrams);
const scores = new ScoreCache(new Set(generic));
let done = 0;
for (let j = queries.length - 1; j >= 0; j--) {
  if (Atomics.compareExchange(v.state, j, FREE, WORKING) !== FREE) break; // the main thread is here already
  const hits = companyKeyHits(grams, keys, scores, queries[j]!);
  const at = j * v.width;
  for (let i = 0; i < hits.length; i++) {
    v.entries[at + i] = hits[i]!.entry;
    v.scores[at + i] = hits[i]!.score;
  }
  v.counts[j] = hits.length;
  Atomics.store(v.state, j, DONE);
  Atomics.notify(v.state, j);
  done++;
}
parentPort!.postMessage(done);
