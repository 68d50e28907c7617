import { cpSync, mkdtempSync, readFileSync, writeFileSync, readdirSync, statSync } from 'node:fs';
import net from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Db } from '../../src/db/types.js';
import { ROOT, runCli } from '../helpers/cli.js';
import { openPgUrl, postgresAvailable } from '../helpers/db.js';
import { createScenarioPgDatabase, writeScenarioCsv } from '../helpers/scenario.js';
import { startCli } from '../helpers/spawn.js';

const HAS_PG = await postgresAvailable();

const open = (url: string): Promise<Db> => openPgUrl(url);

/** Everything a run writes, without timestamps, ids of serial columns or process ids: equal = same data. */
async function state(db: Db): Promise<Record<string, unknown>> {
  const q = async (sql: string) => (await db.query<{ v: unknown }>(sql)).rows[0]!.v;
  return {
    companies: await q(`SELECT md5(coalesce(string_agg((to_jsonb(t) - 'created_at' - 'updated_at')::text, '|' ORDER BY company_unique_id), '')) AS v FROM marketing.company_master t`),
    people: await q(`SELECT md5(coalesce(string_agg((to_jsonb(t) - 'created_at' - 'updated_at')::text, '|' ORDER BY person_unique_id), '')) AS v FROM marketing.people_master t`),
    logs: await q(`SELECT coalesce(jsonb_object_agg(resolution_status, n), '{}') AS v FROM (SELECT resolution_status, count(*) n FROM marketing.backfill_log GROUP BY 1) x`),
    audit: await q(`SELECT coalesce(jsonb_object_agg(k, n), '{}') AS v FROM (SELECT table_name || ':' || operation k, count(*) n FROM shq.audit_log GROUP BY 1) x`),
    signals: await q(`SELECT md5(coalesce(string_agg(person_unique_id || signal_type || signal_count, '|' ORDER BY person_unique_id, signal_type), '')) AS v FROM marketing.bit_signal`),
    snapshots: await q('SELECT count(*)::int AS v FROM marketing.bit_baseline_snapshot'),
    tf: await q(`SELECT md5(coalesce(string_agg(person_unique_id || enrichment_hash, '|' ORDER BY person_unique_id), '')) AS v FROM marketing.talent_flow_baseline`),
    fallout: await q('SELECT count(*)::int AS v FROM garage.missing_parts'),
    runs: await q('SELECT count(*)::int AS v FROM marketing.backfill_run'),
  };
}

function configWith(patch: (c: any) => void): string {
  const dir = mkdtempSync(join(tmpdir(), 'bf-cfg-'));
  cpSync(join(ROOT, 'config'), dir, { recursive: true });
  const file = join(dir, 'backfill_config.json');
  const c = JSON.parse(readFileSync(file, 'utf8'));
  patch(c);
  writeFileSync(file, JSON.stringify(c));
  return file;
}

