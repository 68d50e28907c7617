import type { UpdatePolicy } from '../core/locks.js';
import { TALENT_FLOW_HASH_SQL, type PlannedSignal } from '../core/baseline.js';
import { byIndex } from '../core/by-index.js';
import { appended } from '../core/tight.js';
import {
  addAction,
  baselineSignals,
  COMPANY_FIELDS,
  PERSON_FIELDS,
  PlannedRow,
  proposerOf,
  type Action,
  type BaselinePlan,
  type Entity,
  type Plan,
  type RecordUpdate,
  type RowPlan,
  type RowStatus,
  type SkippedField,
} from '../core/plan.js';
import type { RowDecision, SourceRow } from '../core/types.js';
import { memoryTexts, type DecisionTexts, type DecisionTextSource } from '../core/explain.js';
import { InterruptedError, DatabaseError } from '../errors.js';
import { AHEAD_BYTES, applyUpdates, COMPANY_SPEC, PERSON_SPEC, prepareUpdates, sentBeside, whileRunning, type UpdateOutcome } from './commit-updates.js';
import { copyPrepared, copyRows, copyRowsFrom, jsonbText, prepareCopy, type Counted, type PreparedCopy } from './copy.js';
import { memoryCells, type CellSource, type Cells } from '../io/cell-source.js';
import { drawIds, idFloor } from './ids.js';
import { withTransaction } from './transaction.js';
import type { Db } from './types.js';

// The commit: one transaction, set-based (COPY + set statements), never one round trip per row.

export interface RunInfo {
  processId: string;
  workerId: string;
  csvPath: string;
  csvSha256: string | null;
  startedAt: Date;
}

export interface CommitSettings {
  companyPrefix: string;
  personPrefix: string;
  minDigits: number;
  updatePolicy: UpdatePolicy;
  globalLocked: readonly string[];
  /** work_mem for the commit transaction (SET LOCAL). */
  workMemMb?: number;
}

export interface CommitProgress {
  /** The step starting ('commit' once every step is done). */
  step: string;
  /** Steps done before it, of `total`. */
  done: number;
  total: number;
  /** Rows written by the steps before it, of `rowsTotal`: predicted from the plan (rowsToWrite). */
  rowsDone: number;
  rowsTotal: number;
}

const STEPS = ['ids', 'companies', 'people', 'updates', 'baselines', 'talent_flow', 'logs', 'fallout', 'run'] as const;

/**
 * The rows each step of the commit writes, from the plan: created records, updated records (each
 * record the plan proposes values for, which the locked UPDATE may change, with its audit row: the
 * plan of a --yes run does not predict which will change), baselines, signals and Talent Flow rows
 * each with their audit row, one log row per input row, the unresolved rows parked in the garage.
 * The weights of the commit's progress in rows (rows per second and an ETA on stderr and in the
 * wizard); the database may write fewer (a field locked or already set, a Talent Flow baseline that
 * exists already).
 */
export function rowsToWrite(plan: Plan): Record<(typeof STEPS)[number], number> {
  const created = plan.companyCreates.length + plan.personCreates.length;
  return {
    ids: 0,
    companies: plan.companyCreates.length,
    people: plan.personCreates.length + created, // the people, then the audit rows of every created record
    updates: 2 * (plan.companyUpdates.length + plan.personUpdates.length),
    baselines: 2 * (plan.baselines.length + plan.counts.baselines.signals),
    talent_flow: 2 * plan.talentFlowPeople.length,
    logs: plan.rows.length,
    fallout: plan.counts.issues.unresolved,
    run: 1,
  };
}

export interface CommitResult {
  rows: RowPlan[]; // final: refs replaced by ids, updates/skips as the database applied them
  companies: { matched: number; created: number; updated: number };
  people: { matched: number; created: number; updated: number };
  baselines: { bit: number; tf: number; signals: number };
  lockedFieldSkips: number;
  ids: Map<string, string>; // provisional ref -> id
  stepMs: Record<string, number>; // wall time of each commit step (the last one, 'run', is not included)
}

