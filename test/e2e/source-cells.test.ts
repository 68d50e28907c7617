import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import { seedDemo } from '../../src/commands/demo.js';
import { migrate } from '../../src/db/migrate.js';
import { openPglite } from '../../src/db/pglite-driver.js';
import { FIXTURES, runCli } from '../helpers/cli.js';
import { neutralize } from '../../src/io/reports.js';

// A --yes run does not keep the rows' original cells in memory: the fallout rows get theirs back
// after the match, and the commit's log step reads every row's again from the file
// (io/cell-source.ts). What lands in the database and the reports must be the file's cells all
// the same: here on the demo data, which has invalid, unresolved and duplicate rows.

const CSV = join(FIXTURES, 'demo', 'legacy.csv');

/** The file's records as header -> cell, by the physical line each starts on (cells may hold line breaks). */
function recordsByLine(): Map<number, Record<string, string>> {
  const records = parse(readFileSync(CSV), { columns: true, raw: true, bom: true }) as { record: Record<string, string>; raw: string }[];
  const out = new Map<number, Record<string, string>>();
  let line = 2;
  for (const r of records) {
    out.set(line, r.record);
    line += r.raw.split('\n').length - 1; // the record's own line breaks and the one that ends it
  }
  return out;
}

interface Run {
  dataDir: string;
  reportDir: string;
  summary: { issues: { unresolved: number; errors: number } };
}

let once: Promise<Run> | null = null;

/** One --yes run of the demo file on a freshly seeded embedded database (shared by the tests below). */
function demoRun(): Promise<Run> {
  once ??= (async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'bf-cells-'));
    const reportDir = mkdtempSync(join(tmpdir(), 'bf-cells-rep-'));
    const seed = await openPglite({ dataDir, processId: 'test' });
    await migrate(seed);
    await seedDemo(seed, join(FIXTURES, 'demo'));
    await seed.close();
    const r = await runCli([CSV, '--yes', '--json', '--data-dir', dataDir, '--report-dir', reportDir]);
    expect(r.code, r.stderr).toBe(0);
    return { dataDir, reportDir, summary: JSON.parse(r.stdout) as Run['summary'] };
  })();
  return once;
}

describe('--yes: the original cells, read again from the file, are the file\'s', () => {
  it('every log row, every fallout row in the garage and fallout.csv repeat the cells of their line', async () => {
    const { dataDir, reportDir, summary } = await demoRun();
    expect(summary.issues.unresolved).toBeGreaterThan(0);
    expect(summary.issues.errors).toBeGreaterThan(0);

    const want = recordsByLine();
    const db = await openPglite({ dataDir, processId: 'test' });
    try {
      const logs = await db.query<{ csv_line: number; source_data: Record<string, string> }>('SELECT csv_line, source_data FROM marketing.backfill_log ORDER BY csv_line');
      expect(logs.rows.length).toBe(want.size);
      for (const l of logs.rows) expect(l.source_data, `log of line ${l.csv_line}`).toEqual(want.get(l.csv_line));
      const parked = await db.query<{ csv_line: number; source_data: Record<string, string> }>('SELECT csv_line, source_data FROM garage.missing_parts');
      expect(parked.rows.length).toBe(summary.issues.unresolved);
      for (const p of parked.rows) expect(p.source_data, `garage row of line ${p.csv_line}`).toEqual(want.get(p.csv_line));
    } finally {
      await db.close();
    }

    const fallout = parse(readFileSync(join(reportDir, 'fallout.csv')), { columns: true }) as Record<string, string>[];
    expect(fallout.length).toBe(summary.issues.unresolved + summary.issues.errors);
    for (const f of fallout) {
      const rec = want.get(Number(f.fallout_line))!;
      for (const [k, v] of Object.entries(rec)) expect(f[k], `${k} of line ${f.fallout_line}`).toBe(/^[=+\-@\t\r]/.test(v) ? `'${v}` : v);
    }
  });
});

describe('--yes: the decisions\' texts, spilled to disk during the match, are written whole', () => {
  it('every resolved row\'s log notes give both entities\' reasons, the same as decisions.csv', async () => {
    const { dataDir, reportDir } = await demoRun();
    const db = await openPglite({ dataDir, processId: 'test' });
    let logs: { csv_line: number; resolution_status: string; notes: string }[];
    try {
      logs = (await db.query<{ csv_line: number; resolution_status: string; notes: string }>('SELECT csv_line, resolution_status, notes FROM marketing.backfill_log ORDER BY csv_line')).rows;
    } finally {
      await db.close();
    }
    const decisions = parse(readFileSync(join(reportDir, 'decisions.csv')), { columns: true }) as Record<string, string>[];
    expect(decisions.map((d) => Number(d.line))).toEqual(logs.map((l) => l.csv_line));
    const resolved = logs.filter((l) => l.resolution_status === 'initialized' || l.resolution_status === 'skipped_locked');
    expect(resolved.length).toBeGreaterThan(40);
    for (const l of resolved) expect(l.notes, `notes of line ${l.csv_line}`).toMatch(/^company: \S.* \| person: \S/);
    decisions.forEach((d, i) => expect(d.explanation, `line ${d.line}`).toBe(neutralize(logs[i]!.notes ?? '')));
  });
});