describe.runIf(HAS_PG)('faults on a real Postgres', () => {
  let url: string;
  let drop: () => Promise<void>;
  let csv: string;
  let reports: string;
  beforeEach(async () => {
    ({ url, drop } = await createScenarioPgDatabase());
    csv = writeScenarioCsv();
    reports = mkdtempSync(join(tmpdir(), 'bf-rep-'));
  });
  afterEach(async () => {
    await drop();
  });

  async function cleanRunState(): Promise<Record<string, unknown>> {
    const t = await createScenarioPgDatabase();
    try {
      const r = await runCli([csv, '--yes', '--json', '--database-url', t.url, '--report-dir', join(reports, 'clean')]);
      expect(r.code, r.stderr).toBe(0);
      const db2 = await open(t.url);
      try {
        return await state(db2);
      } finally {
        await db2.close();
      }
    } finally {
      await t.drop();
    }
  }

  it.each(['companies', 'updates', 'logs', 'before_commit'])('SIGKILL at step %s leaves the database as before; a re-run equals an uninterrupted run', async (step) => {
    const db = await open(url);
    const before = await state(db);
    await db.close();
    const run = startCli([csv, '--yes', '--database-url', url, '--report-dir', join(reports, 'k')], { BACKFILL_TUI_TEST_PAUSE_AT: step });
    await run.waitFor(`paused at ${step}`);
    run.child.kill('SIGKILL');
    expect((await run.exited).signal).toBe('SIGKILL');
    const db2 = await open(url);
    expect(await state(db2)).toEqual(before);
    await db2.close();
    const again = await runCli([csv, '--yes', '--json', '--database-url', url, '--report-dir', join(reports, 'again')]);
    expect(again.code, again.stderr).toBe(0);
    const db3 = await open(url);
    const after = await state(db3);
    await db3.close();
    expect(after).toEqual(await cleanRunState());
  });

  it('a connection cut mid-commit exits 1 with a clear message, writes nothing, and a re-run converges', async () => {
    const run = startCli([csv, '--yes', '--database-url', url, '--report-dir', join(reports, 'cut')], { BACKFILL_TUI_TEST_PAUSE_AT: 'updates', BACKFILL_TUI_TEST_PAUSE_MS: '1500' });
    await run.waitFor('paused at updates');
    const admin = new pg.Client({ connectionString: url });
    await admin.connect();
    await admin.query("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE application_name LIKE 'backfill-tui PRC-BF-%' AND datname = current_database()");
    await admin.end();
    const { code } = await run.exited;
    expect(code).toBe(1);
    expect(run.stderr()).toMatch(/connection|server ended/i);
    expect(run.stderr()).toContain('nothing was written');
    const db = await open(url);
    expect((await state(db)).runs).toBe(0);
    expect((await db.query<{ n: number }>('SELECT count(*)::int n FROM marketing.backfill_log')).rows[0]!.n).toBe(0);
    await db.close();
    const again = await runCli([csv, '--yes', '--json', '--database-url', url, '--report-dir', join(reports, 'again')]);
    expect(again.code, again.stderr).toBe(0);
  });

  it('a connection that goes silent times out instead of hanging, and nothing is written', async () => {
    // A loopback TCP proxy that, on command, stops forwarding in both directions without closing.
    let silent = false;
    const sockets: net.Socket[] = [];
    const proxy = net.createServer((client) => {
      const upstream = net.connect(5432, '127.0.0.1');
      sockets.push(client, upstream);
      client.on('data', (d) => !silent && upstream.write(d));
      upstream.on('data', (d) => !silent && client.write(d));
      client.on('error', () => {});
      upstream.on('error', () => {});
      client.on('close', () => upstream.destroy());
      upstream.on('close', () => client.destroy());
    });
    await new Promise<void>((r) => proxy.listen(0, '127.0.0.1', () => r()));
    const port = (proxy.address() as net.AddressInfo).port;
    const proxied = url.replace('127.0.0.1:5432', `127.0.0.1:${port}`);
    const config = configWith((c) => {
      c.database.statement_timeout_ms = 2000;
      c.database.idle_in_transaction_timeout_ms = 2000;
    });
    try {
      const started = Date.now();
      const run = startCli([csv, '--yes', '--config', config, '--database-url', proxied, '--report-dir', join(reports, 'silent')], { BACKFILL_TUI_TEST_PAUSE_AT: 'updates', BACKFILL_TUI_TEST_PAUSE_MS: '500' });
      await run.waitFor('paused at updates');
      silent = true;
      const { code } = await run.exited;
      expect(code).toBe(1);
      expect(Date.now() - started).toBeLessThan(60000); // bounded; the test timeout would catch a hang anyway
      expect(run.stderr()).toMatch(/went silent|timed out|timeout|connection/i);
    } finally {
      for (const s of sockets) s.destroy();
      proxy.close();
    }
    // The server ends the orphaned transaction (idle_in_transaction timeout or the closed socket).
    await new Promise((r) => setTimeout(r, 3000));
    const db = await open(url);
    expect((await state(db)).runs).toBe(0);
    await db.close();
  });

  it('a master row locked by another session fails within the lock timeout with a clear message', async () => {
    const config = configWith((c) => {
      c.database.lock_timeout_ms = 1000;
    });
    const holder = new pg.Client({ connectionString: url });
    await holder.connect();
    await holder.query('BEGIN');
    await holder.query("SELECT * FROM marketing.people_master WHERE person_unique_id = 'P-JOHN' FOR UPDATE");
    try {
      const r = await runCli([csv, '--yes', '--config', config, '--database-url', url, '--report-dir', join(reports, 'locked')]);
      expect(r.code).toBe(1);
      expect(r.stderr).toContain('locked by another session');
      expect(r.stderr).toContain('nothing was written');
    } finally {
      await holder.query('ROLLBACK');
      await holder.end();
    }
    const db = await open(url);
    expect((await state(db)).runs).toBe(0);
    await db.close();
  });

  it('Ctrl-C (SIGINT) during the commit exits 130 and writes nothing', async () => {
    const run = startCli([csv, '--yes', '--database-url', url, '--report-dir', join(reports, 'int')], { BACKFILL_TUI_TEST_PAUSE_AT: 'updates', BACKFILL_TUI_TEST_PAUSE_MS: '1000' });
    await run.waitFor('paused at updates');
    run.child.kill('SIGINT');
    const { code } = await run.exited;
    expect(code).toBe(130);
    const db = await open(url);
    expect((await state(db)).runs).toBe(0);
    await db.close();
  });

  it('Ctrl-C after the reports were started (they are written during the last steps) leaves no report behind', async () => {
    const dir = join(reports, 'int-late');
    const run = startCli([csv, '--yes', '--database-url', url, '--report-dir', dir], { BACKFILL_TUI_TEST_PAUSE_AT: 'logs', BACKFILL_TUI_TEST_PAUSE_MS: '1000' });
    await run.waitFor('paused at logs');
    expect(readdirSync(dir).length).toBeGreaterThan(0); // fallout/validation/decisions .csv.partial
    run.child.kill('SIGINT');
    const { code } = await run.exited;
    expect(code).toBe(130);
    expect(readdirSync(dir)).toEqual([]);
    const db = await open(url);
    expect((await state(db)).runs).toBe(0);
    await db.close();
  });

  it('a CSV edited while the run commits stops it with exit 1, says which file, and nothing is written (its cells are read again for the log)', async () => {
    const dir = join(reports, 'edited');
    const run = startCli([csv, '--yes', '--database-url', url, '--report-dir', dir], { BACKFILL_TUI_TEST_PAUSE_AT: 'logs', BACKFILL_TUI_TEST_PAUSE_MS: '1000' });
    await run.waitFor('paused at logs');
    const text = readFileSync(csv, 'utf8');
    const lines = text.split('\n');
    lines[1] = lines[1]!.replace(/[A-Za-z]/, (c) => (c === 'x' ? 'y' : 'x')); // one letter of the first data row
    writeFileSync(csv, lines.join('\n'));
    const { code } = await run.exited;
    expect(code).toBe(1);
    expect(run.stderr()).toContain(`${csv} changed while it was being imported`);
    expect(readdirSync(dir)).toEqual([]); // the reports started before the log step are discarded
    const db = await open(url);
    expect((await state(db)).runs).toBe(0);
    await db.close();
  });

  it('two runs at once: the second exits 4 naming the first and writes nothing; after the first is killed a new run proceeds', async () => {
    const first = startCli([csv, '--yes', '--database-url', url, '--report-dir', join(reports, 'a')], { BACKFILL_TUI_TEST_PAUSE_AT: 'updates' });
    await first.waitFor('paused at updates');
    const second = await runCli([csv, '--yes', '--database-url', url, '--report-dir', join(reports, 'b')]);
    expect(second.code).toBe(4);
    expect(second.stderr).toMatch(/another backfill holds the database lock \(process id PRC-BF-\d+/);
    first.child.kill('SIGKILL');
    await first.exited;
    const db = await open(url);
    expect((await state(db)).runs).toBe(0);
    await db.close();
    const third = await runCli([csv, '--yes', '--json', '--database-url', url, '--report-dir', join(reports, 'c')]);
    expect(third.code, third.stderr).toBe(0);
  });

  it('a field a human locks between planning and commit keeps the human value', async () => {
    const run = startCli([csv, '--yes', '--json', '--database-url', url, '--report-dir', join(reports, 'h')], { BACKFILL_TUI_TEST_PAUSE_AT: 'ids', BACKFILL_TUI_TEST_PAUSE_MS: '1500' });
    await run.waitFor('paused at ids');
    const human = await open(url);
    // The human locks the (still empty) phone: the plan wanted to fill it, the commit must not.
    await human.query("UPDATE marketing.people_master SET locked_fields = ARRAY['phone'] WHERE person_unique_id = 'P-JOHN'");
    const { code } = await run.exited;
    expect(code, run.stderr()).toBe(0);
    const p = await human.query<{ phone: string | null }>("SELECT phone FROM marketing.people_master WHERE person_unique_id = 'P-JOHN'");
    expect(p.rows[0]!.phone).toBeNull();
    expect(JSON.parse(run.stdout()).issues.locked_field_skips).toBe(2); // title (flag) + phone (locked now)
    await human.close();
  });

  it('a sentinel password never appears in output, reports, the database or the command line', async () => {
    const SENTINEL = 'Sentinel-Pw-9f3K';
    const withPw = url.replace('postgres@', `postgres:${SENTINEL}@`); // trust auth ignores the password
    const run = startCli([csv, '--yes', '--json', '--database-url', withPw, '--report-dir', join(reports, 'pw')], { BACKFILL_TUI_TEST_PAUSE_AT: 'updates', BACKFILL_TUI_TEST_PAUSE_MS: '800' });
    await run.waitFor('paused at updates');
    const cmdline = readFileSync(`/proc/${run.child.pid}/cmdline`, 'utf8');
    expect(cmdline).not.toContain(SENTINEL);
    const { code } = await run.exited;
    expect(code, run.stderr()).toBe(0);
    expect(run.stdout() + run.stderr()).not.toContain(SENTINEL);
    for (const f of readdirSync(join(reports, 'pw'))) {
      const p = join(reports, 'pw', f);
      if (statSync(p).isFile()) expect(readFileSync(p, 'utf8')).not.toContain(SENTINEL);
    }
    const db = await open(url);
    const tables = ['marketing.backfill_log', 'marketing.backfill_run', 'shq.audit_log', 'garage.missing_parts', 'marketing.people_master', 'marketing.company_master'];
    for (const t of tables) {
      const n = await db.query<{ n: number }>(`SELECT count(*)::int n FROM ${t} x WHERE to_jsonb(x)::text LIKE $1`, [`%${SENTINEL}%`]);
      expect(n.rows[0]!.n, t).toBe(0);
    }
    await db.close();
    // Failure paths: a database that does not exist, and an unreachable port.
    for (const bad of [withPw.replace(/\/[^/]+$/, '/no_such_db_here'), withPw.replace(':5432', ':5999')]) {
      const r = await runCli([csv, '--yes', '--database-url', bad, '--debug']);
      expect(r.code).toBe(1);
      expect(r.stdout + r.stderr).not.toContain(SENTINEL);
      expect(r.stderr).toContain('***');
    }
  });
});
