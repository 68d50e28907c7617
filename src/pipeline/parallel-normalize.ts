import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import { PACKAGE_ROOT } from '../config/load.js';
import { normalizeWithoutCells, reshareRow } from '../core/normalize/row.js';
import type { NormalizeContext } from '../core/normalize/context.js';
import type { NormalizedRow, SourceRecord } from '../core/types.js';
import type { NormalizeReply, NormalizeWorkerInput } from '../io/normalize-worker.js';

// The second core for the read of a large file (a --yes run, cells not kept). Normalizing is most
// of a read's work (~55% of it at 200k rows; tokenizing, interning and collecting the rest), and
// one record's normalization depends on no other's. So the loader hands batches of records to a
// worker thread and, while the worker is busy with as many as it may hold, normalizes the next
// batch itself: both threads normalize, and the rows come back in file order whoever made them.
// A row is the same whichever thread made it (same function, same context); the worker's lose
// their shared lists in the transfer and get them back here (reshareRow).

/** The compiled worker (tsc output, shipped in dist/). */
const WORKER = join(PACKAGE_ROOT, 'dist', 'io', 'normalize-worker.js');

/** Records per batch. */
export const NORMALIZE_BATCH = 1000;
/** Batches the worker holds at most (sent, not answered). */
const WORKER_QUEUE = 3;

/** A record without its cells: a worker normalizing for a load that drops them needs none. */
const NO_RAW: Record<string, string> = Object.freeze({}) as Record<string, string>;

interface Batch {
  rows: Promise<NormalizedRow[]> | NormalizedRow[];
  /** The records, kept until the worker answers: normalized here if it fails. */
  records: SourceRecord[] | null;
}

/**
 * Normalizes batches of records, in order, on a worker thread and on this one. `put` a batch (up to
 * NORMALIZE_BATCH records); `take()` gives the next batch's rows when they are ready. A worker that
 * fails (it cannot start: a missing build) only costs time: its batches are normalized here.
 */
export class ParallelNormalizer {
  #worker: Worker | null;
  #waiting: { resolve: (rows: NormalizedRow[]) => void; reject: (err: Error) => void }[] = [];
  #onWorker = 0;
  #queue: Batch[] = [];
  /** Rows normalized by the worker (tests and benchmarks read it). */
  workerRows = 0;

  constructor(
    private readonly ctx: NormalizeContext,
    input: NormalizeWorkerInput,
    script: string = WORKER,
  ) {
    try {
      this.#worker = new Worker(script, { workerData: input, resourceLimits: { maxOldGenerationSizeMb: 512, maxYoungGenerationSizeMb: 32 } });
    } catch {
      this.#worker = null;
      return;
    }
    this.#worker.on('message', (m: NormalizeReply) => {
      const w = this.#waiting.shift()!;
      this.#onWorker--;
      if ('error' in m) w.reject(new Error(`the worker normalizing rows failed: ${m.error}`));
      else w.resolve(m.rows);
    });
    const fail = (err: Error): void => {
      this.#worker = null;
      for (const w of this.#waiting.splice(0)) w.reject(err);
      this.#onWorker = 0;
    };
    this.#worker.on('error', fail);
    this.#worker.on('exit', () => fail(new Error('the worker normalizing rows stopped')));
  }

  /** Batches put and not taken yet. */
  get pending(): number {
    return this.#queue.length;
  }

  /** Whether the oldest batch's rows are ready (made here, or answered by the worker). */
  get ready(): boolean {
    return this.#queue.length > 0 && Array.isArray(this.#queue[0]!.rows);
  }

  put(records: SourceRecord[]): void {
    if (this.#worker !== null && this.#onWorker < WORKER_QUEUE) {
      this.#worker.postMessage(records.map((r) => ({ index: r.index, line: r.line, raw: NO_RAW, values: r.values, issues: r.issues })));
      this.#onWorker++;
      const batch: Batch = { rows: [], records };
      batch.rows = new Promise<NormalizedRow[]>((resolve, reject) => this.#waiting.push({ resolve, reject })).then((rows) => {
        for (const r of rows) reshareRow(r);
        this.workerRows += rows.length;
        batch.rows = rows;
        batch.records = null;
        return rows;
      });
      batch.rows.catch(() => undefined); // taken (and normalized here) in take()
      this.#queue.push(batch);
    } else {
      this.#queue.push({ rows: this.#here(records), records: null });
    }
  }

  /** The oldest batch's rows, in order. */
  async take(): Promise<NormalizedRow[]> {
    const batch = this.#queue.shift();
    if (batch === undefined) throw new Error('no batch to take');
    if (Array.isArray(batch.rows)) return batch.rows;
    try {
      return await batch.rows;
    } catch {
      return this.#here(batch.records!); // the worker failed: normalized here instead
    }
  }

  #here(records: readonly SourceRecord[]): NormalizedRow[] {
    return records.map((r) => normalizeWithoutCells(r, this.ctx));
  }

  async close(): Promise<void> {
    const w = this.#worker;
    this.#worker = null;
    await w?.terminate();
  }
}
