import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { PackedCompanies } from '../../../src/core/match/company-list.js';
import { buildMasterIndex, type CompanyEntry } from '../../../src/core/match/master-index.js';
import { createMatcher } from '../../../src/core/match/match-rows.js';
import { company, ctx } from './helpers.js';

const text = fc.oneof(fc.constant(null), fc.string({ maxLength: 20 }));
const anyCompany = (i: number): fc.Arbitrary<CompanyEntry> =>
  fc.record({ name: fc.string({ maxLength: 20 }), key: fc.string({ maxLength: 20 }), domain: text, website: text }).map((c) => ({ id: `C${i}`, ...c }));

describe('packed companies', () => {
  it('give back each company whole and field by field, as it was put (fast-check)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 30 }).chain((n) => fc.tuple(...Array.from({ length: n }, (_, i) => anyCompany(i)))), (companies) => {
        const packed = new PackedCompanies();
        companies.forEach((c, i) => expect(packed.push(c)).toBe(i));
        packed.compact();
        expect(packed.length).toBe(companies.length);
        expect([...packed]).toEqual(companies);
        companies.forEach((c, i) => {
          expect(packed.at(i)).toEqual(c);
          expect([packed.id(i), packed.key(i), packed.domain(i)]).toEqual([c.id, c.key, c.domain]);
        });
      }),
      { numRuns: 200 },
    );
  });

  it('an unknown company is a RangeError naming the size', () => {
    const packed = new PackedCompanies();
    expect(() => packed.at(0)).toThrow(/no company 0 \(0 companies\)/);
    expect(() => packed.key(1)).toThrow(/no company 1 \(0 companies\)/);
  });

  it('the matcher finds a master company by id (the first of that id in id order), and none for an unknown id', () => {
    const master = { companies: [company('C2', 'Beta Ltd', 'beta.io'), company('C1', 'Acme Corp', 'acme.com')], people: [] };
    const index = buildMasterIndex(master, ctx());
    const m = createMatcher(master, ctx());
    expect(m.companyById('C1')).toEqual(index.tables.companies.at(0));
    expect(m.companyById('C1')!.domain).toBe('acme.com');
    expect(m.companyById('C2')!.domain).toBe('beta.io');
    expect(m.companyById('C3')).toBeNull();
  });
});
