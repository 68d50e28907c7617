// The CSV source (SPEC §3): opens a file, decides its encoding, maps its header, and streams its
// records with their physical start lines. Memory stays bounded on any input: the file is read in
// 1 MB chunks, and a record over `maxRecordBytes` is cut (row error `record_too_large`).
//
// Outcomes, by case (each tested in test/io/csv-source.test.ts):
//   unreadable / directory / empty / binary file, missing required columns, two headers for one
//   canonical column, a header row over the size limit ............. CsvUnusableError (exit 3) from openCsv
//   a quote that is never closed, or a quoted field swallowing lines that look like rows
//                                   ................................ CsvUnusableError (exit 3) from records()
//     (records() may already have yielded earlier rows: consumers read the whole file before writing
//      anything, so the run still stops before any write)
//   header only .................... usable, 0 rows, file warning `no_data_rows`
//   blank lines .................... not rows; lines holding only delimiters (",,,") are skipped with a
//                                    file warning `blank_rows_skipped` (count and first lines)
//   ragged row: fewer fields ....... row error `ragged_row` (missing cells read as blank)
//   ragged row: more fields ........ row error `ragged_row`, extras kept in raw as "__extra_1"...; if all
//                                    the extra fields are blank (a trailing comma), a warning only
//   NUL byte ....................... row error `nul_byte`; NUL written as the 6 characters \u0000 in raw/values
//   damaged UTF-8 / lone surrogate . row error `invalid_encoding` (in a mostly-UTF-8 file); U+FFFD
//                                    written as the text \ufffd; a mostly non-UTF-8 file is read as Windows-1252
//   record over maxRecordBytes ..... row error `record_too_large`, values cut to a few KB + "…[truncated]"
//   text after a closing quote ..... row warning `malformed_quote`, the text kept ("Big" Corp -> Big" Corp)
//
// `fileIssues` holds the header and encoding warnings at open time; `blank_rows_skipped` is added
// when records() finishes, so read it after iterating.

import { createReadStream } from 'node:fs';
import { open, stat } from 'node:fs/promises';
import type { CanonicalColumn, Issue, SourceRecord } from '../core/types.js';
import { CsvUnusableError } from '../errors.js';
import { CsvStructureError, CsvTokenizer, type RawRecord } from './csv-tokenizer.js';
import { createDecoder, detectEncoding, readSample, sniffSample, type CsvEncoding, type EncodingReport } from './encoding.js';
import { mapHeaders } from './header-map.js';

export type { CsvEncoding } from './encoding.js';

export interface CsvSource {
  path: string;
  encoding: CsvEncoding;
  headers: string[];
  /** canonical -> original header */
  headerMap: Partial<Record<CanonicalColumn, string>>;
  unknownHeaders: string[];
  fileIssues: Issue[];
  /** Streams the data records (the header excluded). Each call reads the file again from the start. */
  records(): AsyncIterable<SourceRecord>;
  bytesTotal: number;
  /** Bytes read so far by the latest records() iteration. */
  bytesRead(): number;
}

export interface OpenCsvOptions {
  headerAliases: Record<string, string[]>;
  maxRecordBytes: number;
  /** The records' cells are used and dropped at once: not copied out of the reader's chunks (see TokenizerOptions). */
  transientCells?: boolean;
}

const CHUNK_BYTES = 1 << 20;
const NUL_TEXT = '\\u0000';
const FFFD_TEXT = '\\ufffd';

function describeErrno(err: unknown): string {
  const code = (err as NodeJS.ErrnoException).code;
  switch (code) {
    case 'ENOENT':
      return 'does not exist';
    case 'EACCES':
    case 'EPERM':
      return 'cannot be read (permission denied)';
    case 'EISDIR':
      return 'is a directory, not a file';
    default:
      return `cannot be read (${code ?? (err as Error).message})`;
  }
}

const CSV_HINT = 'export the data as a comma-separated UTF-8 CSV with a header row, then run again';

