import { copyFileSync, existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openPglite } from '../../src/db/pglite-driver.js';
import { CLI, FIXTURES } from '../helpers/cli.js';
import { hasTmux, seededDemoDatabase, screenOf, tmux, waitForScreen } from '../helpers/tmux.js';

// The whole wizard once in a real terminal: tmux at 80x24 runs the built CLI on the demo fixture
// against a fresh embedded database, goes through every screen (help, thresholds, accept, reject,
// defer, one undo), commits, and then the database is checked against the choices made.

const DEMO = join(FIXTURES, 'demo');

const session = `bf-e2e-${process.pid}`;
let tmp = '';

const screen = (): string => screenOf(session);
const send = (...keys: string[]): void => void tmux('send-keys', '-t', session, ...keys);
const waitFor = (re: RegExp, timeoutMs?: number): Promise<RegExpMatchArray> => waitForScreen(session, re, timeoutMs);

/** Sends a key and waits for its effect (keys are never sent to a screen still being drawn). */
async function key(k: string, expect: RegExp, timeoutMs?: number): Promise<RegExpMatchArray> {
  send(k);
  return waitFor(expect, timeoutMs);
}

describe.skipIf(!hasTmux)('wizard in tmux at 80x24', () => {
  beforeAll(async () => {
    tmp = mkdtempSync(join(tmpdir(), 'bf-e2e-'));
    copyFileSync(join(DEMO, 'legacy.csv'), join(tmp, 'legacy.csv'));
    await seededDemoDatabase(join(tmp, 'db'), DEMO);
  }, 120000);

  afterAll(() => {
    try {
      tmux('kill-session', '-t', session);
    } catch {
      /* already gone */
    }
    if (tmp) rmSync(tmp, { recursive: true, force: true });
  });

  it('runs every screen, commits, and the database holds the choices', async () => {
    expect(existsSync(CLI)).toBe(true);
    const env = `HOME=${tmp}/home XDG_CONFIG_HOME=${tmp}/home/.config DATABASE_URL= NEON_DATABASE_URL= BACKFILL_TUI_DATA_DIR=`;
    const cmd = `cd ${tmp} && env ${env} node ${CLI} --data-dir ${tmp}/db --report-dir ${tmp}/reports; echo $? > ${tmp}/exit-code; sleep 60`;
    tmux('new-session', '-d', '-s', session, '-x', '80', '-y', '24', cmd);

    // 1 File: the CSV of the working directory is listed; help shows the keys.
    await waitFor(/\[1 File\][\s\S]*here\s+legacy\.csv/);
    await key('?', /Keys: File/);
    await key('?', /> here\s+legacy\.csv/);
    // 2 Validation
    await key('Enter', /Rows 67 valid 64 errors 3 warnings 3/);
    expect(screen()).toMatch(/12 full_name\s+full_name_missi.*ERR/);
    await key('?', /Keys: Validation/);
    await key('Escape', /Rows 67/);
    send('Enter');
    // 3 Thresholds: raise both auto thresholds to 1.00 so every fuzzy match is reviewed.
    await waitFor(/\[3 Thresholds\][\s\S]*perfect \d+\s+auto fuzzy \d+\s+borderline \d+/, 60000);
    for (let i = 0; i < 10; i++) await key('Right', new RegExp(`> Company auto-match\\s+< ${(0.91 + i * 0.01).toFixed(2)} >`));
    await key('Down', /> Person auto-match/);
    for (let i = 0; i < 12; i++) await key('Right', new RegExp(`> Person auto-match\\s+< ${Math.min(1, 0.89 + i * 0.01).toFixed(2)} >`));
    const counts = await waitFor(/borderline (\d+)\s+new \d+\s+fallout (\d+)/);
    const total = Number(counts[1]);
    expect(total).toBeGreaterThanOrEqual(3);
    expect(screen()).toMatch(/\|.*[▁▂▃▄▅▆▇█]/); // the histogram

    // 4 Review: defer the first, undo it (it is then accepted), reject the second, defer the third.
    await key('Enter', new RegExp(`1 of ${total} (company|person) at line \\d+`));
    const seen: { entity: string; line: number; candidate: string }[] = [];
    const current = async (): Promise<{ entity: string; line: number; candidate: string }> => {
      const m = await waitFor(/\d+ of \d+ (company|person) at line (\d+)[\s\S]*Candidate: .* \((\S+)\)/);
      return { entity: m[1]!, line: Number(m[2]), candidate: m[3]! };
    };
    seen.push(await current());
    await key('d', /decided 1\/\d+: accepted 0 rejected 0 deferred 1/);
    await key('u', /Undo which decision\?/);
    expect(screen()).toMatch(new RegExp(`> defer\\s+${seen[0]!.entity} line ${seen[0]!.line}`));
    await key('Enter', /decided 0\/\d+/);
    expect(screen()).toMatch(new RegExp(`1 of ${total} ${seen[0]!.entity} at line ${seen[0]!.line}[\\s\\S]*UNDECIDED`));
    await key('a', /decided 1\/\d+: accepted 1 rejected 0 deferred 0/);
    seen.push(await current());
    expect(seen[1]!.line === seen[0]!.line && seen[1]!.entity === seen[0]!.entity).toBe(false);
    await key('r', /decided 2\/\d+: accepted 1 rejected 1 deferred 0/);
    seen.push(await current());
    await key('d', /decided 3\/\d+: accepted 1 rejected 1 deferred 1/);
    await key('?', /Keys: Review/);
    await key('?', /decided 3\//);

    // 5 Commit: the plan, then y, then the final summary with the process id.
    await key('Enter', /EXECUTION SUMMARY \(PLAN\)[\s\S]*Write to embedded database/, 60000);
    expect(screen()).toMatch(/Locked fields that would have been overwritten/);
    const done = await key('y', /DONE: committed in one transaction[\s\S]*Process ID: (PRC-BF-\d+)/, 60000);
    const processId = done[1]!;
    expect(screen()).toContain(`Reports: ${tmp}/reports`);
    for (const line of screen().split('\n')) expect(line.length).toBeLessThanOrEqual(80);
    send('Enter');
    const start = Date.now();
    while (!existsSync(join(tmp, 'exit-code')) && Date.now() - start < 30000) await new Promise((r) => setTimeout(r, 100));
    expect(readFileSync(join(tmp, 'exit-code'), 'utf8').trim()).toBe('0');

    // The database against the choices.
    const db = await openPglite({ dataDir: join(tmp, 'db'), processId: 'e2e-check' });
    try {
      const log = async (line: number) =>
        (await db.query<{ resolution_status: string; matched_company_id: string | null; matched_person_id: string | null }>(
          'SELECT resolution_status, matched_company_id, matched_person_id FROM marketing.backfill_log WHERE process_id = $1 AND csv_line = $2',
          [processId, line],
        )).rows;
      const idOf = (r: { matched_company_id: string | null; matched_person_id: string | null }, entity: string) => (entity === 'company' ? r.matched_company_id : r.matched_person_id);
      const [accepted, rejected, deferred] = [seen[0]!, seen[1]!, seen[2]!];

      const a = await log(accepted.line);
      expect(a).toHaveLength(1);
      expect(a[0]!.resolution_status).not.toBe('unresolved');
      expect(idOf(a[0]!, accepted.entity)).toBe(accepted.candidate);

      const r = await log(rejected.line);
      expect(r).toHaveLength(1);
      expect(r[0]!.resolution_status).not.toBe('unresolved');
      const newId = idOf(r[0]!, rejected.entity);
      expect(newId).not.toBe(rejected.candidate);
      const table = rejected.entity === 'company' ? 'marketing.company_master' : 'marketing.people_master';
      const col = rejected.entity === 'company' ? 'company_unique_id' : 'person_unique_id';
      const created = await db.query<{ source: string | null }>(`SELECT source FROM ${table} WHERE ${col} = $1`, [newId]);
      expect(created.rows).toHaveLength(1); // a new record was created for the rejected match

      const d = await log(deferred.line);
      expect(d).toHaveLength(1);
      expect(d[0]!.resolution_status).toBe('unresolved');
      const fallout = await db.query('SELECT 1 FROM garage.missing_parts WHERE process_id = $1 AND csv_line = $2', [processId, deferred.line]);
      expect(fallout.rows.length).toBe(1);

      const runs = await db.query<{ n: number }>('SELECT count(*)::int AS n FROM marketing.backfill_log WHERE process_id = $1', [processId]);
      expect(runs.rows[0]!.n).toBe(67); // every row of the file is logged
    } finally {
      await db.close();
    }

    // conf kept the thresholds and the review decisions, never a password.
    const confText = readFileSync(join(tmp, 'home', '.config', 'backfill-tui', 'config.json'), 'utf8');
    const conf = JSON.parse(confText) as { thresholds: { companyAuto: number; personAuto: number }; reviews: Record<string, { decisions: Record<string, string> }>; recentFiles: string[] };
    expect(conf.thresholds).toMatchObject({ companyAuto: 1, personAuto: 1 });
    expect(conf.recentFiles[0]).toBe(join(tmp, 'legacy.csv'));
    expect(Object.values(Object.values(conf.reviews)[0]!.decisions).sort()).toEqual(['accept', 'defer', 'reject']);
  }, 240000);
});
