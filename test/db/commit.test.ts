import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { talentFlowHash } from '../../src/core/baseline.js';
import { buildPlan } from '../../src/core/plan.js';
import { commitPlan, rowsToWrite, type CommitProgress } from '../../src/db/commit.js';
import { loadMaster, loadMasterRecords } from '../../src/db/master-repo.js';
import { rollbackRun } from '../../src/db/rollback.js';
import { commitScenario, planAndCommit, policy, run, seedCommitMaster, settings } from '../helpers/commit.js';
import { createTestDatabase, driversToTest, openPgUrl, postgresAvailable, type TestDatabase } from '../helpers/db.js';
import { decision, entity, makeRow } from '../helpers/rows.js';
import { count, seedMaster, tableChecksum, type SeedPerson } from '../helpers/seed.js';
import type { NormalizedRow, RowDecision } from '../../src/core/types.js';

/** P2: a person holding every value annMatched's row proposes (fill_empty: nothing to write to her). */
const ANN_COMPLETE: SeedPerson = { id: 'P2', companyId: 'C1', fullName: 'Ann Lee', first: 'Ann', last: 'Lee', title: 'CEO', email: 'ann@acme.com', phone: '+15550000000' };

/** A row matched to C1 and ANN_COMPLETE (P2), with nothing she lacks (another title: fill_empty keeps hers). */
function annMatched(index: number): { row: NormalizedRow; d: RowDecision } {
  const row = makeRow({ index, fullName: 'Ann Lee', title: 'CTO', email: 'ann@acme.com', emails: ['ann@acme.com'], phone: '+15550000000' });
  return { row, d: decision(row, entity({ entity: 'company', outcome: 'matched', targetId: 'C1' }), entity({ entity: 'person', outcome: 'matched', targetId: 'P2' })) };
}

describe.each(await driversToTest())('loadMaster on %s', (driver) => {
  it('reads each record’s locks as stored; records without any share one frozen LockInfo', async () => {
    const t = await createTestDatabase(driver);
    try {
      await seedCommitMaster(t.db, [
        { id: 'P2', companyId: 'C1', fullName: 'Ann Lee' },
        { id: 'P3', companyId: 'C1', fullName: 'Bob Day' },
        { id: 'P4', companyId: 'C1', fullName: 'Cy Young', locked: ['email'], overrides: { phone: 'kept' } },
      ]);
      const m = await loadMaster(t.db);
      const locks = (id: string) => m.people.find((p) => p.id === id)!.locks;
      expect(locks('P1')).toEqual({ lockedFields: [], manualOverrideKeys: [], manuallyCorrectedEmail: false, manuallyCorrectedTitle: true });
      expect(locks('P4')).toEqual({ lockedFields: ['email'], manualOverrideKeys: ['phone'], manuallyCorrectedEmail: false, manuallyCorrectedTitle: false });
      expect(locks('P2')).toBe(locks('P3'));
      expect(Object.isFrozen(locks('P2'))).toBe(true);
      expect(locks('P2')).toEqual({ lockedFields: [], manualOverrideKeys: [], manuallyCorrectedEmail: false, manuallyCorrectedTitle: false });
    } finally {
      await t.drop();
    }
  });
});

describe.each(await driversToTest())('loadMasterRecords on %s', (driver) => {
  it('reads the records with the given ids exactly as loadMaster does, in any batch size, and leaves out ids not found', async () => {
    const t = await createTestDatabase(driver);
    try {
      await seedCommitMaster(t.db, [
        { id: 'P2', companyId: 'C1', fullName: 'Ann Lee', email: 'ann@acme.com' },
        { id: 'P3', companyId: 'C1', fullName: 'Bob Day' },
        { id: 'P4', companyId: 'C1', fullName: 'Cy Young', locked: ['email'], overrides: { phone: 'kept' } },
      ]);
      const all = await loadMaster(t.db);
      for (const batch of [1, 2, 50000]) {
        const some = await loadMasterRecords(t.db, ['C1', 'C-GONE'], ['P4', 'P1', 'P-GONE', 'P2'], batch);
        expect(some.companies).toEqual(all.companies.filter((c) => c.id === 'C1'));
        const byId = (a: { id: string }, b: { id: string }) => (a.id < b.id ? -1 : 1);
        expect([...some.people].sort(byId)).toEqual(all.people.filter((p) => ['P1', 'P2', 'P4'].includes(p.id)));
      }
      expect(await loadMasterRecords(t.db, [], [])).toEqual({ companies: [], people: [] });
    } finally {
      await t.drop();
    }
  });
});

