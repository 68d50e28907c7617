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
  close(): Promise<void>;
}
