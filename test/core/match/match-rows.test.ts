import { describe, expect, it } from 'vitest';
import { createMatcher } from '../../../src/core/match/match-rows.js';
import type { MasterSnapshot, ReviewChoice } from '../../../src/core/types.js';
import { company, ctx, NO_REVIEWS, person, rows, T } from './helpers.js';

const MASTER: MasterSnapshot = {
  companies: [
    company('c-acme', 'ACME CORP, INC.', 'WWW.ACME.COM'),
    company('c-globex', 'Globex Corporation', null, 'https://www.globex.com/about'),
    company('c-initech', 'Initech LLC', null),
    company('c-widgets', 'Acme Widgets', 'acmewidgets.com'),
  ],
  people: [
    person('p-john', 'c-acme', 'John Smith', { email: 'John.Smith@ACME.com', title: 'VP Sales' }),
    person('p-mary', 'c-acme', 'Mary Jones', { email: 'mary@acme.com', linkedinUrl: 'https://uk.linkedin.com/in/MaryJones/' }),
    person('p-bill', 'c-initech', 'Bill Lumbergh', { email: 'bill@initech.com' }),
    person('p-john-globex', 'c-globex', 'John Smith', { email: 'jsmith@globex.com' }),
  ],
};

const match = (master: MasterSnapshot, input: Parameters<typeof rows>, reviews: ReadonlyMap<string, ReviewChoice> = NO_REVIEWS) =>
  createMatcher(master, ctx()).match(rows(...input), T, reviews);

describe('company rules', () => {
  it('matches a normalized domain exactly against a messy stored domain (perfect, confidence 1)', () => {
    const r = match(MASTER, [{ company_name: 'Something Else', company_website: 'https://acme.com/team', full_name: 'Zed Zulu' }]);
    const c = r.decisions[0]!.company!;
    expect(c).toMatchObject({ outcome: 'matched', matchType: 'perfect', rule: 'company.domain_exact', targetId: 'c-acme', confidence: 1 });
  });

  it('matches the seed example "Acme Corporation" to "Acme Corp" by name when no domain is given', () => {
    const r = match({ companies: [company('c1', 'Acme Corp')], people: [] }, [{ company_name: 'Acme Corporation', full_name: 'A B' }]);
    expect(r.decisions[0]!.company).toMatchObject({ outcome: 'matched', matchType: 'fuzzy', rule: 'company.name_fuzzy', targetId: 'c1' });
    expect(r.decisions[0]!.company!.confidence).toBeGreaterThanOrEqual(0.9);
  });

  it('does not match the seed example "Acme Inc" to "ABC Inc" (new company)', () => {
    const r = match({ companies: [company('c1', 'ABC Inc')], people: [] }, [{ company_name: 'Acme Inc', full_name: 'A B' }]);
    const c = r.decisions[0]!.company!;
    expect(c).toMatchObject({ outcome: 'new', matchType: 'no_match', rule: 'company.no_match', targetId: 'new:company:1' });
    // "acme" and "abc" share no trigram: the index does not even propose it (its score is 0.57).
    expect(c.best === null || c.best.score < 0.75).toBe(true);
  });

  it('sends "Acme Gadgets" vs "Acme Widgets" to review, never an automatic match', () => {
    const r = match({ companies: [company('c1', 'Acme Widgets')], people: [] }, [{ company_name: 'Acme Gadgets', full_name: 'A B' }]);
    expect(r.decisions[0]!.company).toMatchObject({ outcome: 'borderline', rule: 'company.name_fuzzy', targetId: 'c1', reviewKey: 'company:acme gadgets|' });
    expect(r.decisions[0]!.status).toBe('unresolved');
  });

  it('never auto-matches by name when the row domain differs from the candidate domain', () => {
    const r = match(MASTER, [{ company_name: 'Acme Widgets Inc', company_domain: 'acme-widgets.io', full_name: 'A B' }]);
    const c = r.decisions[0]!.company!;
    expect(c).toMatchObject({ outcome: 'borderline', rule: 'company.domain_conflict', targetId: 'c-widgets' });
    expect(c.best!.score).toBe(1);
    expect(c.reviewKey).toBe('company:acme widgets|acme-widgets.io');
  });

  it('matches by name when the candidate has no domain', () => {
    const r = match(MASTER, [{ company_name: 'Initech', company_domain: 'initech.com', full_name: 'A B' }]);
    expect(r.decisions[0]!.company).toMatchObject({ outcome: 'matched', rule: 'company.name_fuzzy', targetId: 'c-initech' });
  });

  it('sends two candidates within the near-tie margin to review', () => {
    const master = { companies: [company('c2', 'Acme Holdings'), company('c1', 'Acme Holdingz')], people: [] };
    const r = match(master, [{ company_name: 'Acme Holdingx', full_name: 'A B' }]);
    const c = r.decisions[0]!.company!;
    expect(c.outcome).toBe('borderline');
    expect(c.rule).toBe('company.near_tie');
    expect(c.runnerUp).not.toBeNull();
    expect(Math.abs(c.best!.score - c.runnerUp!.score)).toBeLessThanOrEqual(0.02);
  });

  it('sends two stored companies with the same name to review (duplicates in the master)', () => {
    const master = { companies: [company('c2', 'ACME INC'), company('c1', 'Acme Corp')], people: [] };
    const c = match(master, [{ company_name: 'Acme', full_name: 'A B' }]).decisions[0]!.company!;
    expect(c).toMatchObject({ outcome: 'borderline', rule: 'company.near_tie', targetId: 'c1' });
    expect(c.runnerUp!.id).toBe('c2');
  });

  it('records the compared values, per-field scores and a reason', () => {
    const c = match(MASTER, [{ company_name: 'Globex Corp.', full_name: 'A B' }]).decisions[0]!.company!;
    expect(c.compared).toMatchObject({ company_name_raw: 'Globex Corp.', company_name: 'Globex', company_key: 'globex', domain: null });
    expect(c.best).toMatchObject({ id: 'c-globex', scores: { name: 1 }, values: { domain: 'globex.com' } });
    expect(c.reason).toMatch(/Globex/);
  });
});