/** The row hashes of `hashes` that wait, unresolved, in garage.missing_parts (by its partial index). */
async function waitingInGarage(db: Db, hashes: string[]): Promise<Set<string>> {
  if (hashes.length === 0) return new Set();
  const res = await db.query<{ h: string }>('SELECT DISTINCT source_row_hash AS h FROM garage.missing_parts WHERE NOT resolved AND source_row_hash = ANY($1::text[])', [hashes]);
  return new Set(res.rows.map((r) => r.h));
}

function checkAbort(signal: AbortSignal | undefined): void {
  if (signal?.aborted) throw new InterruptedError('interrupted during the commit; everything was rolled back, nothing was written');
}

export interface CommitInput {
  /**
   * Consumed, whether the commit succeeds or not: its rows are replaced, one by one, by the final
   * rows (real ids, the updates and skips the database applied), so that a million rows are not held
   * twice at the commit's peak, and its created records, updates and baselines are emptied once
   * written (writeRecords). Its counts stay. Plan again before committing again.
   */
  plan: Plan;
  /**
   * The rows of the file; the fallout's (unresolved) must carry their cells (`source`). A row the
   * commit does not read may be left out (undefined at its place): it reads the fallout rows, and
   * every row's cells when there is no `cells` source.
   */
  rows: readonly (SourceRow | undefined)[];
  /**
   * Where the log step reads every row's original cells: the file again (io/cell-source.ts), for a
   * run that did not keep them on the rows. Without it, the rows' own.
   */
  cells?: CellSource;
  /** Every row's decision, in file order; a spilled row's may be left out (undefined) once planned (releaseSpilled). */
  decisions: readonly (RowDecision | undefined)[];
  /** Where the log step reads the decisions' texts (a --yes run's spill); without it, from `decisions`. */
  texts?: DecisionTextSource;
  run: RunInfo;
  settings: CommitSettings;
  summary: (result: CommitResult) => unknown; // the run's JSON summary, stored with the run
  onProgress?: (p: CommitProgress) => void;
  signal?: AbortSignal;
  /** Test hook: called between steps (fault injection). */
  afterStep?: (step: string) => Promise<void> | void;
  /**
   * Called once the rows' final actions are known (ids, updates and skips as the database applied
   * them), as the last statements start (synchronously, the Talent Flow statement sent): the caller
   * may start writing its reports, or collect garbage, while the database works.
   */
  onFinalRows?: (rows: readonly RowPlan[]) => void;
  /**
   * Called where the commit's own garbage is largest, before it makes the final rows, while the
   * server works (a --yes run collects it: launch/heap.ts collectGarbage).
   */
  collect?: () => void;
}

