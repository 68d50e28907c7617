// Worker thread of cell-source.ts: reads the CSV again and hands the main thread, batch by batch,
// each record's index, line, row hash and original cells as the JSON text backfill_log.source_data
// stores. Reading, hashing and serializing a million records here, on a small heap of its own,
// keeps that work (and its garbage, collected on the main thread's multi-GB heap in seconds per
// collection) off the commit's main thread. One batch is read ahead of the one the main thread
// asked for; the main thread asks for the next as it takes one (memory: a few batches).
//
// With `only` (a few rows: the fallout's), it sends those rows' cells as they are, not their JSON,
// and sends each batch without waiting to be asked: the main thread is making the plan meanwhile
// (one synchronous stretch of ~15 s at 1M rows) and takes them all once it is done.

import { parentPort, workerData } from 'node:worker_threads';
import { jsonbText } from '../db/copy.js';
import { readBack } from './cell-source.js';
import { openCsv, type OpenCsvOptions } from './csv-source.js';

export interface CellWorkerInput {
  path: string;
  options: OpenCsvOptions;
  /** Records per batch. */
  batch: number;
  /** Read only these records (ascending indexes) and send their cells, not their JSON text. */
  only?: number[];
}

export interface CellBatch {
  indexes: number[];
  lines: number[];
  hashes: string[];
  /** Each record's cells as JSON text (jsonbText), or as they are with `only`. */
  items: (string | Record<string, string>)[];
  /** The last batch: the file has no more records. */
  end: boolean;
}

export type CellWorkerMessage = { batch: CellBatch } | { error: string };

const { path, options, batch, only } = workerData as CellWorkerInput;
const port = parentPort!;
// Batches asked for and not yet sent: the first one is asked by starting the worker; every one with `only`.
let asked = only ? Infinity : 1;
let wake: (() => void) | null = null;
port.on('message', () => {
  asked++;
  wake?.();
  wake = null;
});

async function send(b: CellBatch): Promise<void> {
  if (asked === 0) await new Promise<void>((resolve) => (wake = resolve));
  asked--;
  port.postMessage({ batch: b } satisfies CellWorkerMessage);
}

/** With `only`, a batch is sent once its cells hold this many characters (a small heap, even for huge records). */
const ONLY_BATCH_CHARS = 4 << 20;

const empty = (): CellBatch => ({ indexes: [], lines: [], hashes: [], items: [], end: false });

try {
  let b = empty();
  let k = 0; // the next of `only` wanted
  let chars = 0; // in the batch's cells, with `only`
  for await (const rec of readBack<CellBatch['items'][number]>(() => openCsv(path, options), only ? (cells) => cells : jsonbText)) {
    if (only) {
      if (k === only.length) break;
      if (rec.index < only[k]!) continue;
      k++;
    }
    b.indexes.push(rec.index);
    b.lines.push(rec.line);
    b.hashes.push(rec.hash);
    b.items.push(rec.item);
    if (only) for (const v of Object.values(rec.item)) chars += v.length;
    if (b.indexes.length === batch || chars > ONLY_BATCH_CHARS) {
      chars = 0;
      await send(b);
      b = empty();
    }
  }
  b.end = true;
  await send(b);
} catch (err) {
  port.postMessage({ error: err instanceof Error ? err.message : String(err) } satisfies CellWorkerMessage);
}
port.close();
