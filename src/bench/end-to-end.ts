// End-to-end benchmark: generate data with the fixtures generator, seed the master tables, run
// `backfill-tui FILE --yes --json` as a real process and report wall time (process start included),
// rows/s, peak RSS and the time of each stage. Side by side with the commit it times raw COPYs:
//  - raw_copy_log_ms: as many synthetic backfill_log-shaped rows as input rows, into a temp table
//    (the historical figure: one table, one row per input row);
//  - raw_copy_same_rows_ms (postgres only): the very rows the commit wrote (people and companies it
//    created or updated, every audit_log row with its jsonb, baselines, signals, talent flow, logs,
//    fallout, the run row), exported after the run and COPYed in one transaction into tables built
//    LIKE the real ones (same indexes, checks, the people -> companies foreign key, the untouched
//    master rows already in place). commit_vs_same_rows_copy = commit / that (target: <= 2).
// On Postgres it also reports the WAL the run wrote and the checkpoints requested meanwhile (those
// max_wal_size forced), after a CHECKPOINT that closes the seed's.
//
//   npm run build && node dist/bench/end-to-end.js [--sizes 1500:1700,100000:80000] [--drivers postgres,embedded]
//
// Data is cached in .bench/ (gitignored). Postgres: postgresql://postgres@127.0.0.1:5432 (BENCH_PG_URL).

import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import pg from 'pg';
import { from as copyFrom, to as copyTo } from 'pg-copy-streams';
import { Readable, Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { PACKAGE_ROOT } from '../config/load.js';
import { seedDemo } from '../commands/demo.js';
import { migrate } from '../db/migrate.js';
import { openPg } from '../db/pg-driver.js';
import { openPglite } from '../db/pglite-driver.js';
import type { Db } from '../db/types.js';

const ADMIN = process.env.BENCH_PG_URL ?? 'postgresql://postgres@127.0.0.1:5432/test';
const BENCH = join(PACKAGE_ROOT, '.bench');
const CLI = join(PACKAGE_ROOT, 'dist', 'bundle', 'cli.js'); // the package's bin
const GEN = join(PACKAGE_ROOT, 'dist', 'gen', 'cli.js');

function arg(name: string, dflt: string): string {
  const i = process.argv.indexOf(name);
  return i >= 0 ? process.argv[i + 1]! : dflt;
}

function generate(rows: number, masterPeople: number): string {
  const dir = join(BENCH, `gen-${rows}-${masterPeople}`);
  if (existsSync(join(dir, 'legacy.csv')) && existsSync(join(dir, 'truth.csv'))) return dir;
  mkdirSync(dir, { recursive: true });
  const t0 = Date.now();
  const r = spawnSync(process.execPath, [GEN, '--rows', String(rows), '--master-people', String(masterPeople), '--seed', '42', '--out', dir], { stdio: 'inherit' });
  if (r.status !== 0) throw new Error('generator failed');
  process.stderr.write(`generated ${rows} rows / ${masterPeople} master people in ${((Date.now() - t0) / 1000).toFixed(1)} s\n`);
  return dir;
}

async function seed(db: Db, dir: string): Promise<void> {
  await migrate(db);
  await seedDemo(db, dir); // the demo's seeding: COPY of master_*.csv into empty master tables
}

interface Target {
  args: string[];
  url?: string; // postgres only
  open(): Promise<Db>;
  drop(): Promise<void>;
}

async function target(driver: string, name: string): Promise<Target> {
  if (driver === 'embedded') {
    const dir = join(BENCH, `pglite-${name}`);
    rmSync(dir, { recursive: true, force: true });
    return { args: ['--data-dir', dir], open: () => openPglite({ dataDir: dir, processId: 'bench' }), drop: async () => rmSync(dir, { recursive: true, force: true }) };
  }
  const db = `bench_${name}`;
  const admin = new pg.Client({ connectionString: ADMIN });
  await admin.connect();
  await admin.query(`DROP DATABASE IF EXISTS ${db} WITH (FORCE)`);
  await admin.query(`CREATE DATABASE ${db}`);
  await admin.end();
  const u = new URL(ADMIN);
  u.pathname = `/${db}`;
  const url = u.toString();
  return {
    args: ['--database-url', url],
    url,
    open: () => openPg({ url, applicationName: 'bench', connectTimeoutMs: 5000, statementTimeoutMs: 0, lockTimeoutMs: 10000, idleInTransactionTimeoutMs: 0 }),
    drop: async () => {
      const a = new pg.Client({ connectionString: ADMIN });
      await a.connect();
      await a.query(`DROP DATABASE IF EXISTS ${db} WITH (FORCE)`);
      await a.end();
    },
  };
}

function runCli(args: string[]): Promise<{ code: number | null; stdout: string; stderr: string; ms: number }> {
  return new Promise((res) => {
    const t0 = performance.now();
    const child = spawn(process.execPath, [CLI, ...args], { stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, DATABASE_URL: '', NEON_DATABASE_URL: '' } });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => {
      stderr += d.toString();
      if (process.env.BENCH_VERBOSE) process.stderr.write(d);
    });
    child.on('close', (code) => res({ code, stdout, stderr, ms: performance.now() - t0 }));
  });
}

