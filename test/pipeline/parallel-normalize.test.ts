import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { loadConfig, PACKAGE_ROOT } from '../../src/config/load.js';
import { normalizeRecord } from '../../src/core/normalize/row.js';
import type { NormalizedRow, SourceRecord } from '../../src/core/types.js';
import { CsvUnusableError } from '../../src/errors.js';
import { openCsv } from '../../src/io/csv-source.js';
import { NORMALIZE_BATCH, ParallelNormalizer } from '../../src/pipeline/parallel-normalize.js';
import { loadFile, normalizeContextOf, type LoadedFile } from '../../src/pipeline/prepare.js';
import { toArray } from '../helpers/async.js';

// The read of a large --yes file normalizes on a worker thread and on the main thread at once
// (pipeline/parallel-normalize.ts): the rows must be the very rows one thread makes, in file order.

const dir = mkdtempSync(join(tmpdir(), 'parallel-normalize-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const resolved = loadConfig();
const WORKER = join(PACKAGE_ROOT, 'dist', 'io', 'normalize-worker.js');

/** fixtures/messy.csv's rows (invalid ones, warnings, every normalizer's odd cases) repeated to `copies` times. */
function messyTimes(copies: number): string {
  const [header, ...lines] = readFileSync(join(PACKAGE_ROOT, 'fixtures', 'messy.csv'), 'utf8').trimEnd().split('\n');
  const path = join(dir, `messy-${copies}.csv`);
  writeFileSync(path, [header, ...Array.from({ length: copies }, () => lines).flat()].join('\n') + '\n');
  return path;
}

/** The rows as objects (packed: false), so that which objects they share can be seen. */
async function load(path: string, parallel: boolean, normalizeWorker?: string): Promise<{ rows: NormalizedRow[]; fileIssues: LoadedFile['fileIssues']; sha256: string }> {
  const f = await loadFile(path, resolved, normalizeContextOf(resolved), () => {}, { keepCells: false, packed: false, parallel, normalizeWorker });
  return { ...f, rows: [...f.rows] };
}

describe('the read on two threads', () => {
  const path = messyTimes(120); // ~5k rows: several batches on each thread

  it('gives the rows one thread gives, in file order, sharing the same interned lists', async () => {
    const one = await load(path, false);
    const two = await load(path, true);
    expect(two.rows.length).toBe(one.rows.length);
    expect(two.rows.length).toBeGreaterThan(4 * NORMALIZE_BATCH);
    expect(two.rows.map((r) => r.index)).toEqual(one.rows.map((_, i) => i));
    expect(two.rows).toEqual(one.rows);
    expect(two.rows.filter((r) => !r.valid).length).toBeGreaterThan(100);
    for (let i = 0; i < one.rows.length; i++) {
      // Shared lists are shared again: the same (interned) rule list, the same empty lists.
      expect(two.rows[i]!.rules).toBe(one.rows[i]!.rules);
      if (one.rows[i]!.issues.length === 0) expect(two.rows[i]!.issues).toBe(one.rows[i]!.issues);
      if (one.rows[i]!.emails.length === 0) expect(two.rows[i]!.emails).toBe(one.rows[i]!.emails);
    }
    expect(two.fileIssues).toEqual(one.fileIssues);
    expect(two.sha256).toBe(one.sha256);
  });

  it('without its worker (it cannot start) the loader normalizes every row itself: the same rows', async () => {
    const one = await load(path, false);
    const alone = await load(path, true, join(dir, 'no-such-worker.js'));
    expect(alone.rows).toEqual(one.rows);
  });

  it('the worker normalizes batches of its own, and each batch comes back in the order it was put', async () => {
    const ctx = normalizeContextOf(resolved);
    const records: SourceRecord[] = await toArray((await openCsv(path, { headerAliases: resolved.rules.header_aliases, maxRecordBytes: resolved.config.input.max_record_bytes })).records());
    const pool = new ParallelNormalizer(ctx, { config: resolved.config, rules: resolved.rules, personalDomains: resolved.personalDomains }, WORKER);
    try {
      const got = [];
      for (let i = 0; i < records.length; i += 500) pool.put(records.slice(i, i + 500));
      while (pool.pending > 0) got.push(...(await pool.take()));
      expect(pool.workerRows).toBeGreaterThan(0);
      expect(got).toEqual(records.map((r) => ({ ...normalizeRecord(r, ctx), source: null })));
    } finally {
      await pool.close();
    }
  });

  it('a quote never closed stops the read with CsvUnusableError (exit 3) naming its line, as on one thread', async () => {
    const lines = readFileSync(path, 'utf8').split('\n');
    lines[3000] = `"Broken ${lines[3000]}`;
    const broken = join(dir, 'broken.csv');
    writeFileSync(broken, lines.join('\n'));
    const one = await load(broken, false).catch((e: unknown) => e);
    const two = await load(broken, true).catch((e: unknown) => e);
    expect(one).toBeInstanceOf(CsvUnusableError);
    expect(two).toBeInstanceOf(CsvUnusableError);
    expect((two as Error).message).toBe((one as Error).message);
    expect((two as Error).message).toMatch(/line 3001/);
  });
});