/** Streams raw records of the whole file (header included), one batch per chunk read. Throws CsvStructureError on a broken quote. */
async function* rawBatches(
  path: string,
  enc: EncodingReport,
  tokenizer: CsvTokenizer,
  onBytes: (n: number) => void,
  stopEarly?: () => boolean,
): AsyncGenerator<RawRecord[]> {
  const stream = createReadStream(path, { start: enc.bomLength, highWaterMark: CHUNK_BYTES });
  const decoder = createDecoder(enc.encoding);
  let bytes = enc.bomLength;
  try {
    for await (const chunk of stream) {
      bytes += (chunk as Buffer).length;
      onBytes(bytes);
      const out: RawRecord[] = [];
      tokenizer.push(decoder.write(chunk as Buffer), out);
      yield out;
      if (stopEarly?.()) return;
    }
    const out: RawRecord[] = [];
    tokenizer.push(decoder.end(), out);
    tokenizer.end(out);
    yield out;
  } finally {
    stream.destroy();
  }
}

function structureToUnusable(path: string, err: unknown): unknown {
  if (err instanceof CsvStructureError) {
    return new CsvUnusableError(
      `${path}: ${err.message}; nothing was imported`,
      `close the quote on line ${err.line} (a quote inside a field is written as two quotes "" and the whole field is quoted), then run again`,
    );
  }
  return err;
}

export async function openCsv(path: string, opts: OpenCsvOptions): Promise<CsvSource> {
  // 1. The file itself.
  let size: number;
  try {
    const st = await stat(path);
    if (st.isDirectory()) throw Object.assign(new Error('directory'), { code: 'EISDIR' });
    size = st.size;
  } catch (err) {
    throw new CsvUnusableError(`${path} ${describeErrno(err)}`, 'check the path and the file permissions');
  }
  let sample: Buffer;
  try {
    const fh = await open(path, 'r');
    try {
      sample = await readSample(fh);
    } finally {
      await fh.close();
    }
  } catch (err) {
    throw new CsvUnusableError(`${path} ${describeErrno(err)}`, 'check the path and the file permissions');
  }
  if (size === 0 || sample.length === 0) throw new CsvUnusableError(`${path} is empty`, CSV_HINT);

  // 2. Encoding.
  const sniff = sniffSample(sample);
  if (sniff.kind === 'binary') throw new CsvUnusableError(`${path} is not a text CSV file: ${sniff.reason}`, CSV_HINT);
  const enc = await detectEncoding(path, sniff);
  const fileIssues: Issue[] = [];
  if (enc.encoding === 'windows-1252') {
    fileIssues.push({
      code: 'encoding_detected',
      line: 1,
      column: null,
      severity: 'warning',
      message: `the file is not valid UTF-8 (${enc.invalidCount} bytes); it was read as Windows-1252 (Western European). If accented letters look wrong, save the file as UTF-8 and run again`,
    });
  } else if (enc.guessed) {
    fileIssues.push({
      code: 'encoding_detected',
      line: 1,
      column: null,
      severity: 'warning',
      message: `the file has no byte order mark; it was read as ${enc.encoding.toUpperCase()} from its byte pattern`,
    });
  }
  if (enc.mixedInvalid) {
    fileIssues.push({
      code: 'encoding_invalid_bytes',
      line: 1,
      column: null,
      severity: 'warning',
      message: `the file is ${enc.encoding.startsWith('utf-16') ? 'UTF-16' : 'UTF-8'} but holds damaged characters; the rows holding them are rejected (invalid_encoding). Fix those rows in the source and import them again`,
    });
  }

  // 3. Header.
  const maxChars = Math.max(1, opts.maxRecordBytes);
  const headTok = new CsvTokenizer({ maxRecordChars: maxChars });
  let header: RawRecord | null = null;
  try {
    for await (const batch of rawBatches(path, enc, headTok, () => {}, () => headTok.overLimit)) {
      header = batch.find((rec) => !rec.blank) ?? null;
      if (header) break;
    }
  } catch (err) {
    throw structureToUnusable(path, err);
  }
  if (!header && headTok.overLimit) {
    throw new CsvUnusableError(`${path}: the first line is longer than ${opts.maxRecordBytes} characters; it is not a CSV header row`, CSV_HINT);
  }
  if (!header) throw new CsvUnusableError(`${path} is empty (no header row)`, CSV_HINT);
  if (header.tooLarge) {
    throw new CsvUnusableError(`${path}: the header row (line ${header.startLine}) is longer than ${opts.maxRecordBytes} characters`, CSV_HINT);
  }
  const mapping = mapHeaders(header.fields, opts.headerAliases);
  if (mapping.conflicts.length > 0) {
    const what = mapping.conflicts.map((c) => `${c.headers.map((h) => `"${h}"`).join(' and ')} both map to ${c.column}`).join('; ');
    throw new CsvUnusableError(`${path}: ${what}`, 'rename or remove one of them (see header_aliases in config/normalization_rules.json), then run again');
  }
  if (mapping.missing.length > 0) {
    throw new CsvUnusableError(
      `${path}: required column${mapping.missing.length > 1 ? 's' : ''} missing: ${mapping.missing.join(', ')}. Headers found: ${mapping.headers.map((h) => JSON.stringify(h)).join(', ')}`,
      'rename the columns (or add an alias under header_aliases in config/normalization_rules.json), then run again',
    );
  }
  fileIssues.push(...mapping.issues);
  const headerLine = header.startLine;

  let bytesRead = 0;
  const source: CsvSource = {
    path,
    encoding: enc.encoding,
    headers: mapping.headers,
    headerMap: mapping.headerMap,
    unknownHeaders: mapping.unknownHeaders,
    fileIssues,
    bytesTotal: size,
    bytesRead: () => bytesRead,
    records: () => ({
      [Symbol.asyncIterator]: () =>
        streamRecords(path, enc, opts, mapping.headers, mapping.columns, headerLine, fileIssues, (n) => {
          bytesRead = n;
        }),
    }),
  };
  return source;
}

