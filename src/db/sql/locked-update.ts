import type { UpdatePolicy } from '../../core/locks.js';

// The UPDATE that enforces locks in the database itself (SPEC §6.3): a field someone locks between
// planning and commit still wins, because policy and locks are evaluated against the live row,
// locked FOR UPDATE in the same statement. Before/after values go to shq.audit_log in the same
// statement. Returns, per record, the fields applied and the fields skipped because locked.

export interface LockedTableSpec {
  table: string; // marketing.people_master
  idColumn: string; // person_unique_id
  fields: readonly string[];
  flags: Readonly<Record<string, string>>; // field -> boolean flag column that locks it
  tempTable: string; // bf_upd_person: (id text, <fields> text)
}

const q = (s: string): string => `'${s.replace(/'/g, "''")}'`;

/**
 * jsonb of the named columns of `alias` (updated_at included), minus the keys in the text[] `drop`:
 * the same values to_jsonb(row) gives for those columns, without building the whole row.
 */
function pick(alias: string, prefix: string, fields: readonly string[], drop: string): string {
  return `(jsonb_build_object(${[...fields, 'updated_at'].map((x) => `${q(x)}, ${alias}.${prefix}${x}`).join(', ')}) - ${drop})`;
}

/**
 * $1 process id, $2 worker id, $3 globally locked field names (text[]). Returns one row per record
 * of the temp table that the statement changed or kept a locked field of: id, applied, skipped,
 * skipped_current (the live values of the skipped fields), skipped_reasons (why each skipped field
 * is locked, as core/locks.ts LockReason); and one row with a null id whose `found` counts the temp
 * table's records found in the live table (fewer: some were deleted after planning). A
 * record with nothing to apply or keep returns no row: at 1M rows ~0.44M of the ~1M records proposed
 * (a row object each, ~75 MB, alive at the commit's high-water mark until the rows are finalized).
 * The audit CTE (aud) is not read: a data-modifying WITH runs to completion whether read or not.
 *
 * seen reads, without locking, which records the policy wants to write a field of (with the
 * statement's snapshot), in the temp table's order (ids in order, commit-updates.ts: the primary
 * key probes walk the index instead of jumping). cur locks only those, probing in seen's order (FOR
 * UPDATE: the latest version, waiting for a concurrent writer), and carries only the columns the
 * statement reads, with the proposed values (v_*) alongside. A record the snapshot has nothing to
 * write to is neither locked nor written, as if the statement had run before any change made to it
 * since: at 1M rows ~0.2M of the 0.63M person records proposed, each lock a heap write and a WAL
 * record. The count row counts those from seen and the locked ones from cur, so a record deleted
 * meanwhile is missing from it either way. calc evaluates policy (w_*) and locks (r_*, the reason or
 * NULL) again, on the rows cur locked, once per field and row (MATERIALIZED: inlined, each would be
 * evaluated again for every array built from it). The audit
 * before/after values are jsonb_build_object of the applied fields and updated_at: the same
 * values to_jsonb(row) gives for those columns, without building and filtering whole rows.
 */
