import type { Db } from './types.js';

/**
 * The one place that owns BEGIN / COMMIT / ROLLBACK-and-rethrow. Everything a run writes happens
 * inside `fn`; any throw (including an interrupt) rolls back and rethrows.
 */
export async function withTransaction<T>(db: Db, fn: (db: Db) => Promise<T>): Promise<T> {
  await db.exec('BEGIN');
  let result: T;
  try {
    result = await fn(db);
  } catch (err) {
    try {
      await db.exec('ROLLBACK');
    } catch {
      /* the connection may be gone; the server rolls back an orphaned transaction itself */
    }
    throw err;
  }
  await db.exec('COMMIT');
  return result;
}
