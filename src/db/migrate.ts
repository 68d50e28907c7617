import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { PACKAGE_ROOT } from '../config/load.js';
import type { Db } from './types.js';
import { withTransaction } from './transaction.js';

export const SCHEMA_DIR = join(PACKAGE_ROOT, 'schema');

export interface Migration {
  name: string;
  sql: string;
  checksum: string;
}

export function listMigrations(dir: string = SCHEMA_DIR): Migration[] {
  return readdirSync(dir)
    .filter((f) => /^\d+_.*\.sql$/.test(f))
    .sort()
    .map((name) => {
      const sql = readFileSync(join(dir, name), 'utf8');
      return { name, sql, checksum: createHash('sha256').update(sql).digest('hex') };
    });
}

/** Applies pending migrations in order, each once and inside one transaction. Returns the names applied. */
export async function migrate(db: Db, dir: string = SCHEMA_DIR): Promise<string[]> {
  const migrations = listMigrations(dir);
  return withTransaction(db, async (tx) => {
    if (tx.kind === 'postgres') {
      // Two migrators at once wait for each other instead of racing on CREATE.
      await tx.query('SELECT pg_advisory_xact_lock(hashtext($1))', ['backfill-tui:migrate']);
    }
    await tx.exec(`CREATE SCHEMA IF NOT EXISTS shq;
      CREATE TABLE IF NOT EXISTS shq.backfill_migrations (
        name text PRIMARY KEY, checksum text NOT NULL, applied_at timestamptz NOT NULL DEFAULT now())`);
    const done = new Set((await tx.query<{ name: string }>('SELECT name FROM shq.backfill_migrations')).rows.map((r) => r.name));
    const applied: string[] = [];
    for (const m of migrations) {
      if (done.has(m.name)) continue;
      await tx.exec(m.sql);
      await tx.query('INSERT INTO shq.backfill_migrations (name, checksum) VALUES ($1, $2)', [m.name, m.checksum]);
      applied.push(m.name);
    }
    return applied;
  });
}
