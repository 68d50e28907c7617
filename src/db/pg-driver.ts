import pg from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { DatabaseError } from '../errors.js';
import type { Db, QueryResult } from './types.js';
import { hostPortOf, maskUrl, passwordOf } from './url.js';
import { registerSecret } from './redact.js';

export interface PgOptions {
  url: string;
  applicationName: string;
  connectTimeoutMs: number;
  statementTimeoutMs: number;
  lockTimeoutMs: number;
  idleInTransactionTimeoutMs: number;
}

/** Turns a connection failure into one operator line: host, port, cause, what to do. Never the password. */
export function describeConnectError(url: string, err: unknown): DatabaseError {
  const { host, port } = hostPortOf(url);
  const e = err as { code?: string; message?: string };
  const code = e.code ?? '';
  let cause = (e.message ?? String(err)).split('\n')[0]!;
  let hint = 'check --database-url (or DATABASE_URL / NEON_DATABASE_URL) and that the server is running';
  if (code === 'ECONNREFUSED') cause = 'connection refused (is the server running and listening there?)';
  else if (code === 'ENOTFOUND' || code === 'EAI_AGAIN') cause = `host ${host} not found`;
  else if (code === 'ETIMEDOUT' || /timeout/i.test(cause)) cause = 'connection timed out';
  else if (code === '28P01' || code === '28000') {
    cause = 'authentication failed';
    hint = 'check the user and password in the URL';
  } else if (code === '3D000') {
    cause = 'database does not exist';
    hint = 'create it first (createdb), or fix the database name in the URL';
  }
  const password = passwordOf(url);
  if (password) cause = cause.split(password).join('***');
  return new DatabaseError(`cannot connect to Postgres at ${host}:${port} (${maskUrl(url)}): ${cause}`, hint);
}

class PgDb implements Db {
  readonly kind = 'postgres' as const;
  readonly label: string;
  #client: pg.Client;
  #lost: Error | null = null;

  constructor(client: pg.Client, label: string) {
    this.#client = client;
    this.label = label;
    // A dropped connection emits 'error' on the client; without a listener Node would crash.
    client.on('error', (err) => {
      this.#lost = err;
    });
  }

  #check(): void {
    if (this.#lost) throw new DatabaseError(`the database connection was lost (${this.#lost.message}); nothing was written (the transaction was rolled back)`, 'check the server, then run again: the run is safe to repeat');
  }

  async query<T>(sql: string, params: unknown[] = []): Promise<QueryResult<T>> {
    this.#check();
    const res = await this.#client.query(sql, params);
    return { rows: res.rows as T[], rowCount: res.rowCount ?? 0 };
  }

  async exec(sql: string): Promise<void> {
    this.#check();
    await this.#client.query(sql);
  }

  async copyIn(copySql: string, chunks: Iterable<string> | AsyncIterable<string>): Promise<void> {
    this.#check();
    const sink = this.#client.query(copyFrom(copySql));
    await pipeline(Readable.from(chunks), sink);
  }

  async sent(): Promise<void> {
    const socket = this.#client.connection.stream;
    // Each turn of the event loop writes what the kernel takes; past the stream's high-water mark
    // the rest waits for 'drain'. A closed socket has nothing more to send (the query fails).
    while (socket.writableLength > 0 && !socket.destroyed) {
      if (socket.writableNeedDrain) {
        await new Promise<void>((resolve) => {
          const done = (): void => {
            socket.off('drain', done);
            socket.off('close', done);
            resolve();
          };
          socket.once('drain', done);
          socket.once('close', done);
        });
      } else await new Promise<void>((resolve) => setImmediate(resolve));
    }
  }

  async close(): Promise<void> {
    try {
      await this.#client.end();
    } catch {
      /* already closed */
    }
  }
}

export async function openPg(opts: PgOptions): Promise<Db> {
  registerSecret(passwordOf(opts.url));
  const client = new pg.Client({
    connectionString: opts.url,
    application_name: opts.applicationName,
    connectionTimeoutMillis: opts.connectTimeoutMs,
    statement_timeout: opts.statementTimeoutMs,
    lock_timeout: opts.lockTimeoutMs,
    idle_in_transaction_session_timeout: opts.idleInTransactionTimeoutMs,
    keepAlive: true,
    // A connection that goes silent must not hang forever: the client gives up a little after the
    // server-side statement timeout would have fired.
    query_timeout: opts.statementTimeoutMs > 0 ? opts.statementTimeoutMs + 5000 : undefined,
  });
  // Swallow 'error' during connect; connect() rejects with the same error.
  const onEarlyError = (): void => {};
  client.on('error', onEarlyError);
  try {
    await client.connect();
  } catch (err) {
    try {
      await client.end();
    } catch {
      /* ignore */
    }
    throw describeConnectError(opts.url, err);
  }
  client.off('error', onEarlyError);
  return new PgDb(client, maskUrl(opts.url));
}
