import { describe, expect, it } from 'vitest';
import { companyNameScore, personNameScore, titleScore } from '../../../src/core/match/compare.js';
import { normalizeCompanyName } from '../../../src/core/normalize/company-name.js';
import { normalizePersonName } from '../../../src/core/normalize/person-name.js';
import { ctx } from './helpers.js';

const ck = (s: string) => normalizeCompanyName(s, ctx()).key;
const pk = (s: string) => normalizePersonName(s, ctx()).key;

describe('company name similarity (on normalized keys)', () => {
  it('scores the seed examples as the seed expects', () => {
    expect(companyNameScore(ck('Acme Corporation'), ck('Acme Corp'))).toBeGreaterThanOrEqual(0.9);
    expect(companyNameScore(ck('Acme Inc'), ck('ABC Inc'))).toBeLessThan(0.75);
  });
  it('keeps two companies sharing a first word below the auto threshold', () => {
    expect(companyNameScore(ck('Acme Widgets'), ck('Acme Gadgets'))).toBeLessThan(0.9);
  });
  it('does not treat a name contained in another as equal (no token_set)', () => {
    expect(companyNameScore(ck('Acme Widgets'), ck('Acme'))).toBeLessThan(0.75);
  });
  it('is 0 for an empty key and 1 for equal keys', () => {
    expect(companyNameScore('', 'acme')).toBe(0);
    expect(companyNameScore('acme', 'acme')).toBe(1);
  });
  it('keeps non-ASCII letters (fuzzball preprocessing is off)', () => {
    expect(companyNameScore('москва', 'москва банк')).toBeGreaterThan(0.5);
    expect(companyNameScore('москва', 'киев')).toBeLessThan(0.5);
  });
});

describe('person name similarity', () => {
  it('matches a one-letter typo above the person threshold', () => {
    expect(personNameScore(pk('John Smith'), pk('Jon Smith'))).toBeGreaterThanOrEqual(0.88);
  });
  it('matches a reversed name without a comma', () => {
    expect(personNameScore('smith john', 'john smith')).toBe(1);
  });
  it('keeps different first names apart', () => {
    expect(personNameScore('john smith', 'jane smith')).toBeLessThan(0.88);
    expect(personNameScore('john smith', 'mary jones')).toBeLessThan(0.75);
  });
});

describe('title similarity', () => {
  it('is null when a side has no title', () => {
    expect(titleScore(null, 'ceo')).toBeNull();
  });
  it('ignores word order', () => {
    expect(titleScore('vp sales', 'sales vp')).toBe(1);
  });
});