describe.each(await driversToTest())('commit on %s', (driver) => {
  let t: TestDatabase;
  beforeEach(async () => {
    t = await createTestDatabase(driver);
    await seedCommitMaster(t.db, [{ id: '04.04.02.04.20000.041', companyId: 'C1', fullName: 'Old Timer' }]);
  });
  afterEach(async () => {
    await t.drop();
  });

  it('collects its garbage once, after the baselines and signals are written and before the final rows are made', async () => {
    const { rows, decisions } = commitScenario();
    const master = await loadMaster(t.db);
    const plan = buildPlan({ rows, decisions, master, policy });
    const seen: string[] = [];
    await commitPlan(t.db, {
      plan,
      rows,
      decisions,
      run: run(),
      settings,
      summary: () => ({}),
      collect: () => seen.push(`collect (baselines left in the plan: ${plan.baselines.length})`),
      onFinalRows: () => seen.push('final rows'),
      afterStep: (s) => void seen.push(s),
    });
    expect(seen.slice(seen.indexOf('baselines'))).toEqual(['baselines', 'collect (baselines left in the plan: 0)', 'talent_flow', 'final rows', 'logs', 'fallout', 'run', 'before_commit']);
  });

  it('creates records with sequence ids past existing ones, baselines, logs and audit rows', async () => {
    const { rows, decisions } = commitScenario();
    const { plan, result, processId } = await planAndCommit(t.db, rows, decisions);
    const companyId = result.ids.get('new:company:0');
    const personId = result.ids.get('new:person:0');
    expect(companyId).toBe('04.04.02.04.30000.001');
    expect(personId).toBe('04.04.02.04.20000.042'); // past the existing .041
    // The final rows carry the real ids, and replace the plan's rows (not a second copy of them).
    expect(result.rows[0]).toMatchObject({ companyRef: companyId, personRef: personId });
    expect(result.rows[0]!.actions).toEqual([
      { action: 'created', entity: 'company', ref: companyId },
      { action: 'created', entity: 'person', ref: personId },
    ]);
    expect(plan.rows).toBe(result.rows);
    // What it wrote is released from the plan (consumed); the result still counts it.
    expect([plan.companyCreates, plan.personCreates, plan.companyUpdates, plan.personUpdates, plan.baselines]).toEqual([[], [], [], [], []]);
    expect(result.companies.created).toBe(plan.counts.companies.created);
    expect(result.people.created).toBe(plan.counts.people.created);
    expect(result.baselines.bit).toBe(plan.counts.baselines.bit);
    expect(result.baselines.signals).toBe(plan.counts.baselines.signals);
    expect(result.companies.created + result.people.created + result.baselines.bit).toBeGreaterThan(0);
    const p = await t.db.query<{ full_name: string; company_unique_id: string; title: string }>('SELECT full_name, company_unique_id, title FROM marketing.people_master WHERE person_unique_id = $1', [personId]);
    expect(p.rows[0]).toEqual({ full_name: 'Ann Lee', company_unique_id: companyId, title: 'CEO' });

    const snap = await t.db.query<{ baseline_score: number; baseline_tier: string; signals_generated: number }>(
      'SELECT baseline_score, baseline_tier, signals_generated FROM marketing.bit_baseline_snapshot WHERE person_unique_id = $1',
      [personId],
    );
    expect(snap.rows).toEqual([{ baseline_score: 240, baseline_tier: 'hot', signals_generated: 3 }]);
    const sig = await t.db.query<{ signal_type: string; signal_count: number; signal_weight: number; scored: boolean; source_type: string }>(
      'SELECT signal_type, signal_count, signal_weight, scored, source_type FROM marketing.bit_signal WHERE person_unique_id = $1 ORDER BY signal_type',
      [personId],
    );
    expect(sig.rows).toEqual([
      { signal_type: 'historical_meeting', signal_count: 1, signal_weight: 50, scored: false, source_type: 'backfill_baseline' },
      { signal_type: 'historical_open', signal_count: 20, signal_weight: 5, scored: false, source_type: 'backfill_baseline' },
      { signal_type: 'historical_reply', signal_count: 3, signal_weight: 30, scored: false, source_type: 'backfill_baseline' },
    ]);

    // Talent Flow hash computed in SQL equals the pure function.
    const tf = await t.db.query<{ enrichment_hash: string }>('SELECT enrichment_hash FROM marketing.talent_flow_baseline WHERE person_unique_id = $1', [personId]);
    expect(tf.rows[0]!.enrichment_hash).toBe(talentFlowHash({ full_name: 'Ann Lee', title: 'CEO', company_unique_id: companyId!, linkedin_url: null }));

    const log = await t.db.query<{ resolution_status: string; matched_company_id: string; matched_person_id: string }>(
      'SELECT resolution_status, matched_company_id, matched_person_id FROM marketing.backfill_log WHERE process_id = $1 ORDER BY csv_line',
      [processId],
    );
    expect(log.rows).toEqual([
      { resolution_status: 'initialized', matched_company_id: companyId, matched_person_id: personId },
      { resolution_status: 'initialized', matched_company_id: 'C1', matched_person_id: 'P1' },
    ]);
    expect(await count(t.db, 'shq.audit_log', "process_id = $1 AND operation = 'insert' AND table_name = 'marketing.people_master'", [processId])).toBe(1);
    expect(await count(t.db, 'shq.audit_log', "process_id = $1 AND operation = 'update'", [processId])).toBe(1);
  });

  it('never writes a locked field and logs the skip with its value', async () => {
    const { rows, decisions } = commitScenario();
    const { result, processId } = await planAndCommit(t.db, rows, decisions);
    const p1 = await t.db.query<{ title: string | null; email: string; phone: string; notes_internal: string }>('SELECT title, email, phone, notes_internal FROM marketing.people_master WHERE person_unique_id = $1', ['P1']);
    expect(p1.rows[0]).toEqual({ title: null, email: 'john@acme.com', phone: '+15551234567', notes_internal: 'human note' });
    expect(result.lockedFieldSkips).toBe(1);
    const log = await t.db.query<{ actions_taken: { action: string; fields: unknown }[] }>('SELECT actions_taken FROM marketing.backfill_log WHERE process_id = $1 AND matched_person_id = $2', [processId, 'P1']);
    expect(log.rows[0]!.actions_taken).toContainEqual({
      action: 'skipped_locked',
      entity: 'person',
      ref: 'P1',
      fields: [{ field: 'title', value: 'VP Sales', current: null, reason: 'manually_corrected_title' }],
    });
    const audit = await t.db.query<{ before_data: Record<string, unknown>; after_data: Record<string, unknown> }>(
      "SELECT before_data, after_data FROM shq.audit_log WHERE process_id = $1 AND operation = 'update' AND record_id = 'P1'",
      [processId],
    );
    expect(audit.rows[0]!.before_data).toMatchObject({ email: null, phone: null });
    expect(audit.rows[0]!.after_data).toMatchObject({ email: 'john@acme.com', phone: '+15551234567' });
  });

  it('keeps a field a human locked after planning: the lock is enforced in the UPDATE itself', async () => {
    const { rows, decisions } = commitScenario();
    const { result } = await planAndCommit(t.db, rows, decisions, async () => {
      await t.db.query("UPDATE marketing.people_master SET locked_fields = ARRAY['email'] WHERE person_unique_id = 'P1'");
    });
    const p1 = await t.db.query<{ email: string | null; phone: string }>('SELECT email, phone FROM marketing.people_master WHERE person_unique_id = $1', ['P1']);
    expect(p1.rows[0]).toEqual({ email: null, phone: '+15551234567' });
    expect(result.lockedFieldSkips).toBe(2);
  });

  it('reports why a field locked after planning is kept as the live row says (manual override, flag, list), not a guess', async () => {
    const { rows, decisions } = commitScenario();
    const { result } = await planAndCommit(t.db, rows, decisions, async () => {
      await t.db.query(`UPDATE marketing.people_master SET manual_overrides = '{"email": "by hand"}'::jsonb, locked_fields = ARRAY['phone'] WHERE person_unique_id = 'P1'`);
    });
    const skips = result.rows[1]!.actions.flatMap((a) => (a.action === 'skipped_locked' ? a.fields.map((f) => [f.field, f.reason]) : []));
    expect(Object.fromEntries(skips)).toEqual({ title: 'manually_corrected_title', email: 'manual_overrides', phone: 'locked_fields' });
  });

  it('commits the same from a plan that predicted nothing (no master records: a --yes plan) as from one that predicted', async () => {
    const outcome = async (db: typeof t.db, predicted: boolean) => {
      const { rows, decisions } = commitScenario();
      const master = predicted ? await loadMaster(db) : { companies: [], people: [] };
      const plan = buildPlan({ rows, decisions, master, policy });
      if (!predicted) expect(plan.personUpdates.every((u) => u.applied.length === 0 && u.skipped.length === 0)).toBe(true);
      const result = await commitPlan(db, { plan, rows, decisions, run: run(), settings, summary: () => ({}) });
      return {
        rows: result.rows.map((r) => ({ status: r.status, actions: r.actions })),
        counts: [result.companies, result.people, result.lockedFieldSkips],
        p1: (await db.query('SELECT title, email, phone FROM marketing.people_master WHERE person_unique_id = $1', ['P1'])).rows,
      };
    };
    const other = await createTestDatabase(driver);
    try {
      await seedCommitMaster(other.db, [{ id: '04.04.02.04.20000.041', companyId: 'C1', fullName: 'Old Timer' }]);
      const a = await outcome(t.db, true);
      const b = await outcome(other.db, false);
      expect(b.rows).toEqual(a.rows);
      expect(b.counts).toEqual(a.counts);
      expect(b.p1).toEqual(a.p1);
      expect(a.rows[1]!.status).toBe('initialized');
      expect(a.counts[2]).toBe(1); // the corrected title: a skip, in both
    } finally {
      await other.drop();
    }
  });

  it('reports its progress in rows written, step by step, ending at the rows the plan predicts', async () => {
    const { rows, decisions } = commitScenario();
    const master = await loadMaster(t.db);
    const plan = buildPlan({ rows, decisions, master, policy });
    const weights = rowsToWrite(plan);
    const created = { people: plan.personCreates.length, companies: plan.companyCreates.length }; // the commit empties these
    const events: CommitProgress[] = [];
    await commitPlan(t.db, { plan, rows, decisions, run: run(), settings, summary: () => ({}), onProgress: (p) => events.push(p) });
    const total = Object.values(weights).reduce((a, b) => a + b, 0);
    expect(weights.companies).toBe(1); // Newco
    expect(weights.logs).toBe(rows.length);
    expect(weights.people).toBe(created.people + created.companies + created.people);
    expect(events.map((e) => e.step)).toEqual(['ids', 'companies', 'people', 'updates', 'baselines', 'talent_flow', 'logs', 'fallout', 'run', 'commit']);
    expect(events.map((e) => e.done)).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
    expect(new Set(events.map((e) => e.rowsTotal))).toEqual(new Set([total]));
    // Each event counts the rows of the steps before it.
    const before = (i: number): number => (Object.values(weights) as number[]).slice(0, i).reduce((a, b) => a + b, 0);
    expect(events.map((e) => e.rowsDone)).toEqual(events.map((_, i) => before(i)));
    expect(events.at(-1)!.rowsDone).toBe(total);
  });

  it('refuses a plan whose matched record was deleted after planning: names it, writes nothing', async () => {
    const { rows, decisions } = commitScenario();
    const before = await tableChecksum(t.db, 'marketing.company_master', 'company_unique_id');
    await expect(
      planAndCommit(t.db, rows, decisions, async () => {
        await t.db.query("DELETE FROM marketing.people_master WHERE person_unique_id = 'P1'");
      }),
    ).rejects.toThrow(/1 matched record\(s\) in marketing\.people_master were deleted after planning \(e\.g\. P1\)/);
    expect(await tableChecksum(t.db, 'marketing.company_master', 'company_unique_id')).toBe(before);
    expect(await count(t.db, 'shq.audit_log')).toBe(0);
  });

  it('refuses a plan whose matched record was deleted after planning also when the plan has nothing new for it', async () => {
    // P2 holds every value its row proposes (fill_empty: nothing to write), so the locked UPDATE
    // neither locks nor writes it; it must still be found.
    await seedMaster(t.db, [], [ANN_COMPLETE]);
    const { row, d } = annMatched(0);
    await expect(
      planAndCommit(t.db, [row], [d], async () => {
        await t.db.query("DELETE FROM marketing.people_master WHERE person_unique_id = 'P2'");
      }),
    ).rejects.toThrow(/1 matched record\(s\) in marketing\.people_master were deleted after planning \(e\.g\. P2\)/);
    expect(await count(t.db, 'shq.audit_log')).toBe(0);
  });

  it('rolls back everything when a step fails: nothing half-written', async () => {
    const { rows, decisions } = commitScenario();
    const before = await tableChecksum(t.db, 'marketing.people_master', 'person_unique_id');
    const master = await loadMaster(t.db);
    const plan = buildPlan({ rows, decisions, master, policy });
    await expect(
      commitPlan(t.db, {
        plan,
        rows,
        decisions,
        run: run(),
        settings,
        summary: () => ({}),
        afterStep: (s) => {
          if (s === 'logs') throw new Error('boom');
        },
      }),
    ).rejects.toThrow('boom');
    expect(await tableChecksum(t.db, 'marketing.people_master', 'person_unique_id')).toBe(before);
    expect(await count(t.db, 'marketing.company_master')).toBe(1);
    expect(await count(t.db, 'shq.audit_log')).toBe(0);
    expect(await count(t.db, 'marketing.bit_signal')).toBe(0);
  });

  it('rollback restores the master tables exactly and removes what the run created', async () => {
    const tables = ['marketing.company_master', 'marketing.people_master'];
    const before = await Promise.all(tables.map((x) => tableChecksum(t.db, x, 't::text')));
    const { rows, decisions } = commitScenario();
    const { processId } = await planAndCommit(t.db, rows, decisions);
    expect(await count(t.db, 'marketing.people_master')).toBe(3);
    const r = await rollbackRun(t.db, processId, 'PRC-BF-RB', 'backfill-test', false);
    expect(r.deleted).toMatchObject({ companies: 1, people: 1, bitSnapshots: 2, signals: 4 });
    expect(await Promise.all(tables.map((x) => tableChecksum(t.db, x, 't::text')))).toEqual(before);
    expect(await count(t.db, 'marketing.bit_signal')).toBe(0);
    expect(await count(t.db, 'marketing.talent_flow_baseline')).toBe(0);
  });

  it('rollback refuses when someone changed a field after the run, unless forced', async () => {
    const { rows, decisions } = commitScenario();
    const { processId } = await planAndCommit(t.db, rows, decisions);
    await t.db.query("UPDATE marketing.people_master SET email = 'fixed@acme.com' WHERE person_unique_id = 'P1'");
    await expect(rollbackRun(t.db, processId, 'PRC-BF-RB', 'w', false)).rejects.toThrow(/P1\.email/);
    expect(await count(t.db, 'marketing.people_master')).toBe(3); // nothing changed
    const r = await rollbackRun(t.db, processId, 'PRC-BF-RB', 'w', true);
    expect(r.conflicts).toHaveLength(1);
    const p1 = await t.db.query<{ email: string | null }>("SELECT email FROM marketing.people_master WHERE person_unique_id = 'P1'");
    expect(p1.rows[0]!.email).toBeNull();
  });
});