export async function commitPlan(db: Db, input: CommitInput): Promise<CommitResult> {
  const { plan, rows, decisions, run, settings, onProgress, signal } = input;
  const weights = rowsToWrite(plan);
  const rowsTotal = STEPS.reduce((n, s) => n + weights[s], 0);
  let rowsDone = 0;
  let stepNo = 0;
  const stepMs: Record<string, number> = {};
  let current = '';
  let since = performance.now();
  const step = async (name: (typeof STEPS)[number]): Promise<void> => {
    const now = performance.now();
    if (current) stepMs[current] = Math.round(now - since);
    current = name;
    since = now;
    checkAbort(signal);
    await input.afterStep?.(name);
    onProgress?.({ step: name, done: stepNo++, total: STEPS.length, rowsDone, rowsTotal });
    rowsDone += weights[name];
  };

  return withTransaction(db, async (tx) => {
    // The commit's sorts and hashes (tens of MB at 100k rows) stay in memory instead of spilling to disk.
    await tx.exec(`SET LOCAL work_mem = '${Math.round(settings.workMemMb ?? 64)}MB'`);
    // The set statements below are costed high (tens of thousands of rows through several joins),
    // which switches on JIT compilation: ~1 s of LLVM time per locked UPDATE for nothing, since each
    // statement runs once. Off for this transaction only.
    await tx.exec('SET LOCAL jit = off');
    // Every join below matches a known set of rows (ids just drawn, the temp tables of updates) to a
    // master table by primary key. The planner, costing index probes as disk reads, would rather
    // hash the whole master table (1M people: ~1 s, twice per locked UPDATE); index probes keep
    // the work proportional to the rows the run touches.
    await tx.exec('SET LOCAL enable_hashjoin = off');
    await tx.exec('SET LOCAL enable_mergejoin = off');
    const w = await writeRecords(tx, input, step);
    const { finalRows, ids } = w;
    const resolve = resolverOf(ids);

    await step('talent_flow');
    // Sent first: the caller's onFinalRows (its reports, a collection of the garbage the steps above
    // left) runs while the server works on this statement (~30 s at 1M rows).
    const tfQuery = tx.query<{ n: number }>(
      `WITH ins AS (
         INSERT INTO marketing.talent_flow_baseline (person_unique_id, enrichment_hash, snapshot_data, source, process_id, metadata)
         SELECT p.person_unique_id, ${TALENT_FLOW_HASH_SQL}, to_jsonb(p), 'backfill_agent', $1, jsonb_build_object('worker_id', $2::text)
           FROM marketing.people_master p WHERE p.person_unique_id = ANY($3::text[])
           ORDER BY p.person_unique_id
         ON CONFLICT (person_unique_id) DO NOTHING
         RETURNING *
       ), aud AS (
         INSERT INTO shq.audit_log (process_id, worker_id, table_name, record_id, operation, before_data, after_data)
         SELECT $1, $2, 'marketing.talent_flow_baseline', i.baseline_id::text, 'insert', NULL::jsonb, to_jsonb(i) FROM ins i
         RETURNING 1
       )
       SELECT count(*)::int AS n FROM aud`,
      [run.processId, run.workerId, plan.talentFlowPeople.map(resolve)],
    );
    try {
      await sentBeside(tx, tfQuery); // its 0.8M ids on their way before the caller's synchronous work
      input.onFinalRows?.(finalRows);
    } catch (err) {
      await tfQuery.catch(() => undefined);
      throw err;
    }
    const tf = await tfQuery;

    await step('logs');
    const rowAt = byIndex(rows);
    const decisionAt = byIndex(decisions);
    await copyRowsFrom(
      tx,
      'marketing.backfill_log',
      ['source_row_hash', 'source_data', 'csv_line', 'match_type', 'match_confidence', 'matched_company_id', 'matched_person_id', 'resolution_status', 'actions_taken', 'error_message', 'notes', 'worker_id', 'process_id'],
      finalRows.length,
      withCellsAndTexts(finalRows, input.cells ?? memoryCells(rows), input.texts ?? memoryTexts(decisionAt)),
      ([r, cellsJson, texts]) => [
        r.hash,
        cellsJson,
        r.line,
        r.matchType,
        r.confidence === null ? null : Math.round(r.confidence * 1000) / 1000,
        r.status === 'unresolved' ? null : r.companyRef,
        r.status === 'unresolved' ? null : r.personRef,
        r.status,
        jsonbText(r.actions),
        r.error,
        texts.explanation,
        run.workerId,
        run.processId,
      ],
    );

    await step('fallout');
    const unresolved = finalRows.filter((r) => r.status === 'unresolved');
    // A row already waiting in the garage from an earlier run is not parked twice.
    const waiting = await waitingInGarage(tx, unresolved.map((r) => r.hash));
    await copyRows(
      tx,
      'garage.missing_parts',
      ['source', 'issue_type', 'source_data', 'match_attempts', 'confidence_score', 'process_id', 'source_row_hash', 'csv_line'],
      unresolved.filter((r) => !waiting.has(r.hash)),
      (r) => {
        const d = decisionAt(r.index);
        return [
          'backfill_agent',
          'low_confidence_match',
          jsonbText(cellsOf(rowAt(r.index))),
          jsonbText({ company: d?.company ?? null, person: d?.person ?? null }),
          r.confidence === null ? null : Math.round(r.confidence * 1000) / 1000,
          run.processId,
          r.hash,
          r.line,
        ];
      },
    );

    await step('run');
    const result: CommitResult = {
      rows: finalRows,
      companies: { matched: plan.counts.companies.matched, created: plan.counts.companies.created, updated: w.companiesUpdated },
      people: { matched: plan.counts.people.matched, created: plan.counts.people.created, updated: w.peopleUpdated },
      baselines: { bit: plan.counts.baselines.bit, tf: tf.rows[0]?.n ?? 0, signals: plan.counts.baselines.signals },
      lockedFieldSkips: w.lockedFieldSkips,
      ids,
      stepMs,
    };
    await tx.query(
      `INSERT INTO marketing.backfill_run (process_id, worker_id, csv_path, csv_sha256, database_kind, started_at, summary)
       VALUES ($1, $2, $3, $4, $5, $6, $7::jsonb)`,
      [run.processId, run.workerId, run.csvPath, run.csvSha256, tx.kind, run.startedAt.toISOString(), jsonbText(input.summary(result))],
    );
    checkAbort(signal);
    await input.afterStep?.('before_commit');
    onProgress?.({ step: 'commit', done: STEPS.length, total: STEPS.length, rowsDone: rowsTotal, rowsTotal });
    return result;
  });
}