describe('person rules', () => {
  it('matches the seed example "Jon Smith" to "John Smith" at the same company', () => {
    const p = match(MASTER, [{ company_name: 'Acme', company_domain: 'acme.com', full_name: 'Jon Smith' }]).decisions[0]!.person!;
    expect(p).toMatchObject({ outcome: 'matched', matchType: 'fuzzy', rule: 'person.name_fuzzy', targetId: 'p-john' });
    expect(p.confidence).toBeGreaterThanOrEqual(0.88);
  });

  it('does not match a namesake at a different company', () => {
    const r = match(MASTER, [{ company_name: 'Initech', full_name: 'John Smith' }]);
    expect(r.decisions[0]!.company!.targetId).toBe('c-initech');
    expect(r.decisions[0]!.person).toMatchObject({ outcome: 'new', rule: 'person.no_match', targetId: 'new:person:1' });
  });

  it('matches LinkedIn exactly across URL variants, whatever the name (strongest rule)', () => {
    const p = match(MASTER, [{ company_name: 'Acme', company_domain: 'acme.com', full_name: 'M. J.', linkedin_url: 'linkedin.com/in/maryjones?trk=x' }])
      .decisions[0]!.person!;
    expect(p).toMatchObject({ outcome: 'matched', matchType: 'perfect', rule: 'person.linkedin_exact', targetId: 'p-mary', confidence: 1 });
  });

  it('matches an email exactly on the second address of the cell', () => {
    const p = match(MASTER, [{ company_name: 'Acme', full_name: 'Mary Jones', email: 'mjones@gmail.com; MARY@acme.com' }]).decisions[0]!.person!;
    expect(p).toMatchObject({ outcome: 'matched', rule: 'person.email_exact', targetId: 'p-mary' });
  });

  it('matches email domain + first + last name exactly', () => {
    const p = match(MASTER, [{ company_name: 'Initech', full_name: 'Bill Lumbergh', email: 'william.l@initech.com' }]).decisions[0]!.person!;
    expect(p).toMatchObject({ outcome: 'matched', matchType: 'perfect', rule: 'person.domain_name_exact', targetId: 'p-bill' });
  });

  it('does not use a personal email domain for the domain + name rule', () => {
    const master = { companies: [company('c1', 'Alpha')], people: [person('p1', 'c1', 'Ann Lee', { email: 'ann.lee@gmail.com' })] };
    const p = match(master, [{ company_name: 'Beta', full_name: 'Ann Lee', email: 'annlee@gmail.com' }]).decisions[0]!.person!;
    expect(p.outcome).toBe('new');
  });

  it('matches fuzzy names only within the resolved company', () => {
    const r = match(MASTER, [{ company_name: 'Globex', full_name: 'Jon Smith' }]);
    expect(r.decisions[0]!.person).toMatchObject({ outcome: 'matched', targetId: 'p-john-globex' });
  });

  it('never matches because of a title: same title, different name is new', () => {
    const p = match(MASTER, [{ company_name: 'Acme', company_domain: 'acme.com', full_name: 'Peter Parker', title: 'VP Sales' }]).decisions[0]!.person!;
    expect(p.outcome).toBe('new');
  });

  it('reports the title score as a support signal only', () => {
    const p = match(MASTER, [{ company_name: 'Acme', company_domain: 'acme.com', full_name: 'John Smyth', title: 'Sales VP' }]).decisions[0]!.person!;
    expect(p.best!.scores.title).toBe(1);
    expect(p.best!.score).toBe(p.best!.scores.name);
  });

  it('a person matched perfectly gives its company to a row whose company is new without a domain', () => {
    const r = match(MASTER, [{ company_name: 'Acme Intl Holdings', full_name: 'Mary Jones', linkedin_url: 'linkedin.com/in/maryjones' }]);
    expect(r.decisions[0]!.company).toMatchObject({ outcome: 'matched', matchType: 'perfect', rule: 'company.from_person', targetId: 'c-acme' });
    expect(r.decisions[0]!.status).toBe('resolved');
    expect(r.newCompanies).toEqual([]);
  });

  it('a person matched perfectly resolves a borderline company', () => {
    const r = match(MASTER, [{ company_name: 'Acme Widgetz Labs', full_name: 'Mary Jones', linkedin_url: 'https://www.linkedin.com/in/maryjones' }]);
    expect(r.decisions[0]!.company!.rule).toBe('company.from_person');
  });

  it('keeps a row with its own unknown domain on a new company even when the person matched (a move)', () => {
    const r = match(MASTER, [{ company_name: 'Hooli', company_domain: 'hooli.com', full_name: 'Mary Jones', email: 'mary@acme.com' }]);
    expect(r.decisions[0]!.company).toMatchObject({ outcome: 'new', targetId: 'new:company:1' });
    expect(r.decisions[0]!.person).toMatchObject({ outcome: 'matched', targetId: 'p-mary' });
  });

  it('sends a shared inbox (same email, different name) to review', () => {
    const p = match(MASTER, [{ company_name: 'Acme', full_name: 'Robert Brown', email: 'mary@acme.com' }]).decisions[0]!.person!;
    expect(p).toMatchObject({ outcome: 'borderline', rule: 'person.email_exact_name_conflict' });
  });

  it('sends two namesakes at one company to review', () => {
    const master = { companies: [company('c1', 'Acme', 'acme.com')], people: [person('p1', 'c1', 'John Smith'), person('p2', 'c1', 'JOHN SMITH')] };
    const p = match(master, [{ company_name: 'Acme', company_domain: 'acme.com', full_name: 'John Smith' }]).decisions[0]!.person!;
    expect(p).toMatchObject({ outcome: 'borderline', rule: 'person.near_tie', targetId: 'p1', reviewKey: expect.stringMatching(/^person:/) });
  });

  it('does not propose a same-name candidate with a different LinkedIn profile', () => {
    const master = { companies: [company('c1', 'Acme', 'acme.com')], people: [person('p1', 'c1', 'John Smith', { linkedinUrl: 'linkedin.com/in/john-a' })] };
    const p = match(master, [{ company_name: 'Acme', company_domain: 'acme.com', full_name: 'John Smith', linkedin_url: 'linkedin.com/in/john-b' }])
      .decisions[0]!.person!;
    expect(p.outcome).toBe('new');
    expect(p.reason).toMatch(/different LinkedIn/);
  });
});

