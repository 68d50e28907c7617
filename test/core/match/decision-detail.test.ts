import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../../src/config/load.js';
import { createMatcher, type MatchResult } from '../../../src/core/match/match-rows.js';
import { makeDecision } from '../../../src/core/match/decide.js';
import { slimDecision, spilledDecision } from '../../../src/core/match/spilled-decision.js';
import { buildPlan } from '../../../src/core/plan.js';
import { explanationOf, textsOf, type DecisionSink, type DecisionTexts } from '../../../src/core/explain.js';
import type { EntityDecision, MasterSnapshot } from '../../../src/core/types.js';
import { planPolicyOf } from '../../../src/pipeline/decide.js';
import { company, ctx, NO_REVIEWS, person, rows, T } from './helpers.js';

// DecisionDetail 'unresolved' (the --yes run): resolved rows keep what the log and the reports write
// of their decisions; unresolved rows keep everything the review screen and the garage show.

const MASTER: MasterSnapshot = {
  companies: [company('c01', 'Acme Corp', 'acme.com'), company('c02', 'Acme Widgets'), company('c04', 'Globex', 'globex.com'), company('c05', 'Initech LLC')],
  people: [
    person('p01', 'c01', 'John Smith', { email: 'john@acme.com' }),
    person('p03', 'c04', 'Mary Jones', { linkedinUrl: 'linkedin.com/in/mj', title: 'CFO' }),
    person('p05', 'c05', 'Peter Gibbons'),
  ],
};

const INPUT = rows(
  { company_name: 'Acme Corporation', company_domain: 'acme.com', full_name: 'Johnn Smith', title: 'CTO' },
  { company_name: 'Globex Inc', full_name: 'M. Jones', linkedin_url: 'https://www.linkedin.com/in/MJ/' },
  { company_name: 'Initech', full_name: 'Peter Gibbon' },
  { company_name: 'Acme Gadgets', full_name: 'Ann Lee' }, // borderline company name: unresolved
  { company_name: 'Hooli', full_name: 'Gavin Belson' },
  { company_name: 'Hooli', full_name: 'Gavin Belsen' },
);

function run(detail: 'all' | 'unresolved', spill?: DecisionSink): MatchResult {
  const steps = createMatcher(MASTER, ctx()).matchSteps(INPUT, T, NO_REVIEWS, 2, detail, spill);
  for (;;) {
    const r = steps.next();
    if (r.done) return r.value;
  }
}

/**
 * What the log and the reports read of a resolved row's entity decision (the best candidate is
 * written for fallout rows only: fallout.csv, match_attempts).
 */
function written(d: EntityDecision | null): unknown {
  if (d === null) return null;
  const cand = (c: EntityDecision['best']): unknown => c && { id: c.id, label: c.label, score: c.score };
  return { entity: d.entity, outcome: d.outcome, matchType: d.matchType, rule: d.rule, targetId: d.targetId, confidence: d.confidence, reason: d.reason, reviewKey: d.reviewKey, runnerUp: cand(d.runnerUp) };
}

describe('decision detail', () => {
  const all = run('all');
  const brief = run('unresolved');

  it('keeps unresolved rows whole and resolved rows without compared values or per-field scores', () => {
    expect(all.decisions.map((d) => d.status)).toContain('unresolved');
    expect(all.decisions.filter((d) => d.status === 'resolved').length).toBeGreaterThanOrEqual(4);
    for (let i = 0; i < all.decisions.length; i++) {
      const a = all.decisions[i]!;
      const b = brief.decisions[i]!;
      if (a.status !== 'resolved') {
        expect(b).toEqual(a);
        continue;
      }
      for (const k of ['company', 'person'] as const) {
        expect(written(b[k])).toEqual(written(a[k]));
        expect(Object.keys(a[k]!.compared).length).toBeGreaterThan(0);
        expect(b[k]!.compared).toEqual({});
        expect(b[k]!.best).toBeNull();
        if (b[k]!.runnerUp) expect([b[k]!.runnerUp!.values, b[k]!.runnerUp!.scores]).toEqual([{}, {}]);
      }
    }
    expect(brief.counts).toEqual(all.counts);
    expect(brief.bestScores).toEqual(all.bestScores);
    expect(brief.newPeople).toEqual(all.newPeople);
  });

  it('gives the same plan and the same explanation of every row', () => {
    const policy = planPolicyOf(loadConfig());
    const a = buildPlan({ rows: INPUT, decisions: all.decisions, master: MASTER, policy });
    const b = buildPlan({ rows: INPUT, decisions: brief.decisions, master: MASTER, policy });
    expect(b).toEqual(a);
    expect(a.rows.map((p, i) => explanationOf(p, brief.decisions[i]))).toEqual(a.rows.map((p, i) => explanationOf(p, all.decisions[i])));
  });
});

