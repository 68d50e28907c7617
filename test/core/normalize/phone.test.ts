import fc from 'fast-check';
import { parsePhoneNumberFromString } from 'libphonenumber-js/max';
import { describe, expect, it } from 'vitest';
import { nanpIsValid, normalizePhone, normalizePhoneGeneral } from '../../../src/core/normalize/phone.js';
import { testContext } from './helpers.js';

const ctx = testContext();

describe('normalizePhone', () => {
  it.each([
    ['(555) 123-4567', '+15551234567', null, false],
    ['(212) 555-0100', '+12125550100', null, true],
    ['212-555-0100', '+12125550100', null, true],
    ['212.555.0100', '+12125550100', null, true],
    ['2125550100', '+12125550100', null, true],
    ['1-212-555-0100', '+12125550100', null, true],
    ['+1 (212) 555-0100', '+12125550100', null, true],
    ['+12125550100', '+12125550100', null, true],
    ['212-555-0100 x123', '+12125550100', '123', true],
    ['212-555-0100 ext. 45', '+12125550100', '45', true],
    ['212-555-0100, ext 45', '+12125550100', '45', true],
    ['(212) 555-0100 #7', '+12125550100', '7', true],
    ['212 555 0100 extension 9', '+12125550100', '9', true],
    ['Tel: (212) 555-0100', '+12125550100', null, true],
    ['(m) 212.555.0100', '+12125550100', null, true],
    ['212-555-0100 (cell)', '+12125550100', null, true],
    ['+44 20 7946 0958', '+442079460958', null, true],
    ['0044 20 7946 0958', '+442079460958', null, true],
    ['+49 30 123456', '+4930123456', null, true],
    ['+33 1 23 45 67 89', '+33123456789', null, true],
    ['+61 2 9374 4000', '+61293744000', null, true],
    ['1-800-FLOWERS', '+18003569377', null, true],
    ['(416) 555-0123', '+14165550123', null, true],
    ['212-555-0100; ext 45', '+12125550100', '45', true],
    ['+1 416 363 1234', '+14163631234', null, true],
    ['\u00a0(212)\u00a0555-0100 ', '+12125550100', null, true],
  ])('%j -> %j ext %j valid %j', (raw, value, ext, valid) => {
    const r = normalizePhone(raw, ctx);
    expect([r.value, r.ext, r.valid]).toEqual([value, ext, valid]);
  });

  it.each(['12345', '555-1234', 'n/a', 'call me', '+1 212 555 0100 0100 0100', '000-000-0000', '123'])(
    'drops %j as not a possible number',
    (raw) => {
      const r = normalizePhone(raw, ctx);
      expect(r.value).toBeNull();
      expect(r.rules).toContain('phone.unparseable');
    },
  );

  it.each([
    ['212-555-0100 / 646-555-0199', '+12125550100', ['+16465550199']],
    ['212-555-0100; 646-555-0199', '+12125550100', ['+16465550199']],
    ['212-555-0100 or 646-555-0199', '+12125550100', ['+16465550199']],
    ['212-555-0100, 646-555-0199', '+12125550100', ['+16465550199']],
    ['212-555-0100 | +44 20 7946 0958', '+12125550100', ['+442079460958']],
    ['212-555-0100; 212-555-0100', '+12125550100', []],
  ])('splits %j into the value and the others', (raw, value, others) => {
    const r = normalizePhone(raw, ctx);
    expect(r.value).toBe(value);
    expect(r.others).toEqual(others);
  });

  it('reports a cell where only part is a number', () => {
    const r = normalizePhone('212-555-0100; 12345', ctx);
    expect(r.value).toBe('+12125550100');
    expect(r.rules).toContain('phone.part_unparseable');
  });

  it('returns nothing for a blank cell', () => {
    expect(normalizePhone('  ', ctx)).toEqual({ value: null, ext: null, others: [], valid: false, rules: [] });
  });

  it('fast NANP path agrees with libphonenumber-js on E.164 and validity', () => {
    fc.assert(
      fc.property(fc.stringMatching(/^[2-9]\d{9}$/), fc.constantFrom('', '1', '+1 '), (national, prefix) => {
        const lib = parsePhoneNumberFromString(`${prefix}${national}`, 'US');
        const ours = normalizePhone(`${prefix}${national}`, ctx);
        expect(ours.value).toBe(lib?.number ?? null);
        expect(ours.valid).toBe(lib?.isValid() ?? false);
        expect(nanpIsValid(national)).toBe(lib?.isValid() ?? false);
      }),
      { numRuns: 3000 },
    );
  });
});

describe('normalizePhone simple-cell fast path', () => {
  // Cells the fast path takes ("(415) 560-4718", "+1 303 255 1738", "858-272-0107 x425") and cells
  // just outside its shape (letters, labels, separators, other extension forms, spaces at the edges):
  // either way the result must be exactly the general path's.
  const part = fc.constantFrom('', ' ', '-', '.', '(', ')', '+', '  ', ') ', ' (', '/', 'x', 'X', 'x ', ' x', '#', ';', ',', 'ext', 'Tel: ', ' (cell)', '\u00a0', 'or', 'a');
  const digits = fc.stringMatching(/^\d{1,4}$/);
  const cell = fc
    .array(fc.oneof({ weight: 3, arbitrary: digits }, { weight: 2, arbitrary: part }), { minLength: 1, maxLength: 9 })
    .map((xs) => xs.join(''));
  const nanp = fc
    .tuple(
      fc.constantFrom('', '1', '1-', '+1 ', '+1-', '+1.', '1 ', '+'),
      fc.constantFrom('', '('),
      fc.stringMatching(/^[0-9]\d{2}$/),
      fc.constantFrom('', ')', ') ', '-', '.', ' '),
      fc.stringMatching(/^\d{3}$/),
      fc.constantFrom('', '-', '.', ' ', '  '),
      fc.stringMatching(/^\d{4}$/),
      fc.constantFrom('', ' x1', ' x425', ' x1234567', ' x12345678', ' X12', ' ext 5', ' x', 'x12', '  x12', ' x12 '),
    )
    .map((xs) => xs.join(''));

  it('gives exactly what the general path gives', () => {
    fc.assert(
      fc.property(fc.oneof(nanp, cell), (raw) => {
        expect(normalizePhone(raw, ctx)).toEqual(normalizePhoneGeneral(raw, ctx));
      }),
      { numRuns: 20000 },
    );
  });

  it.each(['(415) 560-4718', '+1 303 255 1738', '303.357.7366', '18584087971', '858-272-0107 x425', '212-346-4070 x76', '555-123-4567', '(012) 345-6789'])(
    '%j: fast path = general path',
    (raw) => {
      expect(normalizePhone(raw, ctx)).toEqual(normalizePhoneGeneral(raw, ctx));
    },
  );
});
