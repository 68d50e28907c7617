import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import { PACKAGE_ROOT } from '../config/load.js';
import { companyKeysToPrefetch, type CandidateSource, type KeyHit } from '../core/match/company-candidates.js';
import { masterCompanies, type MasterCompanies } from '../core/match/master-index.js';
import type { Matcher } from '../core/match/match-rows.js';
import type { NormalizedRow } from '../core/types.js';
import type { CompanyWorkerInput } from './company-worker.js';
import { allocateShared, DONE, FREE, MINE, sharedViews, type SharedCandidateViews } from './shared-candidates.js';

// The second core for matching. The row loop itself is sequential (a company or person an earlier
// row creates is a candidate for later rows), but its most expensive part is not: the master
// company candidates of each distinct company key that neither a master domain nor an exact key
// resolves (trigram index + fuzzball). Those keys are known once the master's companies are indexed,
// before its people are (startCompanyWorker). A worker thread computes them from the last key
// backwards from then on (while this thread indexes the people, then while the loop runs), and the
// loop computes them, as it needs them, from the first key forwards; each key is claimed once, and
// the two meet where their work balances (at 1M rows: the loop's own work plus ~40% of the keys
// against ~60% on the worker).
// The candidates are the same whichever thread computes them (same function, same index order),
// so decisions do not depend on the worker, its speed, or whether it runs at all.

/** Below this many keys a worker costs more to start (~0.2 s) than it saves. */
export const MIN_PARALLEL_KEYS = 1500;

/** How long the loop waits for a key the worker is computing (milliseconds each) before computing it itself. */
const WAIT_MS = 2000;

/** The compiled worker (tsc output; also shipped next to the bundle's chunks in dist/). */
const WORKER = join(PACKAGE_ROOT, 'dist', 'pipeline', 'company-worker.js');

export interface PrefetchResult {
  keys: number;
  /** Keys whose candidates the worker computed. */
  onWorker: number;
}

export interface Prefetch {
  /** Distinct company keys that need the trigram index. */
  readonly keys: number;
  /** Resolves when the worker has finished its share (or could not run): the keys it computed. */
  readonly finished: Promise<number>;
  /** Stops the worker and detaches it from the matcher (which computes any key still missing itself). */
  stop(): Promise<PrefetchResult>;
}

/** The matcher's side of the shared memory: a key's hits from the worker, or null when this thread takes the key. */
class SharedSource implements CandidateSource {
  private readonly slot = new Map<string, number>();

  constructor(
    queries: readonly string[],
    private readonly v: SharedCandidateViews,
  ) {
    queries.forEach((q, j) => this.slot.set(q, j));
  }

  take(key: string): readonly KeyHit[] | null {
    const j = this.slot.get(key);
    if (j === undefined) return null;
    const state = this.v.state;
    for (;;) {
      const s = Atomics.load(state, j);
      if (s === DONE) return this.hits(j);
      if (s === MINE) return null;
      if (s === FREE) {
        if (Atomics.compareExchange(state, j, FREE, MINE) === FREE) return null;
        continue; // the worker claimed it in between
      }
      // WORKING: milliseconds away. A worker stopped or gone mid-key never finishes it: compute it here.
      if (Atomics.wait(state, j, s, WAIT_MS) === 'timed-out') return null;
    }
  }

  private hits(j: number): KeyHit[] {
    const { width, counts, entries, scores } = this.v;
    const out: KeyHit[] = new Array(counts[j]!);
    for (let i = 0; i < out.length; i++) out[i] = { entry: entries[j * width + i]!, score: scores[j * width + i]! };
    return out;
  }
}

/**
 * The worker's own heap limits. It would otherwise get the main thread's (an 18 GB old generation and
 * 64 MB semi-spaces after the large-file restart) and collect as lazily, on the RSS the run reports.
 * It keeps ~250 bytes per master key (its trigram index and the keys); the limit allows 1 KB per key
 * (512 MB at least). A worker that runs out of heap anyway stops with an error, and the row loop
 * computes the keys it left.
 */
function workerLimits(masterKeys: number): { maxOldGenerationSizeMb: number; maxYoungGenerationSizeMb: number } {
  return { maxOldGenerationSizeMb: Math.max(512, Math.ceil(masterKeys / 1000)), maxYoungGenerationSizeMb: 48 };
}

