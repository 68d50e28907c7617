import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { relaunchEnv, relaunchFlags, relaunchHeapMb, RELAUNCH_MIN_BYTES, type HeapFacts } from '../../src/launch/heap.js';
import type { Db } from '../../src/db/types.js';
import { runCli } from '../helpers/cli.js';
import { openPgUrl, postgresAvailable } from '../helpers/db.js';
import { createScenarioPgDatabase, writeScenarioCsv } from '../helpers/scenario.js';
import { count } from '../helpers/seed.js';
import { startCli } from '../helpers/spawn.js';

const GB = 1 << 30;
const facts = (over: Partial<HeapFacts> = {}): HeapFacts => ({
  fileBytes: 165e6,
  heapLimitBytes: 4 * GB,
  totalMemBytes: 24 * GB,
  env: {},
  execArgv: [],
  ...over,
});

describe('heap limit for large files', () => {
  it('restarts a large file with 3/4 of the machine memory as heap limit', () => {
    expect(relaunchHeapMb(facts())).toBe(18432);
  });

  it('runs small files, a missing file and the wizard without a file in this process', () => {
    expect(relaunchHeapMb(facts({ fileBytes: RELAUNCH_MIN_BYTES - 1 }))).toBeNull();
    expect(relaunchHeapMb(facts({ fileBytes: null }))).toBeNull();
  });

  it('keeps a heap limit the operator chose, and never restarts twice', () => {
    expect(relaunchHeapMb(facts({ env: { NODE_OPTIONS: '--max-old-space-size=2048' } }))).toBeNull();
    expect(relaunchHeapMb(facts({ execArgv: ['--max-old-space-size=2048'] }))).toBeNull();
    expect(relaunchHeapMb(facts({ env: { BACKFILL_TUI_RELAUNCHED: '1' } }))).toBeNull();
    expect(relaunchHeapMb(facts({ env: { BACKFILL_TUI_NO_RELAUNCH: '1' } }))).toBeNull();
  });

  it('does not restart when the machine would give no larger heap', () => {
    expect(relaunchHeapMb(facts({ totalMemBytes: 4 * GB }))).toBeNull();
  });

  it('restarts with the heap limit, 64 MB semi-spaces, a 25 % heap growth and gc exposed, unless the operator chose those flags', () => {
    expect(relaunchFlags(18432, {}, [])).toEqual(['--max-old-space-size=18432', '--max-semi-space-size=64', '--heap-growing-percent=25', '--expose-gc']);
    expect(relaunchFlags(18432, { NODE_OPTIONS: '--max-semi-space-size=16' }, [])).toEqual(['--max-old-space-size=18432', '--heap-growing-percent=25', '--expose-gc']);
    expect(relaunchFlags(18432, {}, ['--expose-gc'])).toEqual(['--max-old-space-size=18432', '--max-semi-space-size=64', '--heap-growing-percent=25']);
    expect(relaunchFlags(18432, {}, ['--heap-growing-percent=50'])).toEqual(['--max-old-space-size=18432', '--max-semi-space-size=64', '--expose-gc']);
  });

  it('tells the restarted process that its heap growth is the restart\'s, unless the operator chose one (setHeapGrowth may then change it)', () => {
    const malloc = { MALLOC_MMAP_THRESHOLD_: '131072' };
    expect(relaunchEnv({ PATH: '/bin' }, [])).toEqual({ PATH: '/bin', BACKFILL_TUI_RELAUNCHED: '1', BACKFILL_TUI_HEAP_GROWTH: '25', ...malloc });
    expect(relaunchEnv({ NODE_OPTIONS: '--heap-growing-percent=40' }, [])).toEqual({ NODE_OPTIONS: '--heap-growing-percent=40', BACKFILL_TUI_RELAUNCHED: '1', ...malloc });
    expect(relaunchEnv({}, ['--heap_growing_percent=40'])).toEqual({ BACKFILL_TUI_RELAUNCHED: '1', ...malloc });
  });

  it("pins glibc's mmap threshold in the restarted process, unless the operator tunes malloc already", () => {
    expect(relaunchEnv({}, []).MALLOC_MMAP_THRESHOLD_).toBe('131072');
    expect(relaunchEnv({ MALLOC_MMAP_THRESHOLD_: '65536' }, []).MALLOC_MMAP_THRESHOLD_).toBe('65536');
    const tuned = relaunchEnv({ GLIBC_TUNABLES: 'glibc.malloc.arena_max=2' }, []);
    expect(tuned.MALLOC_MMAP_THRESHOLD_).toBeUndefined();
    expect(tuned.GLIBC_TUNABLES).toBe('glibc.malloc.arena_max=2');
  });

  it('gives node flags it accepts: a node started with them runs', () => {
    const r = spawnSync(process.execPath, [...relaunchFlags(256, {}, []), '-e', 'process.exit(typeof gc === "function" ? 0 : 3)']);
    expect(r.stderr.toString()).toBe('');
    expect(r.status).toBe(0);
  });

  it('takes the size threshold from BACKFILL_TUI_RELAUNCH_MIN_BYTES', () => {
    expect(relaunchHeapMb(facts({ fileBytes: 10, env: { BACKFILL_TUI_RELAUNCH_MIN_BYTES: '0' } }))).toBe(18432);
  });
});