/** Each row with its original cells as jsonb text and its decision's texts, in order. */
async function* withCellsAndTexts<T extends RowPlan>(rows: readonly T[], cells: CellSource, source: DecisionTextSource): AsyncGenerator<[T, string, DecisionTexts]> {
  const texts = source.textsOf(rows)[Symbol.asyncIterator]();
  try {
    let i = 0;
    for await (const json of cells.jsonOf(rows)) {
      const t = await texts.next();
      if (t.done) throw new Error(`row ${rows[i]!.index}: no decision texts`);
      yield [rows[i++]!, json, t.value];
    }
  } finally {
    await texts.return?.();
  }
}

/** A fallout row's cells, which it must carry (CommitInput.rows). */
function cellsOf(row: SourceRow | undefined): Cells {
  if (!row?.source) throw new Error(`fallout row ${row?.index ?? '?'} has no cells`);
  return row.source;
}

/**
 * Provisional ref -> id. Made here, not inline: a closure keeps the whole scope it was made in alive,
 * and writeRecords' scope holds the lists it frees (commitPlan makes its own resolver from the ids).
 */
function resolverOf(ids: ReadonlyMap<string, string>): (ref: string) => string {
  return (ref) => ids.get(ref) ?? ref;
}

/** A COPY already run (what writeRecords leaves in place of one, so that its rows can be let go). */
const WRITTEN: PreparedCopy = { sql: '', rows: 0, chunks: [] };

/** What the first five steps wrote, for the rest of the commit and its result. */
interface Written {
  finalRows: RowPlan[];
  /** Provisional ref -> id of every record created. */
  ids: Map<string, string>;
  /** Records the locked UPDATEs changed, and fields they kept (the created and baseline counts are the plan's). */
  companiesUpdated: number;
  peopleUpdated: number;
  lockedFieldSkips: number;
}

/**
 * Steps ids to baselines: ids drawn, records created and audited, the locked UPDATEs, BIT baselines
 * and signals, and the rows' final actions. Releases what it wrote from the plan (created records,
 * updates, baselines; the plan is consumed, see CommitInput), and its own lists go with its frame:
 * at 1M rows ~0.6 GB the log step and the reports written alongside it do not need.
 */