describe('in-file duplicates', () => {
  it('two rows of one new company create one provisional company', () => {
    const r = match(MASTER, [
      { company_name: 'Hooli Inc', company_domain: 'hooli.com', full_name: 'Gavin Belson' },
      { company_name: 'Hooli', full_name: 'Nelson Bighetti' },
      { company_name: 'HOOLI LLC', company_website: 'www.hooli.com', full_name: 'Jared Dunn' },
    ]);
    expect(r.newCompanies.map((c) => c.provisionalId)).toEqual(['new:company:1']);
    expect(r.decisions.map((d) => d.company!.targetId)).toEqual(['new:company:1', 'new:company:1', 'new:company:1']);
    expect(r.decisions[2]!.company!.rule).toBe('company.domain_exact');
  });

  it('a person on two rows creates one person', () => {
    const r = match(MASTER, [
      { company_name: 'Hooli', full_name: 'Gavin Belson', email: 'gavin@hooli.com' },
      { company_name: 'Pied Piper', full_name: 'G. Belson', email: 'GAVIN@hooli.com' },
      { company_name: 'Hooli', full_name: 'Gavin Belsen' },
    ]);
    expect(r.newPeople.map((p) => p.provisionalId)).toEqual(['new:person:1']);
    expect(r.decisions.map((d) => d.person!.targetId)).toEqual(['new:person:1', 'new:person:1', 'new:person:1']);
    // The second row's domain comes from its work email: the provisional company is found by domain.
    expect(r.decisions[1]!.company!.rule).toBe('company.domain_exact');
  });

  it('assigns provisional ids in file order', () => {
    const r = match(MASTER, [
      { company_name: 'Zeta', full_name: 'A One' },
      { company_name: 'Alpha', full_name: 'B Two' },
    ]);
    expect(r.newCompanies.map((c) => [c.provisionalId, c.name, c.firstRowIndex])).toEqual([
      ['new:company:1', 'Zeta', 0],
      ['new:company:2', 'Alpha', 1],
    ]);
  });
});

