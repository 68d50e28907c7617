import type { Db } from './types.js';

// Ids of the records a run creates (SPEC §1) and of the rows a COPY is about to insert.

export function formatId(prefix: string, n: number, minDigits: number): string {
  return `${prefix}.${String(n).padStart(minDigits, '0')}`;
}

export async function drawIds(db: Db, seq: string, table: string, idColumn: string, prefix: string, minDigits: number, count: number): Promise<string[]> {
  if (count === 0) return [];
  // Existing ids with our prefix may be ahead of the sequence (records made by other tools): move past them.
  const max = await db.query<{ m: string | null }>(
    `SELECT max(substring(${idColumn} FROM length($1) + 2)::bigint)::text AS m FROM ${table}
      WHERE ${idColumn} LIKE $1 || '.%' AND substring(${idColumn} FROM length($1) + 2) ~ '^[0-9]{1,18}$'`,
    [prefix],
  );
  // Deterministic ids (SPEC §1): the next id is always max(existing suffix) + 1, so numbers consumed
  // by a run that rolled back or crashed are reused and the same database state gives the same ids.
  // Safe under the run lock; a foreign writer racing on the same ids would hit the primary key and
  // roll the whole run back, never corrupt it.
  const m = Number(max.rows[0]?.m ?? 0);
  if (m > 0) await db.query(`SELECT setval('${seq}', $1::bigint, true)`, [m]);
  else await db.query(`SELECT setval('${seq}', 1, false)`);
  const res = await db.query<{ n: string }>(`SELECT nextval('${seq}')::text AS n FROM generate_series(1, $1::int)`, [count]);
  return res.rows.map((r) => Number(r.n)).sort((a, b) => a - b).map((n) => formatId(prefix, n, minDigits));
}

/**
 * The first id the next rows of `table` get from its serial column's sequence, when that sequence
 * only goes up: the rows a COPY inserts after this call all have ids above it. null: no such
 * sequence (a table made by someone else), find the rows by process id alone.
 */
export async function idFloor(db: Db, table: string, column: string): Promise<string | null> {
  const res = await db.query<{ lo: string | null }>(
    `SELECT CASE WHEN s.seqincrement > 0 AND NOT s.seqcycle THEN nextval(s.seqrelid::regclass)::text END AS lo
       FROM pg_sequence s WHERE s.seqrelid = pg_get_serial_sequence($1, $2)::regclass`,
    [table, column],
  );
  return res.rows[0]?.lo ?? null;
}