const HAS_PG = await postgresAvailable();
const open = (url: string): Promise<Db> => openPgUrl(url);

describe.runIf(HAS_PG)('a run restarted with a larger heap', () => {
  let url: string;
  let drop: () => Promise<void>;
  let csv: string;
  const reports = mkdtempSync(join(tmpdir(), 'bf-rep-'));
  beforeEach(async () => {
    ({ url, drop } = await createScenarioPgDatabase());
    csv = writeScenarioCsv();
  });
  afterEach(async () => {
    await drop();
  });

  it('says so on stderr, then runs to the same JSON summary and exit code', async () => {
    const r = await runCli([csv, '--yes', '--json', '--database-url', url, '--report-dir', join(reports, 'a')], { env: { BACKFILL_TUI_RELAUNCH_MIN_BYTES: '0' } });
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toMatch(/large file \(\d+ MB\): running with a [\d,]+ MB heap limit/);
    const summary = JSON.parse(r.stdout) as { dry_run: boolean; rows: { loaded: number } };
    expect(summary.rows.loaded).toBeGreaterThan(0);
    const db = await open(url);
    expect(await count(db, 'marketing.backfill_run')).toBe(1);
    await db.close();
  });

  it('passes on its failure exit code (exit 3 for a CSV without the required columns)', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'bf-bad-'));
    const bad = join(dir, 'bad.csv');
    writeFileSync(bad, 'foo,bar\n1,2\n');
    const r = await runCli([bad, '--yes', '--json', '--database-url', url], { env: { BACKFILL_TUI_RELAUNCH_MIN_BYTES: '0' } });
    expect(r.code).toBe(3);
    expect(JSON.parse(r.stdout)).toMatchObject({ ok: false, exit_code: 3 });
  });

  it('rolls back and exits when the first process is killed (SIGKILL) mid-commit', async () => {
    const run = startCli([csv, '--yes', '--database-url', url, '--report-dir', join(reports, 'k')], {
      BACKFILL_TUI_RELAUNCH_MIN_BYTES: '0',
      BACKFILL_TUI_TEST_PAUSE_AT: 'logs',
      BACKFILL_TUI_TEST_PAUSE_MS: '1500',
    });
    await run.waitFor('paused at logs');
    run.child.kill('SIGKILL');
    // The pipes close when the restarted process, which shares them, has exited too.
    await run.exited;
    expect(run.stderr()).toContain('interrupt received: rolling back');
    const db = await open(url);
    expect(await count(db, 'marketing.backfill_run')).toBe(0);
    expect(await count(db, 'marketing.backfill_log')).toBe(0);
    await db.close();
  });
});