async function* streamRecords(
  path: string,
  enc: EncodingReport,
  opts: OpenCsvOptions,
  headers: string[],
  columns: Array<CanonicalColumn | null>,
  headerLine: number,
  fileIssues: Issue[],
  onBytes: (n: number) => void,
): AsyncGenerator<SourceRecord> {
  const tok = new CsvTokenizer({ maxRecordChars: Math.max(1, opts.maxRecordBytes), transientFields: opts.transientCells });
  tok.expectedFields = headers.length;
  const headerSet = new Set(headers);
  let index = 0;
  let seenHeader = false;
  const blankLines: number[] = [];
  let blankCount = 0;
  try {
    for await (const batch of rawBatches(path, enc, tok, onBytes)) {
      for (const rec of batch) {
        if (!seenHeader) {
          if (rec.startLine === headerLine) seenHeader = true;
          continue;
        }
        if (rec.blank) continue;
        if (!rec.tooLarge && rec.droppedFields === 0 && rec.fields.every((f) => f.trim() === '')) {
          blankCount++;
          if (blankLines.length < 10) blankLines.push(rec.startLine);
          continue;
        }
        yield toSourceRecord(rec, index++, headers, columns, headerSet, enc, opts.maxRecordBytes);
      }
    }
  } catch (err) {
    throw structureToUnusable(path, err);
  }
  if (index === 0) {
    fileIssues.push({ code: 'no_data_rows', line: headerLine, column: null, severity: 'warning', message: 'the file has a header row but no data rows' });
  }
  if (blankCount > 0) {
    fileIssues.push({
      code: 'blank_rows_skipped',
      line: blankLines[0],
      column: null,
      severity: 'warning',
      message: `${blankCount} row${blankCount > 1 ? 's' : ''} with only empty cells ${blankCount > 1 ? 'were' : 'was'} skipped (line${blankLines.length > 1 ? 's' : ''} ${blankLines.join(', ')}${blankCount > blankLines.length ? ', ...' : ''})`,
    });
  }
}

function lines(rec: RawRecord): string {
  return rec.endLine > rec.startLine ? `lines ${rec.startLine}-${rec.endLine}` : `line ${rec.startLine}`;
}

