import { spawnSync } from 'node:child_process';
import { copyFileSync, cpSync, existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openPglite } from '../../src/db/pglite-driver.js';
import { CLI, FIXTURES } from '../helpers/cli.js';
import { hasTmux, seededDemoDatabase, tmux, waitForScreen } from '../helpers/tmux.js';

// Ctrl-C in the wizard, in a real terminal, at each screen and during the commit: exit 130 and
// nothing written (issue 8, scenario 10).

const DEMO = join(FIXTURES, 'demo');
let tmp = '';
let seeded = '';

const waitFor = (session: string, re: RegExp, timeoutMs = 60000): Promise<unknown> => waitForScreen(session, re, timeoutMs);

async function exitCode(dir: string): Promise<string> {
  const start = Date.now();
  while (!existsSync(join(dir, 'exit-code')) && Date.now() - start < 60000) await new Promise((r) => setTimeout(r, 100));
  return readFileSync(join(dir, 'exit-code'), 'utf8').trim();
}

async function runsIn(dbDir: string): Promise<number> {
  const db = await openPglite({ dataDir: dbDir, processId: 'check' });
  try {
    const r = await db.query<{ n: number }>('SELECT (SELECT count(*) FROM marketing.backfill_run) + (SELECT count(*) FROM marketing.backfill_log) + (SELECT count(*) FROM shq.audit_log) AS n');
    return Number(r.rows[0]!.n);
  } finally {
    await db.close();
  }
}

/** Starts the wizard in its own tmux session on a copy of the seeded database. */
function start(name: string, extraEnv = ''): { session: string; dir: string } {
  const dir = join(tmp, name);
  cpSync(seeded, join(dir, 'db'), { recursive: true });
  copyFileSync(join(DEMO, 'legacy.csv'), join(dir, 'legacy.csv'));
  const session = `bf-int-${name}-${process.pid}`;
  const env = `HOME=${dir}/home XDG_CONFIG_HOME=${dir}/home/.config DATABASE_URL= NEON_DATABASE_URL= ${extraEnv}`;
  tmux('new-session', '-d', '-s', session, '-x', '80', '-y', '24', `cd ${dir} && env ${env} node ${CLI} --data-dir ${dir}/db --report-dir ${dir}/reports; echo $? > ${dir}/exit-code; sleep 30`);
  return { session, dir };
}

describe.skipIf(!hasTmux)('Ctrl-C in the wizard', () => {
  beforeAll(async () => {
    tmp = mkdtempSync(join(tmpdir(), 'bf-int-'));
    seeded = join(tmp, 'seeded');
    await seededDemoDatabase(seeded, DEMO);
  }, 120000);

  afterAll(() => {
    spawnSync('sh', ['-c', `tmux ls 2>/dev/null | grep bf-int- | cut -d: -f1 | xargs -r -n1 tmux kill-session -t`]);
    if (tmp) rmSync(tmp, { recursive: true, force: true });
  });

  const screens: [string, string[], RegExp][] = [
    ['file', [], /\[1 File\]/],
    ['validation', ['Enter'], /Rows 67 valid/],
    ['thresholds', ['Enter', 'Enter'], /\[3 Thresholds\][\s\S]*borderline \d+/],
    ['commit-confirm', ['Enter', 'Enter', 'Enter', 'Enter'], /Write to embedded database/],
  ];

  it.each(screens)('exits 130 with nothing written when interrupted on the %s screen', async (name, keys, marker) => {
    const { session, dir } = start(name);
    await waitFor(session, /\[1 File\]/);
    const waits: RegExp[] = [/Rows 67 valid/, /\[3 Thresholds\][\s\S]*borderline \d+/, /of \d+ (company|person) at line|Write to embedded database/, /Write to embedded database/];
    for (let i = 0; i < keys.length; i++) {
      tmux('send-keys', '-t', session, keys[i]!);
      await waitFor(session, waits[i]!);
    }
    await waitFor(session, marker);
    tmux('send-keys', '-t', session, 'C-c');
    expect(await exitCode(dir)).toBe('130');
    expect(await runsIn(join(dir, 'db'))).toBe(0);
  }, 180000);

  it('exits 130 and rolls back when interrupted during the commit', async () => {
    const { session, dir } = start('commit', 'BACKFILL_TUI_TEST_PAUSE_AT=updates BACKFILL_TUI_TEST_PAUSE_MS=3000');
    await waitFor(session, /\[1 File\]/);
    for (const [k, w] of [['Enter', /Rows 67 valid/], ['Enter', /\[3 Thresholds\][\s\S]*borderline \d+/], ['Enter', /of \d+ (company|person) at line|Write to embedded database/]] as const) {
      tmux('send-keys', '-t', session, k);
      await waitFor(session, w);
    }
    if (!/Write to embedded database/.test(tmux('capture-pane', '-p', '-t', session))) {
      tmux('send-keys', '-t', session, 'Enter');
      await waitFor(session, /Write to embedded database/);
    }
    tmux('send-keys', '-t', session, 'y');
    // The commit is running (paused inside the transaction at the updates step) when Ctrl-C comes.
    await waitFor(session, /Committing[\s\S]*Ctrl-C aborts/);
    await new Promise((r) => setTimeout(r, 1000));
    tmux('send-keys', '-t', session, 'C-c');
    await waitFor(session, /Interrupted: rolling back|\$ $/, 10000).catch(() => undefined);
    expect(await exitCode(dir)).toBe('130');
    expect(await runsIn(join(dir, 'db'))).toBe(0);
  }, 180000);
});
