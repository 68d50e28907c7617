import { resolve, join } from 'node:path';
import type { AppContext } from '../commands/context.js';
import { openFromContext } from '../commands/context.js';
import type { NormalizeContext } from '../core/normalize/context.js';
import { buildPlan, isProvisional, type Plan, type PlanPolicy, type RowPlan } from '../core/plan.js';
import type { MasterSnapshot, ReviewChoice, SourceRow, Thresholds } from '../core/types.js';
import { acquireRunLock, releaseRunLock } from '../db/advisory-lock.js';
import { collectGarbage, setHeapGrowth } from '../launch/heap.js';
import { commitPlan, type CommitResult } from '../db/commit.js';
import { countExistingTalentFlow, loadMasterRecords } from '../db/master-repo.js';
import { migrate } from '../db/migrate.js';
import type { Db } from '../db/types.js';
import { startReports, type PendingReports, type ReportPaths, type ReportTables } from '../io/reports.js';
import { decideAll, decideWithProgress, planPolicyOf, releaseSpilled, rowsToMatch, thresholdsOf, type CommitDecisions, type Decided } from './decide.js';
import { withRate, type Emit, type Phase } from './events.js';
import { byIndex } from '../core/by-index.js';
import { PackedRows } from '../core/row-list.js';
import { spilledTexts, type DecisionSpill } from '../io/decision-spill.js';
import { internedRowFields, loadFile, NO_ROWS, normalizeContextOf, prepareMatching, sourceRowOf, targetedMasterIds, type CommitFile, type LoadedFile, type Prepared, type PreparedWithMaster } from './prepare.js';
import { buildSummary, type RunSummary } from './summary.js';

export interface Outcome {
  summary: RunSummary;
  reports: ReportPaths;
  plan: Plan;
  commit: CommitResult | null;
}

/**
 * One run against one database: the same steps for the wizard and for --yes. The wizard pauses
 * between decide() and finish() for the review; the headless run goes straight through.
 */
export class RunSession {
  readonly ctx: AppContext;
  readonly db: Db;
  readonly nctx: NormalizeContext;
  #sink: Emit;
  #locked = false;
  /** Wall time per phase (first to last event), for the summary and the benchmarks. */
  readonly timings: Partial<Record<Phase, number>> = {};
  #phaseStart: Partial<Record<Phase, number>> = {};

  private constructor(ctx: AppContext, db: Db, emit: Emit) {
    this.ctx = ctx;
    this.db = db;
    this.#sink = emit;
    this.nctx = normalizeContextOf(ctx.resolved);
  }

  /** Progress events go to the current sink (the wizard swaps it for its dispatcher). */
  get emit(): Emit {
    return (e) => {
      const now = performance.now();
      this.#phaseStart[e.phase] ??= now;
      this.timings[e.phase] = Math.round(now - this.#phaseStart[e.phase]!);
      this.#sink(withRate(e, this.#phaseStart[e.phase]!, now));
    };
  }

  set emit(fn: Emit) {
    this.#sink = fn;
  }

  /** Opens the database, applies pending migrations (idempotent) and takes the run lock. */
  static async open(ctx: AppContext, emit: Emit, dataDir?: string): Promise<RunSession> {
    const db = await openFromContext(ctx, dataDir);
    const s = new RunSession(ctx, db, emit);
    try {
      await migrate(db);
      await acquireRunLock(db);
      s.#locked = true;
    } catch (err) {
      await db.close();
      throw err;
    }
    return s;
  }

  get policy(): PlanPolicy {
    return planPolicyOf(this.ctx.resolved);
  }

  get thresholds(): Thresholds {
    return thresholdsOf(this.ctx.resolved);
  }

  load(file: string, signal?: AbortSignal): Promise<LoadedFile> {
    return loadFile(resolve(file), this.ctx.resolved, this.nctx, this.emit, { signal });
  }

  /** Master snapshot, index and candidate worker for the file; the snapshot is kept for the plan (the wizard's). */
  prepare(file: LoadedFile): Promise<PreparedWithMaster> {
    return this.#prepare(file, true) as Promise<PreparedWithMaster>;
  }

  /**
   * prepare() for a run that matches once and plans once (--yes): the master snapshot is let go as
   * soon as the index is built; a dry run's plan reads the records the rows matched (matchedRecords).
   */
  prepareOnce(file: LoadedFile): Promise<Prepared> {
    return this.#prepare(file, false);
  }

  async #prepare(file: LoadedFile, keepMaster: boolean): Promise<Prepared> {
    // The company candidate worker starts inside, once the master's companies are indexed.
    const prep = await prepareMatching(this.db, file, this.nctx, this.emit, this.ctx.resolved.config.batch.read_rows, keepMaster, {});
    this.emit({ phase: 'match', done: 0, total: rowsToMatch(prep).length, unit: 'rows', message: 'rows to match' });
    return prep;
  }

