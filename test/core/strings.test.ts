import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ownString } from '../../src/core/strings.js';
import { CsvTokenizer, type RawRecord } from '../../src/io/csv-tokenizer.js';

setFlagsFromString('--expose-gc');
const gc = runInNewContext('gc') as () => void;

/** Heap and external bytes still held by what `keep` returns, once its input is gone. */
function retained(make: () => unknown[]): number {
  gc();
  gc();
  const m0 = process.memoryUsage();
  const kept = make();
  gc();
  gc();
  const m1 = process.memoryUsage();
  expect(kept.length).toBeGreaterThan(0); // kept alive up to here
  return m1.heapUsed + m1.external - (m0.heapUsed + m0.external);
}

const CHUNK = Buffer.from('ł' + 'abcdefghijklmnopqrstuvwxyz,0123456789\n'.repeat(50_000));
/** A 1.9M-character chunk in two bytes a character (one ł makes it so), decoded as the CSV reader decodes. */
function bigChunk(): string {
  return new TextDecoder().decode(CHUNK);
}

/** 100 cells from each of 20 chunks (76 MB of chunks), made with `cell`. */
function cellsOfChunks(cell: (chunk: string, i: number) => string): () => string[] {
  return () => {
    const out: string[] = [];
    for (let c = 0; c < 20; c++) {
      const chunk = bigChunk();
      for (let i = 0; i < 100; i++) out.push(cell(chunk, i));
    }
    return out;
  };
}

describe('ownString: a copy that keeps nothing else alive', () => {
  it('is equal to its input for every string, lone surrogates included', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 40 }), fc.nat(5), (s, cut) => {
        const slice = ('prefix ' + s + ' suffix').slice(cut);
        expect(ownString(slice)).toBe(slice);
      }),
    );
    expect(ownString('\uD800 lone surrogate text')).toBe('\uD800 lone surrogate text');
  });

  it('cells kept from 20 chunks of 3.8 MB hold their own bytes only; views into them would hold the chunks', () => {
    // One chunk's worth of noise either way: a decoded chunk is external memory, released a collection late.
    const slice = (chunk: string, i: number): string => chunk.slice(1 + i * 39, 1 + i * 39 + 26);
    expect(retained(cellsOfChunks(slice))).toBeGreaterThan(50_000_000); // the test can tell
    expect(retained(cellsOfChunks((chunk, i) => ownString(slice(chunk, i))))).toBeLessThan(10_000_000);
  });

  it("the CSV tokenizer's fields do not hold the chunks they were read from", () => {
    const tok = new CsvTokenizer({ maxRecordChars: 1 << 20 });
    const first = (chunk: string, i: number): string => {
      const out: RawRecord[] = [];
      if (i === 0) tok.push(chunk, out);
      return out[0]?.fields[0] ?? 'x'; // 'łabc…z', 27 characters: a view if not copied
    };
    expect(retained(cellsOfChunks(first))).toBeLessThan(10_000_000);
  });
});
