import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { migrate } from '../../src/db/migrate.js';
import { createTestDatabase, driversToTest, type TestDatabase } from '../helpers/db.js';

// SPEC §7 tables and the columns each must have.
const EXPECTED: Record<string, string[]> = {
  'marketing.company_master': ['company_unique_id', 'company_name', 'domain', 'website_url', 'locked_fields', 'manual_overrides', 'manually_corrected_domain', 'notes_internal', 'source', 'created_at', 'updated_at'],
  'marketing.people_master': ['person_unique_id', 'company_unique_id', 'first_name', 'last_name', 'full_name', 'title', 'email', 'phone', 'linkedin_url', 'locked_fields', 'manual_overrides', 'manually_corrected_email', 'manually_corrected_title', 'notes_internal', 'source', 'created_at', 'updated_at'],
  'marketing.bit_signal': ['signal_id', 'person_unique_id', 'company_unique_id', 'signal_type', 'signal_count', 'signal_weight', 'source_type', 'scored', 'occurred_at', 'process_id', 'metadata', 'created_at'],
  'marketing.backfill_log': ['id', 'source_row_hash', 'source_data', 'match_type', 'match_confidence', 'matched_company_id', 'matched_person_id', 'resolution_status', 'actions_taken', 'error_message', 'notes', 'created_at', 'worker_id', 'process_id'],
  'marketing.backfill_staging': ['staging_id', 'process_id', 'source_data'],
  'marketing.bit_baseline_snapshot': ['baseline_id', 'person_unique_id', 'company_unique_id', 'historical_open_count', 'historical_reply_count', 'historical_meeting_count', 'last_engaged_at', 'baseline_score', 'baseline_tier', 'signals_generated', 'created_at', 'source', 'metadata'],
  'marketing.talent_flow_baseline': ['baseline_id', 'person_unique_id', 'enrichment_hash', 'snapshot_data', 'baseline_date', 'source', 'created_at', 'metadata'],
  'garage.missing_parts': ['missing_id', 'source', 'issue_type', 'source_data', 'match_attempts', 'confidence_score', 'resolved', 'resolved_at', 'created_at'],
  'shq.audit_log': ['audit_id', 'process_id', 'worker_id', 'table_name', 'record_id', 'operation', 'before_data', 'after_data', 'created_at'],
};

async function columnsOf(t: TestDatabase, qualified: string): Promise<string[]> {
  const [schema, table] = qualified.split('.');
  const res = await t.db.query<{ column_name: string }>(
    'SELECT column_name FROM information_schema.columns WHERE table_schema = $1 AND table_name = $2 ORDER BY ordinal_position',
    [schema, table],
  );
  return res.rows.map((r) => r.column_name);
}

describe.each(await driversToTest())('schema on %s', (driver) => {
  let t: TestDatabase;
  beforeEach(async () => {
    t = await createTestDatabase(driver);
  });
  afterEach(async () => {
    await t.drop();
  });

  it('creates every SPEC §7 table with its columns and the id sequences', async () => {
    const applied = await migrate(t.db);
    expect(applied.length).toBeGreaterThanOrEqual(2);
    for (const [table, cols] of Object.entries(EXPECTED)) {
      const got = await columnsOf(t, table);
      expect(got, table).toEqual(expect.arrayContaining(cols));
    }
    const seqs = await t.db.query<{ n: string }>(
      "SELECT sequence_name AS n FROM information_schema.sequences WHERE sequence_schema = 'marketing' ORDER BY 1",
    );
    expect(seqs.rows.map((r) => r.n)).toEqual(expect.arrayContaining(['company_id_seq', 'person_id_seq']));
  });

  it('applies each migration once: a second run changes nothing', async () => {
    await migrate(t.db);
    const before = await t.db.query('SELECT name, checksum, applied_at FROM shq.backfill_migrations ORDER BY name');
    expect(await migrate(t.db)).toEqual([]);
    const after = await t.db.query('SELECT name, checksum, applied_at FROM shq.backfill_migrations ORDER BY name');
    expect(after.rows).toEqual(before.rows);
  });

  it('leaves existing master tables, their extra columns and their rows untouched', async () => {
    await t.db.exec(`
      CREATE SCHEMA marketing;
      CREATE TABLE marketing.company_master (company_unique_id text primary key, company_name text not null, domain text, crm_owner text);
      INSERT INTO marketing.company_master VALUES ('C1', 'ACME CORP, INC.', 'ACME.COM', 'dana');
      CREATE TABLE marketing.people_master (person_unique_id text primary key, company_unique_id text, full_name text not null, email text, favourite_colour text);
      INSERT INTO marketing.people_master VALUES ('P1', 'C1', 'JOHN SMITH', 'John@Acme.com', 'teal');
    `);
    await migrate(t.db);
    const c = await t.db.query('SELECT company_unique_id, company_name, domain, crm_owner, locked_fields FROM marketing.company_master');
    expect(c.rows).toEqual([{ company_unique_id: 'C1', company_name: 'ACME CORP, INC.', domain: 'ACME.COM', crm_owner: 'dana', locked_fields: [] }]);
    const p = await t.db.query('SELECT person_unique_id, full_name, email, favourite_colour FROM marketing.people_master');
    expect(p.rows).toEqual([{ person_unique_id: 'P1', full_name: 'JOHN SMITH', email: 'John@Acme.com', favourite_colour: 'teal' }]);
    expect(await columnsOf(t, 'marketing.people_master')).toEqual(expect.arrayContaining(['favourite_colour', 'locked_fields', 'manually_corrected_email']));
  });
});