describe.runIf(await postgresAvailable())('commit on postgres beside another session', () => {
  let t: TestDatabase;
  beforeEach(async () => {
    t = await createTestDatabase('postgres');
    await seedCommitMaster(t.db);
  });
  afterEach(async () => {
    await t.drop();
  });

  it('neither waits for nor writes a matched record it has nothing new for, while another session holds it', async () => {
    await seedMaster(t.db, [], [ANN_COMPLETE]);
    const { rows, decisions } = commitScenario();
    const ann = annMatched(2);
    rows.push(ann.row);
    decisions.push(ann.d);
    const holder = await openPgUrl(t.url!, 'holder');
    try {
      await holder.exec('BEGIN');
      await holder.query("SELECT 1 FROM marketing.people_master WHERE person_unique_id = 'P2' FOR UPDATE");
      // Before: the UPDATE locked every matched record and waited here until the lock timeout.
      const { result, processId } = await planAndCommit(t.db, rows, decisions);
      expect(result.people.updated).toBe(1); // P1 (email, phone), not P2
      const audited = await t.db.query<{ record_id: string }>("SELECT record_id FROM shq.audit_log WHERE process_id = $1 AND operation = 'update' AND table_name = 'marketing.people_master'", [processId]);
      expect(audited.rows.map((r) => r.record_id)).toEqual(['P1']);
      expect(result.rows[2]!.actions.map((a) => a.action)).toEqual(['matched', 'matched']);
    } finally {
      await holder.exec('ROLLBACK');
      await holder.close();
    }
    const p2 = await t.db.query<{ title: string }>("SELECT title FROM marketing.people_master WHERE person_unique_id = 'P2'");
    expect(p2.rows[0]!.title).toBe('CEO');
  });
});
