import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { commitScenario, planAndCommit, seedCommitMaster } from '../helpers/commit.js';
import { createTestDatabase, driversToTest, type TestDatabase } from '../helpers/db.js';
import { decision, entity, makeRow } from '../helpers/rows.js';
import { count } from '../helpers/seed.js';

// What the set-based commit writes to shq.audit_log, pinned against the rows themselves: the audit
// of a locked UPDATE holds exactly the applied fields and updated_at (before: the live values it
// replaced; after: the values now stored), every inserted row is audited with to_jsonb of itself
// (also when earlier runs' rows are in the same tables), and fallout already waiting in the garage
// is not parked twice.

/** A newcomer of its own per run, so each run creates a company and a person. */
const tagged = (tag: string) => ({ person: `Ann ${tag}`, company: `Newco ${tag}`, domain: `newco-${tag}.io` });

describe.each(await driversToTest())('commit audit on %s', (driver) => {
  let t: TestDatabase;
  beforeEach(async () => {
    t = await createTestDatabase(driver);
    await seedCommitMaster(t.db);
  });
  afterEach(async () => {
    await t.drop();
  });

  it('audits a locked UPDATE with exactly the applied fields and updated_at, before and after', async () => {
    const { rows, decisions } = commitScenario(tagged('a'));
    const { processId } = await planAndCommit(t.db, rows, decisions);
    const audit = await t.db.query<{ before_keys: string[]; after_keys: string[]; before_ok: boolean; after_ok: boolean }>(
      `SELECT ARRAY(SELECT jsonb_object_keys(a.before_data) ORDER BY 1) AS before_keys,
              ARRAY(SELECT jsonb_object_keys(a.after_data) ORDER BY 1) AS after_keys,
              a.before_data = jsonb_build_object('email', NULL, 'phone', NULL, 'updated_at', '2024-01-01T00:00:00Z'::timestamptz) AS before_ok,
              a.after_data = (SELECT jsonb_object_agg(k, to_jsonb(m) -> k) FROM jsonb_object_keys(a.after_data) k) AS after_ok
         FROM shq.audit_log a JOIN marketing.people_master m ON m.person_unique_id = a.record_id
        WHERE a.process_id = $1 AND a.operation = 'update'`,
      [processId],
    );
    expect(audit.rows).toEqual([{ before_keys: ['email', 'phone', 'updated_at'], after_keys: ['email', 'phone', 'updated_at'], before_ok: true, after_ok: true }]);
  });

  it('audits every inserted row as to_jsonb of itself, run after run', async () => {
    const tables = [
      { table: 'marketing.company_master', id: 'company_unique_id', mine: `company_unique_id IN (SELECT record_id FROM shq.audit_log WHERE process_id = $1 AND operation = 'insert')` },
      { table: 'marketing.people_master', id: 'person_unique_id', mine: `person_unique_id IN (SELECT record_id FROM shq.audit_log WHERE process_id = $1 AND operation = 'insert')` },
      { table: 'marketing.bit_baseline_snapshot', id: 'baseline_id', mine: 'process_id = $1' },
      { table: 'marketing.bit_signal', id: 'signal_id', mine: 'process_id = $1' },
      { table: 'marketing.talent_flow_baseline', id: 'baseline_id', mine: 'process_id = $1' },
    ];
    const runs = [];
    for (const tag of ['a', 'b', 'c']) {
      const { rows, decisions } = commitScenario(tagged(tag));
      runs.push((await planAndCommit(t.db, rows, decisions)).processId);
    }
    for (const processId of runs) {
      for (const { table, id, mine } of tables) {
        const rows = await count(t.db, table, mine, [processId]);
        expect(rows, `${table} ${processId}`).toBeGreaterThan(0);
        const audited = await t.db.query<{ n: number; same: number }>(
          `SELECT count(*)::int AS n, count(*) FILTER (WHERE a.after_data = to_jsonb(x) AND a.before_data IS NULL)::int AS same
             FROM shq.audit_log a JOIN ${table} x ON x.${id}::text = a.record_id
            WHERE a.process_id = $1 AND a.operation = 'insert' AND a.table_name = '${table}'`,
          [processId],
        );
        expect(audited.rows[0], `${table} ${processId}`).toEqual({ n: rows, same: rows });
      }
    }
    // No audit row of one run points at another run's rows.
    const strays = await t.db.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM shq.audit_log a JOIN marketing.bit_signal s ON s.signal_id::text = a.record_id
        WHERE a.table_name = 'marketing.bit_signal' AND a.process_id <> s.process_id`,
    );
    expect(strays.rows[0]!.n).toBe(0);
  });

  it('parks an unresolved row in the garage unless it is already waiting there unresolved', async () => {
    const rows = [0, 1, 2].map((i) => makeRow({ index: i, fullName: `Nobody ${i}` }));
    const decisions = rows.map((r) =>
      decision(r, entity({ entity: 'company', outcome: 'borderline', targetId: 'C1' }), entity({ entity: 'person', outcome: 'borderline', targetId: 'P1' }), 'unresolved'),
    );
    // Row 0 waits unresolved from an earlier run; row 1 was parked before but resolved since.
    await t.db.query(
      `INSERT INTO garage.missing_parts (issue_type, source_data, process_id, source_row_hash, resolved)
       VALUES ('low_confidence_match', '{}', 'PRC-BF-EARLIER', $1, false), ('low_confidence_match', '{}', 'PRC-BF-EARLIER', $2, true)`,
      [rows[0]!.hash, rows[1]!.hash],
    );
    const { processId } = await planAndCommit(t.db, rows, decisions);
    const parked = await t.db.query<{ source_row_hash: string; csv_line: number; source_data: unknown; issue_type: string; source: string; resolved: boolean }>(
      'SELECT source_row_hash, csv_line, source_data, issue_type, source, resolved FROM garage.missing_parts WHERE process_id = $1 ORDER BY missing_id',
      [processId],
    );
    expect(parked.rows).toEqual(
      [rows[1]!, rows[2]!].map((r) => ({ source_row_hash: r.hash, csv_line: r.line, source_data: r.source, issue_type: 'low_confidence_match', source: 'backfill_agent', resolved: false })),
    );
    expect(await count(t.db, 'garage.missing_parts', 'source_row_hash = $1', [rows[0]!.hash])).toBe(1);
  });
});
