// A streaming RFC 4180 tokenizer over decoded text: `,` between fields, `"` quoting with `""` inside,
// records ended by LF, CRLF or a lone CR (outside quotes).
//
// Why not csv-parse here: the reader must (a) give the physical START line of every record, (b) keep
// memory bounded and still RECOVER from an oversized record, and (c) name the line of a quote that is
// never closed before it swallows the rest of the file. csv-parse 7 gives the END line only; with
// `max_record_size` it either fails the whole stream or, with `skip_records_with_error`, returns from
// the chunk and drops the rest of that chunk (api/index.js: `return this.__error(...)` in the size
// check); and an unclosed quote is reported only at the end of input, after buffering it all (or is
// silently skipped with `skip_records_with_error`). The tests check that this tokenizer and csv-parse
// agree on every well-formed input (a fast-check property), so csv-parse stays the reference.
//
// Lenient where no data is lost, strict where rows could be: a quote inside an unquoted field is
// literal (`5" screen`); text after a closing quote (`"Big" Corp`) is kept as `Big" Corp` and the
// field is flagged; a quoted field that swallows lines looking like rows, or a quote still open at the
// end of input, is a CsvStructureError naming the line where the quote opened.

import { ownString } from '../core/strings.js';

export interface RawRecord {
  fields: string[];
  /** Physical line (1-based) where the record starts / ends. */
  startLine: number;
  endLine: number;
  /** The record went over the size limit: fields from that point are cut to a few KB and end with TRUNCATION_MARK. */
  tooLarge: boolean;
  /** Characters in the record as read (fields and delimiters), counted past the limit too. */
  chars: number;
  /** Fields beyond the cap, dropped from an oversized record (counted, not kept). */
  droppedFields: number;
  /** Indexes of fields with text after their closing quote. */
  quoteWarnings: number[];
  /** An empty physical line (no characters, no quotes). */
  blank: boolean;
}

export const TRUNCATION_MARK = '…[truncated]';

export class CsvStructureError extends Error {
  constructor(
    readonly code: 'quote_not_closed' | 'quote_swallows_rows',
    readonly line: number,
    readonly untilLine: number,
    message: string,
  ) {
    super(message);
    this.name = 'CsvStructureError';
  }
}

export interface TokenizerOptions {
  /** Record size limit in characters (UTF-16 code units). */
  maxRecordChars: number;
  /** Characters kept of each field once a record is over the limit. */
  keepChars?: number;
  /**
   * Fields are used and dropped at once (the commit's read-back of the cells): left as views into
   * their chunk instead of copied out of it (ownString), which only pays for fields that are kept.
   */
  transientFields?: boolean;
}

const QUOTE = 34;
const COMMA = 44;
const LF = 10;
const CR = 13;

const enum S {
  FieldStart,
  Unquoted,
  Quoted,
  QuoteSeen, // inside a quoted field, just saw a quote: escaped quote or end of the field
  AfterQuote, // the quoted field closed: expect a delimiter or the end of the record
}

export class CsvTokenizer {
  /** Fields the header has; 0 until it is known. Used to spot rows swallowed by an open quote. */
  expectedFields = 0;

  private readonly max: number;
  private readonly keep: number;
  private state: S = S.FieldStart;
  private line = 1;
  private prevCR = false;
  private startLine = 1;
  private fields: string[] = [];
  private readonly own: (field: string) => string;
  private cur = '';
  private curTruncated = false;
  private chars = 0;
  private capped = false;
  private droppedFields = 0;
  private quoteWarnings: number[] = [];
  private anyQuoted = false;
  private quoteOpenLine = 0;
  private embeddedCommas = 0;
  private rowLikeLines = 0;
  /** The input so far ends with a line break (so its last physical line is this.line - 1). */
  private endsWithLineBreak = false;

  constructor(opts: TokenizerOptions) {
    this.max = Math.max(1, opts.maxRecordChars);
    this.keep = Math.max(16, Math.min(opts.keepChars ?? 4096, this.max));
    this.own = opts.transientFields ? (v: string) => v : ownString;
  }

  /** True once the record being read is over the limit (lets a caller give up on a giant header early). */
  get overLimit(): boolean {
    return this.capped;
  }

