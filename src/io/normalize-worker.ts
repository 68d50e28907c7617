// Worker thread of pipeline/parallel-normalize.ts: normalizes batches of records for the loader
// while the main thread reads the file, interns the rows and normalizes batches of its own.
// Batches are answered in the order they come. The rows go back without their cells (`source`
// null): only a load that does not keep them uses this worker.

import { parentPort, workerData } from 'node:worker_threads';
import { createNormalizeContext } from '../core/normalize/context.js';
import { normalizeWithoutCells } from '../core/normalize/row.js';
import type { NormalizedRow, SourceRecord } from '../core/types.js';

export type NormalizeWorkerInput = Parameters<typeof createNormalizeContext>[0];

export type NormalizeReply = { rows: NormalizedRow[] } | { error: string };

const ctx = createNormalizeContext(workerData as NormalizeWorkerInput);
const port = parentPort!;
port.on('message', (records: SourceRecord[]) => {
  let reply: NormalizeReply;
  try {
    reply = { rows: records.map((r) => normalizeWithoutCells(r, ctx)) };
  } catch (err) {
    reply = { error: err instanceof Error ? (err.stack ?? err.message) : String(err) };
  }
  port.postMessage(reply);
});
