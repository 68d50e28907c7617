import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseEngagedAt } from '../../../src/core/normalize/date.js';

describe('parseEngagedAt', () => {
  it.each([
    ['2024-01-05', '2024-01-05T00:00:00.000Z'],
    ['2024-1-5', '2024-01-05T00:00:00.000Z'],
    ['2024/01/05', '2024-01-05T00:00:00.000Z'],
    ['2024-01-05T14:30', '2024-01-05T14:30:00.000Z'],
    ['2024-01-05T14:30:15Z', '2024-01-05T14:30:15.000Z'],
    ['2024-01-05T14:30:15.123Z', '2024-01-05T14:30:15.123Z'],
    ['2024-01-05 14:30:15', '2024-01-05T14:30:15.000Z'],
    ['2024-01-05T10:00:00+02:00', '2024-01-05T08:00:00.000Z'],
    ['2024-01-05T10:00:00-0500', '2024-01-05T15:00:00.000Z'],
    ['2024-01-05 23:30:00 -05', '2024-01-06T04:30:00.000Z'],
    ['1/5/2024', '2024-01-05T00:00:00.000Z'],
    ['01/05/2024', '2024-01-05T00:00:00.000Z'],
    ['12/31/2023', '2023-12-31T00:00:00.000Z'],
    ['01-05-2024', '2024-01-05T00:00:00.000Z'],
    ['1.5.2024', '2024-01-05T00:00:00.000Z'],
    ['1/5/24', '2024-01-05T00:00:00.000Z'],
    ['1/5/99', '1999-01-05T00:00:00.000Z'],
    ['1/5/2024 3:45 PM', '2024-01-05T15:45:00.000Z'],
    ['1/5/2024 12:05 am', '2024-01-05T00:05:00.000Z'],
    ['1/5/2024 15:45:10', '2024-01-05T15:45:10.000Z'],
    ['Jan 5, 2024', '2024-01-05T00:00:00.000Z'],
    ['January 5 2024', '2024-01-05T00:00:00.000Z'],
    ['Sept. 30, 2023', '2023-09-30T00:00:00.000Z'],
    ['March 3rd, 2024 at 2:15 PM', '2024-03-03T14:15:00.000Z'],
    ['5 Jan 2024', '2024-01-05T00:00:00.000Z'],
    ['05-Jan-2024', '2024-01-05T00:00:00.000Z'],
    ['2024-02-29', '2024-02-29T00:00:00.000Z'],
  ])('%j -> %j', (raw, expected) => {
    expect(parseEngagedAt(raw)).toEqual({ value: expected, problem: null });
  });

  it.each(['', '   '])('reads %j as no date', (raw) => {
    expect(parseEngagedAt(raw)).toEqual({ value: null, problem: null });
  });

  it.each([
    '2024-02-30',
    '2023-02-29',
    '2024-13-01',
    '2024-04-31',
    '13/01/2024',
    '31/12/2024',
    '1/5/2024 13:00 PM',
    '2024-01-05T25:00',
    'yesterday',
    'Q1 2024',
    '2024',
    'Foo 5, 2024',
    '1/5/1850',
    '45296',
  ])('rejects %j as unparseable', (raw) => {
    expect(parseEngagedAt(raw)).toEqual({ value: null, problem: 'unparseable' });
  });
});

describe('parseEngagedAt ISO output', () => {
  // build() writes the ISO string itself for dates without a zone offset; it must be exactly
  // what Date.toISOString() gives.
  it('equals Date.toISOString() for every valid date and time', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1900, max: 2100 }),
        fc.integer({ min: 1, max: 12 }),
        fc.integer({ min: 1, max: 31 }),
        fc.integer({ min: 0, max: 23 }),
        fc.integer({ min: 0, max: 59 }),
        fc.integer({ min: 0, max: 59 }),
        fc.integer({ min: 0, max: 999 }),
        (y, mo, d, h, mi, s, ms) => {
          const t = Date.UTC(y, mo - 1, d, h, mi, s, ms);
          const date = new Date(t);
          if (date.getUTCDate() !== d) return; // no such day in that month
          const p2 = (n: number): string => String(n).padStart(2, '0');
          const raw = `${y}-${p2(mo)}-${p2(d)}T${p2(h)}:${p2(mi)}:${p2(s)}.${String(ms).padStart(3, '0')}`;
          expect(parseEngagedAt(raw)).toEqual({ value: date.toISOString(), problem: null });
          expect(parseEngagedAt(`${mo}/${d}/${y} ${p2(h)}:${p2(mi)}`).value).toBe(new Date(Date.UTC(y, mo - 1, d, h, mi)).toISOString());
        },
      ),
      { numRuns: 5000 },
    );
  });
});
