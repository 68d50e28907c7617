import { stat } from 'node:fs/promises';
import { Worker } from 'node:worker_threads';
import { byIndex } from '../core/by-index.js';
import { rowHash } from '../core/normalize/row-hash.js';
import { jsonbText } from '../db/copy.js';
import { EXIT, UserError } from '../errors.js';
import type { CellBatch, CellWorkerInput, CellWorkerMessage } from './cell-worker.js';
import type { CsvSource, OpenCsvOptions } from './csv-source.js';

// The original cells of a row (every column, as read: what backfill_log.source_data stores and the
// fallout report repeats), from memory or read again from the file.
//
// A --yes run does not keep them: at 1M rows they are ~440 bytes a row (0.44 GB) from the read to
// the commit, and only the commit's log step and the fallout rows need them. The log step reads
// the file again while the server takes the COPY, on a worker thread (cell-worker.ts: on the main
// thread, whose heap is GBs large, the garbage alone made the 1M step 17 -> 36 s; on the worker
// 19 s), and checks each record against the row it planned: the same row hash (MD5 of the canonical cells), in the same
// place, and the file's size and modification time as when it was first read. A file changed in
// between stops the commit (rollback, exit 1) instead of logging cells that were not the ones
// imported.

export type Cells = Record<string, string>;

/** What identifies a row of the file: its index and the hash of its canonical cells. */
export interface RowKey {
  index: number;
  hash: string;
}

export interface CellSource {
  /** The cells of `rows` (ascending index order, each row of the file at most once), in that order. */
  cellsOf(rows: readonly RowKey[]): AsyncIterable<Cells>;
  /** The same cells as JSON text for a jsonb column (jsonbText), in the same order. */
  jsonOf(rows: readonly RowKey[]): AsyncIterable<string>;
}

async function* jsonOfCells(cells: AsyncIterable<Cells>): AsyncGenerator<string> {
  for await (const c of cells) yield jsonbText(c);
}

/** Cells kept on the rows themselves (`source`): the wizard's, and any caller that kept them. */
export function memoryCells(all: readonly ({ index: number; source: Cells | null } | undefined)[]): CellSource {
  const at = byIndex(all);
  const source: CellSource = {
    async *cellsOf(rows) {
      for (const r of rows) {
        const cells = at(r.index)?.source;
        if (!cells) throw new Error(`row ${r.index}: its cells were not kept and no file was given to read them from`);
        yield cells;
      }
    },
    jsonOf: (rows) => jsonOfCells(source.cellsOf(rows)),
  };
  return source;
}

export class FileChangedError extends UserError {
  constructor(path: string, what: string) {
    super(
      `${path} changed while it was being imported (${what}); nothing was written`,
      EXIT.failed,
      'leave the file unchanged until the run ends (or import a copy of it), then run again',
    );
    this.name = 'FileChangedError';
  }
}

export interface FileIdentity {
  size: number;
  mtimeMs: number;
}

/** The file's size and modification time; null when it is not a regular file (a pipe cannot be read twice). */
export async function fileIdentity(path: string): Promise<FileIdentity | null> {
  const st = await stat(path);
  return st.isFile() ? { size: st.size, mtimeMs: st.mtimeMs } : null;
}

/** The worker thread that reads the file back for jsonOf (cell-worker.ts), and how it opens the file. */
export interface CellWorkerSpec {
  script: string;
  options: OpenCsvOptions;
  /**
   * cellsOf (a few rows' cells) on the worker too, not only jsonOf: for a large file, whose read-back
   * then runs alongside the caller's work (pipeline/prepare.ts readCellsBack).
   */
  cellsOnWorker?: boolean;
}

/** A record read back: where it is, its row hash (what the row planned must match), and `item` of its cells. */
export interface ReadBack<T> {
  index: number;
  line: number;
  hash: string;
  item: T;
}

/** The file's records read back, each with its row hash and `item(cells)`: this thread's and the worker's. */
export async function* readBack<T>(open: () => Promise<CsvSource>, item: (cells: Cells) => T): AsyncGenerator<ReadBack<T>> {
  for await (const rec of (await open()).records()) yield { index: rec.index, line: rec.line, hash: rowHash(rec.values), item: item(rec.raw) };
}

/** Records per batch from the worker (~2 MB of JSON text). */
const WORKER_BATCH = 4096;

/**
 * Cells read again from the file (`open` opens it as the first read did: same header aliases and
 * record limit, hence the same records). Throws FileChangedError when the file is not the one read.
 * With `worker`, jsonOf reads and serializes on a worker thread (the commit's log step: every row);
 * a worker that cannot start leaves the work to this thread.
 */