  decide(prep: Prepared, thresholds: Thresholds, reviews: ReadonlyMap<string, ReviewChoice>): Decided {
    this.emit({ phase: 'match', done: 0, total: prep.file.rows.length, unit: 'rows' });
    const d = decideAll(prep, thresholds, reviews);
    this.emit({ phase: 'match', done: prep.file.rows.length, total: prep.file.rows.length, unit: 'rows' });
    return d;
  }

  /**
   * decide() with progress events and an interrupt between slices (decideWithProgress): the --yes
   * run's match. Nothing after it shows a resolved row's compared values (no review screen; the log
   * and the reports write rule, candidates, scores and reason), so only unresolved rows keep them.
   * With a `spill`, resolved rows keep only what the plan reads: their texts (reasons, runner-ups)
   * go to the spill as they are decided, and the log and the reports read them from there
   * (Decided.texts; io/decision-spill.ts).
   */
  async decideInSlices(
    prep: Prepared,
    thresholds: Thresholds,
    reviews: ReadonlyMap<string, ReviewChoice>,
    opts: { signal?: AbortSignal; spill?: DecisionSpill } = {},
  ): Promise<Decided> {
    const { signal, spill } = opts;
    const decided = await decideWithProgress(prep, thresholds, reviews, this.emit, { signal, detail: 'unresolved', spill });
    if (spill) decided.texts = spilledTexts(byIndex(decided.decisions), spill);
    return decided;
  }

  /**
   * The master records the decisions chose or proposed, read again (loadMasterRecords): what the plan
   * of a run that did not keep its snapshot (prepareOnce) looks up. Read after the match, they are
   * at least as current as the snapshot the index was built from.
   */
  async matchedRecords(decided: Decided): Promise<MasterSnapshot> {
    const { companyIds, personIds } = targetedMasterIds(decided.decisions);
    const total = companyIds.length + personIds.length;
    this.emit({ phase: 'plan', done: 0, total, unit: 'records', message: 'reading the matched master records' });
    const records = await loadMasterRecords(this.db, companyIds, personIds, this.ctx.resolved.config.batch.read_rows);
    this.emit({ phase: 'plan', done: total, total, unit: 'records', message: 'reading the matched master records' });
    return records;
  }

  /** The plan needs the master snapshot but not the matcher: a caller may let go of the index first. */
  plan(file: LoadedFile, decided: Decided, master: MasterSnapshot): Plan {
    this.emit({ phase: 'plan', done: 0, total: file.rows.length, unit: 'rows' });
    const plan = buildPlan({ rows: file.rows, decisions: decided.decisions, master, policy: this.policy });
    this.emit({ phase: 'plan', done: plan.rows.length, total: plan.rows.length, unit: 'rows' });
    return plan;
  }