export function lockedUpdateSql(spec: LockedTableSpec, policy: UpdatePolicy): string {
  const f = spec.fields;
  // Whether the policy wants to write the proposed value `v` over the current value `cur`.
  const wantsOf = (v: string, cur: string): string =>
    policy === 'fill_empty'
      ? `(${v} IS NOT NULL AND ${v} <> '' AND (${cur} IS NULL OR ${cur}::text = ''))`
      : `(${v} IS NOT NULL AND ${v} <> '' AND ${cur}::text IS DISTINCT FROM ${v})`;
  const wants = (x: string): string => wantsOf(`c.v_${x}`, `c.${x}`);
  // Why a field is locked (NULL: it is not), in the order core/locks.ts lockReason() gives: the
  // reason reported with a skip is the live row's, even for a lock set after planning.
  const lockedBy = (x: string): string => {
    const whens = [
      `WHEN ${q(x)} = ANY($3::text[]) THEN 'config_locked_fields'`,
      `WHEN ${q(x)} = ANY(c.locked_fields) THEN 'locked_fields'`,
      `WHEN c.manual_overrides ? ${q(x)} THEN 'manual_overrides'`,
    ];
    if (spec.flags[x]) whens.push(`WHEN c.${spec.flags[x]} THEN ${q(spec.flags[x])}`);
    return `(CASE ${whens.join(' ')} END)`;
  };
  const list = (pred: (x: string) => string): string => `array_remove(ARRAY[${f.map((x) => `CASE WHEN ${pred(x)} THEN ${q(x)} END`).join(', ')}]::text[], NULL)`;
  const liveCols = [...new Set([...f, 'updated_at', 'locked_fields', 'manual_overrides', ...Object.values(spec.flags)])];
  const applies = (x: string): string => `(k.w_${x} AND k.r_${x} IS NULL)`;
  const skips = (x: string): string => `(k.w_${x} AND k.r_${x} IS NOT NULL)`;
  return `
WITH seen AS MATERIALIZED (
  SELECT c.${spec.idColumn} AS bf_id, (${f.map((x) => wantsOf(`u.${x}`, `c.${x}`)).join(' OR ')}) AS wanted
    FROM ${spec.table} c JOIN ${spec.tempTable} u ON u.id = c.${spec.idColumn}
),
cur AS (
  SELECT c.${spec.idColumn} AS bf_id, ${liveCols.map((x) => `c.${x}`).join(', ')}, ${f.map((x) => `u.${x} AS v_${x}`).join(', ')}
    FROM seen s JOIN ${spec.table} c ON c.${spec.idColumn} = s.bf_id JOIN ${spec.tempTable} u ON u.id = s.bf_id
   WHERE s.wanted
   ORDER BY c.${spec.idColumn} FOR UPDATE OF c
),
calc AS MATERIALIZED (
  SELECT c.bf_id AS id,
    ${f.map((x) => `${wants(x)} AS w_${x}, ${lockedBy(x)} AS r_${x}, c.v_${x}, c.${x} AS c_${x}`).join(',\n    ')},
    c.updated_at AS c_updated_at
  FROM cur c
),
flags AS (
  SELECT k.*,
    ${list(applies)} AS applied,
    ${list(skips)} AS skipped,
    ${list((x) => `NOT ${applies(x)}`)} AS not_applied
  FROM calc k
),
upd AS (
  UPDATE ${spec.table} t SET
    ${f.map((x) => `${x} = CASE WHEN g.w_${x} AND g.r_${x} IS NULL THEN g.v_${x} ELSE t.${x} END`).join(',\n    ')},
    updated_at = now()
  FROM flags g WHERE t.${spec.idColumn} = g.id AND cardinality(g.applied) > 0
  RETURNING t.${spec.idColumn} AS id, ${pick('g', 'c_', f, 'g.not_applied')} AS before_data, ${pick('t', '', f, 'g.not_applied')} AS after_data
),
aud AS (
  INSERT INTO shq.audit_log (process_id, worker_id, table_name, record_id, operation, before_data, after_data)
  SELECT $1, $2, ${q(spec.table)}, u.id, 'update', u.before_data, u.after_data FROM upd u ORDER BY u.id
  RETURNING 1
)
(SELECT g.id, g.applied, g.skipped,
  CASE WHEN cardinality(g.skipped) > 0 THEN ${pick('g', 'c_', f, `(${list((x) => `NOT (g.w_${x} AND g.r_${x} IS NOT NULL)`)} || ARRAY['updated_at'])`)} END AS skipped_current,
  CASE WHEN cardinality(g.skipped) > 0 THEN jsonb_strip_nulls(jsonb_build_object(${f.map((x) => `${q(x)}, CASE WHEN g.w_${x} THEN g.r_${x} END`).join(', ')})) END AS skipped_reasons,
  NULL::int AS found
FROM flags g WHERE cardinality(g.applied) > 0 OR cardinality(g.skipped) > 0 ORDER BY g.id)
UNION ALL
SELECT NULL, NULL, NULL, NULL, NULL, ((SELECT count(*) FROM seen WHERE NOT seen.wanted) + (SELECT count(*) FROM flags))::int`;
}
