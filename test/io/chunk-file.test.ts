import { readdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { PackedRows, type ChunkStore } from '../../src/core/row-list.js';
import { ChunkFile } from '../../src/io/chunk-file.js';
import type { NormalizedRow } from '../../src/core/types.js';
import { makeRow } from '../helpers/rows.js';

const CHUNK = 4 << 20;

function rowsOf(n: number, big?: number): NormalizedRow[] {
  return Array.from({ length: n }, (_, i) => makeRow({ index: i, notes: i === big ? 'y'.repeat(5 << 20) : `note ${i} ${'é'.repeat(300 + (i % 100))}` }));
}

function packedIn(store: ChunkStore | null, rows: readonly NormalizedRow[]): PackedRows {
  const p = new PackedRows(store);
  for (const r of rows) p.push(r);
  p.seal();
  return p;
}

/** A store that takes chunks until `takes` were given, then refuses (a disk that fills up), recording what it holds. */
class FillingStore implements ChunkStore {
  readonly held = new Map<number, Buffer>();
  closed = false;
  constructor(private takes: number) {}
  put(chunk: number, buf: Buffer, bytes: number): boolean {
    if (this.takes-- <= 0) return false;
    this.held.set(chunk, Buffer.from(buf.subarray(0, bytes)));
    return true;
  }
  get(chunk: number): Buffer {
    return this.held.get(chunk)!;
  }
  drop(chunk: number): void {
    for (const c of this.held.keys()) if (c < chunk) this.held.delete(c);
  }
  close(): void {
    this.closed = true;
  }
}

describe('packed rows in a chunk file', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'chunk-file-test-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('keep only the chunk being read in memory, and give back every row, a row larger than a chunk included', () => {
    const rows = rowsOf(30_000, 12_345);
    const store = ChunkFile.open(dir)!;
    const p = packedIn(store, rows);
    const inMemory = packedIn(null, rows);
    expect(store.bytes).toBe(inMemory.bytes); // every byte of every chunk went to the file
    expect(p.bytes).toBe(inMemory.bytes);
    expect(inMemory.bytesInMemory).toBeGreaterThan(5 * CHUNK);
    expect(p.bytesInMemory).toBe(0);
    expect([...p]).toEqual(rows); // in order, as the match and the plan read them
    for (const i of [29_999, 0, 12_345, 12_344, 12_346, 7]) expect(p.at(i)).toEqual(rows[i]); // and out of order
  });

  it('leave no file in the directory, and close it once every row is let go of', () => {
    const store = ChunkFile.open(dir)!;
    const p = packedIn(store, rowsOf(20_000));
    expect(readdirSync(dir).flatMap((d) => readdirSync(join(dir, d)))).toEqual([]); // unlinked when opened
    p.release(10_000);
    expect(p.at(15_000).index).toBe(15_000);
    p.release(20_000);
    expect(() => store.get(0)).toThrow(/closed/);
    expect(readdirSync(dir)).toEqual([]); // its directory removed
  });

  it('keep in memory the chunks a store cannot take (a full disk), and read every row from both', () => {
    const rows = rowsOf(30_000);
    const store = new FillingStore(2);
    const p = packedIn(store, rows);
    expect(store.held.size).toBe(2);
    expect(p.bytesInMemory).toBe(packedIn(null, rows).bytesInMemory - 2 * CHUNK);
    expect([...p]).toEqual(rows);
    p.release(30_000);
    expect(store.closed).toBe(true);
  });

  it('tell the store which chunks will not be read again as rows are let go of', () => {
    const store = new FillingStore(100);
    const p = packedIn(store, rowsOf(30_000));
    const chunks = store.held.size;
    expect(chunks).toBeGreaterThan(5);
    p.release(15_000);
    expect(store.held.size).toBeLessThan(chunks);
    expect(store.held.size).toBeGreaterThan(0);
    expect(p.at(15_000).index).toBe(15_000);
  });

  it('is not made where no file can be made', () => {
    expect(ChunkFile.open(join(dir, 'missing', 'deeper'))).toBeNull();
  });
});
