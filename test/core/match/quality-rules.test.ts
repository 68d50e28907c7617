import { describe, expect, it } from 'vitest';
import { companyNameScore, genericCompanyWords } from '../../../src/core/match/compare.js';
import { createMatcher, matchNameKey } from '../../../src/core/match/match-rows.js';
import { domainNamesOnlyRow } from '../../../src/core/match/decide.js';
import type { MasterSnapshot } from '../../../src/core/types.js';
import { company, ctx, NO_REVIEWS, person, rows, T } from './helpers.js';
import { makeRow } from '../../helpers/rows.js';

describe('company score with generic words', () => {
  const generic = genericCompanyWords(['a holdings', 'b holdings', 'c holdings', 'd systems', 'acme']);

  it('finds words many master names carry', () => {
    expect([...generic]).toEqual(['holdings']);
  });

  it('discounts a shared generic word, so different companies fall below the review floor', () => {
    expect(companyNameScore('gabesoke holdings', 'kohabope holdings')).toBeGreaterThanOrEqual(0.75);
    expect(companyNameScore('gabesoke holdings', 'kohabope holdings', generic)).toBeLessThan(0.75);
  });

  it('keeps a one-letter typo above the auto threshold', () => {
    expect(companyNameScore('kigenire holdings', 'kigenira holdings', generic)).toBeGreaterThanOrEqual(0.9);
  });

  it('leaves names without a shared generic word unchanged', () => {
    expect(companyNameScore('acme widgets', 'acme gadgets', generic)).toBe(companyNameScore('acme widgets', 'acme gadgets'));
  });
});

describe('name key for a row with only a first name', () => {
  it('borrows the last name from the email local part', () => {
    expect(matchNameKey(makeRow({ index: 0, fullName: 'Cynthia', nameKey: 'cynthia', lastName: null, emails: ['cynthia_moore@manodita.com'] }))).toBe('cynthia moore');
  });

  it('borrows the last name from the LinkedIn slug', () => {
    expect(matchNameKey(makeRow({ index: 0, fullName: 'Sarah', nameKey: 'sarah', lastName: null, linkedinUrl: 'https://www.linkedin.com/in/sarah-sullivan-40r' }))).toBe('sarah sullivan');
  });

  it('does not borrow when the email belongs to someone else or the row has a last name', () => {
    expect(matchNameKey(makeRow({ index: 0, fullName: 'Ryan', nameKey: 'ryan', lastName: null, emails: ['ryann@x.com', 'sales.team@x.com'] }))).toBe('ryan');
    expect(matchNameKey(makeRow({ index: 0, fullName: 'Ann Lee', nameKey: 'ann lee', lastName: 'Lee', emails: ['ann.smith@x.com'] }))).toBe('ann lee');
  });
});

describe('a row with only a first name at a company where someone has that first name', () => {
  it('is sent to review, not created as a second person', async () => {
    const { createMatcher } = await import('../../../src/core/match/match-rows.js');
    const { company, ctx, person, rows, T, NO_REVIEWS } = await import('./helpers.js');
    const master = { companies: [company('C1', 'Pofakige Robotics', 'pofakige.com')], people: [person('P1', 'C1', 'Samuel Phillips', { firstName: 'Samuel', lastName: 'Phillips' })] };
    const r = rows({ company_name: 'Pofakige Robotics', company_domain: 'pofakige.com', full_name: 'Samuel' });
    const out = createMatcher(master, ctx()).match(r, T, NO_REVIEWS);
    expect(out.decisions[0]!.person).toMatchObject({ outcome: 'borderline', rule: 'person.first_name_only', targetId: 'P1' });
    expect(out.decisions[0]!.status).toBe('unresolved');
    expect(out.newPeople).toEqual([]);
  });

  it('still creates a new person when nobody at the company has that first name', async () => {
    const { createMatcher } = await import('../../../src/core/match/match-rows.js');
    const { company, ctx, person, rows, T, NO_REVIEWS } = await import('./helpers.js');
    const master = { companies: [company('C1', 'Pofakige Robotics', 'pofakige.com')], people: [person('P1', 'C1', 'Samuel Phillips', { firstName: 'Samuel', lastName: 'Phillips' })] };
    const r = rows({ company_name: 'Pofakige Robotics', company_domain: 'pofakige.com', full_name: 'Olga' });
    const out = createMatcher(master, ctx()).match(r, T, NO_REVIEWS);
    expect(out.decisions[0]!.person).toMatchObject({ outcome: 'new' });
  });
});

