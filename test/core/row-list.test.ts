import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { PackedRows, RowArray } from '../../src/core/row-list.js';
import type { NormalizedRow } from '../../src/core/types.js';
import { makeRow } from '../helpers/rows.js';

const text: fc.Arbitrary<string | null> = fc.oneof(fc.constant(null), fc.string(), fc.string({ unit: 'binary', maxLength: 40 }), fc.constant(''), fc.string({ minLength: 200, maxLength: 400 }));
const count = fc.oneof(fc.nat(300), fc.constant(2147483647), fc.integer({ min: 0, max: 2147483647 }));

/** Any row the reader could make, the odd ones included (empty strings, astral characters, a raw cell equal to its value). */
const anyRow = (index: number) =>
  fc
    .record({
      companyName: fc.string(),
      companyNameRaw: text,
      companyKey: fc.string(),
      domain: text,
      domainRaw: text,
      domainSource: fc.constantFrom(null, 'company_domain' as const, 'company_website' as const, 'email' as const),
      website: text,
      fullName: fc.string({ unit: 'binary', maxLength: 30 }),
      fullNameRaw: text,
      firstName: text,
      lastName: text,
      nameKey: fc.string(),
      title: text,
      emails: fc.array(fc.emailAddress(), { maxLength: 3 }),
      phone: text,
      phoneExt: text,
      linkedinUrl: text,
      opens: count,
      replies: count,
      meetings: count,
      lastEngagedAt: text,
      notes: text,
      valid: fc.boolean(),
      rawSame: fc.boolean(),
    })
    .map(({ rawSame, emails, ...r }): NormalizedRow => {
      const row = makeRow({ index, ...r, emails, email: emails[0] ?? null, rules: index % 2 === 0 ? [] : ['company_name:company.case'] });
      if (rawSame) Object.assign(row, { companyNameRaw: row.companyName, fullNameRaw: row.fullName, domainRaw: row.domain });
      return row;
    });

const anyRows = fc.integer({ min: 0, max: 40 }).chain((n) => fc.tuple(...Array.from({ length: n }, (_, i) => anyRow(i))));

function packed(rows: readonly NormalizedRow[]): PackedRows {
  const p = new PackedRows();
  for (const r of rows) p.push(r);
  p.seal();
  return p;
}