  /**
   * plan() for a run that plans once (--yes). Consumes the file (its rows are moved out) and lets go
   * of each normalized row as soon as it is planned (PlanInput.afterRow), keeping only its SourceRow:
   * the normalized rows and the whole plan are never in memory together (~450 bytes a row less at
   * the plan's peak, 0.45 GB at 1M rows); and only for a row the commit or the reports read (keptFor).
   * Then lets go of the spilled rows' decisions (releaseSpilled): the commit and the reports read
   * those rows' texts from the spill. `decided` is consumed: read the decisions returned instead.
   * `alsoKeep`: rows to keep a SourceRow for although they have no cells yet (being read back for
   * them, readCellsBack: the caller gives them their cells).
   */
  planOnce(file: LoadedFile, decided: Decided, master: MasterSnapshot, alsoKeep?: ReadonlySet<number>): { plan: Plan; file: CommitFile; decided: CommitDecisions } {
    const rows = file.rows;
    file.rows = NO_ROWS;
    // Filled: a list with holes would be skipped over by map(), filter() and every().
    const kept = new Array<SourceRow | undefined>(rows.length).fill(undefined);
    // A packed row is decoded into new strings: the values the plan keeps (a person's names and
    // title, a baseline's date) are interned again, as the objects' were when read (200k rows: the
    // plan 86 bytes a row larger without).
    const intern = rows instanceof PackedRows ? internedRowFields() : null;
    this.emit({ phase: 'plan', done: 0, total: rows.length, unit: 'rows' });
    const plan = buildPlan({
      rows: intern === null ? rows : { length: rows.length, at: (i) => intern.apply(rows.at(i)) },
      decisions: decided.decisions,
      master,
      policy: this.policy,
      // Rows are let go of as they are planned: the plan never reads a row again (afterRow's
      // contract). A kept row's SourceRow is a new object (a row object's normalized fields go).
      afterRow: (i) => {
        const row = rows.head(i);
        if (keptFor(row) || alsoKeep?.has(i)) kept[i] = sourceRowOf(row);
        rows.release(i + 1);
      },
    });
    const released = releaseSpilled(decided);
    this.emit({ phase: 'plan', done: plan.rows.length, total: plan.rows.length, unit: 'rows' });
    return { plan, file: { ...file, rows: kept }, decided: released };
  }

  reportDir(): string {
    return resolve(this.ctx.options.reportDir ?? join(process.cwd(), 'backfill-reports', this.ctx.processId));
  }

