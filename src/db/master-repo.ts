import type { CompanyRecord, LockInfo, MasterSnapshot, PersonRecord } from '../core/types.js';
import type { Db } from './types.js';
import { shared } from '../core/tight.js';

// Reads the master tables into the snapshot the matcher and the plan work on. Keyset pages keep
// each round trip bounded; values are read as stored (messy ones are normalized by the matcher).

interface LockCols {
  locked_fields: string[] | null;
  override_keys: string[] | null;
}

/**
 * Most master records have no locks at all: they share one frozen LockInfo per combination of flags
 * instead of an object and two empty arrays each (~100 bytes a record, 140 MB at 1.4M records).
 */
const unlocked = new Map<string, LockInfo>();

function locksOf(r: LockCols, flags: Partial<LockInfo>): LockInfo {
  const lockedFields = r.locked_fields ?? [];
  const manualOverrideKeys = r.override_keys ?? [];
  if (lockedFields.length > 0 || manualOverrideKeys.length > 0) return { lockedFields, manualOverrideKeys, ...flags };
  const key = JSON.stringify(flags);
  let locks = unlocked.get(key);
  if (locks === undefined) {
    locks = Object.freeze({ lockedFields: shared<string>([]), manualOverrideKeys: shared<string>([]), ...flags });
    unlocked.set(key, locks);
  }
  return locks;
}

type CompanyRow = LockCols & { id: string; company_name: string; domain: string | null; website_url: string | null; manually_corrected_domain: boolean };
type PersonRow = LockCols & {
  id: string;
  company_unique_id: string | null;
  first_name: string | null;
  last_name: string | null;
  full_name: string;
  title: string | null;
  email: string | null;
  phone: string | null;
  linkedin_url: string | null;
  manually_corrected_email: boolean;
  manually_corrected_title: boolean;
};

const OVERRIDE_KEYS = `ARRAY(SELECT jsonb_object_keys(CASE WHEN jsonb_typeof(manual_overrides) = 'object' THEN manual_overrides ELSE '{}'::jsonb END)) AS override_keys`;
const COMPANY_SELECT = `SELECT company_unique_id AS id, company_name, domain, website_url, locked_fields, ${OVERRIDE_KEYS}, manually_corrected_domain
       FROM marketing.company_master`;
const PERSON_SELECT = `SELECT person_unique_id AS id, company_unique_id, first_name, last_name, full_name, title, email, phone, linkedin_url, locked_fields,
            ${OVERRIDE_KEYS}, manually_corrected_email, manually_corrected_title
       FROM marketing.people_master`;

function companyOf(r: CompanyRow): CompanyRecord {
  return { id: r.id, name: r.company_name, domain: r.domain, websiteUrl: r.website_url, locks: locksOf(r, { manuallyCorrectedDomain: r.manually_corrected_domain }) };
}

function personOf(r: PersonRow): PersonRecord {
  return {
    id: r.id,
    companyId: r.company_unique_id,
    firstName: r.first_name,
    lastName: r.last_name,
    fullName: r.full_name,
    title: r.title,
    email: r.email,
    phone: r.phone,
    linkedinUrl: r.linkedin_url,
    locks: locksOf(r, { manuallyCorrectedEmail: r.manually_corrected_email, manuallyCorrectedTitle: r.manually_corrected_title }),
  };
}

async function* pages<T extends { id: string }>(db: Db, sql: string, pageSize: number): AsyncGenerator<T[]> {
  let after = '';
  for (;;) {
    const res = await db.query<T>(sql, [after, pageSize]);
    if (res.rows.length === 0) return;
    yield res.rows;
    if (res.rows.length < pageSize) return;
    after = res.rows[res.rows.length - 1]!.id;
  }
}

export async function loadMaster(db: Db, pageSize = 50000, onProgress?: (loaded: number) => void): Promise<MasterSnapshot> {
  const companies: CompanyRecord[] = [];
  const people: PersonRecord[] = [];
  for await (const page of pages<CompanyRow>(db, `${COMPANY_SELECT} WHERE company_unique_id > $1 ORDER BY company_unique_id LIMIT $2`, pageSize)) {
    for (const r of page) companies.push(companyOf(r));
    onProgress?.(companies.length);
  }
  for await (const page of pages<PersonRow>(db, `${PERSON_SELECT} WHERE person_unique_id > $1 ORDER BY person_unique_id LIMIT $2`, pageSize)) {
    for (const r of page) people.push(personOf(r));
    onProgress?.(companies.length + people.length);
  }
  return { companies, people };
}

/**
 * The master records with these ids, as loadMaster reads them (ids not found are left out), in
 * batches of `batch` ids a statement. The plan needs only the records the rows matched: a run that
 * let go of the whole snapshot once its index was built reads those again (at 1M master records,
 * ~450 bytes a record it did not keep through the match).
 */
export async function loadMasterRecords(db: Db, companyIds: readonly string[], personIds: readonly string[], batch = 50000): Promise<MasterSnapshot> {
  const companies: CompanyRecord[] = [];
  const people: PersonRecord[] = [];
  for (let i = 0; i < companyIds.length; i += batch) {
    const res = await db.query<CompanyRow>(`${COMPANY_SELECT} WHERE company_unique_id = ANY($1::text[])`, [companyIds.slice(i, i + batch)]);
    for (const r of res.rows) companies.push(companyOf(r));
  }
  for (let i = 0; i < personIds.length; i += batch) {
    const res = await db.query<PersonRow>(`${PERSON_SELECT} WHERE person_unique_id = ANY($1::text[])`, [personIds.slice(i, i + batch)]);
    for (const r of res.rows) people.push(personOf(r));
  }
  return { companies, people };
}

/** Row hashes of `hashes` already imported by a run that was not rolled back (SPEC §6.6). */
export async function findImportedHashes(db: Db, hashes: readonly string[], batch = 50000): Promise<Set<string>> {
  const found = new Set<string>();
  for (let i = 0; i < hashes.length; i += batch) {
    const res = await db.query<{ h: string }>(
      `SELECT DISTINCT l.source_row_hash AS h FROM marketing.backfill_log l
         JOIN marketing.backfill_run r ON r.process_id = l.process_id AND r.rolled_back_at IS NULL
        WHERE l.resolution_status IN ('initialized', 'skipped_locked') AND l.source_row_hash = ANY($1::text[])`,
      [hashes.slice(i, i + batch)],
    );
    for (const r of res.rows) found.add(r.h);
  }
  return found;
}

/** People that already have a Talent Flow baseline (for dry-run predictions). */
export async function countExistingTalentFlow(db: Db, personIds: readonly string[]): Promise<number> {
  let n = 0;
  for (let i = 0; i < personIds.length; i += 50000) {
    const res = await db.query<{ n: number }>('SELECT count(*)::int AS n FROM marketing.talent_flow_baseline WHERE person_unique_id = ANY($1::text[])', [personIds.slice(i, i + 50000)]);
    n += res.rows[0]?.n ?? 0;
  }
  return n;
}
