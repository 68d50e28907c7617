// The rows of a loaded file, as the stages read them: whole (a NormalizedRow, for the matcher and the
// plan) or only their SourceRow part (index, line, hash, cells, validity and issues: the duplicates,
// the decisions of invalid rows, the commit and the reports). Two shapes with one interface:
//
// - RowArray: the rows as objects (the wizard, which matches again after every review, and tests);
// - PackedRows: a run that reads each row whole once to match it and once to plan it (--yes) keeps
//   its SourceRow part as an object and packs the normalized fields into byte chunks outside the
//   heap (UTF-8, length-prefixed). At 1M rows a row object was ~890 bytes of heap (~0.9 GB live
//   from the read to the plan, the run's largest item); packed it is ~140 (its SourceRow) + ~250
//   bytes of chunk. A row is decoded into a new object each time it is read whole (~1 us).

import type { NormalizedRow, SourceRow } from './types.js';

export interface RowList extends Iterable<NormalizedRow> {
  readonly length: number;
  /** Row `i` whole (PackedRows: a new object each call). */
  at(i: number): NormalizedRow;
  /** Row `i`'s SourceRow part (the same object each call; for RowArray, the row itself). */
  head(i: number): SourceRow;
  /** Every row's SourceRow part, in index order. */
  heads(): Iterable<SourceRow>;
}

/** The rows as objects. */
export class RowArray implements RowList {
  constructor(readonly rows: NormalizedRow[]) {}

  get length(): number {
    return this.rows.length;
  }

  at(i: number): NormalizedRow {
    return this.rows[i]!;
  }

  head(i: number): SourceRow {
    return this.rows[i]!;
  }

  heads(): Iterable<SourceRow> {
    return this.rows;
  }

  [Symbol.iterator](): Iterator<NormalizedRow> {
    return this.rows[Symbol.iterator]();
  }
}

const CHUNK_BYTES = 4 << 20;
/** A field's length prefix: 0 null, 1 the same value as the field it follows (a raw cell equal to its normalized value). */
const NULL = 0;
const SAME = 1;
const DOMAIN_SOURCES: readonly NormalizedRow['domainSource'][] = [null, 'company_domain', 'company_website', 'email'];

/** The string fields packed, in order; raw cells right after the field they usually equal. */
type TextField = 'companyName' | 'companyNameRaw' | 'companyKey' | 'domain' | 'domainRaw' | 'website' | 'fullName' | 'fullNameRaw' | 'firstName' | 'lastName' | 'nameKey' | 'title' | 'email' | 'phone' | 'phoneExt' | 'linkedinUrl' | 'lastEngagedAt' | 'notes';
const TEXT_FIELDS: readonly TextField[] = ['companyName', 'companyNameRaw', 'companyKey', 'domain', 'domainRaw', 'website', 'fullName', 'fullNameRaw', 'firstName', 'lastName', 'nameKey', 'title', 'email', 'phone', 'phoneExt', 'linkedinUrl', 'lastEngagedAt', 'notes'];
/** For each text field, whether SAME may stand for it (it follows the field it may equal). */
const MAY_REPEAT = new Set<TextField>(['companyNameRaw', 'domainRaw', 'fullNameRaw']);

/**
 * The rows packed. Appended in index order (row i at place i); read whole with at(i) or by
 * iteration, in part with head(i). What a packed row keeps as objects: its SourceRow, and shared
 * lists by reference (its normalization rules, interned per file; its emails when it has more than
 * the preferred one).
 */
export class PackedRows implements RowList {
  readonly #heads: (SourceRow | null)[] = [];
  readonly #chunks: (Buffer | null)[] = [];
  /** Rows before this one were let go of (release). */
  #released = 0;
  /** Chunk number and start of each row (two entries a row), grown by doubling. */
  #where = new Int32Array(2048);
  /** Each row's rule list (shared, interned lists: a pointer a row). */
  readonly #rules: (readonly string[])[] = [];
  /** Rows with more than one email: their list (most rows have none here). */
  readonly #emails = new Map<number, string[]>();
  #chunk: Buffer = Buffer.allocUnsafe(0);
  #used = 0;
  /** Reused per row: the bytes of one row are written here first, then copied to the chunk. */
  #scratch = Buffer.allocUnsafe(64 << 10);

