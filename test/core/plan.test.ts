import { loadConfig } from '../../src/config/load.js';
import { planPolicyOf } from '../../src/pipeline/decide.js';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { addAction, baselineSignals, buildPlan, PlannedRow, proposerOf, type Action, type PlanPolicy } from '../../src/core/plan.js';
import { explanationOf } from '../../src/core/explain.js';
import type { CompanyRecord, LockInfo, MasterSnapshot, PersonRecord, RowDecision } from '../../src/core/types.js';
import { decision, entity, makeRow } from '../helpers/rows.js';

const policy: PlanPolicy = planPolicyOf(loadConfig()); // the shipped defaults: fill_empty, 5/30/50, cold..burning
const noLocks: LockInfo = { lockedFields: [], manualOverrideKeys: [] };
const company = (id: string, locks: LockInfo = noLocks): CompanyRecord => ({ id, name: 'Acme', domain: null, websiteUrl: null, locks });
const person = (id: string, p: Partial<PersonRecord> = {}): PersonRecord => ({
  id,
  companyId: 'C1',
  firstName: 'John',
  lastName: 'Smith',
  fullName: 'John Smith',
  title: null,
  email: null,
  phone: null,
  linkedinUrl: null,
  locks: noLocks,
  ...p,
});

describe('buildPlan', () => {
  it('creates a new company and person once even when two rows resolve to them', () => {
    const r0 = makeRow({ index: 0, fullName: 'Ann Lee', opens: 2 });
    const r1 = makeRow({ index: 1, fullName: 'Ann Lee', replies: 1, title: 'CEO' });
    const c = entity({ entity: 'company', outcome: 'new', targetId: 'new:company:0' });
    const p = entity({ entity: 'person', outcome: 'new', targetId: 'new:person:0' });
    const plan = buildPlan({ rows: [r0, r1], decisions: [decision(r0, c, p), decision(r1, { ...c, outcome: 'matched' }, { ...p, outcome: 'matched' })], master: { companies: [], people: [] }, policy });
    expect(plan.companyCreates).toHaveLength(1);
    expect(plan.personCreates).toHaveLength(1);
    expect(plan.personCreates[0]!.values.title).toBe('CEO'); // filled from the later row
    expect(plan.baselines).toHaveLength(1);
    expect(plan.baselines[0]!).toMatchObject({ opens: 2, replies: 1 });
    expect(plan.baselines[0]!.score).toBe(40);
    // Two rows summed; one signal per non-zero count, made when written, with the plan's weights.
    expect(plan.baselines[0]!.rowCount).toBe(2);
    expect(plan.weights).toBe(policy.weights);
    expect(baselineSignals(plan.baselines[0]!, plan.weights)).toEqual([
      { type: 'historical_open', count: 2, weight: policy.weights.historical_open },
      { type: 'historical_reply', count: 1, weight: policy.weights.historical_reply },
    ]);
    expect(plan.counts.baselines.signals).toBe(2);
  });

  it('fills only empty fields under fill_empty and keeps a title the operator corrected', () => {
    const master: MasterSnapshot = {
      companies: [company('C1')],
      people: [person('P1', { title: null, phone: '+15550000000', locks: { ...noLocks, manuallyCorrectedTitle: true } })],
    };
    const r = makeRow({ index: 0, fullName: 'John Smith', title: 'VP Sales', phone: '+15551234567', email: 'john@acme.com' });
    const plan = buildPlan({
      rows: [r],
      decisions: [decision(r, entity({ entity: 'company', outcome: 'matched', targetId: 'C1' }), entity({ entity: 'person', outcome: 'matched', targetId: 'P1' }))],
      master,
      policy,
    });
    const u = plan.personUpdates[0]!;
    expect(u.applied).toEqual(['email']);
    expect(u.skipped).toEqual([{ field: 'title', value: 'VP Sales', current: null, reason: 'manually_corrected_title' }]);
    expect(plan.counts.issues.locked_field_skips).toBe(1);
    expect(plan.rows[0]!.actions).toContainEqual({ action: 'skipped_locked', entity: 'person', ref: 'P1', fields: u.skipped });
  });

  it('attributes a field a later row filled to that row, and the first row’s fields to the first row', () => {
    const master: MasterSnapshot = { companies: [company('C1')], people: [person('P1', { email: null, phone: null })] };
    const r0 = makeRow({ index: 0, fullName: 'John Smith', email: 'john@acme.com' });
    const r1 = makeRow({ index: 1, fullName: 'John Smith', email: 'other@acme.com', phone: '+15551234567' });
    const c = entity({ entity: 'company', outcome: 'matched', targetId: 'C1' });
    const p = entity({ entity: 'person', outcome: 'matched', targetId: 'P1' });
    const plan = buildPlan({ rows: [r0, r1], decisions: [decision(r0, c, p), decision(r1, c, p)], master, policy });
    const u = plan.personUpdates[0]!;
    expect(u.proposed).toMatchObject({ email: 'john@acme.com', phone: '+15551234567' });
    expect([proposerOf(u, 'email'), proposerOf(u, 'phone'), u.firstRow, u.laterBy]).toEqual([0, 1, 0, { phone: 1 }]);
    expect(plan.rows[0]!.actions).toContainEqual({ action: 'updated', entity: 'person', ref: 'P1', fields: ['email'] });
    expect(plan.rows[1]!.actions).toContainEqual({ action: 'updated', entity: 'person', ref: 'P1', fields: ['phone'] });
  });

  it('marks a row skipped_locked when every change it wanted was locked', () => {
    const master: MasterSnapshot = { companies: [company('C1')], people: [person('P1', { locks: { lockedFields: ['title'], manualOverrideKeys: [] } })] };
    const r = makeRow({ index: 0, fullName: 'John Smith', title: 'CTO' });
    const plan = buildPlan({
      rows: [r],
      decisions: [decision(r, entity({ entity: 'company', outcome: 'matched', targetId: 'C1' }), entity({ entity: 'person', outcome: 'matched', targetId: 'P1' }))],
      master,
      policy,
    });
    expect(plan.rows[0]!.status).toBe('skipped_locked');
  });

  it('overwrites differing values under prefer_incoming unless locked by manual_overrides', () => {
    const master: MasterSnapshot = {
      companies: [company('C1')],
      people: [person('P1', { title: 'Manager', email: 'old@acme.com', locks: { lockedFields: [], manualOverrideKeys: ['email'] } })],
    };
    const r = makeRow({ index: 0, fullName: 'John Smith', title: 'Director', email: 'new@acme.com' });
    const plan = buildPlan({
      rows: [r],
      decisions: [decision(r, entity({ entity: 'company', outcome: 'matched', targetId: 'C1' }), entity({ entity: 'person', outcome: 'matched', targetId: 'P1' }))],
      master,
      policy: { ...policy, updatePolicy: 'prefer_incoming' },
    });
    expect(plan.personUpdates[0]!.applied).toEqual(['title']);
    expect(plan.personUpdates[0]!.skipped.map((s) => s.reason)).toEqual(['manual_overrides']);
  });

  it('sends borderline rows to fallout and applies nothing for them', () => {
    const r = makeRow({ index: 0, opens: 10 });
    const plan = buildPlan({
      rows: [r],
      decisions: [decision(r, entity({ entity: 'company', outcome: 'borderline', targetId: 'C1' }), entity({ entity: 'person', outcome: 'new', targetId: 'new:person:0' }), 'unresolved')],
      master: { companies: [company('C1')], people: [] },
      policy,
    });
    expect(plan.rows[0]!.status).toBe('unresolved');
    expect(plan.personCreates).toEqual([]);
    expect(plan.baselines).toEqual([]);
    expect(plan.counts.issues.unresolved).toBe(1);
  });

  it('makes no BIT snapshot for all-zero counts but still a Talent Flow baseline', () => {
    const r = makeRow({ index: 0 });
    const plan = buildPlan({
      rows: [r],
      decisions: [decision(r, entity({ entity: 'company', outcome: 'new', targetId: 'new:company:0' }), entity({ entity: 'person', outcome: 'new', targetId: 'new:person:0' }))],
      master: { companies: [], people: [] },
      policy,
    });
    expect(plan.baselines).toEqual([]);
    expect(plan.talentFlowPeople).toEqual(['new:person:0']);
  });

  it('puts every row in exactly one status and the counts add up (property)', () => {
    const kinds = ['new', 'matched', 'borderline', 'invalid', 'duplicate'] as const;
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.constantFrom(...kinds), fc.constantFrom(...kinds), fc.nat(5)), { maxLength: 40 }), (spec) => {
        const master: MasterSnapshot = { companies: [company('C1')], people: [person('P1')] };
        const rows = spec.map(([, , n], i) => makeRow({ index: i, opens: n, valid: spec[i]![0] !== 'invalid', issues: spec[i]![0] === 'invalid' ? [{ code: 'x', line: i + 2, column: null, severity: 'error', message: 'bad' }] : [] }));
        const decisions: RowDecision[] = rows.map((r, i) => {
          const [ck, pk] = spec[i]!;
          if (ck === 'invalid') return { index: r.index, line: r.line, hash: r.hash, company: null, person: null, status: 'invalid' };
          if (ck === 'duplicate') return { index: r.index, line: r.line, hash: r.hash, company: null, person: null, status: 'duplicate' };
          const c = entity({ entity: 'company', outcome: ck === 'new' ? 'new' : ck === 'matched' ? 'matched' : 'borderline', targetId: ck === 'new' ? `new:company:${i}` : 'C1' });
          const pOut = pk === 'matched' ? 'matched' : pk === 'borderline' ? 'borderline' : 'new';
          const p = entity({ entity: 'person', outcome: pOut, targetId: pOut === 'new' ? `new:person:${i}` : 'P1' });
          return decision(r, c, p, c.outcome === 'borderline' || p.outcome === 'borderline' ? 'unresolved' : 'resolved');
        });
        const plan = buildPlan({ rows, decisions, master, policy });
        const s = plan.counts.statuses;
        expect(plan.rows).toHaveLength(rows.length);
        expect(s.initialized + s.unresolved + s.duplicate + s.error + s.skipped_locked).toBe(rows.length);
        expect(plan.counts.rows.errors + plan.counts.rows.duplicates + plan.counts.rows.processed).toBe(rows.length);
        // deterministic
        expect(buildPlan({ rows, decisions, master, policy })).toEqual(plan);
        // afterRow: once per row, in order, and a row let go of once planned changes nothing
        const released: (typeof rows[number] | null)[] = [...rows];
        const seen: number[] = [];
        const again = buildPlan({ rows: released as typeof rows, decisions, master, policy, afterRow: (i) => {
          seen.push(i);
          released[i] = null;
        } });
        expect(seen).toEqual(rows.map((_, i) => i));
        expect(again).toEqual(plan);
      }),
    );
  });
});