function toSourceRecord(
  rec: RawRecord,
  index: number,
  headers: string[],
  columns: Array<CanonicalColumn | null>,
  headerSet: Set<string>,
  enc: EncodingReport,
  maxRecordBytes: number,
): SourceRecord {
  const issues: Issue[] = [];
  const line = rec.startLine;
  const where = lines(rec);
  const f = rec.fields;
  const n = headers.length;
  const raw: Record<string, string> = {};
  const values: Partial<Record<CanonicalColumn, string>> = {};
  const colName = (j: number): string => columns[j] ?? headers[j];
  const nulCols: string[] = [];
  const badCols: string[] = [];

  const clean = (v: string, col: string): string => {
    let out = v;
    if (enc.mayHaveNul && out.indexOf('\0') !== -1) {
      nulCols.push(col);
      out = out.replaceAll('\0', NUL_TEXT);
    }
    if (enc.mixedInvalid && out.indexOf('\uFFFD') !== -1) {
      badCols.push(col);
      out = out.replaceAll('\uFFFD', FFFD_TEXT);
    }
    return out;
  };

  for (let j = 0; j < n; j++) {
    const v = clean(f[j] ?? '', colName(j));
    raw[headers[j]] = v;
    const col = columns[j];
    if (col) values[col] = v;
  }
  const found = f.length + rec.droppedFields;
  if (f.length > n) {
    let allBlank = rec.droppedFields === 0;
    for (let j = n, k = 1; j < f.length; j++, k++) {
      let key = `__extra_${k}`;
      while (headerSet.has(key)) key = `_${key}`;
      const v = clean(f[j], key);
      raw[key] = v;
      if (v.trim() !== '') allBlank = false;
    }
    issues.push(
      allBlank
        ? {
            code: 'ragged_row_extra_empty',
            line,
            column: null,
            severity: 'warning',
            message: `${where}: ${found} fields where the header has ${n}; the extra fields are empty and were ignored`,
          }
        : {
            code: 'ragged_row',
            line,
            column: null,
            severity: 'error',
            message: `${where}: ${found} fields where the header has ${n}; the values may be shifted. Check for an unquoted comma in a value (quote the value) and import the row again`,
          },
    );
  } else if (f.length < n) {
    issues.push({
      code: 'ragged_row',
      line,
      column: null,
      severity: 'error',
      message: `${where}: ${found} field${found === 1 ? '' : 's'} where the header has ${n}; the values may be shifted. Check for a missing comma or a line break in an unquoted value, and import the row again`,
    });
  }
  if (rec.tooLarge) {
    issues.push({
      code: 'record_too_large',
      line,
      column: null,
      severity: 'error',
      message: `${where}: the row has ${rec.chars} characters, over the limit of ${maxRecordBytes} (input.max_record_bytes); long values were cut in the log. Shorten the row or raise the limit, and import it again`,
    });
  }
  for (const col of nulCols) {
    issues.push({
      code: 'nul_byte',
      line,
      column: col,
      severity: 'error',
      message: `${where}, column ${col}: the value holds a NUL byte (shown as \\u0000); remove it in the source and import the row again`,
    });
  }
  for (const col of badCols) {
    issues.push({
      code: 'invalid_encoding',
      line,
      column: col,
      severity: 'error',
      message: `${where}, column ${col}: the value holds bytes that are not valid ${enc.encoding.startsWith('utf-16') ? 'UTF-16' : 'UTF-8'} (shown as \\ufffd); fix the characters in the source and import the row again`,
    });
  }
  for (const j of rec.quoteWarnings) {
    const col = j < n ? colName(j) : `__extra_${j - n + 1}`;
    issues.push({
      code: 'malformed_quote',
      line,
      column: col,
      severity: 'warning',
      message: `${where}, column ${col}: text follows a closing quote; the value was read as ${JSON.stringify((f[j] ?? '').slice(0, 80))}. Quote the whole value and double inner quotes ("")`,
    });
  }
  return { index, line, raw, values, issues };
}
