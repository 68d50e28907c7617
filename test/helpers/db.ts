import pg from 'pg';
import { randomBytes } from 'node:crypto';
import { openPg } from '../../src/db/pg-driver.js';
import { openPgliteMemory } from '../../src/db/pglite-driver.js';
import type { Db } from '../../src/db/types.js';

export const PG_ADMIN_URL = process.env.BACKFILL_TEST_PG_URL ?? 'postgresql://postgres@127.0.0.1:5432/test';

let pgAvailable: boolean | null = null;

/** Whether the real Postgres is reachable. Under CI it must be: an unreachable server fails the run. */
export async function postgresAvailable(): Promise<boolean> {
  if (pgAvailable !== null) return pgAvailable;
  const c = new pg.Client({ connectionString: PG_ADMIN_URL, connectionTimeoutMillis: 3000 });
  try {
    await c.connect();
    await c.end();
    pgAvailable = true;
  } catch (err) {
    if (process.env.CI) throw new Error(`CI is set but Postgres at ${PG_ADMIN_URL} is unreachable: ${(err as Error).message}`);
    pgAvailable = false;
  }
  return pgAvailable;
}

function urlFor(dbName: string): string {
  const u = new URL(PG_ADMIN_URL);
  u.pathname = `/${dbName}`;
  return u.toString();
}

export interface TestDatabase {
  db: Db;
  /** A URL for this database (postgres driver only), for spawning the CLI. */
  url: string | null;
  drop(): Promise<void>;
}

/** A fresh, empty Postgres database; drop() removes it. */
export async function createPgDatabase(): Promise<TestDatabase> {
  const name = `bf_test_${randomBytes(5).toString('hex')}`;
  const admin = new pg.Client({ connectionString: PG_ADMIN_URL });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const url = urlFor(name);
  const db = await openPg({
    url,
    applicationName: 'backfill-tui test',
    connectTimeoutMs: 5000,
    statementTimeoutMs: 60000,
    lockTimeoutMs: 10000,
    idleInTransactionTimeoutMs: 60000,
  });
  return {
    db,
    url,
    async drop() {
      await db.close();
      const a = new pg.Client({ connectionString: PG_ADMIN_URL });
      await a.connect();
      await a.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await a.end();
    },
  };
}

export async function createPgliteDatabase(): Promise<TestDatabase> {
  const db = await openPgliteMemory();
  return { db, url: null, drop: () => db.close() };
}

export const DRIVERS = ['embedded', 'postgres'] as const;
export type DriverName = (typeof DRIVERS)[number];

export async function createTestDatabase(driver: DriverName): Promise<TestDatabase> {
  return driver === 'embedded' ? createPgliteDatabase() : createPgDatabase();
}

/** describe.each helper: the postgres driver is skipped only when not under CI and unreachable. */
export async function driversToTest(): Promise<DriverName[]> {
  return (await postgresAvailable()) ? ['embedded', 'postgres'] : ['embedded'];
}

/** Opens a test database URL with node-postgres and the timeouts the tests use. */
export function openPgUrl(url: string, applicationName = 'test'): Promise<Db> {
  return openPg({ url, applicationName, connectTimeoutMs: 5000, statementTimeoutMs: 30000, lockTimeoutMs: 5000, idleInTransactionTimeoutMs: 30000 });
}

/** A fresh temp database name + URL without opening it (for CLI spawn tests). */
export async function createPgDatabaseUrl(): Promise<{ url: string; drop(): Promise<void> }> {
  const t = await createPgDatabase();
  await t.db.close();
  return {
    url: t.url!,
    async drop() {
      const name = new URL(t.url!).pathname.slice(1);
      const a = new pg.Client({ connectionString: PG_ADMIN_URL });
      await a.connect();
      await a.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await a.end();
    },
  };
}
