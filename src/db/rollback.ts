import { COMPANY_FIELDS, PERSON_FIELDS } from '../core/plan.js';
import { DatabaseError, UserError, EXIT } from '../errors.js';
import { withTransaction } from './transaction.js';
import type { Db } from './types.js';

// Undo one run completely (SPEC §6.6), in one transaction: updated fields get their before-values
// back from shq.audit_log, created records, baselines and signals are deleted, the run is marked
// rolled back. A field changed by someone after the run is a conflict: refused unless forced.

export interface RollbackConflict {
  table: string;
  recordId: string;
  field: string;
  runValue: unknown;
  currentValue: unknown;
}

export interface RollbackResult {
  restored: number; // records whose fields were restored
  deleted: { companies: number; people: number; bitSnapshots: number; signals: number; talentFlow: number; fallout: number };
  conflicts: RollbackConflict[]; // overridden with --force
}

const TABLES = [
  { table: 'marketing.company_master', id: 'company_unique_id', fields: [...COMPANY_FIELDS] as string[] },
  { table: 'marketing.people_master', id: 'person_unique_id', fields: [...PERSON_FIELDS] as string[] },
];

async function findConflicts(tx: Db, processId: string): Promise<{ fields: RollbackConflict[]; blocking: string[] }> {
  const fields: RollbackConflict[] = [];
  for (const t of TABLES) {
    // Fields this run updated whose current value is no longer the value the run wrote.
    const upd = await tx.query<{ record_id: string; field: string; run_value: unknown; current_value: unknown }>(
      `SELECT a.record_id, k.key AS field, a.after_data -> k.key AS run_value, to_jsonb(m) -> k.key AS current_value
         FROM shq.audit_log a
         JOIN ${t.table} m ON m.${t.id} = a.record_id
         CROSS JOIN LATERAL jsonb_object_keys(a.after_data) AS k(key)
        WHERE a.process_id = $1 AND a.table_name = $2 AND a.operation = 'update' AND k.key <> 'updated_at'
          AND (to_jsonb(m) -> k.key) IS DISTINCT FROM (a.after_data -> k.key)
        ORDER BY a.record_id, k.key`,
      [processId, t.table],
    );
    // Records this run created that someone changed since.
    const ins = await tx.query<{ record_id: string; field: string; run_value: unknown; current_value: unknown }>(
      `SELECT a.record_id, k.key AS field, a.after_data -> k.key AS run_value, to_jsonb(m) -> k.key AS current_value
         FROM shq.audit_log a
         JOIN ${t.table} m ON m.${t.id} = a.record_id
         CROSS JOIN LATERAL jsonb_object_keys(a.after_data) AS k(key)
        WHERE a.process_id = $1 AND a.table_name = $2 AND a.operation = 'insert'
          AND (to_jsonb(m) -> k.key) IS DISTINCT FROM (a.after_data -> k.key)
        ORDER BY a.record_id, k.key`,
      [processId, t.table],
    );
    for (const r of [...upd.rows, ...ins.rows]) {
      fields.push({ table: t.table, recordId: r.record_id, field: r.field, runValue: r.run_value, currentValue: r.current_value });
    }
  }
  // Things --force cannot override: records of others that point at what this run created, and
  // signals the scoring agent already consumed.
  const blocking: string[] = [];
  const refs = await tx.query<{ person_unique_id: string; company_unique_id: string }>(
    `SELECT p.person_unique_id, p.company_unique_id FROM marketing.people_master p
      WHERE p.company_unique_id IN (SELECT record_id FROM shq.audit_log WHERE process_id = $1 AND operation = 'insert' AND table_name = 'marketing.company_master')
        AND p.person_unique_id NOT IN (SELECT record_id FROM shq.audit_log WHERE process_id = $1 AND operation = 'insert' AND table_name = 'marketing.people_master')
        AND NOT EXISTS (SELECT 1 FROM shq.audit_log u WHERE u.process_id = $1 AND u.operation = 'update' AND u.table_name = 'marketing.people_master'
                         AND u.record_id = p.person_unique_id AND u.after_data ->> 'company_unique_id' = p.company_unique_id)
      ORDER BY 1 LIMIT 10`,
    [processId],
  );
  for (const r of refs.rows) blocking.push(`person ${r.person_unique_id} (not created by this run) belongs to company ${r.company_unique_id} that this run created`);
  const scored = await tx.query<{ n: number }>('SELECT count(*)::int AS n FROM marketing.bit_signal WHERE process_id = $1 AND scored', [processId]);
  if ((scored.rows[0]?.n ?? 0) > 0) blocking.push(`${scored.rows[0]!.n} BIT signal(s) of this run were already scored by the BIT scoring agent`);
  return { fields, blocking };
}

function describeConflicts(c: RollbackConflict[]): string {
  const shown = c.slice(0, 10).map((x) => `  ${x.table} ${x.recordId}.${x.field}: the run wrote ${JSON.stringify(x.runValue)}, now ${JSON.stringify(x.currentValue)}`);
  return shown.join('\n') + (c.length > 10 ? `\n  ... and ${c.length - 10} more` : '');
}

