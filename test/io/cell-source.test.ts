import { mkdtempSync, rmSync, writeFileSync, appendFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { stringify } from 'csv-stringify/sync';
import { loadConfig } from '../../src/config/load.js';
import { EXIT } from '../../src/errors.js';
import { cellMap, FileChangedError, fileCells, fileIdentity, memoryCells, type CellSource, type Cells, type RowKey } from '../../src/io/cell-source.js';
import { openCsv } from '../../src/io/csv-source.js';
import { jsonbText } from '../../src/db/copy.js';
import { PACKAGE_ROOT } from '../../src/config/load.js';
import { giveCells, loadFile, normalizeContextOf, readCellsBack, type LoadedFile } from '../../src/pipeline/prepare.js';
import { toArray } from '../helpers/async.js';
import type { NormalizedRow } from '../../src/core/types.js';

const dir = mkdtempSync(join(tmpdir(), 'cell-source-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const resolved = loadConfig();
let n = 0;

const HEADER = ['Company', 'Full Name', 'Email', 'crm_owner', 'Notes'];
function csvOf(rows: string[][]): string {
  return stringify([HEADER, ...rows]);
}
function write(content: string): string {
  const p = join(dir, `f${n++}.csv`);
  writeFileSync(p, content);
  return p;
}
const sample = (i: number): string[] => [`Acme ${i}`, `Person ${i}`, `p${i}@acme.com`, `owner ${i % 3}`, i % 4 === 0 ? `multi\nline, "quoted" ${i}` : ''];

async function load(path: string, keepCells: boolean, parallel?: boolean): Promise<LoadedFile> {
  return loadFile(path, resolved, normalizeContextOf(resolved), () => {}, { keepCells, parallel });
}

/** The rows of a loaded file as a list (a load without cells packs them: each is decoded here). */
function arr(f: LoadedFile): NormalizedRow[] {
  return [...f.rows];
}

function collect(src: CellSource, rows: readonly RowKey[]): Promise<Cells[]> {
  return toArray(src.cellsOf(rows));
}

describe('cells read again from the file (a --yes run does not keep them)', () => {
  it('a load without cells keeps none on the rows and reads back, for any rows asked, the cells a load with them kept', async () => {
    const path = write(csvOf(Array.from({ length: 40 }, (_, i) => sample(i))));
    const kept = await load(path, true);
    const dropped = await load(path, false);
    expect(kept.cells).toBeNull();
    expect(arr(dropped).every((r) => r.source === null)).toBe(true);
    expect(arr(dropped).map((r) => r.hash)).toEqual(arr(kept).map((r) => r.hash));
    await fc.assert(
      fc.asyncProperty(fc.subarray(arr(dropped).map((r) => r.index)), async (indexes) => {
        const rows = indexes.map((i) => arr(dropped)[i]!);
        expect(await collect(dropped.cells!, rows)).toEqual(indexes.map((i) => arr(kept)[i]!.source));
      }),
      { numRuns: 30 },
    );
  });

  it('readCellsBack reads back the cells of the rows asked for only, and giveCells gives them to those rows', async () => {
    const path = write(csvOf(Array.from({ length: 10 }, (_, i) => sample(i))));
    const f = await load(path, false);
    const rows = arr(f);
    giveCells(rows, await readCellsBack(f, (i) => i === 2 || i === 7).cells);
    expect(rows.map((r) => (r.source ? r.index : null)).filter((x) => x !== null)).toEqual([2, 7]);
    expect(rows[7]!.source).toEqual({ Company: 'Acme 7', 'Full Name': 'Person 7', Email: 'p7@acme.com', crm_owner: 'owner 1', Notes: '' });
  });

  it('a file rewritten after it was read stops the read-back with FileChangedError (exit 1), naming the file', async () => {
    const path = write(csvOf(Array.from({ length: 5 }, (_, i) => sample(i))));
    const f = await load(path, false);
    writeFileSync(path, csvOf(Array.from({ length: 5 }, (_, i) => sample(i + 1))));
    const err = await collect(f.cells!, arr(f)).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(FileChangedError);
    expect((err as FileChangedError).exitCode).toBe(EXIT.failed);
    expect((err as Error).message).toContain(path);
  });

  it('a row whose cells differ from the ones planned is caught by its hash, with its line (the size and time may not show it)', async () => {
    const planned = await load(write(csvOf([sample(1), sample(2), sample(3)])), false);
    // The file as it would read after an edit of one letter in its second row: a source of it,
    // asked for the rows planned from the first version.
    const edited = await load(write(csvOf([sample(1), ['Acme 9', ...sample(2).slice(1)], sample(3)])), false);
    const err = await collect(edited.cells!, arr(planned)).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(FileChangedError);
    expect((err as Error).message).toMatch(/line 3 is not the row that was read there/);
  });

  it('a file cut short after it was read is caught', async () => {
    const path = write(csvOf([sample(1), sample(2), sample(3)]));
    const f = await load(path, false);
    const shorter = await load(write(csvOf([sample(1), sample(2)])), false);
    const err = await collect(shorter.cells!, arr(f)).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(FileChangedError);
    expect((err as Error).message).toMatch(/fewer rows/);
  });

  it('rows appended after the read change the file identity and are caught', async () => {
    const path = write(csvOf([sample(1), sample(2)]));
    const f = await load(path, false);
    appendFileSync(path, 'Acme 3,Person 3,p3@acme.com,x,\n');
    await expect(cellMap(f.cells!, arr(f))).rejects.toBeInstanceOf(FileChangedError);
  });

  it('jsonOf gives the cells as jsonb text, the same on a worker thread (the compiled one), in this thread, and from memory', async () => {
    const path = write(csvOf(Array.from({ length: 9000 }, (_, i) => sample(i)))); // three worker batches
    const kept = await load(path, true);
    const options = { headerAliases: resolved.rules.header_aliases, maxRecordBytes: resolved.config.input.max_record_bytes, transientCells: true };
    const identity = (await fileIdentity(path))!;
    const open = () => openCsv(path, options);
    const onWorker = fileCells(path, open, identity, { script: join(PACKAGE_ROOT, 'dist', 'io', 'cell-worker.js'), options });
    const noWorker = fileCells(path, open, identity, { script: '/nonexistent/cell-worker.js', options }); // falls back to this thread
    const inThread = fileCells(path, open, identity);
    const texts = (src: CellSource, rows: readonly RowKey[]): Promise<string[]> => toArray(src.jsonOf(rows));
    for (const rows of [arr(kept), arr(kept).filter((r) => r.index % 7 === 3), arr(kept).slice(8000)]) {
      const want = rows.map((r) => jsonbText(r.source));
      expect(await texts(onWorker, rows)).toEqual(want);
      expect(await texts(noWorker, rows)).toEqual(want);
      expect(await texts(inThread, rows)).toEqual(want);
      expect(await texts(memoryCells(arr(kept)), rows)).toEqual(want);
    }
    // The cells themselves (a few rows: the fallout's), the same on the worker, in this thread and from memory.
    const cellsOnWorker = fileCells(path, open, identity, { script: join(PACKAGE_ROOT, 'dist', 'io', 'cell-worker.js'), options, cellsOnWorker: true });
    const cellsNoWorker = fileCells(path, open, identity, { script: '/nonexistent/cell-worker.js', options, cellsOnWorker: true });
    for (const rows of [arr(kept).filter((r) => r.index % 97 === 5), arr(kept).slice(8990), [arr(kept)[0]!]]) {
      const want = rows.map((r) => r.source);
      expect(await collect(cellsOnWorker, rows)).toEqual(want);
      expect(await collect(cellsNoWorker, rows)).toEqual(want);
      expect(await collect(onWorker, rows)).toEqual(want);
      expect(await collect(inThread, rows)).toEqual(want);
    }
    // A row planned from another version of the file is caught on the worker path too.
    const other = arr(await load(write(csvOf(Array.from({ length: 9000 }, (_, i) => sample(i === 5000 ? 1 : i)))), true));
    await expect(texts(onWorker, other)).rejects.toThrow(/line \d+ is not the row that was read there/);
    await expect(collect(cellsOnWorker, other.filter((r) => r.index % 1000 === 0))).rejects.toThrow(/line \d+ is not the row that was read there/);
  });

  it('a few rows with large cells come back whole from the worker, in batches cut by size (4 MB of cells each)', async () => {
    const big = (i: number): string[] => [`Acme ${i}`, `Person ${i}`, `p${i}@acme.com`, `owner ${i}`, String(i % 10).repeat(900_000)];
    const path = write(csvOf(Array.from({ length: 14 }, (_, i) => (i % 2 === 0 ? big(i) : sample(i)))));
    const kept = await load(path, true);
    const dropped = await load(path, false, true); // read as a large file is: its cells read back on the worker
    const rows = arr(dropped).filter((r) => r.index % 2 === 0 || r.index === 13);
    const got = await collect(dropped.cells!, rows);
    expect(got.map((c) => c.Notes!.length)).toEqual(rows.map((r) => arr(kept)[r.index]!.source!.Notes!.length));
    expect(got).toEqual(rows.map((r) => arr(kept)[r.index]!.source));
  });

  it('only a regular file has an identity to read it back by (a device or pipe cannot be read twice)', async () => {
    const path = write(csvOf([sample(1)]));
    expect(await fileIdentity(path)).toMatchObject({ size: csvOf([sample(1)]).length });
    expect(await fileIdentity('/dev/null')).toBeNull();
  });

  it('cells kept in memory are served as they are, and a row without them is an error, not an empty row', async () => {
    const rows = [
      { index: 0, hash: 'a', source: { A: '1' } },
      { index: 1, hash: 'b', source: null },
    ];
    expect(await collect(memoryCells(rows), [rows[0]!])).toEqual([{ A: '1' }]);
    await expect(collect(memoryCells(rows), rows)).rejects.toThrow(/row 1: its cells were not kept/);
  });
});
