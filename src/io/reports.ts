import { createWriteStream, mkdirSync, writeFileSync } from 'node:fs';
import { rename, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { once } from 'node:events';
import { byIndex } from '../core/by-index.js';
import type { RowPlan } from '../core/plan.js';
import { candidateText, memoryTexts, textsOf, withTexts, type DecisionTextSource } from '../core/explain.js';
import type { Issue, RowDecision, SourceRow } from '../core/types.js';
import { PIECE_CHARS } from '../core/strings.js';

// Reports of SPEC §9. Every cell that a spreadsheet would run as a formula is neutralized.

const FORMULA_START = /^[=+\-@\t\r]/;

/** Prefixes a cell that starts with = + - @ tab or CR with an apostrophe, so spreadsheets show it as text. */
export function neutralize(cell: string): string {
  return FORMULA_START.test(cell) ? `'${cell}` : cell;
}

export function reportCell(v: string | number | null | undefined): string {
  if (v === null || v === undefined) return '';
  const s = typeof v === 'number' ? String(v) : neutralize(v);
  return /[",\r\n]/.test(s) || s !== s.trim() ? `"${s.replace(/"/g, '""')}"` : s;
}

function line(cells: (string | number | null | undefined)[]): string {
  return cells.map(reportCell).join(',') + '\r\n';
}

/** Lines are written in pieces (PIECE_CHARS): one stream write per line costs more than building the line. */
const WRITE_CHUNK = PIECE_CHARS;

type Cells = (string | number | null | undefined)[];

async function writeCsv(path: string, header: string[], rows: Iterable<Cells> | AsyncIterable<Cells>): Promise<void> {
  const out = createWriteStream(path, { encoding: 'utf8' });
  let buf = line(header);
  for await (const r of rows) {
    buf += line(r);
    if (buf.length >= WRITE_CHUNK) {
      const ok = out.write(buf);
      buf = '';
      if (!ok) await once(out, 'drain');
    }
  }
  out.end(buf);
  await once(out, 'finish');
}

/** What the three CSV reports are made of. */
export interface ReportTables {
  headers: string[];
  /** Every row, or at least the fallout's (with their cells) and those with issues: a clean row may be left out (undefined). */
  rows: readonly (SourceRow | undefined)[];
  fileIssues: readonly Issue[];
  plans: readonly RowPlan[];
  /** Every row's decision; a spilled row's may be left out (undefined) when `texts` reads the spill. */
  decisions: readonly (RowDecision | undefined)[];
  /** Where the decisions' texts are read (a --yes run's spill); without it, from `decisions`. */
  texts?: DecisionTextSource;
}

export interface ReportInput extends ReportTables {
  dir: string;
  summary: unknown;
}

export interface ReportPaths {
  dir: string;
  summary: string;
  fallout: string;
  validation: string;
  decisions: string;
}

/** The CSV reports being written under temporary names (`*.csv.partial`) while a commit finishes. */
export interface PendingReports {
  /**
   * Waits for the files, gives them their names and writes summary.json next to them. The summary is
   * asked for then, so that it can include the time the reports took.
   */
  keep(summary: () => unknown): Promise<ReportPaths>;
  /** Waits for the files and removes them (the commit did not happen). */
  discard(): Promise<void>;
}

export function writeReports(input: ReportInput): Promise<ReportPaths> {
  return startReports(input.dir, input).keep(() => input.summary);
}

/**
 * Starts writing fallout.csv, validation.csv and decisions.csv (concurrently, under temporary
 * names). A commit starts them once the rows' final actions are known, so they are written while
 * the database runs the commit's last statements; keep() or discard() ends them.
 */
export function startReports(dir: string, input: ReportTables): PendingReports {
  mkdirSync(dir, { recursive: true });
  const paths: ReportPaths = {
    dir,
    summary: join(dir, 'summary.json'),
    fallout: join(dir, 'fallout.csv'),
    validation: join(dir, 'validation.csv'),
    decisions: join(dir, 'decisions.csv'),
  };
  const csvs = [paths.fallout, paths.validation, paths.decisions];
  const written = writeCsvs(input, paths, '.partial');
  written.catch(() => undefined); // reported by keep(); discard() does not care
  return {
    async keep(summary) {
      await written;
      await Promise.all(csvs.map((p) => rename(`${p}.partial`, p)));
      writeFileSync(paths.summary, JSON.stringify(summary(), null, 2) + '\n');
      return paths;
    },
    async discard() {
      await written.catch(() => undefined);
      await Promise.all(csvs.map((p) => rm(`${p}.partial`, { force: true })));
    },
  };
}

async function writeCsvs(input: ReportTables, paths: ReportPaths, suffix: string): Promise<void> {
  const rowAt = byIndex(input.rows);
  const decisionAt = byIndex(input.decisions);

  // The three files are independent: written concurrently.
  // fallout.csv: the input's columns, ready to fix and re-import, plus why and the best candidate.
  const fallout = writeCsv(
    paths.fallout + suffix,
    [...input.headers, 'fallout_line', 'fallout_reason', 'best_company_candidate', 'best_person_candidate'],
    (function* () {
      for (const p of input.plans) {
        if (p.status !== 'unresolved' && p.status !== 'error') continue;
        const row = rowAt(p.index);
        const d = decisionAt(p.index);
        // A fallout row's decision is whole (only resolved rows' texts are spilled).
        const reason = p.status === 'error' ? `invalid: ${p.error ?? ''}` : textsOf(p, d).explanation;
        yield [...input.headers.map((h) => row?.source?.[h] ?? ''), p.line, reason, candidateText(d?.company?.best), candidateText(d?.person?.best)];
      }
    })(),
  );

  const validation = writeCsv(
    paths.validation + suffix,
    ['line', 'column', 'severity', 'code', 'message'],
    (function* () {
      for (const i of input.fileIssues) yield [i.line, i.column, i.severity, i.code, i.message];
      for (const r of input.rows) if (r !== undefined) for (const i of r.issues) yield [i.line, i.column, i.severity, i.code, i.message];
    })(),
  );

  const decisions = writeCsv(
    paths.decisions + suffix,
    ['line', 'row_hash', 'status', 'actions', 'company_id', 'person_id', 'match_type', 'confidence', 'company_rule', 'company_score', 'company_runner_up', 'person_rule', 'person_score', 'person_runner_up', 'explanation'],
    (async function* () {
      for await (const [p, texts] of withTexts(input.plans, input.texts ?? memoryTexts(decisionAt))) {
        const actions = p.actions
          .map((a) => (a.action === 'updated' ? `updated ${a.entity} ${a.fields.join('+')}` : a.action === 'skipped_locked' ? `kept locked ${a.entity} ${a.fields.map((f) => f.field).join('+')}` : `${a.action} ${a.entity}`))
          .join('; ');
        yield [
          p.line,
          p.hash,
          p.status,
          actions,
          p.companyRef,
          p.personRef,
          p.matchType,
          p.confidence === null ? null : p.confidence.toFixed(3),
          texts.companyRule,
          texts.companyScore,
          texts.companyRunnerUp,
          texts.personRule,
          texts.personScore,
          texts.personRunnerUp,
          texts.explanation,
        ];
      }
    })(),
  );
  await Promise.all([fallout, validation, decisions]);
}
