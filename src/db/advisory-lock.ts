import { LockHeldError } from '../errors.js';
import type { Db } from './types.js';

// One backfill per database at a time (SPEC §6.7). On a server: a session-level advisory lock; the
// holder is named through pg_stat_activity.application_name, which carries its process id.
// The embedded database is guarded by its data-directory lock file instead (dir-lock.ts).

const LOCK_KEY = 'backfill-tui:run';

export async function acquireRunLock(db: Db): Promise<void> {
  if (db.kind !== 'postgres') return;
  const got = await db.query<{ ok: boolean }>('SELECT pg_try_advisory_lock(hashtext($1)) AS ok', [LOCK_KEY]);
  if (got.rows[0]?.ok) return;
  const holder = await db.query<{ application_name: string | null; pid: number }>(
    `SELECT a.application_name, a.pid FROM pg_locks l JOIN pg_stat_activity a ON a.pid = l.pid
      WHERE l.locktype = 'advisory' AND l.granted AND l.objid = (hashtext($1)::bigint & 4294967295)::oid
        AND l.database = (SELECT oid FROM pg_database WHERE datname = current_database())
      LIMIT 1`,
    [LOCK_KEY],
  );
  const h = holder.rows[0];
  const who = h?.application_name?.replace(/^backfill-tui\s*/, '') || 'unknown process id';
  throw new LockHeldError(`another backfill holds the database lock (process id ${who}${h ? `, server pid ${h.pid}` : ''})`);
}

export async function releaseRunLock(db: Db): Promise<void> {
  if (db.kind !== 'postgres') return;
  await db.query('SELECT pg_advisory_unlock(hashtext($1))', [LOCK_KEY]);
}