/** Raw COPY of n synthetic rows shaped like backfill_log rows (one table), in one transaction, for comparison. */
async function rawCopy(db: Db, n: number): Promise<number> {
  await db.exec('CREATE TEMP TABLE bench_copy (LIKE marketing.backfill_log INCLUDING DEFAULTS)');
  const t0 = performance.now();
  await db.exec('BEGIN');
  const chunks = function* (): Generator<string> {
    let buf = '';
    for (let i = 0; i < n; i++) {
      buf += `"${i.toString(16).padStart(32, '0')}","{""company_name"": ""Acme ${i}"", ""full_name"": ""Person ${i}"", ""email"": ""p${i}@acme.com""}",${i + 2},perfect,1.000,C${i},P${i},initialized,"[{""action"": ""matched""}]",,"company: domain equal | person: email equal",backfill-bench,PRC-BENCH\n`;
      if (buf.length > 1 << 20) {
        yield buf;
        buf = '';
      }
    }
    if (buf) yield buf;
  };
  await db.copyIn(
    'COPY bench_copy (source_row_hash, source_data, csv_line, match_type, match_confidence, matched_company_id, matched_person_id, resolution_status, actions_taken, error_message, notes, worker_id, process_id) FROM STDIN WITH (FORMAT csv)',
    chunks(),
  );
  await db.exec('COMMIT');
  return performance.now() - t0;
}

/** Every row one run wrote, per table: what a raw COPY of "the same rows" must load. */
function writtenRowsQueries(processId: string): { table: string; select: string; untouched?: string }[] {
  const p = `'${processId.replace(/'/g, "''")}'`;
  const touched = (table: string): string =>
    `SELECT record_id FROM shq.audit_log WHERE process_id = ${p} AND table_name = '${table}' AND operation IN ('insert', 'update')`;
  return [
    ...[
      { table: 'marketing.company_master', id: 'company_unique_id' },
      { table: 'marketing.people_master', id: 'person_unique_id' },
    ].map(({ table, id }) => ({
      table,
      select: `SELECT * FROM ${table} WHERE ${id} IN (${touched(table)})`,
      untouched: `SELECT * FROM ${table} WHERE ${id} NOT IN (${touched(table)})`,
    })),
    ...['shq.audit_log', 'marketing.bit_baseline_snapshot', 'marketing.bit_signal', 'marketing.talent_flow_baseline', 'marketing.backfill_log', 'garage.missing_parts', 'marketing.backfill_run'].map(
      (table) => ({ table, select: `SELECT * FROM ${table} WHERE process_id = ${p}` }),
    ),
  ];
}

async function copyOutAll(client: pg.Client, sql: string): Promise<Buffer[]> {
  const chunks: Buffer[] = [];
  await pipeline(
    client.query(copyTo(`COPY (${sql}) TO STDOUT WITH (FORMAT csv)`)),
    new Writable({
      write(chunk: Buffer, _enc, cb) {
        chunks.push(chunk);
        cb();
      },
    }),
  );
  return chunks;
}

