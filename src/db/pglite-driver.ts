import { PGlite } from '@electric-sql/pglite';
import { mkdirSync } from 'node:fs';
import type { Db, QueryResult } from './types.js';
import { acquireDirLock, type DirLock } from './dir-lock.js';

class PgliteDb implements Db {
  readonly kind = 'embedded' as const;
  readonly label: string;
  #db: PGlite;
  #lock: DirLock | null;

  constructor(db: PGlite, label: string, lock: DirLock | null) {
    this.#db = db;
    this.label = label;
    this.#lock = lock;
  }

  async query<T>(sql: string, params: unknown[] = []): Promise<QueryResult<T>> {
    const res = await this.#db.query<T>(sql, params);
    return { rows: res.rows, rowCount: res.affectedRows ?? res.rows.length };
  }

  async exec(sql: string): Promise<void> {
    await this.#db.exec(sql);
  }

  async copyIn(copySql: string, chunks: Iterable<string> | AsyncIterable<string>): Promise<void> {
    const parts: string[] = [];
    for await (const c of chunks) parts.push(c);
    const sql = copySql.replace(/FROM\s+STDIN/i, "FROM '/dev/blob'");
    await this.#db.query(sql, [], { blob: new Blob(parts) });
  }

  /** In-process: nothing is in flight. */
  async sent(): Promise<void> {}

  async close(): Promise<void> {
    try {
      await this.#db.close();
    } finally {
      this.#lock?.release();
    }
  }
}

export interface PgliteOptions {
  dataDir: string;
  processId: string;
}

/** Opens (creating if needed) the embedded database, after taking the data directory's lock file. */
export async function openPglite(opts: PgliteOptions): Promise<Db> {
  mkdirSync(opts.dataDir, { recursive: true });
  const lock = acquireDirLock(opts.dataDir, opts.processId);
  try {
    const db = await PGlite.create(opts.dataDir);
    return new PgliteDb(db, `embedded database at ${opts.dataDir}`, lock);
  } catch (err) {
    lock.release();
    throw err;
  }
}

/** An in-memory embedded database (tests, benchmarks): nothing on disk, no lock file. */
export async function openPgliteMemory(): Promise<Db> {
  const db = await PGlite.create();
  return new PgliteDb(db, 'embedded in-memory database', null);
}