export function fileCells(path: string, open: () => Promise<CsvSource>, identity: FileIdentity, worker?: CellWorkerSpec): CellSource {
  const check = async (): Promise<void> => {
    let now: FileIdentity | null;
    try {
      now = await fileIdentity(path);
    } catch {
      throw new FileChangedError(path, 'it can no longer be read');
    }
    if (now === null || now.size !== identity.size || now.mtimeMs !== identity.mtimeMs) throw new FileChangedError(path, 'its size or modification time differs');
  };
  /** Each wanted row's item from `records` (ascending index), checked against the row planned. */
  async function* checked<T>(rows: readonly RowKey[], records: AsyncIterable<ReadBack<T>>): AsyncGenerator<T> {
    if (rows.length === 0) return;
    await check();
    let k = 0;
    for await (const rec of records) {
      const want = rows[k]!;
      if (rec.index < want.index) continue;
      if (rec.index > want.index) break;
      if (rec.hash !== want.hash) throw new FileChangedError(path, `line ${rec.line} is not the row that was read there`);
      yield rec.item;
      if (++k === rows.length) break;
    }
    if (k < rows.length) throw new FileChangedError(path, `it has fewer rows than the ${rows[rows.length - 1]!.index + 1} read`);
    await check();
  }
  const jsonInThread = (): AsyncIterable<ReadBack<string>> => readBack(open, jsonbText);
  const cellsInThread = (): AsyncIterable<ReadBack<Cells>> => readBack(open, (cells) => cells);
  return {
    cellsOf: (rows) => {
      if (!worker?.cellsOnWorker || rows.length === 0) return checked(rows, cellsInThread());
      // On the worker the reading starts now, before the first record is asked for (pipeline/prepare.ts readCellsBack).
      const started = startWorker(path, worker, rows.map((r) => r.index));
      return stoppingAfter(started, checked(rows, fromWorker(path, () => started, cellsInThread)));
    },
    jsonOf: (rows) => checked(rows, worker ? fromWorker(path, () => startWorker(path, worker), jsonInThread) : jsonInThread()),
  };
}

/** `items`, then the worker stopped (also when they end early: a file found changed before the first record). */
async function* stoppingAfter<T>(started: StartedWorker | null, items: AsyncIterable<T>): AsyncGenerator<T> {
  try {
    yield* items;
  } finally {
    await started?.worker.terminate();
  }
}

/** A worker reading the file back, started (or null: it could not start), its messages queued as they come. */
interface StartedWorker {
  worker: Worker;
  next(): Promise<CellWorkerMessage | Error>;
}

/** Starts the worker now (`only`: those rows' cells; otherwise every row's JSON text). */
function startWorker(path: string, spec: CellWorkerSpec, only?: number[]): StartedWorker | null {
  let worker: Worker;
  try {
    const input: CellWorkerInput = { path, options: spec.options, batch: WORKER_BATCH, ...(only ? { only } : {}) };
    // With `only` the worker keeps one small batch at a time (cell-worker.ts): a smaller heap, ~30 MB less RSS.
    const resourceLimits = only ? { maxOldGenerationSizeMb: 128, maxYoungGenerationSizeMb: 8 } : { maxOldGenerationSizeMb: 512, maxYoungGenerationSizeMb: 32 };
    worker = new Worker(spec.script, { workerData: input, resourceLimits });
  } catch {
    return null;
  }
  const inbox: (CellWorkerMessage | Error)[] = [];
  let wake: (() => void) | null = null;
  const deliver = (m: CellWorkerMessage | Error): void => {
    inbox.push(m);
    wake?.();
    wake = null;
  };
  worker.on('message', (m: CellWorkerMessage) => deliver(m));
  worker.on('error', (e: Error) => deliver(e));
  worker.on('exit', () => deliver(new Error('the worker reading the file back stopped')));
  const next = async (): Promise<CellWorkerMessage | Error> => {
    while (inbox.length === 0) await new Promise<void>((resolve) => (wake = resolve));
    return inbox.shift()!;
  };
  return { worker, next };
}

/**
 * The worker's records, batch by batch (the next one asked for as soon as one arrives); `start` gives
 * the worker when the first record is asked for (one started already, or one it starts then). A worker
 * that fails before its first batch (it cannot start: a missing build) is replaced by `fallback`; one
 * that fails later fails the read (the commit rolls back).
 */
async function* fromWorker<T>(path: string, start: () => StartedWorker | null, fallback: () => AsyncIterable<ReadBack<T>>): AsyncGenerator<ReadBack<T>> {
  const started = start();
  if (started === null) {
    yield* fallback();
    return;
  }
  const { worker, next } = started;
  try {
    let first = true;
    for (;;) {
      const m = await next();
      if (m instanceof Error) {
        if (!first) throw m;
        yield* fallback();
        return;
      }
      if ('error' in m) throw new FileChangedError(path, m.error);
      first = false;
      const b: CellBatch = m.batch;
      if (!b.end) worker.postMessage(1);
      for (let i = 0; i < b.indexes.length; i++) yield { index: b.indexes[i]!, line: b.lines[i]!, hash: b.hashes[i]!, item: b.items[i] as T };
      if (b.end) return;
    }
  } finally {
    await worker.terminate();
  }
}

/** The cells of `rows` by index (a few rows: the fallout's). */
export async function cellMap(source: CellSource, rows: readonly RowKey[]): Promise<Map<number, Cells>> {
  const out = new Map<number, Cells>();
  let k = 0;
  for await (const cells of source.cellsOf(rows)) out.set(rows[k++]!.index, cells);
  return out;
}