export interface SameRowsCopy {
  ms: number;
  rows: number;
  mb: number;
  per_table: Record<string, { rows: number; ms: number }>;
}

/**
 * Raw COPY of exactly the rows the run `processId` wrote, into `bench_raw.*` tables made LIKE the
 * real ones (indexes, defaults, checks; plus the people -> companies foreign key the real COPY
 * checks), pre-filled with the master rows the run did not touch, so the indexes are as big as the
 * real ones. Timed: BEGIN, one COPY per table, COMMIT. The exported CSV is in memory beforehand.
 */
async function rawCopySameRows(url: string, processId: string): Promise<SameRowsCopy> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const queries = writtenRowsQueries(processId);
    const data = new Map<string, Buffer[]>();
    for (const q of queries) data.set(q.table, await copyOutAll(client, q.select));
    const clone = (t: string): string => `bench_raw.${t.split('.')[1]}`;
    await client.query('DROP SCHEMA IF EXISTS bench_raw CASCADE; CREATE SCHEMA bench_raw');
    for (const q of queries) await client.query(`CREATE TABLE ${clone(q.table)} (LIKE ${q.table} INCLUDING ALL)`);
    for (const q of queries) if (q.untouched) await client.query(`INSERT INTO ${clone(q.table)} ${q.untouched}`);
    // Checked for every row the COPY brings, as on the real table (NOT VALID: untouched people may point at touched companies not loaded yet).
    await client.query(`ALTER TABLE bench_raw.people_master ADD FOREIGN KEY (company_unique_id) REFERENCES bench_raw.company_master (company_unique_id) NOT VALID`);
    await client.query('VACUUM ANALYZE bench_raw.company_master, bench_raw.people_master');
    const per: Record<string, { rows: number; ms: number }> = {};
    let rows = 0;
    let bytes = 0;
    const t0 = performance.now();
    await client.query('BEGIN');
    for (const q of queries) {
      const t = performance.now();
      const sink = client.query(copyFrom(`COPY ${clone(q.table)} FROM STDIN WITH (FORMAT csv)`));
      await pipeline(Readable.from(data.get(q.table)!), sink);
      per[q.table] = { rows: Number(sink.rowCount), ms: Math.round(performance.now() - t) };
      rows += Number(sink.rowCount);
      bytes += data.get(q.table)!.reduce((n, b) => n + b.length, 0);
    }
    await client.query('COMMIT');
    const ms = performance.now() - t0;
    await client.query('DROP SCHEMA bench_raw CASCADE');
    return { ms, rows, mb: +(bytes / 1e6).toFixed(1), per_table: per };
  } finally {
    await client.end();
  }
}

/** The server's WAL position (bytes) and its requested checkpoints so far (forced by WAL or asked for), Postgres only. */
interface WalMark {
  lsnBytes: number;
  requested: number;
}

/**
 * The server's WAL mark, through the target's own driver. `checkpointFirst`: after a CHECKPOINT, so
 * that the run does not pay for the seed's (it needs a superuser or pg_checkpoint; skipped without).
 */
async function walMark(t: Target, checkpointFirst: boolean): Promise<WalMark> {
  const db = await t.open();
  try {
    if (checkpointFirst) await db.exec('CHECKPOINT').catch(() => undefined);
    const lsn = await db.query<{ b: string }>(`SELECT pg_wal_lsn_diff(pg_current_wal_lsn(), '0/0')::bigint::text AS b`);
    // Postgres 17 moved the checkpoint counters to pg_stat_checkpointer.
    const req = await db
      .query<{ n: string }>('SELECT num_requested::text AS n FROM pg_stat_checkpointer')
      .catch(() => db.query<{ n: string }>('SELECT checkpoints_req::text AS n FROM pg_stat_bgwriter'));
    return { lsnBytes: Number(lsn.rows[0]!.b), requested: Number(req.rows[0]!.n) };
  } finally {
    await db.close();
  }
}