export async function rollbackRun(db: Db, processId: string, rollbackBy: string, workerId: string, force: boolean): Promise<RollbackResult> {
  return withTransaction(db, async (tx) => {
    const run = await tx.query<{ rolled_back_at: string | null }>('SELECT rolled_back_at FROM marketing.backfill_run WHERE process_id = $1 FOR UPDATE', [processId]);
    if (run.rows.length === 0) throw new UserError(`no run with process id ${processId}`, EXIT.usage, 'list runs with `backfill-tui runs`');
    if (run.rows[0]!.rolled_back_at) throw new UserError(`run ${processId} was already rolled back at ${run.rows[0]!.rolled_back_at}`, EXIT.usage);

    const { fields, blocking } = await findConflicts(tx, processId);
    if (blocking.length > 0) {
      throw new DatabaseError(`cannot roll back ${processId}; nothing was changed:\n  ${blocking.join('\n  ')}`, 'roll back the later runs first, or fix these records by hand');
    }
    if (fields.length > 0 && !force) {
      throw new DatabaseError(
        `cannot roll back ${processId}: ${fields.length} field(s) were changed after the run; nothing was changed:\n${describeConflicts(fields)}`,
        'pass --force to restore the before-values anyway (the later edits are overwritten and audited)',
      );
    }

    let restored = 0;
    for (const t of TABLES) {
      const sets = [...t.fields, 'updated_at']
        .map((f) => `${f} = CASE WHEN r.before_data ? '${f}' THEN ${f === 'updated_at' ? `(r.before_data ->> '${f}')::timestamptz` : `r.before_data ->> '${f}'`} ELSE m.${f} END`)
        .join(', ');
      const res = await tx.query<{ n: number }>(
        `WITH r AS (
           SELECT record_id, before_data FROM shq.audit_log WHERE process_id = $1 AND table_name = $2 AND operation = 'update'
         ), cur AS (
           SELECT m.* FROM ${t.table} m JOIN r ON r.record_id = m.${t.id} FOR UPDATE OF m
         ), upd AS (
           UPDATE ${t.table} m SET ${sets} FROM r WHERE m.${t.id} = r.record_id
           RETURNING m.${t.id} AS id, to_jsonb(m) AS after_row
         ), aud AS (
           INSERT INTO shq.audit_log (process_id, worker_id, table_name, record_id, operation, before_data, after_data)
           SELECT $3, $4, $2, u.id, 'rollback_update', to_jsonb(c), u.after_row FROM upd u JOIN cur c ON c.${t.id} = u.id
           RETURNING 1
         )
         SELECT count(*)::int AS n FROM aud`,
        [processId, t.table, rollbackBy, workerId],
      );
      restored += res.rows[0]?.n ?? 0;
    }

    const del = async (table: string, where: string, idExpr: string): Promise<number> => {
      const res = await tx.query<{ n: number }>(
        `WITH d AS (DELETE FROM ${table} x WHERE ${where} RETURNING x.*), aud AS (
           INSERT INTO shq.audit_log (process_id, worker_id, table_name, record_id, operation, before_data, after_data)
           SELECT $2, $3, '${table}', ${idExpr}, 'rollback_delete', to_jsonb(d), NULL FROM d RETURNING 1)
         SELECT count(*)::int AS n FROM aud`,
        [processId, rollbackBy, workerId],
      );
      return res.rows[0]?.n ?? 0;
    };
    const createdIds = (table: string): string =>
      `(SELECT record_id FROM shq.audit_log WHERE process_id = $1 AND operation = 'insert' AND table_name = '${table}')`;
    const signals = await del('marketing.bit_signal', 'x.process_id = $1', 'd.signal_id::text');
    const bitSnapshots = await del('marketing.bit_baseline_snapshot', 'x.process_id = $1', 'd.baseline_id::text');
    const talentFlow = await del('marketing.talent_flow_baseline', 'x.process_id = $1', 'd.baseline_id::text');
    const people = await del('marketing.people_master', `x.person_unique_id IN ${createdIds('marketing.people_master')}`, 'd.person_unique_id');
    const companies = await del('marketing.company_master', `x.company_unique_id IN ${createdIds('marketing.company_master')}`, 'd.company_unique_id');
    const fallout = (await tx.query('DELETE FROM garage.missing_parts WHERE process_id = $1 AND NOT resolved', [processId])).rowCount;
    await tx.query('UPDATE marketing.backfill_run SET rolled_back_at = now(), rolled_back_by = $2 WHERE process_id = $1', [processId, rollbackBy]);
    return { restored, deleted: { companies, people, bitSnapshots, signals, talentFlow, fallout }, conflicts: fields };
  });
}

export interface RunRow {
  process_id: string;
  worker_id: string;
  csv_path: string;
  committed_at: string;
  rolled_back_at: string | null;
  summary: Record<string, unknown>;
}

export async function listRuns(db: Db): Promise<RunRow[]> {
  const res = await db.query<RunRow>(
    `SELECT process_id, worker_id, csv_path, to_char(committed_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"') AS committed_at,
            CASE WHEN rolled_back_at IS NULL THEN NULL ELSE to_char(rolled_back_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"') END AS rolled_back_at,
            summary
       FROM marketing.backfill_run ORDER BY committed_at, process_id`,
  );
  return res.rows;
}
