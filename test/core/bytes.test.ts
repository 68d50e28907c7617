import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { ByteReader, PackedStrings, writeVarint } from '../../src/core/bytes.js';

const field = fc.oneof(fc.constant(null), fc.string(), fc.string({ unit: 'binary', maxLength: 30 }), fc.constant(''));

describe('PackedStrings', () => {
  it('gives back every field of every record as it was put, whole or one at a time, before and after compacting (fast-check)', () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(field, field, field), { maxLength: 60 }), fc.nat(60), (records, compactAt) => {
        const p = new PackedStrings(3);
        records.forEach((r, i) => {
          if (i === compactAt) p.compact(); // more records after compacting: a new chunk
          expect(p.push(r)).toBe(i);
        });
        p.compact();
        expect(p.length).toBe(records.length);
        records.forEach((r, i) => {
          expect(p.all(i)).toEqual(r);
          for (let f = 0; f < 3; f++) expect(p.get(i, f)).toBe(r[f]);
        });
      }),
      { numRuns: 300 },
    );
  });

  it('takes records past one chunk and a record larger than a chunk', () => {
    const p = new PackedStrings(2);
    const big = 'z'.repeat(PackedStrings.CHUNK + 10);
    const n = 60_000;
    for (let i = 0; i < n; i++) p.push([`id-${i}`, i === 777 ? big : `${'é'.repeat(i % 90)}@${i}`]);
    p.compact();
    for (const i of [0, 776, 777, 778, 30_000, n - 1]) expect(p.all(i)).toEqual([`id-${i}`, i === 777 ? big : `${'é'.repeat(i % 90)}@${i}`]);
    expect(p.get(777, 1)!.length).toBe(big.length);
  });

  it('refuses a record of another width and an unknown record', () => {
    const p = new PackedStrings(2);
    expect(() => p.push(['a'])).toThrow(/1 values for 2 fields/);
    p.push(['a', null]);
    expect(() => p.get(1, 0)).toThrow(RangeError);
    expect(() => p.all(-1)).toThrow(/no record -1 \(1 records\)/);
  });
});

describe('varints', () => {
  it('read back every whole number up to 2^53 as written, one after the other (fast-check)', () => {
    fc.assert(
      fc.property(fc.array(fc.oneof(fc.nat(300), fc.maxSafeNat()), { maxLength: 20 }), (values) => {
        const buf = Buffer.alloc(values.length * 10);
        let at = 0;
        for (const v of values) at = writeVarint(buf, at, v);
        const r = new ByteReader(buf, 0);
        expect(values.map(() => r.varint())).toEqual(values);
        expect(r.at).toBe(at);
      }),
    );
  });
});
