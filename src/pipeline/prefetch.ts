import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import { PACKAGE_ROOT } from '../config/load.js';
import type { Matcher } from '../core/match/match-rows.js';
import type { NormalizedRow } from '../core/types.js';
import type { CompanyWorkerInput, CompanyWorkerOutput } from './company-worker.js';

// The second core for matching. The row loop itself is sequential (a company or person an earlier
// row creates is a candidate for later rows), but its most expensive part is not: the master
// company candidates of each distinct company key that neither a master domain nor an exact key
// resolves (trigram index + fuzzball). Those keys are known before the loop starts, so they are
// computed up front, half on this thread and half on a worker thread, and remembered by the
// matcher; the loop then finds them ready. The candidates are the same as without the prefetch
// (same function, same index order), so decisions do not depend on it.

/** Below this many keys a worker costs more to start (~0.2 s) than it saves. */
export const MIN_PARALLEL_KEYS = 1500;

/** The compiled worker (tsc output; also shipped next to the bundle's chunks in dist/). */
const WORKER = join(PACKAGE_ROOT, 'dist', 'pipeline', 'company-worker.js');

export interface PrefetchResult {
  keys: number;
  onWorker: number;
}

export async function prefetchCompanyCandidates(
  matcher: Matcher,
  rows: readonly NormalizedRow[],
  opts: { minKeys?: number; workerPath?: string } = {},
): Promise<PrefetchResult> {
  const queries = matcher.companyKeysToPrefetch(rows);
  if (queries.length === 0 || queries.length < (opts.minKeys ?? MIN_PARALLEL_KEYS)) return { keys: queries.length, onWorker: 0 };
  // The worker starts later (module load, its own index build): it takes the smaller share.
  const split = Math.floor(queries.length * 0.55);
  const mine = queries.slice(0, split);
  const theirs = queries.slice(split);
  const input: CompanyWorkerInput = { keys: matcher.index.companyKeys, queries: theirs };
  const worker = new Worker(opts.workerPath ?? WORKER, { workerData: input });
  const result = new Promise<CompanyWorkerOutput>((resolve, reject) => {
    worker.once('message', resolve);
    worker.once('error', reject);
    worker.once('exit', (code) => reject(new Error(`company candidate worker exited with code ${code}`)));
  });
  result.catch(() => undefined); // handled below, after this thread's share
  for (const k of mine) matcher.masterCompanyCandidates(k);
  let out: CompanyWorkerOutput;
  try {
    out = await result;
  } catch {
    // A worker that cannot run (missing build, no threads) only costs time: compute here instead.
    for (const k of theirs) matcher.masterCompanyCandidates(k);
    return { keys: queries.length, onWorker: 0 };
  } finally {
    void worker.terminate();
  }
  theirs.forEach((k, i) => {
    const hits = [];
    for (let j = out.offsets[i]!; j < out.offsets[i + 1]!; j++) hits.push({ entry: out.entries[j]!, score: out.scores[j]! });
    matcher.installCompanyHits(k, hits);
  });
  return { keys: queries.length, onWorker: theirs.length };
}
