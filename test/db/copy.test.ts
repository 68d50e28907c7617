import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { copyRows, jsonbText, storableText, textChunks, textLine } from '../../src/db/copy.js';
import { createTestDatabase, driversToTest, type TestDatabase } from '../helpers/db.js';

describe('values made storable for Postgres', () => {
  it('turns NUL and lone surrogates in jsonb strings into visible escape text, keeping pairs and backslashes', () => {
    const v = { a: 'x\u0000y', b: 'lone \ud800 high', c: 'pair \ud83d\ude00 ok', d: 'back\\slash \\u0000 text', e: '\udc00' };
    const parsed = JSON.parse(jsonbText(v));
    expect(parsed).toEqual({ a: 'x\\u0000y', b: 'lone \\ud800 high', c: 'pair \ud83d\ude00 ok', d: 'back\\slash \\u0000 text', e: '\\udc00' });
  });

  it('leaves ordinary JSON untouched', () => {
    const v = { name: 'Ann "the" Lee', n: 3, list: ['é', '≠'] };
    expect(jsonbText(v)).toBe(JSON.stringify(v));
  });

  it('writes COPY text format: tab-separated, \\N for NULL, only backslash, newline, CR and tab escaped', () => {
    expect(textLine(['a', '', null, undefined, 3, 1.5, NaN, true, false, 'say "hi"'])).toBe('a\t\t\\N\t\\N\t3\t1.5\t\\N\tt\tf\tsay "hi"\n');
    expect(textLine(['tab\there', 'line\nbreak\r', 'back\\slash', '\\.', '{"a": "q\\\\"}'])).toBe('tab\\there\tline\\nbreak\\r\tback\\\\slash\t\\\\.\t{"a": "q\\\\\\\\"}\n');
    expect(textLine(['a\u0000b', 'lone \ud800'])).toBe('a\\\\u0000b\tlone \\\\ud800\n');
    expect(storableText('a\u0000b')).toBe('a\\u0000b');
  });

  it('cuts rows into chunks of whole lines', () => {
    const chunks = [...textChunks(['x'.repeat(10), 'y'.repeat(10), 'z'], (s) => [s], 15)];
    expect(chunks).toEqual([`${'x'.repeat(10)}\n${'y'.repeat(10)}\n`, 'z\n']);
  });
});

describe.each(await driversToTest())('COPY round trip on %s', (driver) => {
  let t: TestDatabase;
  beforeEach(async () => {
    t = await createTestDatabase(driver);
  });
  afterEach(async () => {
    await t.drop();
  });

  it('stores every value exactly as given (NULL vs empty, escapes, quotes, unicode, JSON with backslashes)', async () => {
    await t.db.exec('CREATE TABLE rt (n int, s text, j jsonb, b boolean, x numeric)');
    const values = ['', 'plain', 'tab\tsep', 'multi\nline\r\nend', 'back\\slash', '\\.', '\\N', 'N', 'say "hi", ok', 'ünï ≠ 😀', "it's"];
    const items: { n: number; s: string | null; j: { s: string; nested: unknown[] } | null }[] = values.map((s, i) => ({ n: i, s, j: { s, nested: [s, null, 1.5] } }));
    items.push({ n: 99, s: null, j: null });
    await copyRows(t.db, 'rt', ['n', 's', 'j', 'b', 'x'], items, (r) => [r.n, r.s, r.j === null ? null : jsonbText(r.j), r.n % 2 === 0, r.n / 4]);
    const res = await t.db.query<{ n: number; s: string | null; j: unknown; b: boolean; x: string }>('SELECT n, s, j, b, x::text FROM rt ORDER BY n');
    expect(res.rows.map((r) => r.s)).toEqual([...values, null]);
    expect(res.rows.map((r) => r.j)).toEqual(items.map((r) => r.j));
    expect(res.rows.map((r) => r.b)).toEqual(items.map((r) => r.n % 2 === 0));
    expect(res.rows.map((r) => Number(r.x))).toEqual(items.map((r) => r.n / 4));
  });

  it('stores NUL and lone surrogates as visible escape text', async () => {
    await t.db.exec('CREATE TABLE rt (s text, j jsonb)');
    await copyRows(t.db, 'rt', ['s', 'j'], ['a\u0000b', 'lone \ud800 x'], (s) => [s, jsonbText({ s })]);
    const res = await t.db.query<{ s: string; j: { s: string } }>('SELECT s, j FROM rt ORDER BY s');
    expect(res.rows).toEqual([
      { s: 'a\\u0000b', j: { s: 'a\\u0000b' } },
      { s: 'lone \\ud800 x', j: { s: 'lone \\ud800 x' } },
    ]);
  });
});
