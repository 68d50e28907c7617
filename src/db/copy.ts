import type { Db } from './types.js';

// COPY ... FROM STDIN WITH (FORMAT csv) feeding: the fastest set-based write on both drivers.
// NULL is an unquoted empty field; every non-null value is quoted, so '' stays an empty string.

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

export function csvCell(v: Cell): string {
  if (v === null || v === undefined) return '';
  if (typeof v === 'number') return Number.isFinite(v) ? String(v) : '';
  if (typeof v === 'boolean') return v ? 't' : 'f';
  return `"${storableText(v).replace(/"/g, '""')}"`;
}

export function csvLine(cells: readonly Cell[]): string {
  const out: string[] = new Array(cells.length);
  for (let i = 0; i < cells.length; i++) out[i] = csvCell(cells[i]);
  return out.join(',') + '\n';
}

/** Chunks rows into ~1 MB CSV strings (lines collected in an array and joined: no rope building). */
export function* csvChunks<T>(items: Iterable<T>, toCells: (item: T) => readonly Cell[], chunkBytes = 1 << 20): Generator<string> {
  let parts: string[] = [];
  let size = 0;
  for (const item of items) {
    const line = csvLine(toCells(item));
    parts.push(line);
    size += line.length;
    if (size >= chunkBytes) {
      yield parts.join('');
      parts = [];
      size = 0;
    }
  }
  if (parts.length > 0) yield parts.join('');
}

/** COPY `table (columns)` from items; does nothing for an empty list. Returns the number of rows. */
export async function copyRows<T>(db: Db, table: string, columns: readonly string[], items: readonly T[], toCells: (item: T) => readonly Cell[]): Promise<number> {
  if (items.length === 0) return 0;
  await db.copyIn(`COPY ${table} (${columns.join(', ')}) FROM STDIN WITH (FORMAT csv)`, csvChunks(items, toCells));
  return items.length;
}
