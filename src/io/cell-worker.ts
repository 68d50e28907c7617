// Worker thread of cell-source.ts: reads the CSV again and hands the main thread, batch by batch,
// each record's index, line, row hash and original cells as the JSON text backfill_log.source_data
// stores. Reading, hashing and serializing a million records here, on a small heap of its own,
// keeps that work (and its garbage, collected on the main thread's multi-GB heap in seconds per
// collection) off the commit's main thread. One batch is read ahead of the one the main thread
// asked for; the main thread asks for the next as it takes one (memory: a few batches).

import { parentPort, workerData } from 'node:worker_threads';
import { jsonbText } from '../db/copy.js';
import { readBack } from './cell-source.js';
import { openCsv, type OpenCsvOptions } from './csv-source.js';

export interface CellWorkerInput {
  path: string;
  options: OpenCsvOptions;
  /** Records per batch. */
  batch: number;
}

export interface CellBatch {
  indexes: number[];
  lines: number[];
  hashes: string[];
  json: string[];
  /** The last batch: the file has no more records. */
  end: boolean;
}

export type CellWorkerMessage = { batch: CellBatch } | { error: string };

const { path, options, batch } = workerData as CellWorkerInput;
const port = parentPort!;
let asked = 1; // batches asked for and not yet sent: the first one is asked by starting the worker
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

const empty = (): CellBatch => ({ indexes: [], lines: [], hashes: [], json: [], end: false });

try {
  let b = empty();
  for await (const rec of readBack(() => openCsv(path, options), jsonbText)) {
    b.indexes.push(rec.index);
    b.lines.push(rec.line);
    b.hashes.push(rec.hash);
    b.json.push(rec.item);
    if (b.indexes.length === batch) {
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