describe('review choices', () => {
  const input: Parameters<typeof rows> = [
    { company_name: 'Acme Gadgets', full_name: 'Ann Lee' },
    { company_name: 'Acme Gadgets Inc.', full_name: 'Bob Ray' },
  ];
  const key = 'company:acme gadgets|';

  it('without a choice the row is unresolved (fallout) and nothing is created', () => {
    const r = match(MASTER, input);
    expect(r.decisions.map((d) => d.status)).toEqual(['unresolved', 'unresolved']);
    expect(r.counts.fallout).toBe(2);
    expect(r.newCompanies).toEqual([]);
    expect(r.decisions[0]!.person).toBeNull();
  });

  it('accept uses the candidate for every row with the same review key', () => {
    const r = match(MASTER, input, new Map([[key, 'accept' as const]]));
    expect(r.decisions.map((d) => d.company!.targetId)).toEqual(['c-widgets', 'c-widgets']);
    expect(r.decisions[0]!.company).toMatchObject({ outcome: 'matched', reviewed: 'accept', reviewKey: key });
    expect(r.decisions[0]!.company!.reason).toMatch(/^Operator accepted/);
    expect(r.counts.accepted).toBe(2);
  });

  it('reject creates one new company', () => {
    const r = match(MASTER, input, new Map([[key, 'reject' as const]]));
    expect(r.decisions.map((d) => d.company!.targetId)).toEqual(['new:company:1', 'new:company:1']);
    expect(r.decisions[0]!.company).toMatchObject({ outcome: 'new', reviewed: 'reject' });
    // The second row now finds the company the first row creates (score 1 against 0.83).
    expect(r.decisions[1]!.company).toMatchObject({ outcome: 'matched', rule: 'company.name_fuzzy' });
    expect(r.newCompanies).toHaveLength(1);
  });

  it('defer keeps the row unresolved', () => {
    const r = match(MASTER, input, new Map([[key, 'defer' as const]]));
    expect(r.decisions[0]).toMatchObject({ status: 'unresolved', company: { outcome: 'borderline', reviewed: 'defer' } });
    expect(r.counts.deferred).toBe(2);
  });

  it('person review: accept uses the candidate', () => {
    const rs = rows({ company_name: 'Acme', company_domain: 'acme.com', full_name: 'Jonathan Smith' });
    const m = createMatcher(MASTER, ctx());
    const first = m.match(rs, T, NO_REVIEWS).decisions[0]!;
    expect(first.person).toMatchObject({ outcome: 'borderline', targetId: 'p-john' });
    const again = m.match(rs, T, new Map([[first.person!.reviewKey!, 'accept' as const]])).decisions[0]!;
    expect(again.person).toMatchObject({ outcome: 'matched', targetId: 'p-john', reviewed: 'accept' });
    expect(again.status).toBe('resolved');
  });
});

describe('invalid rows and counts', () => {
  it('gives an invalid row status invalid with null decisions', () => {
    const rs = rows({ company_name: '', full_name: 'A B' }, { company_name: 'Acme', company_domain: 'acme.com', full_name: 'John Smith' });
    const r = createMatcher(MASTER, ctx()).match(rs, T, NO_REVIEWS);
    expect(r.decisions[0]).toMatchObject({ status: 'invalid', company: null, person: null });
    expect(r.decisions[1]!.status).toBe('resolved');
  });

  it('counts add up to the entity decisions', () => {
    const r = match(MASTER, [
      { company_name: 'Acme', company_domain: 'acme.com', full_name: 'John Smith' },
      { company_name: 'Acme Gadgets', full_name: 'Ann Lee' },
      { company_name: 'Hooli', full_name: 'Gavin Belson' },
    ]);
    const entities = r.decisions.reduce((n, d) => n + (d.company ? 1 : 0) + (d.person ? 1 : 0), 0);
    expect(r.counts.perfect + r.counts.autoFuzzy + r.counts.borderline + r.counts.new).toBe(entities);
    expect(r.counts.fallout).toBe(1);
  });
});