  get length(): number {
    return this.#heads.length;
  }

  /** Bytes of the packed fields (chunks in use). */
  get bytes(): number {
    return this.#chunks.reduce((n, c) => n + (c?.length ?? 0), 0) - (this.#chunk.length - this.#used);
  }

  push(row: NormalizedRow): void {
    const i = this.#heads.length;
    if (this.#released > 0) throw new Error('rows added after some were let go of');
    if (row.index !== i) throw new Error(`packed rows out of order: row ${row.index} at place ${i}`);
    this.#heads.push({ index: row.index, line: row.line, hash: row.hash, source: row.source, valid: row.valid, issues: row.issues });
    this.#rules.push(row.rules);
    if (row.emails.length > 1 || (row.emails.length === 1 && row.emails[0] !== row.email)) this.#emails.set(i, row.emails);
    let n = 0;
    const put = (s: string | null, same: string | null): void => {
      if (s === null) {
        this.#scratch[n++] = NULL;
        return;
      }
      if (same !== null && s === same) {
        this.#scratch[n++] = SAME;
        return;
      }
      const len = Buffer.byteLength(s);
      this.#reserve(n + len + 5);
      n = writeVarint(this.#scratch, n, len + 2);
      n += this.#scratch.write(s, n, len, 'utf8');
    };
    let prev: string | null = null;
    for (const f of TEXT_FIELDS) {
      const v = row[f];
      put(v, MAY_REPEAT.has(f) ? prev : null);
      prev = v;
    }
    this.#reserve(n + 20);
    for (const c of [row.opens, row.replies, row.meetings]) if (!Number.isSafeInteger(c) || c < 0) throw new Error(`row ${i}: count ${c} cannot be packed`);
    this.#scratch[n++] = DOMAIN_SOURCES.indexOf(row.domainSource);
    n = writeVarint(this.#scratch, n, row.opens);
    n = writeVarint(this.#scratch, n, row.replies);
    n = writeVarint(this.#scratch, n, row.meetings);
    if (this.#used + n > this.#chunk.length) {
      this.#chunk = Buffer.allocUnsafe(Math.max(CHUNK_BYTES, n));
      this.#chunks.push(this.#chunk);
      this.#used = 0;
    }
    this.#scratch.copy(this.#chunk, this.#used, 0, n);
    if (2 * i + 2 > this.#where.length) {
      const grown = new Int32Array(this.#where.length * 2);
      grown.set(this.#where);
      this.#where = grown;
    }
    this.#where[2 * i] = this.#chunks.length - 1;
    this.#where[2 * i + 1] = this.#used;
    this.#used += n;
  }

  /** Lets go of the spare capacity once the last row is in (the file is read). */
  seal(): void {
    this.#where = this.#where.slice(0, 2 * this.#heads.length);
    this.#scratch = Buffer.allocUnsafe(0);
  }

  #reserve(bytes: number): void {
    if (bytes <= this.#scratch.length) return;
    const grown = Buffer.allocUnsafe(Math.max(bytes, this.#scratch.length * 2));
    this.#scratch.copy(grown);
    this.#scratch = grown;
  }

  /**
   * Lets go of the rows before `upTo` (their SourceRow objects, and every chunk that holds none of
   * the rows from `upTo` on), for a reader that reads each row once, in order, and keeps what it
   * needs of it (RunSession.planOnce: at 1M rows the plan's peak was ~0.23 GB of chunks and ~0.1 GB
   * of SourceRows higher with them). Reading a row let go of is a RangeError.
   */
  release(upTo: number): void {
    const end = Math.min(upTo, this.#heads.length);
    if (end <= this.#released) return;
    for (let i = this.#released; i < end; i++) this.#heads[i] = null;
    // The chunk of row `end` may hold rows not let go of; the ones before it hold none.
    const firstKept = end < this.#heads.length ? this.#where[2 * end]! : this.#chunks.length;
    for (let c = this.#where[2 * this.#released]!; c < firstKept; c++) this.#chunks[c] = null;
    if (end === this.#heads.length) {
      this.#chunk = Buffer.allocUnsafe(0);
      this.#used = 0;
    }
    this.#released = end;
  }

  head(i: number): SourceRow {
    return this.#heads[i] ?? this.#missing(i);
  }

  /** Every row's SourceRow part (before any is let go of: release). */
  heads(): Iterable<SourceRow> {
    if (this.#released > 0) throw new RangeError(`the rows before ${this.#released} were let go of`);
    return this.#heads as SourceRow[];
  }

  #missing(i: number): never {
    throw new RangeError(i < this.#released ? `row ${i} was let go of` : `no row ${i} (${this.#heads.length} rows)`);
  }

  at(i: number): NormalizedRow {
    const h = this.head(i);
    const r = new Reader(this.#chunks[this.#where[2 * i]!]!, this.#where[2 * i + 1]!);
    const text: (string | null)[] = new Array(TEXT_FIELDS.length);
    for (let f = 0; f < TEXT_FIELDS.length; f++) {
      const len = r.varint();
      text[f] = len === NULL ? null : len === SAME ? text[f - 1]! : r.utf8(len - 2);
    }
    const domainSource = DOMAIN_SOURCES[r.byte()]!;
    const opens = r.varint();
    const replies = r.varint();
    const meetings = r.varint();
    const email = text[12]!;
    return {
      index: h.index,
      line: h.line,
      hash: h.hash,
      source: h.source,
      valid: h.valid,
      issues: h.issues,
      companyName: text[0]!,
      companyKey: text[2]!,
      domain: text[3]!,
      domainSource,
      website: text[5]!,
      fullName: text[6]!,
      firstName: text[8]!,
      lastName: text[9]!,
      nameKey: text[10]!,
      title: text[11]!,
      email,
      emails: this.#emails.get(i) ?? (email !== null ? [email] : []),
      phone: text[13]!,
      phoneExt: text[14]!,
      linkedinUrl: text[15]!,
      opens,
      replies,
      meetings,
      lastEngagedAt: text[16]!,
      notes: text[17]!,
      companyNameRaw: text[1]!,
      fullNameRaw: text[7]!,
      domainRaw: text[4]!,
      rules: this.#rules[i]! as string[],
    };
  }

  *[Symbol.iterator](): Iterator<NormalizedRow> {
    for (let i = 0; i < this.#heads.length; i++) yield this.at(i);
  }
}

/** Unsigned LEB128 (counts are whole numbers from 0 to 2^31-1, lengths smaller). */
function writeVarint(buf: Buffer, at: number, value: number): number {
  let v = value;
  while (v >= 0x80) {
    buf[at++] = (v & 0x7f) | 0x80;
    v = Math.floor(v / 128);
  }
  buf[at++] = v;
  return at;
}

/** Reads one packed row from its start. */
class Reader {
  constructor(
    private readonly buf: Buffer,
    private at: number,
  ) {}

  byte(): number {
    return this.buf[this.at++]!;
  }

  varint(): number {
    let v = 0;
    let mul = 1;
    for (;;) {
      const b = this.buf[this.at++]!;
      v += (b & 0x7f) * mul;
      if (b < 0x80) return v;
      mul *= 128;
    }
  }

  utf8(bytes: number): string {
    const s = this.buf.toString('utf8', this.at, this.at + bytes);
    this.at += bytes;
    return s;
  }
}