async function main(): Promise<void> {
  const sizes = arg('--sizes', '1500:1700,100000:80000').split(',').map((s) => s.split(':').map(Number) as [number, number]);
  const drivers = arg('--drivers', 'postgres,embedded').split(',');
  mkdirSync(BENCH, { recursive: true });
  const results: Record<string, unknown>[] = [];
  for (const [rows, master] of sizes) {
    const dir = generate(rows, master);
    for (const driver of drivers) {
      const name = `${rows}_${master}_${driver}`.replace(/[^a-z0-9_]/gi, '');
      const t = await target(driver, name);
      try {
        const db = await t.open();
        const ts = performance.now();
        await seed(db, dir);
        const seedMs = performance.now() - ts;
        await db.close();
        const reportDir = join(BENCH, `reports-${name}`);
        const walBefore = t.url ? await walMark(t, true) : null;
        const r = await runCli([resolve(dir, 'legacy.csv'), '--yes', '--json', '--report-dir', reportDir, ...t.args]);
        if (r.code !== 0) throw new Error(`run failed (${r.code}): ${r.stderr.slice(-2000)}`);
        const walAfter = t.url ? await walMark(t, false) : null;
        const s = JSON.parse(r.stdout) as { process_id: string; timings_ms: Record<string, number>; peak_rss_mb: number; rows: { loaded: number }; issues: Record<string, number>; people: Record<string, number>; companies: Record<string, number> };
        let copyMs: number | null = null;
        if (driver === 'postgres' || rows <= 200000) {
          const db2 = await t.open();
          copyMs = await rawCopy(db2, rows);
          await db2.close();
        }
        const same = t.url ? await rawCopySameRows(t.url, s.process_id) : null;
        const commitMs = s.timings_ms.commit ?? 0;
        const row = {
          driver,
          rows,
          master_people: master,
          wall_s: +(r.ms / 1000).toFixed(2),
          rows_per_s: Math.round(rows / (r.ms / 1000)),
          peak_rss_mb: s.peak_rss_mb,
          timings_ms: s.timings_ms,
          raw_copy_log_ms: copyMs === null ? null : Math.round(copyMs),
          commit_vs_log_copy: copyMs === null ? null : +(commitMs / copyMs).toFixed(2),
          raw_copy_same_rows_ms: same === null ? null : Math.round(same.ms),
          raw_copy_same_rows: same === null ? null : { rows: same.rows, mb: same.mb, per_table: same.per_table },
          commit_vs_same_rows_copy: same === null ? null : +(commitMs / same.ms).toFixed(2),
          seed_s: +(seedMs / 1000).toFixed(1),
          // The WAL the run wrote and the checkpoints requested meanwhile (by max_wal_size filling up), Postgres only.
          wal_mb: walBefore && walAfter ? Math.round((walAfter.lsnBytes - walBefore.lsnBytes) / 1048576) : null,
          checkpoints_requested: walBefore && walAfter ? walAfter.requested - walBefore.requested : null,
          people: s.people,
          companies: s.companies,
          issues: s.issues,
        };
        results.push(row);
        process.stdout.write(JSON.stringify(row) + '\n');
      } finally {
        await t.drop();
      }
    }
  }
  writeFileSync(join(BENCH, 'end-to-end.json'), JSON.stringify(results, null, 2));
  process.stdout.write('\n| driver | rows | master people | wall s | rows/s | peak RSS MB | read | master | match | plan | commit | reports | raw COPY log rows (one per input row) ms | raw COPY same rows ms | commit / same-rows COPY | WAL MB | checkpoints requested |\n|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|\n');
  for (const r of results as any[]) {
    const t = r.timings_ms;
    process.stdout.write(`| ${r.driver} | ${r.rows} | ${r.master_people} | ${r.wall_s} | ${r.rows_per_s} | ${r.peak_rss_mb} | ${t.read ?? ''} | ${t.master ?? ''} | ${t.match ?? ''} | ${t.plan ?? ''} | ${t.commit ?? ''} | ${t.reports ?? ''} | ${r.raw_copy_log_ms ?? ''} | ${r.raw_copy_same_rows_ms ?? ''} | ${r.commit_vs_same_rows_copy ?? ''} | ${r.wal_mb ?? ''} | ${r.checkpoints_requested ?? ''} |\n`);
  }
}

main().catch((err) => {
  process.stderr.write(`${(err as Error).stack}\n`);
  process.exit(1);
});
