import fc from 'fast-check';
import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { rowHash } from '../../../src/core/normalize/row-hash.js';

describe('rowHash', () => {
  it('is the MD5 of the values in canonical column order joined by U+001F, missing as empty', () => {
    const joined = ['Acme', '', '', 'John Smith', ...Array(11).fill('')].join('\u001f');
    expect(rowHash({ full_name: 'John Smith', company_name: 'Acme' })).toBe(createHash('md5').update(joined).digest('hex'));
  });

  it('does not depend on the key order of the record', () => {
    expect(rowHash({ company_name: 'Acme', email: 'a@acme.com' })).toBe(rowHash({ email: 'a@acme.com', company_name: 'Acme' }));
  });

  it('tells apart values that a plain concatenation would confuse', () => {
    expect(rowHash({ company_name: 'ab', company_domain: 'c' })).not.toBe(rowHash({ company_name: 'a', company_domain: 'bc' }));
  });

  it('hashes the raw values: whitespace matters', () => {
    expect(rowHash({ company_name: 'Acme ' })).not.toBe(rowHash({ company_name: 'Acme' }));
  });
});

describe('rowHash digest', () => {
  it('equals createHash md5 of the UTF-8 joined values for any text, lone surrogates included', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 40 }), fc.string({ unit: 'grapheme', maxLength: 40 }), fc.string({ maxLength: 5 }), (a, b, c) => {
        const joined = [a, '', b, '', '', '', '', c, ...Array(7).fill('')].join('\u001f');
        const values = { company_name: a, company_website: b, email: c };
        expect(rowHash(values)).toBe(createHash('md5').update(joined, 'utf8').digest('hex'));
      }),
      { numRuns: 2000 },
    );
    expect(rowHash({ company_name: '\ud800x' })).toBe(createHash('md5').update(['\ud800x', ...Array(14).fill('')].join('\u001f'), 'utf8').digest('hex'));
  });
});