describe('packed rows', () => {
  it('give back every row as it was put, field for field, whole or by its SourceRow part', () => {
    fc.assert(
      fc.property(anyRows, (rows) => {
        const p = packed(rows);
        expect(p.length).toBe(rows.length);
        expect([...p]).toEqual(rows);
        rows.forEach((r, i) => {
          expect(p.at(i)).toEqual(r);
          expect(p.head(i)).toEqual({ index: r.index, line: r.line, hash: r.hash, source: r.source, valid: r.valid, issues: r.issues });
        });
        expect([...p.heads()].map((h) => h.hash)).toEqual(rows.map((r) => r.hash));
      }),
      { numRuns: 200 },
    );
  });

  it("keep a row's shared lists by reference (its interned rules, its issues, its cells), and make its SourceRow part from columns", () => {
    const rules = Object.freeze(['company_name:company.case']) as unknown as string[];
    const issues = [{ code: 'email_invalid', line: 3, column: 'email', severity: 'warning' as const, message: 'x' }];
    const source = { Company: 'Acme' };
    const p = packed([makeRow({ index: 0, rules, source: null }), makeRow({ index: 1, issues, source })]);
    expect(p.at(0).rules).toBe(rules);
    expect(p.at(1).issues).toBe(issues);
    expect(p.head(1).source).toBe(source);
    expect(p.head(0)).toEqual({ index: 0, line: 2, hash: p.at(0).hash, source: null, valid: true, issues: [] });
    expect(p.head(1)).not.toBe(p.head(1));
  });

  it('decode each read into a new object: a caller that changes one does not change the list', () => {
    const p = packed([makeRow({ index: 0, companyName: 'Acme' })]);
    const first = p.at(0);
    first.companyName = 'Changed';
    expect(p.at(0).companyName).toBe('Acme');
  });

  it('take more rows than fit in one chunk, and a row larger than a chunk', () => {
    const big = 'x'.repeat(5 << 20);
    const rows = Array.from({ length: 30_000 }, (_, i) => makeRow({ index: i, notes: i === 12_345 ? big : `note ${i} ${'é'.repeat(i % 150)}` }));
    const p = packed(rows);
    expect(p.bytes).toBeGreaterThan(4 << 20);
    for (const i of [0, 1, 12_344, 12_345, 12_346, 29_999]) expect(p.at(i)).toEqual(rows[i]);
  });

  it('let go of the rows before a place, a chunk at a time, and still give every row after it', () => {
    const rows = Array.from({ length: 30_000 }, (_, i) => makeRow({ index: i, notes: `note ${i} ${'x'.repeat(700 + (i % 50))}` }));
    const p = packed(rows);
    const whole = p.bytes;
    const chunk = 4 << 20;
    expect(whole).toBeGreaterThan(5 * chunk);
    p.release(1);
    expect(p.bytes).toBe(whole); // the first chunk still holds rows from 1 on
    expect(() => p.at(0)).toThrow(/row 0 was let go of/);
    expect(p.at(1)).toEqual(rows[1]);
    p.release(20_000);
    // A third of the rows are left, in whole chunks: at most one chunk more than their own bytes.
    expect(p.bytes).toBeGreaterThanOrEqual(whole / 3 - 1024);
    expect(p.bytes).toBeLessThanOrEqual(whole / 3 + chunk);
    p.release(10); // never back
    expect(() => p.head(19_999)).toThrow(/let go of/);
    expect(() => p.heads()).toThrow(/let go of/);
    for (const i of [20_000, 25_000, 29_999]) expect(p.at(i)).toEqual(rows[i]);
    p.release(30_000);
    expect(p.bytes).toBe(0);
    expect(() => p.push(makeRow({ index: 30_000 }))).toThrow(/after some were let go of/);
  });

  it('refuse a row out of order, and a count that is not a whole number of 0 or more', () => {
    const p = new PackedRows();
    expect(() => p.push(makeRow({ index: 1 }))).toThrow(/out of order/);
    expect(() => p.push(makeRow({ index: 0, opens: -1 }))).toThrow(/cannot be packed/);
    expect(() => new PackedRows().push(makeRow({ index: 0, replies: 1.5 }))).toThrow(/cannot be packed/);
  });

  it('an unknown row is a RangeError naming the size', () => {
    expect(() => packed([makeRow({ index: 0 })]).at(3)).toThrow(/no row 3 \(1 rows\)/);
  });

  it('a row list of objects reads its rows themselves (the wizard changes them in place)', () => {
    const rows = [makeRow({ index: 0 }), makeRow({ index: 1 })];
    const list = new RowArray(rows);
    expect(list.at(1)).toBe(rows[1]);
    expect(list.head(0)).toBe(rows[0]);
    expect([...list]).toEqual(rows);
    expect(list.heads()).toBe(rows);
  });

  it('a row list of objects lets go of its rows one by one, and still gives every row after them', () => {
    const rows = [makeRow({ index: 0 }), makeRow({ index: 1 }), makeRow({ index: 2 })];
    const list = new RowArray([...rows]);
    list.release(2);
    expect(() => list.at(1)).toThrow(/row 1 was let go of/);
    expect(() => list.head(0)).toThrow(/row 0 was let go of/);
    expect(() => list.heads()).toThrow(/let go of/);
    expect(list.at(2)).toBe(rows[2]);
    expect(list.rows.slice(0, 2)).toEqual([null, null]);
    expect(() => list.at(3)).toThrow(/no row 3 \(3 rows\)/);
  });
});
