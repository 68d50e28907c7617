import { readFileSync, existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openPglite } from '../../src/db/pglite-driver.js';
import type { Db } from '../../src/db/types.js';
import { runCli } from '../helpers/cli.js';
import { createPgDatabaseUrl, openPgUrl, postgresAvailable } from '../helpers/db.js';
import { seedScenario, writeScenarioCsv } from '../helpers/scenario.js';
import { count, tableChecksum } from '../helpers/seed.js';

const HAS_PG = await postgresAvailable();
const drivers = HAS_PG ? (['embedded', 'postgres'] as const) : (['embedded'] as const);

interface Target {
  args: string[];
  open(): Promise<Db>;
  drop(): Promise<void>;
}

async function makeTarget(driver: 'embedded' | 'postgres'): Promise<Target> {
  if (driver === 'embedded') {
    const dir = mkdtempSync(join(tmpdir(), 'bf-e2e-'));
    return { args: ['--data-dir', dir], open: () => openPglite({ dataDir: dir, processId: 'test' }), drop: async () => {} };
  }
  const t = await createPgDatabaseUrl();
  return {
    args: ['--database-url', t.url],
    open: () => openPgUrl(t.url),
    drop: t.drop,
  };
}

const MASTERS = ['marketing.company_master', 'marketing.people_master'];

