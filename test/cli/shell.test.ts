import { mkdtempSync, writeFileSync, readFileSync, cpSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseCli } from '../../src/cli/args.js';
import { maskUrl, passwordOf } from '../../src/db/url.js';
import { ROOT, runCli } from '../helpers/cli.js';
import { createPgDatabaseUrl, postgresAvailable } from '../helpers/db.js';

const SENTINEL = 'S3ntinel-Pw-7Qz';
const HAS_PG = await postgresAvailable();

describe('command line', () => {
  it('prints help and version with exit 0', async () => {
    const help = await runCli(['--help']);
    expect(help.code).toBe(0);
    expect(help.stdout).toContain('backfill-tui rollback PROCESS_ID');
    const version = await runCli(['--version']);
    expect(version.code).toBe(0);
    expect(version.stdout.trim()).toBe(JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')).version);
  });

  it('rejects an unknown flag with exit 2 and names it', async () => {
    const r = await runCli(['--frobnicate']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('--frobnicate');
  });

  it('rejects a threshold outside 0..1 with exit 2', async () => {
    const r = await runCli(['x.csv', '--yes', '--company-threshold', '1.5']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('--company-threshold');
  });

  it('parses flags into options', () => {
    const p = parseCli(['f.csv', '--yes', '--dry-run', '--json', '--person-threshold', '0.8', '--report-dir', 'out']);
    expect(p.command).toEqual({ name: 'run', file: 'f.csv' });
    expect(p.options).toMatchObject({ yes: true, dryRun: true, json: true, personThreshold: 0.8, reportDir: 'out' });
    expect(parseCli(['rollback', 'PRC-BF-1']).command).toEqual({ name: 'rollback', processId: 'PRC-BF-1' });
    expect(() => parseCli(['rollback'])).toThrow(/PROCESS_ID/);
  });

  it('gives exit 2 for a bad config file, naming the file and the key path', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'bf-cfg-'));
    cpSync(join(ROOT, 'config'), dir, { recursive: true });
    const cfg = JSON.parse(readFileSync(join(dir, 'backfill_config.json'), 'utf8'));
    cfg.matching.company_auto = 'high';
    writeFileSync(join(dir, 'backfill_config.json'), JSON.stringify(cfg));
    const r = await runCli(['migrate', '--config', join(dir, 'backfill_config.json'), '--data-dir', join(dir, 'db')]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(join(dir, 'backfill_config.json'));
    expect(r.stderr).toContain('matching.company_auto');
  });

  it('gives exit 2 for an unknown config key', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'bf-cfg-'));
    cpSync(join(ROOT, 'config'), dir, { recursive: true });
    const cfg = JSON.parse(readFileSync(join(dir, 'backfill_config.json'), 'utf8'));
    cfg.bit.weights.historical_click = 3;
    writeFileSync(join(dir, 'backfill_config.json'), JSON.stringify(cfg));
    const r = await runCli(['migrate', '--config', join(dir, 'backfill_config.json'), '--data-dir', join(dir, 'db')]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('bit.weights');
  });

  it('gives exit 1 for an unreachable database without printing the password', async () => {
    const url = `postgresql://alice:${SENTINEL}@127.0.0.1:5999/nowhere`;
    const r = await runCli(['migrate', '--database-url', url]);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('127.0.0.1:5999');
    expect(r.stderr).toContain('postgresql://alice:***@127.0.0.1:5999/nowhere');
    expect(r.stdout + r.stderr).not.toContain(SENTINEL);
  });

  it('masks passwords in URLs', () => {
    expect(maskUrl(`postgresql://u:${SENTINEL}@h:5432/db?sslmode=require`)).toBe('postgresql://u:***@h:5432/db?sslmode=require');
    expect(passwordOf('postgres://u:p%40ss@h/db')).toBe('p@ss');
  });

  it('migrates the embedded database through the CLI, then reports it up to date', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'bf-emb-'));
    const first = await runCli(['migrate', '--data-dir', dir]);
    expect(first.code).toBe(0);
    expect(first.stdout).toContain('002_backfill_tables.sql');
    const second = await runCli(['migrate', '--data-dir', dir]);
    expect(second.code).toBe(0);
    expect(second.stdout).toContain('up to date');
  });

  it.runIf(HAS_PG)('migrates a Postgres database given by DATABASE_URL', async () => {
    const t = await createPgDatabaseUrl();
    try {
      const r = await runCli(['migrate', '--json'], { env: { DATABASE_URL: t.url } });
      expect(r.code).toBe(0);
      expect(JSON.parse(r.stdout)).toMatchObject({ database: 'postgres' });
    } finally {
      await t.drop();
    }
  });
});