  /** Tokenizes a chunk; complete records are pushed to out. */
  push(chunk: string, out: RawRecord[]): void {
    const n = chunk.length;
    let seg = 0; // start of the current field's content not yet appended to this.cur
    let i = 0;
    while (i < n) {
      const c = chunk.charCodeAt(i);
      switch (this.state) {
        case S.FieldStart:
          if (c === QUOTE) {
            this.state = S.Quoted;
            this.anyQuoted = true;
            this.quoteOpenLine = this.line;
            this.embeddedCommas = 0;
            this.rowLikeLines = 0;
            this.prevCR = false;
            seg = i + 1;
            i++;
            continue;
          }
          if (c === LF && this.prevCR) {
            // the LF of a CRLF whose CR ended the previous record
            this.prevCR = false;
            i++;
            continue;
          }
          this.state = S.Unquoted;
          seg = i;
        // falls through
        case S.Unquoted:
          if (c !== COMMA && c !== LF && c !== CR) {
            // fast path: run to the next delimiter or line break
            let k = i + 1;
            while (k < n) {
              const ch = chunk.charCodeAt(k);
              if (ch === COMMA || ch === LF || ch === CR) break;
              k++;
            }
            this.prevCR = false;
            i = k;
            continue;
          }
          if (c === COMMA) {
            this.append(chunk, seg, i);
            this.endField();
            this.state = S.FieldStart;
          } else if (c === LF || c === CR) {
            this.append(chunk, seg, i);
            this.endRecord(out);
            this.newline(c);
            this.state = S.FieldStart;
          } else {
            this.prevCR = false;
          }
          i++;
          continue;
        case S.Quoted:
          if (c !== QUOTE && c !== LF && c !== CR && c !== COMMA) {
            // fast path: run to the next quote, line break or comma (commas are counted for embeddedLineEnd)
            let k = i + 1;
            while (k < n) {
              const ch = chunk.charCodeAt(k);
              if (ch === QUOTE || ch === LF || ch === CR || ch === COMMA) break;
              k++;
            }
            this.prevCR = false;
            i = k;
            continue;
          }
          if (c === QUOTE) {
            this.append(chunk, seg, i);
            this.state = S.QuoteSeen;
            this.prevCR = false;
          } else if (c === LF || c === CR) {
            if (!(c === LF && this.prevCR)) this.embeddedLineEnd();
            this.newline(c);
          } else {
            if (c === COMMA) this.embeddedCommas++;
            this.prevCR = false;
          }
          i++;
          continue;
        case S.QuoteSeen:
          if (c === QUOTE) {
            this.appendText('"');
            this.state = S.Quoted;
            seg = i + 1;
            i++;
            continue;
          }
          this.state = S.AfterQuote;
        // falls through
        case S.AfterQuote:
          if (c === COMMA) {
            this.endField();
            this.state = S.FieldStart;
          } else if (c === LF || c === CR) {
            this.endRecord(out);
            this.newline(c);
            this.state = S.FieldStart;
          } else {
            // text after the closing quote: keep it, flag the field
            this.quoteWarnings.push(this.fields.length);
            this.appendText('"');
            this.state = S.Unquoted;
            seg = i;
            this.prevCR = false;
          }
          i++;
          continue;
      }
    }
    if (this.state === S.Unquoted || this.state === S.Quoted) this.append(chunk, seg, n);
    if (n > 0) {
      const last = chunk.charCodeAt(n - 1);
      this.endsWithLineBreak = last === LF || last === CR;
    }
  }

  /** Ends the input: the last record (without a final newline) is pushed; an open quote throws. */
  end(out: RawRecord[]): void {
    switch (this.state) {
      case S.Quoted: {
        // a final line break does not start another physical line: name the file's last line
        const lastLine = this.endsWithLineBreak ? Math.max(this.quoteOpenLine, this.line - 1) : this.line;
        throw new CsvStructureError(
          'quote_not_closed',
          this.quoteOpenLine,
          lastLine,
          `line ${this.quoteOpenLine}: a quote opened here is never closed (the field runs to the end of the file, line ${lastLine})`,
        );
      }
      case S.FieldStart:
        if (this.fields.length === 0) return; // the input ended with a newline (or is empty)
        this.endRecord(out);
        return;
      default:
        this.endRecord(out);
    }
  }

  private newline(c: number): void {
    if (c === CR) {
      this.line++;
      this.prevCR = true;
    } else {
      if (!this.prevCR) this.line++;
      this.prevCR = false;
    }
  }

  /** A line break inside a quoted field: does the line it ends look like a CSV row of this file? */
  private embeddedLineEnd(): void {
    const expected = this.expectedFields;
    // Wide files: a line with about as many commas as the header. Narrow files (<= 4 columns, where a
    // note's commas would trip that): a line with exactly the header's field count.
    const fields = this.embeddedCommas + 1;
    const rowLike = expected > 4 ? fields >= Math.max(4, expected - 1) : expected > 1 && fields === expected;
    if (rowLike) {
      this.rowLikeLines++;
      if (this.rowLikeLines >= 2) {
        throw new CsvStructureError(
          'quote_swallows_rows',
          this.quoteOpenLine,
          this.line,
          `line ${this.quoteOpenLine}: a quote opened here is never closed where it should be; the quoted field swallows the following lines (up to line ${this.line} so far), which look like rows`,
        );
      }
    }
    this.embeddedCommas = 0;
  }

  private append(chunk: string, from: number, to: number): void {
    if (to > from) this.appendText(chunk.slice(from, to));
  }

  private appendText(s: string): void {
    if (this.capped) {
      this.chars += s.length;
      if (this.cur.length < this.keep) this.cur += s.slice(0, this.keep - this.cur.length);
      else this.curTruncated = true;
      if (this.cur.length >= this.keep) this.curTruncated = true;
      return;
    }
    this.cur += s;
    if (this.chars + this.cur.length > this.max) {
      this.capped = true;
      this.chars += this.cur.length;
      if (this.cur.length > this.keep) {
        this.cur = this.cur.slice(0, this.keep);
        this.curTruncated = true;
      }
    }
  }

  private endField(): void {
    const value = this.curTruncated ? this.cur + TRUNCATION_MARK : this.cur;
    if (!this.capped) this.chars += this.cur.length + 1;
    else this.chars += 1;
    if (this.capped && this.fields.length >= Math.max(64, this.expectedFields * 2)) this.droppedFields++;
    // A copy, not a view into the chunk: a kept cell would keep its whole 1 MB chunk (ownString).
    else this.fields.push(this.own(value));
    this.cur = '';
    this.curTruncated = false;
  }

  private endRecord(out: RawRecord[]): void {
    this.endField();
    const fields = this.fields;
    out.push({
      fields,
      startLine: this.startLine,
      endLine: this.line,
      tooLarge: this.capped,
      chars: this.chars - 1,
      droppedFields: this.droppedFields,
      quoteWarnings: this.quoteWarnings,
      blank: fields.length === 1 && fields[0] === '' && !this.anyQuoted,
    });
    this.fields = [];
    this.chars = 0;
    this.capped = false;
    this.droppedFields = 0;
    this.quoteWarnings = [];
    this.anyQuoted = false;
    // the record delimiter's line break is counted by newline(); the next record starts on the next line
    this.startLine = this.line + 1;
  }
}
