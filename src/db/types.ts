// One thin interface over both drivers (node-postgres and PGlite). SQL is the same on both.

export interface QueryResult<T> {
  rows: T[];
  rowCount: number;
}

export interface Db {
  readonly kind: 'embedded' | 'postgres';
  /** Where the database is, safe to print: a masked URL or the data directory. */
  readonly label: string;
  query<T = Record<string, unknown>>(sql: string, params?: unknown[]): Promise<QueryResult<T>>;
  /** Runs several statements without parameters. */
  exec(sql: string): Promise<void>;
  /** `COPY table (cols) FROM STDIN [WITH (...)]` fed with text chunks in the format the statement names (text or csv). */
  copyIn(copySql: string, chunks: Iterable<string> | AsyncIterable<string>): Promise<void>;
  /**
   * Resolves once what the queries sent so far hold has left the process (for a server: written to
   * the socket), so that a caller may keep the event loop busy while the server works. A query with
   * a large parameter is written to the socket as the event loop turns (16 MB of text[] was still
   * all in the process after a turn): synchronous work right after sending it kept the server
   * waiting for the rest of the statement (whileRunning in db/commit-updates.ts). At 1M rows the
   * commit's people step, whose audit statement carries the 0.26M created ids while the UPDATEs'
   * temp table rows are serialized, took 10.8-12.7 s with it and 9.8-15.2 s without (three and six
   * runs): within the machine's noise there.
   */
  sent(): Promise<void>;
  close(): Promise<void>;
}