/** Resolves when the worker posts its count (or fails or exits). Its own function: the listeners' closures hold nothing else. */
function finishedOf(worker: Worker): Promise<number> {
  return new Promise<number>((resolve) => {
    worker.once('message', (n: number) => resolve(n));
    worker.once('error', () => resolve(0)); // a worker that cannot run (missing build) only costs time
    worker.once('exit', () => resolve(0));
  });
}

/**
 * Starts the worker on the keys `rows` will need and attaches it to the matcher, which takes the
 * worker's results as its row loop reaches them. Call stop() once the loop is done.
 */
export function startCompanyPrefetch(matcher: Matcher, rows: Iterable<NormalizedRow>, opts: PrefetchOptions = {}): Prefetch {
  return startCompanyWorker(masterCompanies(matcher.index), rows, opts, matcher.companyKeysToPrefetch(rows)).attach(matcher);
}

export interface PrefetchOptions {
  /** Fewer keys than this: no worker (MIN_PARALLEL_KEYS). */
  minKeys?: number;
  /** The worker's script (tests: a missing one). */
  workerPath?: string;
}

/** A worker started before its matcher exists (startCompanyWorker): attach it once the matcher is built. */
export interface PendingPrefetch {
  /** Hands the worker's results to `matcher` (built on the same master index) and returns the Prefetch. */
  attach(matcher: Matcher): Prefetch;
  /** Stops the worker without attaching it (the index build failed or was interrupted). */
  stop(): Promise<void>;
}

/**
 * Starts the worker from the company half of the master index (masterIndexSteps' onCompanies), before
 * the matcher exists: it computes while this thread indexes the master people (~13 s of a 1M run
 * in which the second core had nothing to do). Its trigram index is frozen into shared memory
 * (GramIndex.share) here: the master's companies are all in it by then.
 */
export function startCompanyWorker(
  companies: MasterCompanies,
  rows: Iterable<NormalizedRow>,
  opts: PrefetchOptions = {},
  queries: string[] = companyKeysToPrefetch(companies, rows),
): PendingPrefetch {
  if (queries.length === 0 || queries.length < (opts.minKeys ?? MIN_PARALLEL_KEYS)) return noWorker(queries.length);
  const buffers = allocateShared(queries.length);
  const input: CompanyWorkerInput = { keys: companies.companyKeys, grams: companies.companyKeyGrams.share(), generic: [...companies.companyGenericWords], queries, buffers };
  let worker: Worker;
  try {
    worker = new Worker(opts.workerPath ?? WORKER, { workerData: input, resourceLimits: workerLimits(input.keys.length) });
  } catch {
    return noWorker(queries.length); // no threads here: the loop computes every key
  }
  const finished = finishedOf(worker);
  worker.unref(); // an interactive session keeps it while it works, never past the process
  const views = sharedViews(buffers);
  const source = new SharedSource(queries, views);
  return {
    attach: (matcher) => {
      matcher.candidateSource = source;
      return new WorkerPrefetch(queries.length, finished, worker, matcher, source, views);
    },
    stop: async () => {
      await worker.terminate();
    },
  };
}

function noWorker(keys: number): PendingPrefetch {
  return { attach: () => new NoPrefetch(keys), stop: async () => undefined };
}

class NoPrefetch implements Prefetch {
  readonly finished = Promise.resolve(0);
  constructor(readonly keys: number) {}
  async stop(): Promise<PrefetchResult> {
    return { keys: this.keys, onWorker: 0 };
  }
}

/**
 * A class, not closures: after stop() nothing here refers to the matcher, so a caller that drops
 * the matcher gets its memory back at once (closures sharing a context with the worker's
 * listeners kept the whole index alive until the worker's exit was processed, after the plan).
 */
class WorkerPrefetch implements Prefetch {
  constructor(
    readonly keys: number,
    readonly finished: Promise<number>,
    private readonly worker: Worker,
    private matcher: Matcher | null,
    private readonly source: SharedSource,
    private readonly views: SharedCandidateViews,
  ) {}

  async stop(): Promise<PrefetchResult> {
    await this.worker.terminate();
    if (this.matcher?.candidateSource === this.source) this.matcher.candidateSource = null;
    this.matcher = null;
    let onWorker = 0;
    for (let j = 0; j < this.keys; j++) if (Atomics.load(this.views.state, j) === DONE) onWorker++;
    return { keys: this.keys, onWorker };
  }
}