describe('a domain that spells the row name, against a domainless candidate', () => {
  const master: MasterSnapshot = {
    companies: [company('c1', 'BAZIDAFE WIDGETS, INC.'), company('c2', 'Acme Widgits')],
    people: [person('p1', 'c1', 'Zed Zulu'), person('p2', 'c2', 'Yan Young')],
  };

  it('sends a one-letter-apart name to review when the row domain spells only the row name', () => {
    const r = createMatcher(master, ctx()).match(rows({ company_name: 'Gazidafe Widgets', company_domain: 'gazidafe.com', full_name: 'Ann Lee' }), T, NO_REVIEWS);
    expect(r.decisions[0]!.company).toMatchObject({ outcome: 'borderline', rule: 'company.domain_name_conflict', targetId: 'c1' });
  });

  it('still matches when the domain spells the candidate name too (a typo in the master name)', () => {
    const r = createMatcher(master, ctx()).match(rows({ company_name: 'Acme Widgets', company_domain: 'acme.com', full_name: 'Ann Lee' }), T, NO_REVIEWS);
    expect(r.decisions[0]!.company).toMatchObject({ outcome: 'matched', targetId: 'c2' });
  });

  it('reads the label without its hyphens and the keys without spaces', () => {
    expect(domainNamesOnlyRow('norakife-solutions.net', 'norakife solutions', 'korakife solutions')).toBe(true);
    expect(domainNamesOnlyRow('norakife-solutions.net', 'norakife solutions', 'norakife solutions group')).toBe(false);
    expect(domainNamesOnlyRow('ab.com', 'ab widgets', 'ac widgets')).toBe(false); // too short to mean anything
  });

  it("sees a label closer to the row's typo'd name than to the candidate (1M vs 1M false merges)", () => {
    expect(domainNamesOnlyRow('tekimevi.co', 'tkeimevi energy', 'kemimevi energy')).toBe(true);
    expect(domainNamesOnlyRow('dinacove.co', 'dincaove widgets', 'dicadove widgets')).toBe(true);
    // The candidate is the domain's company: a typo in the row, a true match.
    expect(domainNamesOnlyRow('tekimevi.co', 'tkeimevi energy', 'tekimevi energy')).toBe(false);
    // A label that spells neither name (ibm.com, "international business machines") says nothing.
    expect(domainNamesOnlyRow('globex.com', 'initech systems', 'initek systems')).toBe(false);
  });

  it("sends a typo'd row name to review when its domain is closer to it than to the domainless candidate", () => {
    const m: MasterSnapshot = { companies: [company('c1', 'Kemimevi Energy')], people: [person('p1', 'c1', 'Zed Zulu')] };
    const r = createMatcher(m, ctx()).match(rows({ company_name: 'Tkeimevi Energy', company_domain: 'tekimevi.co', full_name: 'Ann Lee' }), T, NO_REVIEWS);
    expect(r.decisions[0]!.company).toMatchObject({ outcome: 'borderline', rule: 'company.domain_name_conflict' });
  });
});

describe('a perfectly matched person and a row domain that names another company', () => {
  const master: MasterSnapshot = {
    companies: [company('c1', 'Nipekibo Systems', 'nipekibo.com'), company('c2', 'Tovefoni Capital'), company('c3', 'Rakuvo Labs')],
    people: [person('p1', 'c1', 'Mary Jones', { email: 'mary@nipekibo.com', linkedinUrl: 'https://www.linkedin.com/in/maryjones' }), person('p2', 'c3', 'Bob Stone', { email: 'bob@rakuvo.io' })],
  };

  it("does not give the person's company to a row whose own domain differs from it (a move)", () => {
    // Company borderline (Tovefono vs Tovefoni, domainless); the person matched by email works at Nipekibo (nipekibo.com).
    const r = createMatcher(master, ctx()).match(
      rows({ company_name: 'Tovefono Capital', company_domain: 'tovefono.de', full_name: 'Mary Jones', email: 'mary@nipekibo.com' }),
      T,
      NO_REVIEWS,
    );
    expect(r.decisions[0]!.company).toMatchObject({ outcome: 'borderline' });
    expect(r.decisions[0]!.company!.rule).not.toBe('company.from_person');
    expect(r.decisions[0]!.person).toMatchObject({ outcome: 'matched', targetId: 'p1' });
  });

  it('still gives it when the row has no domain of its own', () => {
    const r = createMatcher(master, ctx()).match(rows({ company_name: 'Zuwaxo Ventures', full_name: 'Mary Jones', linkedin_url: 'linkedin.com/in/maryjones' }), T, NO_REVIEWS);
    expect(r.decisions[0]!.company).toMatchObject({ outcome: 'matched', rule: 'company.from_person', targetId: 'c1' });
  });
});