async function writeRecords(tx: Db, input: CommitInput, step: (name: (typeof STEPS)[number]) => Promise<void>): Promise<Written> {
  const { plan, run, settings } = input;
  await step('ids');
  const ids = new Map<string, string>();
  const companyIds = await drawIds(tx, 'marketing.company_id_seq', 'marketing.company_master', 'company_unique_id', settings.companyPrefix, settings.minDigits, plan.companyCreates.length);
  plan.companyCreates.forEach((c, i) => ids.set(c.ref, companyIds[i]!));
  const personIds = await drawIds(tx, 'marketing.person_id_seq', 'marketing.people_master', 'person_unique_id', settings.personPrefix, settings.minDigits, plan.personCreates.length);
  plan.personCreates.forEach((p, i) => ids.set(p.ref, personIds[i]!));
  const resolve = resolverOf(ids);

  await step('companies');
  await copyRows(tx, 'marketing.company_master', ['company_unique_id', 'company_name', 'domain', 'website_url', 'source'], plan.companyCreates, (c) => [
    resolve(c.ref),
    c.values.company_name ?? '',
    c.values.domain ?? null,
    c.values.website_url ?? null,
    'backfill-tui',
  ]);

  await step('people');
  await copyRows(
    tx,
    'marketing.people_master',
    ['person_unique_id', 'company_unique_id', 'first_name', 'last_name', 'full_name', 'title', 'email', 'phone', 'linkedin_url', 'source'],
    plan.personCreates,
    (p) => [
      resolve(p.ref),
      p.values.company_unique_id ? resolve(p.values.company_unique_id) : null,
      p.values.first_name ?? null,
      p.values.last_name ?? null,
      p.values.full_name ?? '',
      p.values.title ?? null,
      p.values.email ?? null,
      p.values.phone ?? null,
      p.values.linkedin_url ?? null,
      'backfill-tui',
    ],
  );
  // The records just created, by primary key (their ids are known: no staging table), in creation order.
  // Meanwhile (see whileRunning): the temp table rows of both locked UPDATEs.
  const [, [companyUpdates, personUpdates]] = await whileRunning(
    tx,
    tx.query(
      `INSERT INTO shq.audit_log (process_id, worker_id, table_name, record_id, operation, before_data, after_data)
       (SELECT $1, $2, 'marketing.company_master', c.company_unique_id, 'insert', NULL::jsonb, to_jsonb(c)
          FROM unnest($3::text[]) WITH ORDINALITY k(id, n) JOIN marketing.company_master c ON c.company_unique_id = k.id ORDER BY k.n)
       UNION ALL
       (SELECT $1, $2, 'marketing.people_master', p.person_unique_id, 'insert', NULL::jsonb, to_jsonb(p)
          FROM unnest($4::text[]) WITH ORDINALITY k(id, n) JOIN marketing.people_master p ON p.person_unique_id = k.id ORDER BY k.n)`,
      [run.processId, run.workerId, companyIds, personIds],
    ),
    () => [prepareUpdates(COMPANY_SPEC, plan.companyUpdates, resolve), prepareUpdates(PERSON_SPEC, plan.personUpdates, resolve)] as const,
  );
  // Created and audited: nothing below reads the created records' values (their ids are in `ids`).
  plan.companyCreates = [];
  plan.personCreates = [];

  await step('updates');
  // Meanwhile: the baselines' COPY text, then the signals'.
  let [companyOut, baselineCopy] = await applyUpdates(tx, COMPANY_SPEC, companyUpdates, run, settings, () =>
    prepareCopy(
      'marketing.bit_baseline_snapshot',
      ['person_unique_id', 'company_unique_id', 'historical_open_count', 'historical_reply_count', 'historical_meeting_count', 'last_engaged_at', 'baseline_score', 'baseline_tier', 'signals_generated', 'source', 'process_id', 'metadata'],
      plan.baselines,
      (b) => [
        resolve(b.personRef),
        b.companyRef ? resolve(b.companyRef) : null,
        b.opens,
        b.replies,
        b.meetings,
        b.lastEngagedAt,
        b.score,
        b.tier,
        baselineSignals(b, plan.weights).length,
        'backfill_agent',
        run.processId,
        jsonbText({ rows: b.rowCount, worker_id: run.workerId }),
      ],
      AHEAD_BYTES,
    ),
  );
  // Each baseline's signals, made as their COPY text is (a list of every signal and its baseline
  // was ~0.1 GB at 1M rows, alive through the person UPDATE while the plan's records were).
  let signalRows: Counted<{ b: BaselinePlan; s: PlannedSignal }> | null = signalsOf(plan);
  const signalCount = signalRows.length;
  let [personOut, signalCopy] = await applyUpdates(tx, PERSON_SPEC, personUpdates, run, settings, () =>
    prepareCopy(
      'marketing.bit_signal',
      ['person_unique_id', 'company_unique_id', 'signal_type', 'signal_count', 'signal_weight', 'source_type', 'scored', 'occurred_at', 'process_id', 'metadata'],
      signalRows!,
      ({ b, s }) => [resolve(b.personRef), b.companyRef ? resolve(b.companyRef) : null, s.type, s.count, s.weight, 'backfill_baseline', false, b.lastEngagedAt, run.processId, jsonbText({ baseline_score: b.score })],
      AHEAD_BYTES,
    ),
  );

  await step('baselines');
  // The rows just copied are found by id (above the sequence value drawn before the COPY) and
  // process id: an index range, not a scan of every baseline and signal ever written.
  const baselineFloor = await idFloor(tx, 'marketing.bit_baseline_snapshot', 'baseline_id');
  const signalFloor = await idFloor(tx, 'marketing.bit_signal', 'signal_id');
  await copyPrepared(tx, baselineCopy);
  await copyPrepared(tx, signalCopy);
  // Written: the baselines and signals are let go (with the COPYs that still refer to them) before
  // the final rows are built below, where the commit's heap is at its largest (at 1M rows ~0.2 GB
  // of baselines and signal pairs).
  const expectedAudit = plan.baselines.length + signalCount;
  plan.baselines = [];
  signalRows = null; // it reads the baselines
  baselineCopy = signalCopy = WRITTEN;
  const params: unknown[] = [run.processId, run.workerId];
  const above = (col: string, floor: string | null): string => (floor === null ? '' : ` AND ${col} > $${params.push(floor)}::bigint`);
  // Meanwhile: the final per-row actions (ids instead of refs, updates and skips as the database applied them).
  const [audited, finalRows] = await whileRunning(
    tx,
    tx.query(
      `INSERT INTO shq.audit_log (process_id, worker_id, table_name, record_id, operation, before_data, after_data)
       SELECT $1, $2, 'marketing.bit_baseline_snapshot', b.baseline_id::text, 'insert', NULL::jsonb, to_jsonb(b)
         FROM marketing.bit_baseline_snapshot b WHERE b.process_id = $1${above('b.baseline_id', baselineFloor)}
       UNION ALL
       SELECT $1, $2, 'marketing.bit_signal', s.signal_id::text, 'insert', NULL::jsonb, to_jsonb(s)
         FROM marketing.bit_signal s WHERE s.process_id = $1${above('s.signal_id', signalFloor)}`,
      params,
    ),
    () => {
      // The garbage of the steps above (their COPY texts, the baselines and updates let go of) is
      // collected before the final rows are made, while the server audits: at 1M rows the heap
      // reached ~1.43 GB here without (~1.1 GB live), and V8 keeps the pages it grew by to the end.
      input.collect?.();
      return finalizeRows(plan, companyOut, personOut, resolve);
    },
  );
  if (audited.rowCount !== expectedAudit) {
    throw new DatabaseError(
      `audit of the BIT baselines and signals found ${audited.rowCount} row(s), expected ${expectedAudit}`,
      'nothing was written; run the backfill again',
    );
  }
  const written: Written = {
    finalRows,
    ids,
    companiesUpdated: companyOut.filter((o) => o.applied.length > 0).length,
    peopleUpdated: personOut.filter((o) => o.applied.length > 0).length,
    lockedFieldSkips: companyOut.reduce((n, o) => n + o.skipped.length, 0) + personOut.reduce((n, o) => n + o.skipped.length, 0),
  };
  plan.companyUpdates = [];
  plan.personUpdates = [];
  return written;
}

