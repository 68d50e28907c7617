import type { LockReason } from '../core/locks.js';
import { COMPANY_FIELDS, PERSON_FIELDS, type RecordUpdate } from '../core/plan.js';
import { DatabaseError } from '../errors.js';
import type { CommitSettings, RunInfo } from './commit.js';
import { copyPrepared, prepareCopy, type PreparedCopy } from './copy.js';
import { lockedUpdateSql, type LockedTableSpec } from './sql/locked-update.js';
import type { Db } from './types.js';

// The commit's locked UPDATEs of the master tables (SPEC §6.3): the proposed values go into a temp
// table by COPY, one statement applies them with the lock rules inside it and audits them.

export const COMPANY_SPEC: LockedTableSpec = {
  table: 'marketing.company_master',
  idColumn: 'company_unique_id',
  fields: COMPANY_FIELDS,
  flags: { domain: 'manually_corrected_domain' },
  tempTable: 'bf_upd_company',
};
export const PERSON_SPEC: LockedTableSpec = {
  table: 'marketing.people_master',
  idColumn: 'person_unique_id',
  fields: PERSON_FIELDS,
  flags: { email: 'manually_corrected_email', title: 'manually_corrected_title' },
  tempTable: 'bf_upd_person',
};

export interface UpdateOutcome {
  id: string;
  applied: string[];
  skipped: string[];
  skipped_current: Record<string, string | null> | null;
  /** Why each skipped field is locked on the live row. */
  skipped_reasons: Record<string, LockReason> | null;
}

/**
 * The temp table rows of one locked UPDATE, serialized (see prepareCopy), in id order: the UPDATE
 * reads the temp table in the order it was written and probes the master table's primary key for
 * each row, and in id order those probes walk the index (and, where ids were given in order, the
 * table) from one end to the other instead of at random. At 1M rows, with the server's default
 * 128 MB of shared buffers, the random probes of 0.63M person updates read ~1.4M pages.
 */
export function prepareUpdates<F extends string>(spec: LockedTableSpec, updates: RecordUpdate<F>[], resolve: (v: string) => string): PreparedCopy {
  const byId = updates.slice().sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  return prepareCopy(
    spec.tempTable,
    ['id', ...spec.fields],
    byId,
    (u) => [
      u.id,
      ...spec.fields.map((f) => {
        const v = u.proposed[f as F];
        return v === undefined ? null : f === 'company_unique_id' ? resolve(v) : v;
      }),
    ],
    AHEAD_BYTES,
  );
}

/**
 * The locked UPDATE of one master table (SPEC §6.3), from the prepared temp table rows. `meanwhile`
 * runs while the server executes the UPDATE. Resolves to the outcomes of the records it changed or
 * kept a locked field of (a record with neither has none); throws when a record was deleted since.
 */
export async function applyUpdates<W>(db: Db, spec: LockedTableSpec, rows: PreparedCopy, run: RunInfo, settings: CommitSettings, meanwhile: () => W): Promise<[UpdateOutcome[], W]> {
  if (rows.rows === 0) return [[], meanwhile()];
  await db.exec(`CREATE TEMP TABLE ${spec.tempTable} (id text PRIMARY KEY, ${spec.fields.map((f) => `${f} text`).join(', ')}) ON COMMIT DROP`);
  await copyPrepared(db, rows);
  // Temp tables have no statistics until analyzed: without them the planner guesses the join sizes.
  await db.exec(`ANALYZE ${spec.tempTable} (id)`);
  const [res, w] = await whileRunning(db, db.query<UpdateOutcome & { found: number | null }>(lockedUpdateSql(spec, settings.updatePolicy), [run.processId, run.workerId, [...settings.globalLocked]]), meanwhile);
  // One row (null id) counts the records found; the others are those the UPDATE changed or kept a locked field of.
  const at = res.rows.findIndex((r) => r.id === null);
  const found = at < 0 ? null : res.rows[at]!.found;
  if (found === null) throw new Error(`${spec.table}: the locked UPDATE returned no count row`);
  res.rows.splice(at, 1);
  if (found !== rows.rows) {
    const missing = await db.query<{ id: string }>(
      `SELECT u.id FROM ${spec.tempTable} u WHERE NOT EXISTS (SELECT 1 FROM ${spec.table} c WHERE c.${spec.idColumn} = u.id) ORDER BY u.id LIMIT 3`,
    );
    throw new DatabaseError(
      `${rows.rows - found} matched record(s) in ${spec.table} were deleted after planning (e.g. ${missing.rows.map((r) => r.id).join(', ')})`,
      'nothing was written; run the backfill again so it plans against the current data',
    );
  }
  return [res.rows, w];
}

/**
 * Runs `work` (synchronous JS: serializing a later COPY, building the final rows) while the server
 * executes `statement`, which the driver has already sent, once it is all on its way (Db.sent). The
 * transaction is one connection, so its statements run one after the other; this keeps the JS work
 * off that critical path.
 */
export async function whileRunning<R, W>(db: Db, statement: Promise<R>, work: () => W): Promise<[R, W]> {
  let w: W;
  try {
    await sentBeside(db, statement);
    w = work();
  } catch (err) {
    await statement.catch(() => undefined);
    throw err;
  }
  return [await statement, w];
}

/** How much COPY text is built ahead, per COPY (memory bound: the rest is built as the COPY runs). */
export const AHEAD_BYTES = 32 << 20;

/**
 * db.sent() for a statement in flight: a failure of the statement while this waits is left for the
 * caller's `await statement` to throw (it is not an unhandled rejection meanwhile).
 */
export async function sentBeside(db: Db, statement: Promise<unknown>): Promise<void> {
  statement.catch(() => undefined);
  await db.sent();
}