describe('decisions with a spill', () => {
  const all = run('all');
  const put: [number, DecisionTexts][] = [];
  const slim = run('unresolved', { put: (i, t) => put.push([i, t]) });
  const policy = planPolicyOf(loadConfig());
  const plan = buildPlan({ rows: INPUT, decisions: all.decisions, master: MASTER, policy });

  it('puts every resolved row, in order, with the texts its whole decision gives, and keeps the rest whole', () => {
    const resolved = all.decisions.filter((d) => d.status === 'resolved').map((d) => d.index);
    expect(put.map(([i]) => i)).toEqual(resolved);
    for (const [i, t] of put) expect(t).toEqual(textsOf(plan.rows[i]!, all.decisions[i]));
    for (const d of slim.decisions) {
      if (d.status === 'resolved') {
        expect(d.spilled).toBe(true);
        expect([d.company!.reason, d.person!.reason, d.company!.runnerUp, d.person!.runnerUp]).toEqual(['', '', null, null]);
      } else expect(d).toEqual(all.decisions[d.index]);
    }
    expect(slim.counts).toEqual(all.counts);
  });

  it('gives the same plan as whole decisions', () => {
    expect(buildPlan({ rows: INPUT, decisions: slim.decisions, master: MASTER, policy })).toEqual(plan);
  });

  it('refuses to explain a spilled row from its slim decision', () => {
    const i = put[0]![0];
    expect(() => textsOf(plan.rows[i]!, slim.decisions[i])).toThrow(/spilled/);
  });
});

/** A whole (unspilled) person decision, with its best candidate, compared values and reason. */
const WHOLE_PERSON = makeDecision({
  entity: 'person',
  outcome: 'matched',
  matchType: 'fuzzy',
  rule: 'person.name_fuzzy',
  targetId: 'p01',
  confidence: 0.93,
  best: { id: 'p01', label: 'John Smith', score: 0.93, scores: { name: 0.93 }, values: { full_name: 'John Smith' } },
  runnerUp: null,
  compared: { full_name: 'Johnn Smith' },
  reason: 'name 0.93 at the resolved company',
});

describe('slimDecision (a spilled row keeps six fields)', () => {
  const whole = WHOLE_PERSON;

  it('reads as the whole decision without its texts and candidates, with only the plan\'s fields its own', () => {
    const slim = slimDecision(whole);
    const read = (d: EntityDecision) => [d.entity, d.outcome, d.matchType, d.rule, d.targetId, d.confidence, d.best, d.runnerUp, d.compared, d.reason, d.reviewKey, d.reviewed];
    expect(read(slim)).toEqual(['person', 'matched', 'fuzzy', 'person.name_fuzzy', 'p01', 0.93, null, null, {}, '', null, undefined]);
    expect(Object.keys(slim).sort()).toEqual(['confidence', 'entity', 'matchType', 'outcome', 'rule', 'targetId']);
  });

  it('keeps a reviewed decision\'s review key and choice', () => {
    const reviewed = slimDecision({ ...whole, reviewKey: 'person:abc', reviewed: 'accept' });
    expect([reviewed.reviewKey, reviewed.reviewed, reviewed.reason, reviewed.best]).toEqual(['person:abc', 'accept', '', null]);
  });
});

describe('spilledDecision (a spilled row keeps one object)', () => {
  const company = makeDecision({
    entity: 'company',
    outcome: 'new',
    matchType: 'no_match',
    rule: 'company.no_match',
    targetId: 'new:company:3',
    confidence: 0,
    best: null,
    runnerUp: { id: 'c9', label: 'Acme Labs', score: 0.61, scores: {}, values: {} },
    compared: { company_name: 'Acme Lab' },
    reason: 'no company scored 0.75 or more',
  });
  const person = WHOLE_PERSON;
  const row = { index: 41, line: 43, hash: 'a'.repeat(32) };
  const read = (d: EntityDecision | null) => (d === null ? null : [d.entity, d.outcome, d.matchType, d.rule, d.targetId, d.confidence, d.best, d.runnerUp, d.compared, d.reason, d.reviewKey, d.reviewed]);

  it('reads as a resolved RowDecision of the two slim decisions, from one object of its own fields', () => {
    for (const p of [person, null]) {
      const d = spilledDecision(row, company, p);
      expect([d.index, d.line, d.hash, d.status, d.spilled]).toEqual([41, 43, 'a'.repeat(32), 'resolved', true]);
      expect(read(d.company)).toEqual(read(slimDecision(company)));
      expect(read(d.person)).toEqual(p === null ? null : read(slimDecision(p)));
      // No entity decision object is kept: they are made when read.
      expect(Object.values(d).some((v) => typeof v === 'object' && v !== null)).toBe(false);
    }
  });

  it('keeps a reviewed decision as two slim decisions with their review', () => {
    const d = spilledDecision(row, company, { ...person, reviewKey: 'person:abc', reviewed: 'accept' });
    expect([d.person!.reviewKey, d.person!.reviewed, d.spilled, d.status]).toEqual(['person:abc', 'accept', true, 'resolved']);
  });
});