describe('buildPlan with huge counts', () => {
  it('clamps a person’s summed counts and score to the integer range instead of failing the run', () => {
    const r0 = makeRow({ index: 0, fullName: 'Big Spender', meetings: 2_000_000_000 });
    const r1 = makeRow({ index: 1, fullName: 'Big Spender', meetings: 2_000_000_000 });
    const c = entity({ entity: 'company', outcome: 'new', targetId: 'new:company:0' });
    const p = entity({ entity: 'person', outcome: 'new', targetId: 'new:person:0' });
    const plan = buildPlan({ rows: [r0, r1], decisions: [decision(r0, c, p), decision(r1, { ...c, outcome: 'matched' }, { ...p, outcome: 'matched' })], master: { companies: [], people: [] }, policy });
    expect(plan.baselines[0]!.meetings).toBe(2147483647);
    expect(plan.baselines[0]!.score).toBe(2147483647);
    expect(baselineSignals(plan.baselines[0]!, plan.weights)[0]!.count).toBe(2147483647);
  });
});

describe('explanationOf', () => {
  it('explains a resolved row with both entities’ reasons, and errors and duplicates with their fixed sentences', () => {
    const r = makeRow({ index: 0, fullName: 'Ann Lee' });
    const d = decision(r, entity({ entity: 'company', outcome: 'new', targetId: 'new:company:0', reason: 'No company like Acme.' }), entity({ entity: 'person', outcome: 'new', targetId: 'new:person:0', reason: 'Nobody like Ann Lee.' }));
    const plan = buildPlan({ rows: [r], decisions: [d], master: { companies: [], people: [] }, policy });
    expect(explanationOf(plan.rows[0]!, d)).toBe('company: No company like Acme. | person: Nobody like Ann Lee.');
    expect(explanationOf({ status: 'error' }, undefined)).toBe('row failed validation');
    expect(explanationOf({ status: 'duplicate' }, d)).toBe('identical row already imported (same row hash)');
  });
});