/** A field name as the plan spells it (one string per name, not one per record updated). */
const FIELD_NAMES = new Map<string, string>([...COMPANY_FIELDS, ...PERSON_FIELDS].map((f) => [f, f]));
function fieldName(f: string): string {
  return FIELD_NAMES.get(f) ?? f;
}

/** Every baseline's signals with their baseline, made as read (one pass counts them first). */
function signalsOf(plan: Plan): Counted<{ b: BaselinePlan; s: PlannedSignal }> {
  const { baselines, weights } = plan;
  let length = 0;
  for (const b of baselines) length += baselineSignals(b, weights).length;
  return {
    length,
    *[Symbol.iterator]() {
      for (const b of baselines) for (const s of baselineSignals(b, weights)) yield { b, s };
    },
  };
}

function finalizeRows(
  plan: Plan,
  companyOut: UpdateOutcome[],
  personOut: UpdateOutcome[],
  resolve: (ref: string) => string,
): RowPlan[] {
  // Each row is finalized in place (the plan is consumed): its refs resolved, which its entity
  // actions (matched, created) are made on when read (PlannedRow), and the plan's predicted updates
  // and skips dropped (they come back below from what the UPDATEs did). A new RowPlan and list per
  // row were ~170 MB at 1M rows, allocated while the plan's records and updates were still alive:
  // the commit's high-water mark.
  const rows = plan.rows;
  for (const r of rows) {
    r.entityActionsOnly();
    if (r.companyRef !== null) r.companyRef = resolve(r.companyRef);
    if (r.personRef !== null) r.personRef = resolve(r.personRef);
  }
  const rowAt = byIndex(rows);
  const attribute = (entity: Entity, updates: RecordUpdate<string>[], outcomes: UpdateOutcome[]): void => {
    const byId = new Map(updates.map((u) => [u.id, u]));
    for (const o of outcomes) {
      const u = byId.get(o.id)!;
      // Kept to the end of the run on ~0.6M rows at 1M: lists of their exact length (tight.ts), the
      // plan's own strings for the field names and the record's id (the UPDATE's result has a new
      // string for each). The spread lists and the result's strings were ~75 MB at 1M rows.
      const applied = new Map<number, string[]>();
      const skipped = new Map<number, SkippedField[]>();
      for (const f of o.applied) {
        const r = proposerOf(u, f);
        applied.set(r, appended(applied.get(r) ?? [], fieldName(f)));
      }
      for (const f of o.skipped) {
        const r = proposerOf(u, f);
        const value = f === 'company_unique_id' ? resolve(u.proposed[f]!) : u.proposed[f]!;
        // Why, on the live row (the UPDATE says): a lock set after planning is reported as it is.
        const reason = o.skipped_reasons?.[f] ?? 'locked_fields';
        skipped.set(r, appended(skipped.get(r) ?? [], { field: fieldName(f), value, current: o.skipped_current?.[f] ?? null, reason }));
      }
      for (const [r, fields] of applied) addAction(rowAt(r)!, { action: 'updated', entity, ref: u.id, fields });
      for (const [r, fields] of skipped) addAction(rowAt(r)!, { action: 'skipped_locked', entity, ref: u.id, fields });
    }
  };
  attribute('company', plan.companyUpdates as RecordUpdate<string>[], companyOut);
  attribute('person', plan.personUpdates as RecordUpdate<string>[], personOut);
  for (const r of rows) {
    if (r.status !== 'initialized' && r.status !== 'skipped_locked') continue;
    const changed = r.actions.some((a) => a.action === 'created' || a.action === 'updated');
    const status: RowStatus = !changed && r.actions.some((a) => a.action === 'skipped_locked') ? 'skipped_locked' : 'initialized';
    r.status = status;
  }
  return rows;
}
