import type { Db } from '../../src/db/types.js';

export interface SeedCompany {
  id: string;
  name: string;
  domain?: string | null;
  locked?: string[];
  overrides?: Record<string, unknown>;
  correctedDomain?: boolean;
}
export interface SeedPerson {
  id: string;
  companyId: string | null;
  fullName: string;
  first?: string | null;
  last?: string | null;
  title?: string | null;
  email?: string | null;
  phone?: string | null;
  linkedin?: string | null;
  locked?: string[];
  overrides?: Record<string, unknown>;
  correctedEmail?: boolean;
  correctedTitle?: boolean;
}

export async function seedMaster(db: Db, companies: SeedCompany[], people: SeedPerson[]): Promise<void> {
  for (const c of companies) {
    await db.query(
      `INSERT INTO marketing.company_master (company_unique_id, company_name, domain, locked_fields, manual_overrides, manually_corrected_domain, created_at, updated_at)
       VALUES ($1, $2, $3, $4::text[], $5::jsonb, $6, '2024-01-01T00:00:00Z', '2024-01-01T00:00:00Z')`,
      [c.id, c.name, c.domain ?? null, c.locked ?? [], JSON.stringify(c.overrides ?? {}), c.correctedDomain ?? false],
    );
  }
  for (const p of people) {
    await db.query(
      `INSERT INTO marketing.people_master (person_unique_id, company_unique_id, first_name, last_name, full_name, title, email, phone, linkedin_url,
         locked_fields, manual_overrides, manually_corrected_email, manually_corrected_title, notes_internal, created_at, updated_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10::text[], $11::jsonb, $12, $13, 'human note', '2024-01-01T00:00:00Z', '2024-01-01T00:00:00Z')`,
      [p.id, p.companyId, p.first ?? null, p.last ?? null, p.fullName, p.title ?? null, p.email ?? null, p.phone ?? null, p.linkedin ?? null, p.locked ?? [], JSON.stringify(p.overrides ?? {}), p.correctedEmail ?? false, p.correctedTitle ?? false],
    );
  }
}

/** MD5 of an ordered dump of a table: equal checksums mean identical contents. */
export async function tableChecksum(db: Db, table: string, orderBy: string): Promise<string> {
  const res = await db.query<{ h: string | null }>(`SELECT md5(coalesce(string_agg(t::text, '|' ORDER BY ${orderBy}), '')) AS h FROM ${table} t`);
  return res.rows[0]!.h ?? '';
}

export async function count(db: Db, table: string, where = 'true', params: unknown[] = []): Promise<number> {
  const res = await db.query<{ n: number }>(`SELECT count(*)::int AS n FROM ${table} WHERE ${where}`, params);
  return res.rows[0]!.n;
}