describe('addAction', () => {
  it('appends to one row’s actions without touching the list other rows share', () => {
    const rows = [makeRow({ index: 0, fullName: 'Ann Lee' }), makeRow({ index: 1, fullName: 'Bob Day' })];
    const decisions = rows.map((r) => ({ index: r.index, line: r.line, hash: r.hash, company: null, person: null, status: 'duplicate' as const }));
    const plan = buildPlan({ rows, decisions, master: { companies: [], people: [] }, policy });
    addAction(plan.rows[0]!, { action: 'created', entity: 'company', ref: 'C9' });
    expect(plan.rows[0]!.actions).toEqual([{ action: 'created', entity: 'company', ref: 'C9' }]);
    expect(plan.rows[1]!.actions).toEqual([]);
  });
});

describe('PlannedRow (a row plan keeps its entity actions as fields)', () => {
  const matched: Action = { action: 'matched', entity: 'company', ref: 'C1', rule: 'company.domain_exact', confidence: 1 };
  const created: Action = { action: 'created', entity: 'person', ref: 'new:person:1' };
  const row = (): PlannedRow => new PlannedRow(0, 2, 'h', 'initialized', 'perfect', 1, 'C1', 'new:person:1', null, matched, created);

  it('reads its actions as they were given, company first, then any added after them', () => {
    const p = row();
    expect(p.actions).toEqual([matched, created]);
    addAction(p, { action: 'updated', entity: 'company', ref: 'C1', fields: ['domain'] });
    expect(p.actions).toEqual([matched, created, { action: 'updated', entity: 'company', ref: 'C1', fields: ['domain'] }]);
    p.entityActionsOnly();
    expect(p.actions).toEqual([matched, created]);
  });

  it('makes its entity actions on its own refs: a ref swapped for an id changes them with it', () => {
    const p = row();
    p.personRef = 'P000123';
    expect(p.actions[1]).toEqual({ action: 'created', entity: 'person', ref: 'P000123' });
  });

  it('keeps a list set as its actions, and reads no entity action of a row without them', () => {
    const p = row();
    p.actions = [created];
    expect(p.actions).toEqual([created]);
    expect(new PlannedRow(1, 3, 'h2', 'unresolved', null, null, null, null, null, null, null).actions).toEqual([]);
  });

  it('refuses an entity action on another record than the row’s, or one that is not matched or created', () => {
    expect(() => new PlannedRow(0, 2, 'h', 'initialized', 'perfect', 1, 'C2', 'new:person:1', null, matched, created)).toThrow(/C1 for a row on C2/);
    expect(() => new PlannedRow(0, 2, 'h', 'initialized', 'perfect', 1, 'C1', null, null, { action: 'updated', entity: 'company', ref: 'C1', fields: [] }, null)).toThrow(/not updated/);
  });
});
