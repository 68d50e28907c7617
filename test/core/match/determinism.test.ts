import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createMatcher, createMatcherSteps } from '../../../src/core/match/match-rows.js';
import { runToEnd } from '../../../src/core/steps.js';
import type { CompanyRecord, MasterSnapshot, PersonRecord } from '../../../src/core/types.js';
import { company, ctx, NO_REVIEWS, person, rows, T } from './helpers.js';

const MASTER: MasterSnapshot = {
  companies: [
    company('c01', 'Acme Corp', 'acme.com'),
    company('c02', 'ACME INC'),
    company('c03', 'Acme Widgets', 'acmewidgets.com'),
    company('c04', 'Globex', 'globex.com'),
    company('c05', 'Initech LLC'),
    company('c06', 'Initec'),
  ],
  people: [
    person('p01', 'c01', 'John Smith', { email: 'john@acme.com' }),
    person('p02', 'c01', 'Jon Smith'),
    person('p03', 'c04', 'Mary Jones', { linkedinUrl: 'linkedin.com/in/mj' }),
    person('p04', 'c05', 'Bill Lumbergh', { email: 'bill@initech.com' }),
    person('p05', 'c05', 'Peter Gibbons'),
  ],
};

const INPUT = rows(
  { company_name: 'Acme', full_name: 'John Smith' },
  { company_name: 'Acme Corporation', company_domain: 'acme.com', full_name: 'Johnn Smith' },
  { company_name: 'Globex Inc', full_name: 'M. Jones', linkedin_url: 'https://www.linkedin.com/in/MJ/' },
  { company_name: 'Initech', full_name: 'Peter Gibbon' },
  { company_name: 'Hooli', full_name: 'Gavin Belson' },
  { company_name: 'Hooli Inc', full_name: 'Gavin Belson' },
  { company_name: 'Acme Widget', full_name: 'Ann Lee', email: 'ann@acmewidgets.io' },
  { company_name: 'Initech', full_name: 'Bill Lumbergh', email: 'b.lumbergh@initech.com' },
);

function shuffled<T>(xs: readonly T[], keys: number[]): T[] {
  return xs.map((x, i) => ({ x, k: keys[i % keys.length]! * 1000 + i })).sort((a, b) => a.k - b.k).map((e) => e.x);
}

describe('determinism', () => {
  it('gives deep-equal results for the same input twice (fresh matchers and a reused one)', () => {
    const a = createMatcher(MASTER, ctx()).match(INPUT, T, NO_REVIEWS);
    const b = createMatcher(MASTER, ctx()).match(INPUT, T, NO_REVIEWS);
    const m = createMatcher(MASTER, ctx());
    m.match(INPUT, { ...T, companyAuto: 0.8 }, NO_REVIEWS);
    const c = m.match(INPUT, T, NO_REVIEWS);
    expect(b).toEqual(a);
    expect(c).toEqual(a);
  });

  it('decides the same with a memo of one score pair and one person candidate list as with the full one (a matcher that matches once keeps a small memo)', () => {
    const full = createMatcher(MASTER, ctx());
    const small = runToEnd(createMatcherSteps(MASTER, ctx(), 2, { memo: 1 }));
    const a = full.match(INPUT, T, NO_REVIEWS);
    const b = small.match(INPUT, T, NO_REVIEWS);
    expect(b).toEqual(a);
    expect(full.memoized.company + full.memoized.person).toBeGreaterThan(4);
    expect(Math.max(small.memoized.company, small.memoized.person, small.memoized.title, small.personLists)).toBeLessThanOrEqual(1);
    expect(full.personLists).toBeGreaterThan(1);
    expect(small.scoreComputations).toBeGreaterThanOrEqual(full.scoreComputations);
  });

  it('does not depend on the order of the master snapshot (property)', () => {
    const reference = createMatcher(MASTER, ctx()).match(INPUT, T, NO_REVIEWS);
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 1000 }), { minLength: 1, maxLength: 12 }), (keys) => {
        const companies: CompanyRecord[] = shuffled(MASTER.companies, keys);
        const people: PersonRecord[] = shuffled(MASTER.people, [...keys].reverse());
        const r = createMatcher({ companies, people }, ctx()).match(INPUT, T, NO_REVIEWS);
        expect(r).toEqual(reference);
      }),
      { numRuns: 50 },
    );
  });

  it('re-decides with new thresholds without new fuzzball work, provisional ids in file order', () => {
    const m = createMatcher(MASTER, ctx());
    const strict = m.match(INPUT, T, NO_REVIEWS);
    const work = m.scoreComputations;
    expect(work).toBeGreaterThan(0);
    const other = m.match(INPUT, { ...T, companyAuto: 0.99, personAuto: 0.99, reviewFloor: 0.6 }, NO_REVIEWS);
    const strictAgain = m.match(INPUT, T, NO_REVIEWS);
    expect(m.scoreComputations).toBe(work);
    expect(strictAgain).toEqual(strict);
    expect(other.counts).not.toEqual(strict.counts);
    for (const r of [strict, other]) {
      const order = r.newCompanies.map((c) => c.firstRowIndex);
      expect(order).toEqual([...order].sort((x, y) => x - y));
      expect(r.newCompanies.map((c) => c.provisionalId)).toEqual(r.newCompanies.map((_, i) => `new:company:${i + 1}`));
      expect(r.newPeople.map((p) => p.provisionalId)).toEqual(r.newPeople.map((_, i) => `new:person:${i + 1}`));
    }
  });

  it('scores each distinct company key against the master once, however many rows carry it', () => {
    const many = rows(...Array.from({ length: 50 }, (_, i) => ({ company_name: 'Acme Widgetz', full_name: `Person ${i}` })));
    const m = createMatcher(MASTER, ctx());
    m.match(many.slice(0, 1), T, NO_REVIEWS);
    const one = m.scoreComputations;
    const m2 = createMatcher(MASTER, ctx());
    m2.match(many, T, NO_REVIEWS);
    // 49 more rows add only person comparisons among the rows' new people, no company work.
    expect(m2.scoreComputations).toBeLessThanOrEqual(one + 49 * 50);
    expect(m2.match(many, { ...T, reviewFloor: 0.5 }, NO_REVIEWS).decisions).toHaveLength(50);
  });
});