  /**
   * Commits the plan in one transaction (or, for a dry run, writes nothing), then writes the reports.
   * Takes the file, not the Prepared: the master snapshot and the matcher's index are not needed any
   * more, and a caller that lets go of them frees their memory for the commit (~2 GB at 1M records).
   * Of each row it reads only its SourceRow part: a LoadedFile will do, or planOnce's lighter copy.
   */
  async finish(file: CommitFile, decided: CommitDecisions, plan: Plan, dryRun: boolean, signal?: AbortSignal): Promise<Outcome> {
    const ctx = this.ctx;
    const base = {
      processId: ctx.processId,
      workerId: ctx.workerId,
      csvPath: file.path,
      dryRun,
      database: this.db.kind,
      reportDir: this.reportDir(),
      startedAt: ctx.startedAt,
    };
    let commit: CommitResult | null = null;
    let summary: RunSummary;
    const tables = (plans: readonly RowPlan[]): ReportTables => ({ headers: file.headers, rows: file.rows, fileIssues: file.fileIssues, plans, decisions: decided.decisions, texts: decided.texts });
    let pending: PendingReports | null = null;
    if (dryRun) {
      const existingIds = plan.talentFlowPeople.filter((r) => !isProvisional(r));
      const existing = await countExistingTalentFlow(this.db, existingIds);
      summary = buildSummary(base, plan.counts, null, plan.talentFlowPeople.length - existing);
    } else {
      const c = ctx.resolved.config;
      try {
        commit = await commitPlan(this.db, {
          plan,
          rows: file.rows,
          cells: file.cells ?? undefined,
          decisions: decided.decisions,
          texts: decided.texts,
          run: { processId: ctx.processId, workerId: ctx.workerId, csvPath: file.path, csvSha256: file.sha256, startedAt: ctx.startedAt },
          settings: {
            companyPrefix: c.ids.company_prefix,
            personPrefix: c.ids.person_prefix,
            minDigits: c.ids.min_digits,
            updatePolicy: c.matching.update_policy,
            globalLocked: c.matching.locked_fields,
            workMemMb: c.database.commit_work_mem_mb,
          },
          summary: (r) => buildSummary(base, plan.counts, r),
          // In rows written (rows per second, ETA), the step named: '[commit] 1,234 of 5,678 rows (step 6 of 9: talent_flow)'.
          onProgress: (p) => this.emit({ phase: 'commit', done: p.rowsDone, total: p.rowsTotal, unit: 'rows', message: p.done < p.total ? `step ${p.done + 1} of ${p.total}: ${p.step}` : p.step }),
          signal,
          collect: collectGarbage,
          afterStep: testFaultHook(),
          // The CSV reports are written while the database runs the commit's last statements (at 1M
          // rows they take ~15 s, the Talent Flow statement alone ~30 s); kept only if it commits.
          // First a full collection (with --expose-gc, large runs), which the database's work hides:
          // the plan's written lists and the commit's own are garbage by now (see collectGarbage).
          onFinalRows: (rows) => {
            collectGarbage();
            setHeapGrowth(10);
            pending = startReports(base.reportDir, tables(rows));
          },
        });
      } catch (err) {
        // `pending` is assigned in onFinalRows above, which TypeScript's narrowing does not follow.
        await (pending as PendingReports | null)?.discard();
        throw err;
      } finally {
        setHeapGrowth(null);
      }
      summary = buildSummary(base, plan.counts, commit);
    }
    summary.timings_ms = { ...this.timings, ...(commit ? Object.fromEntries(Object.entries(commit.stepMs).map(([k, v]) => [`commit_${k}`, v])) : {}) };
    summary.peak_rss_mb = Math.round(process.resourceUsage().maxRSS / 1024);
    this.emit({ phase: 'reports', done: 0, total: 4, unit: 'files' });
    // The run's final figures are set once the CSVs are in place, just before summary.json is written,
    // so that the file and the summary on stdout are the same.
    const final = (): RunSummary => {
      this.emit({ phase: 'reports', done: 4, total: 4, unit: 'files' });
      summary.duration_ms = Date.now() - ctx.startedAt.getTime();
      summary.timings_ms = { ...summary.timings_ms, reports: this.timings.reports ?? 0 };
      return summary;
    };
    const reports = await (pending ?? startReports(base.reportDir, tables(commit ? commit.rows : plan.rows))).keep(final);
    return { summary, reports, plan, commit };
  }

  async close(): Promise<void> {
    try {
      if (this.#locked) await releaseRunLock(this.db);
    } catch {
      /* connection gone: the server releases session locks itself */
    }
    await this.db.close();
  }
}

/**
 * Fault injection for the reliability tests only: BACKFILL_TUI_TEST_PAUSE_AT=<step> makes the
 * commit print a marker to stderr and wait at that step, so a test can SIGKILL the process or cut
 * its connection mid-transaction. Unset in normal use.
 */
function testFaultHook(): ((step: string) => Promise<void>) | undefined {
  const at = process.env.BACKFILL_TUI_TEST_PAUSE_AT;
  if (!at) return undefined;
  return async (step: string) => {
    if (step !== at) return;
    process.stderr.write(`[test] paused at ${step}\n`);
    await new Promise((r) => setTimeout(r, Number(process.env.BACKFILL_TUI_TEST_PAUSE_MS ?? 30000)));
  };
}

/**
 * Whether the commit and the reports read a row's SourceRow once it is planned: when it kept its
 * cells (a fallout row, whose cells were read again for fallout.csv and the garage, or any row of a
 * run that keeps them), failed validation, or has issues (validation.csv). A clean row's index, line
 * and hash are its row plan's, and the log reads its cells from the file: at 1M rows, ~70 MB of
 * SourceRows through the commit not kept.
 */
function keptFor(row: SourceRow): boolean {
  return row.source !== null || !row.valid || row.issues.length > 0;
}
