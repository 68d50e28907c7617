// Worker thread of prefetch.ts: master company candidates for a share of the file's distinct company
// keys, computed exactly as the matcher does (same index order, same generic-word discount, same
// companyKeyHits), returned as three typed arrays (no per-object cloning).

import { parentPort, workerData } from 'node:worker_threads';
import { companyKeyHits } from '../core/match/company-candidates.js';
import { genericCompanyWords } from '../core/match/compare.js';
import { GramIndex } from '../core/match/gram-index.js';
import { ScoreCache } from '../core/match/score-cache.js';

export interface CompanyWorkerInput {
  /** The master's distinct company keys, in the master index's order. */
  keys: string[];
  queries: string[];
}

export interface CompanyWorkerOutput {
  /** Hits of query i are entries[offsets[i] .. offsets[i+1]) with scores at the same positions. */
  offsets: Int32Array;
  entries: Int32Array;
  scores: Float64Array;
}

const { keys, queries } = workerData as CompanyWorkerInput;
const grams = new GramIndex();
for (const k of keys) grams.add(k);
const scores = new ScoreCache(genericCompanyWords(keys));
const offsets = new Int32Array(queries.length + 1);
const entries: number[] = [];
const found: number[] = [];
queries.forEach((q, i) => {
  for (const h of companyKeyHits(grams, keys, scores, q)) {
    entries.push(h.entry);
    found.push(h.score);
  }
  offsets[i + 1] = entries.length;
});
const out: CompanyWorkerOutput = { offsets, entries: Int32Array.from(entries), scores: Float64Array.from(found) };
parentPort!.postMessage(out, [out.offsets.buffer as ArrayBuffer, out.entries.buffer as ArrayBuffer, out.scores.buffer as ArrayBuffer]);
