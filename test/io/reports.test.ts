import { existsSync, mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import { neutralize, startReports, writeReports } from '../../src/io/reports.js';
import type { RowPlan } from '../../src/core/plan.js';
import { makeRow } from '../helpers/rows.js';

const HOSTILE = ['=HYPERLINK("http://evil","x")', '+1+2', '-2+3', '@SUM(A1)', '\tTAB', '\rCR', 'plain', "'already", 'a,b "c"\nd'];

describe('report cells', () => {
  it.each(HOSTILE)('neutralizes a cell that a spreadsheet would run: %j', (cell) => {
    const out = neutralize(cell);
    if (/^[=+\-@\t\r]/.test(cell)) expect(out).toBe(`'${cell}`);
    else expect(out).toBe(cell);
  });

  it('writes fallout, validation and decisions CSVs that re-parse to the neutralized text', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'bf-rep-'));
    const rows = HOSTILE.map((v, i) =>
      makeRow({
        index: i,
        source: { company_name: v, full_name: `Name ${i}` },
        valid: false,
        issues: [{ code: 'x', line: i + 2, column: 'company_name', severity: 'error', message: v }],
      }),
    );
    const plans: RowPlan[] = rows.map((r) => ({ index: r.index, line: r.line, hash: r.hash, status: 'error', matchType: null, confidence: null, companyRef: null, personRef: null, actions: [], error: r.issues[0]!.message }));
    const paths = await writeReports({ dir, summary: { ok: 1 }, headers: ['company_name', 'full_name'], rows, fileIssues: [], plans, decisions: [] });
    const fallout = parse(readFileSync(paths.fallout, 'utf8'), { columns: true, relax_column_count: false }) as Record<string, string>[];
    expect(fallout.map((r) => r.company_name)).toEqual(HOSTILE.map(neutralize));
    const validation = parse(readFileSync(paths.validation, 'utf8'), { columns: true }) as Record<string, string>[];
    expect(validation.map((r) => r.message)).toEqual(HOSTILE.map(neutralize));
    for (const p of [paths.fallout, paths.validation, paths.decisions]) {
      const cells = (parse(readFileSync(p, 'utf8')) as string[][]).flat();
      for (const c of cells) expect(c).not.toMatch(/^[=+\-@\t\r]/);
    }
    expect(JSON.parse(readFileSync(paths.summary, 'utf8'))).toEqual({ ok: 1 });
  });

  it('writes the CSVs under temporary names until the run keeps them, then writes the summary', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'bf-rep-'));
    const rows = [makeRow({ index: 0, source: { company_name: 'Acme', full_name: 'Ann Lee' } })];
    const plans: RowPlan[] = [{ index: 0, line: 2, hash: rows[0]!.hash, status: 'initialized', matchType: 'perfect', confidence: 1, companyRef: 'C1', personRef: 'P1', actions: [], error: null }];
    const pending = startReports(dir, { headers: ['company_name', 'full_name'], rows, fileIssues: [], plans, decisions: [] });
    expect(existsSync(join(dir, 'decisions.csv'))).toBe(false);
    const paths = await pending.keep(() => ({ committed: true }));
    expect(readdirSync(dir).sort()).toEqual(['decisions.csv', 'fallout.csv', 'summary.json', 'validation.csv']);
    expect(readFileSync(paths.decisions, 'utf8')).toContain('C1');
    expect(JSON.parse(readFileSync(paths.summary, 'utf8'))).toEqual({ committed: true });
  });

  it('leaves no report behind when the run discards them (the commit failed)', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'bf-rep-'));
    const rows = [makeRow({ index: 0, source: { company_name: 'Acme', full_name: 'Ann Lee' } })];
    const pending = startReports(dir, { headers: ['company_name', 'full_name'], rows, fileIssues: [], plans: [], decisions: [] });
    await pending.discard();
    expect(readdirSync(dir)).toEqual([]);
  });
});