describe.each(drivers)('--yes run end to end on %s', (driver) => {
  let target: Target;
  let csv: string;
  let reportDir: string;
  let before: string[];
  let first: Record<string, any>;

  beforeAll(async () => {
    target = await makeTarget(driver);
    const db = await target.open();
    await seedScenario(db);
    before = await Promise.all(MASTERS.map((m) => tableChecksum(db, m, 't::text')));
    await db.close();
    csv = writeScenarioCsv();
    reportDir = mkdtempSync(join(tmpdir(), 'bf-rep-'));
  });
  afterAll(async () => {
    await target.drop();
  });

  it('a dry run writes nothing and reports the plan', async () => {
    const r = await runCli([csv, '--yes', '--json', '--dry-run', '--report-dir', join(reportDir, 'dry'), ...target.args]);
    expect(r.stderr).not.toContain('unexpected');
    expect(r.code).toBe(0);
    const s = JSON.parse(r.stdout);
    expect(s.dry_run).toBe(true);
    expect(s.people.created).toBe(1);
    const db = await target.open();
    try {
      expect(await Promise.all(MASTERS.map((m) => tableChecksum(db, m, 't::text')))).toEqual(before);
      expect(await count(db, 'marketing.backfill_log')).toBe(0);
      expect(await count(db, 'shq.audit_log')).toBe(0);
    } finally {
      await db.close();
    }
  });

  it('imports the file: counts add up, matches are right, locked fields kept, reports written', async () => {
    const r = await runCli([csv, '--yes', '--json', '--report-dir', join(reportDir, 'run1'), ...target.args]);
    expect(r.code, r.stderr).toBe(0);
    first = JSON.parse(r.stdout);
    expect(first.rows).toMatchObject({ loaded: 7, errors: 2, duplicates: 1, processed: 4 });
    expect(first.rows.loaded).toBe(first.rows.errors + first.rows.duplicates + first.rows.processed);
    expect(first.companies).toEqual({ matched: 2, created: 1, updated: 2 }); // both get website_url filled
    expect(first.people).toMatchObject({ matched: 2, created: 1 });
    expect(first.issues).toMatchObject({ unresolved: 0, errors: 2, locked_field_skips: 1 });
    expect(first.baselines).toMatchObject({ bit: 3, tf: 3 });
    const db = await target.open();
    try {
      const john = await db.query<{ title: string | null; phone: string | null }>("SELECT title, phone FROM marketing.people_master WHERE person_unique_id = 'P-JOHN'");
      expect(john.rows[0]).toEqual({ title: null, phone: '+15551234567' }); // title locked, phone filled
      const ann = await db.query<{ company_name: string; domain: string; full_name: string }>(
        `SELECT c.company_name, c.domain, p.full_name FROM marketing.people_master p JOIN marketing.company_master c USING (company_unique_id) WHERE p.full_name = 'Ann Lee'`,
      );
      expect(ann.rows).toEqual([{ company_name: 'Newco', domain: 'newco.io', full_name: 'Ann Lee' }]);
      const snap = await db.query<{ baseline_score: number }>(`SELECT baseline_score FROM marketing.bit_baseline_snapshot b JOIN marketing.people_master p USING (person_unique_id) WHERE p.full_name = 'Ann Lee'`);
      expect(snap.rows).toEqual([{ baseline_score: 10 * 5 + 30 }]); // two rows summed
      const johnSnap = await db.query<{ baseline_score: number; baseline_tier: string }>("SELECT baseline_score, baseline_tier FROM marketing.bit_baseline_snapshot WHERE person_unique_id = 'P-JOHN'");
      expect(johnSnap.rows).toEqual([{ baseline_score: 240, baseline_tier: 'hot' }]);
      const log = await db.query<{ source_data: Record<string, string> }>("SELECT source_data FROM marketing.backfill_log WHERE matched_person_id = 'P-JOHN'");
      expect(log.rows[0]!.source_data).toMatchObject({ crm_owner: 'dana', Notes: 'multi\nline note' }); // every column kept
      expect(await count(db, 'marketing.backfill_log')).toBe(7);
    } finally {
      await db.close();
    }
    for (const f of ['summary.json', 'fallout.csv', 'validation.csv', 'decisions.csv']) expect(existsSync(join(reportDir, 'run1', f))).toBe(true);
    expect(readFileSync(join(reportDir, 'run1', 'validation.csv'), 'utf8')).toMatch(/7,full_name,error/);
    // summary.json is the summary printed on stdout, final duration and report time included.
    expect(JSON.parse(readFileSync(join(reportDir, 'run1', 'summary.json'), 'utf8'))).toEqual(first);
  });

  it('a second run of the same file changes nothing but its own log rows', async () => {
    const db0 = await target.open();
    const snapshot = async (db: Db) =>
      Promise.all(['marketing.company_master', 'marketing.people_master', 'marketing.bit_signal', 'marketing.bit_baseline_snapshot', 'marketing.talent_flow_baseline', 'garage.missing_parts', 'shq.audit_log'].map((m) => tableChecksum(db, m, 't::text')));
    const mid = await snapshot(db0);
    await db0.close();
    const r = await runCli([csv, '--yes', '--json', '--report-dir', join(reportDir, 'run2'), ...target.args]);
    expect(r.code, r.stderr).toBe(0);
    const s = JSON.parse(r.stdout);
    expect(s.rows.duplicates).toBe(5);
    expect(s.companies.created + s.people.created + s.companies.updated + s.people.updated).toBe(0);
    const db = await target.open();
    try {
      expect(await snapshot(db)).toEqual(mid);
    } finally {
      await db.close();
    }
  });

  it('lists the runs and rolls the first one back to the exact master tables', async () => {
    const runs = await runCli(['runs', '--json', ...target.args]);
    expect(runs.code).toBe(0);
    expect(JSON.parse(runs.stdout).map((x: { process_id: string }) => x.process_id)).toContain(first.process_id);
    const rb = await runCli(['rollback', first.process_id, ...target.args]);
    expect(rb.code, rb.stderr).toBe(0);
    const db = await target.open();
    try {
      expect(await Promise.all(MASTERS.map((m) => tableChecksum(db, m, 't::text')))).toEqual(before);
      expect(await count(db, 'marketing.bit_signal')).toBe(0);
    } finally {
      await db.close();
    }
    const again = await runCli(['rollback', first.process_id, ...target.args]);
    expect(again.code).toBe(2);
    expect(again.stderr).toContain('already rolled back');
  });
});
