import type { Db } from './types.js';
import { PIECE_CHARS } from '../core/strings.js';

// COPY ... FROM STDIN feeding: the fastest set-based write on both drivers.

const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

/**
 * Text Postgres can store: NUL bytes and lone surrogates (which Postgres rejects, and UTF-8
 * encoding would silently turn into U+FFFD) become visible escape text instead.
 */
export function storableText(s: string): string {
  let out = s;
  if (out.includes('\u0000')) out = out.replace(/\u0000/g, '\\u0000');
  if (/[\uD800-\uDFFF]/.test(out)) out = out.replace(LONE_SURROGATE, (c) => `\\u${c.charCodeAt(0).toString(16)}`);
  return out;
}

// JSON.stringify writes a NUL as \u0000 and a lone surrogate as \udXXX (pairs stay raw): jsonb rejects
// both. An escape preceded by an even number of backslashes is such an escape; doubling its backslash
// turns it into visible text. (A replacer function would do the same 5x slower.)
const BAD_JSON_ESCAPE = /(?<!\\)((?:\\\\)*)\\u(0000|d[89a-f][0-9a-f]{2})/gi;

/** JSON text for a jsonb column, with every string made storable. */
export function jsonbText(value: unknown): string {
  const s = JSON.stringify(value);
  return s.includes('\\u') ? s.replace(BAD_JSON_ESCAPE, '$1\\\\u$2') : s;
}

export type Cell = string | number | boolean | null | undefined;

// COPY ... FROM STDIN in text format (the default): columns separated by a tab, NULL is \N, and only
// backslash, newline, carriage return and tab need escaping. JSON text (double quotes everywhere,
// backslashes rare) goes through as is; CSV would have to double every quote of it. A string with
// none of the special characters (nearly all) is passed through after one scan.

const NEEDS_WORK = /[\u0000\\\n\r\t\uD800-\uDFFF]/;
const TEXT_SPECIAL = /[\\\n\r\t]/g;
const TEXT_ESCAPE: Record<string, string> = { '\\': '\\\\', '\n': '\\n', '\r': '\\r', '\t': '\\t' };

/** One value in COPY text format (storable: see storableText). */
export function textCell(v: Cell): string {
  if (v === null || v === undefined) return '\\N';
  if (typeof v === 'number') return Number.isFinite(v) ? String(v) : '\\N';
  if (typeof v === 'boolean') return v ? 't' : 'f';
  if (!NEEDS_WORK.test(v)) return v;
  return storableText(v).replace(TEXT_SPECIAL, (c) => TEXT_ESCAPE[c]!);
}

/** One row in COPY text format, newline-terminated. */
export function textLine(cells: readonly Cell[]): string {
  let line = textCell(cells[0]);
  for (let i = 1; i < cells.length; i++) line += '\t' + textCell(cells[i]);
  return line + '\n';
}

/** Collects COPY lines into pieces of ~PIECE_CHARS characters (lines collected in an array and joined: no rope building). */
class Chunker {
  #parts: string[] = [];
  #size = 0;
  constructor(private readonly chunkBytes: number) {}

  /** Adds a line; returns a full chunk when there is one. */
  add(line: string): string | null {
    this.#parts.push(line);
    this.#size += line.length;
    return this.#size >= this.chunkBytes ? this.rest() : null;
  }

  /** What is left (null when nothing is). */
  rest(): string | null {
    if (this.#parts.length === 0) return null;
    const chunk = this.#parts.join('');
    this.#parts = [];
    this.#size = 0;
    return chunk;
  }
}

/** Chunks rows into pieces of COPY text (~32K characters, PIECE_CHARS). */
export function* textChunks<T>(items: Iterable<T>, toCells: (item: T) => readonly Cell[], chunkBytes = PIECE_CHARS): Generator<string> {
  const c = new Chunker(chunkBytes);
  for (const item of items) {
    const chunk = c.add(textLine(toCells(item)));
    if (chunk !== null) yield chunk;
  }
  const last = c.rest();
  if (last !== null) yield last;
}

/** textChunks() of rows that arrive asynchronously (rows paired with cells read again from the file). */
async function* textChunksAsync<T>(items: AsyncIterable<T>, toCells: (item: T) => readonly Cell[], chunkBytes = PIECE_CHARS): AsyncGenerator<string> {
  const c = new Chunker(chunkBytes);
  for await (const item of items) {
    const chunk = c.add(textLine(toCells(item)));
    if (chunk !== null) yield chunk;
  }
  const last = c.rest();
  if (last !== null) yield last;
}

/** Rows to copy: a list, or rows made as they are copied whose number is known ahead (an iterable with a length). */
export type Counted<T> = Iterable<T> & { readonly length: number };

/** A COPY statement and its text, possibly partly serialized already (see prepareCopy). */
export interface PreparedCopy {
  sql: string;
  rows: number;
  chunks: Iterable<string> | AsyncIterable<string>;
}

function copySql(table: string, columns: readonly string[]): string {
  return `COPY ${table} (${columns.join(', ')}) FROM STDIN`;
}

/**
 * Serializes the first `aheadBytes` of a COPY now, the rest when the COPY pulls it. The commit calls
 * this while the server is busy with the previous statement, so the JS work overlaps server work
 * instead of following it; the cap bounds the memory held by the text built ahead.
 */
export function prepareCopy<T>(table: string, columns: readonly string[], items: Counted<T>, toCells: (item: T) => readonly Cell[], aheadBytes = 0): PreparedCopy {
  const sql = copySql(table, columns);
  const gen = textChunks(items, toCells);
  const ready: string[] = [];
  for (let size = 0; size < aheadBytes; ) {
    const next = gen.next();
    if (next.done) break;
    ready.push(next.value);
    size += next.value.length;
  }
  const chunks = function* (): Generator<string> {
    ready.reverse(); // pop() from the end hands each chunk over and lets it go
    while (ready.length > 0) yield ready.pop()!;
    yield* gen;
  };
  return { sql, rows: items.length, chunks: chunks() };
}

/** Runs a prepared COPY; does nothing for an empty list. Returns the number of rows. */
export async function copyPrepared(db: Db, copy: PreparedCopy): Promise<number> {
  if (copy.rows === 0) return 0;
  await db.copyIn(copy.sql, copy.chunks);
  return copy.rows;
}

/** COPY `table (columns)` from items; does nothing for an empty list. Returns the number of rows. */
export async function copyRows<T>(db: Db, table: string, columns: readonly string[], items: readonly T[], toCells: (item: T) => readonly Cell[]): Promise<number> {
  return copyPrepared(db, prepareCopy(table, columns, items, toCells));
}

/**
 * copyRows() of `rows` items that arrive asynchronously (rows paired with cells read back from the
 * file), serialized as the COPY pulls them.
 */
export async function copyRowsFrom<T>(db: Db, table: string, columns: readonly string[], rows: number, items: AsyncIterable<T>, toCells: (item: T) => readonly Cell[]): Promise<number> {
  return copyPrepared(db, { sql: copySql(table, columns), rows, chunks: textChunksAsync(items, toCells) });
}
