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

/** $1 process id, $2 worker id, $3 globally locked field names (text[]). */
export function lockedUpdateSql(spec: LockedTableSpec, policy: UpdatePolicy): string {
  const f = spec.fields;
  const wants = (x: string): string =>
    policy === 'fill_empty'
      ? `(u.${x} IS NOT NULL AND u.${x} <> '' AND (c.${x} IS NULL OR c.${x}::text = ''))`
      : `(u.${x} IS NOT NULL AND u.${x} <> '' AND c.${x}::text IS DISTINCT FROM u.${x})`;
  const locked = (x: string): string => {
    const parts = [`${q(x)} = ANY($3::text[])`, `${q(x)} = ANY(c.locked_fields)`, `c.manual_overrides ? ${q(x)}`];
    if (spec.flags[x]) parts.push(`c.${spec.flags[x]}`);
    return `(${parts.join(' OR ')})`;
  };
  const list = (pred: (x: string) => string): string => `array_remove(ARRAY[${f.map((x) => `CASE WHEN ${pred(x)} THEN ${q(x)} END`).join(', ')}]::text[], NULL)`;
  return `
WITH cur AS (
  SELECT c.* FROM ${spec.table} c JOIN ${spec.tempTable} u ON u.id = c.${spec.idColumn}
  ORDER BY c.${spec.idColumn} FOR UPDATE OF c
),
calc AS (
  SELECT c.${spec.idColumn} AS id,
    CASE WHEN ${f.map((x) => wants(x)).join(' OR ')} THEN to_jsonb(c) END AS before_row,
    ${f.map((x) => `${wants(x)} AS w_${x}, ${locked(x)} AS l_${x}, u.${x} AS v_${x}`).join(',\n    ')}
  FROM cur c JOIN ${spec.tempTable} u ON u.id = c.${spec.idColumn}
),
flags AS (
  SELECT k.*,
    ${list((x) => `k.w_${x} AND NOT k.l_${x}`)} AS applied,
    ${list((x) => `k.w_${x} AND k.l_${x}`)} AS skipped
  FROM calc k
),
upd AS (
  UPDATE ${spec.table} t SET
    ${f.map((x) => `${x} = CASE WHEN g.w_${x} AND NOT g.l_${x} THEN g.v_${x} ELSE t.${x} END`).join(',\n    ')},
    updated_at = now()
  FROM flags g WHERE t.${spec.idColumn} = g.id AND cardinality(g.applied) > 0
  RETURNING t.${spec.idColumn} AS id, to_jsonb(t) AS after_row
),
aud AS (
  INSERT INTO shq.audit_log (process_id, worker_id, table_name, record_id, operation, before_data, after_data)
  SELECT $1, $2, ${q(spec.table)}, u.id, 'update',
    (SELECT jsonb_object_agg(e.key, e.value) FROM jsonb_each(g.before_row) e WHERE e.key = ANY(g.applied || ARRAY['updated_at'])),
    (SELECT jsonb_object_agg(e.key, e.value) FROM jsonb_each(u.after_row) e WHERE e.key = ANY(g.applied || ARRAY['updated_at']))
  FROM upd u JOIN flags g ON g.id = u.id
  RETURNING 1
)
SELECT g.id, g.applied, g.skipped,
  CASE WHEN cardinality(g.skipped) > 0 THEN (SELECT jsonb_object_agg(e.key, e.value) FROM jsonb_each(g.before_row) e WHERE e.key = ANY(g.skipped)) END AS skipped_current,
  (SELECT count(*) FROM aud)::int AS audited
FROM flags g ORDER BY g.id`;
}
