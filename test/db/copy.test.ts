import { describe, expect, it } from 'vitest';
import { csvLine, jsonbText, storableText } from '../../src/db/copy.js';

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

  it('quotes every non-null CSV cell and leaves NULL unquoted', () => {
    expect(csvLine(['a', '', null, 3, true, 'say "hi"'])).toBe('"a","",,3,t,"say ""hi"""\n');
    expect(storableText('a\u0000b')).toBe('a\\u0000b');
  });
});
