// The rows of a loaded file, as the stages read them: whole (a NormalizedRow, for the matcher and the
// plan) or only their SourceRow part (index, line, hash, cells, validity and issues: the duplicates,
// the decisions of invalid rows, the commit and the reports). Two shapes with one interface:
//
// - RowArray: the rows as objects (the wizard, which matches again after every review, and tests);
// - PackedRows: a run that reads each row whole once to match it and once to plan it (--yes) keeps
//   its SourceRow part as an object and packs the normalized fields into byte chunks outside the
//   heap (UTF-8, length-prefixed). At 1M rows a row object was ~890 bytes of heap (~0.9 GB live
//   from the read to the plan, the run's largest item); packed it is ~140 (its SourceRow) + ~250
//   bytes of chunk. A row is decoded into a new object each time it is read whole (~1 us). A large
//   file's full chunks go to a temporary file (ChunkStore, io/chunk-file.ts): the stages read the rows
//   in order, a chunk at a time.

import type { Issue, NormalizedRow, SourceRow } from './types.js';
import { ByteReader, writeVarint } from './bytes.js';

export interface RowList extends Iterable<NormalizedRow> {
  readonly length: number;
  /** Row `i` whole (PackedRows: a new object each call). */
  at(i: number): NormalizedRow;
  /** Row `i`'s SourceRow part (RowArray: the row itself; PackedRows: a new object each call). */
  head(i: number): SourceRow;
  /** Every row's SourceRow part, in index order (before any is let go of). */
  heads(): Iterable<SourceRow>;
  /**
   * Lets go of the rows before `upTo`, for a reader that reads each row once, in order, and keeps
   * what it needs of it (RunSession.planOnce). Reading a row let go of is a RangeError.
   */
  release(upTo: number): void;
}

/** The rows as objects. */
export class RowArray implements RowList {
  /** Rows before this one were let go of (release). */
  #released = 0;

  constructor(readonly rows: NormalizedRow[]) {}

  get length(): number {
    return this.rows.length;
  }

  at(i: number): NormalizedRow {
    return this.rows[i] ?? letGo(i, this.#released, this.rows.length);
  }

  head(i: number): SourceRow {
    return this.at(i);
  }

  heads(): Iterable<SourceRow> {
    if (this.#released > 0) throw new RangeError(`the rows before ${this.#released} were let go of`);
    return this.rows;
  }

  /** Each row one by one (its place in `rows` emptied). */
  release(upTo: number): void {
    const places = this.rows as (NormalizedRow | null)[];
    for (const end = Math.min(upTo, places.length); this.#released < end; this.#released++) places[this.#released] = null;
  }

  [Symbol.iterator](): Iterator<NormalizedRow> {
    return this.rows[Symbol.iterator]();
  }
}

/** The RangeError for row `i` of a list of `length` rows whose rows before `released` were let go of. */
function letGo(i: number, released: number, length: number): never {
  throw new RangeError(i < released ? `row ${i} was let go of` : `no row ${i} (${length} rows)`);
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

/** A row's place in PackedRows' #meta: its chunk, its start in the chunk, its line, and whether it is valid. */
const META = 4;
const NO_ISSUES = Object.freeze([]) as unknown as Issue[];
/** The place of a chunk that is in the rows' ChunkStore. */
const IN_STORE = Buffer.alloc(0);

/**
 * Where PackedRows keeps its full chunks instead of in memory (io/chunk-file.ts: a temporary file).
 * A chunk is read back whole by number; the buffer returned may be reused by the next get().
 */
export interface ChunkStore {
  /** Keeps the first `bytes` of `buf` as chunk `chunk`; false when it cannot (the rows keep it in memory). */
  put(chunk: number, buf: Buffer, bytes: number): boolean;
  get(chunk: number): Buffer;
  /** Chunks before `chunk` will not be read again. */
  drop(chunk: number): void;
  /** No chunk will be read again. */
  close(): void;
}

/**
 * The rows packed. Appended in index order (row i at place i); read whole with at(i) or by
 * iteration, in part with head(i) (made from columns when asked: its line and validity in a typed
 * array; its hash, and its issues and cells when it has any, by reference). What a packed row keeps
 * as objects: its hash and shared lists (its normalization rules, interned per file; its issues; its
 * emails when it has more than the preferred one). A SourceRow object a row was ~70 bytes more.
 */
export class PackedRows implements RowList {
  readonly #hashes: (string | null)[] = [];
  /** Each chunk: in memory, in the store (IN_STORE), or let go of (null). */
  readonly #chunks: (Buffer | null)[] = [];
  /** Bytes used of each chunk. */
  readonly #chunkBytes: number[] = [];
  /** Rows before this one were let go of (release). */
  #released = 0;
  /** META entries a row (chunk, start, line, valid), grown by doubling. */
  #meta = new Int32Array(1024 * META);
  readonly #issues = new Map<number, Issue[]>();
  readonly #sources = new Map<number, Record<string, string>>();
  /** Each row's rule list (shared, interned lists: a pointer a row). */
  readonly #rules: (readonly string[])[] = [];
  /** Rows with more than one email: their list (most rows have none here). */
  readonly #emails = new Map<number, string[]>();
  #chunk: Buffer = Buffer.allocUnsafe(0);
  #used = 0;
  /** Reused per row: the bytes of one row are written here first, then copied to the chunk. */
  #scratch = Buffer.allocUnsafe(64 << 10);

  /** `store`: where full chunks go (a large --yes run's temporary file); without, they stay in memory. */
  constructor(private readonly store: ChunkStore | null = null) {}

  get length(): number {
    return this.#hashes.length;
  }

  /** Bytes of the packed fields in chunks not let go of (in memory or in the store). */
  get bytes(): number {
    return this.#chunks.reduce((n, c, i) => n + (c === null ? 0 : this.#chunkBytes[i]!), 0);
  }

  /** Bytes of chunks held in memory (the one being filled included, whole). */
  get bytesInMemory(): number {
    return this.#chunks.reduce((n, c) => n + (c === null ? 0 : c.length), 0);
  }

  push(row: NormalizedRow): void {
    const i = this.#hashes.length;
    if (this.#released > 0) throw new Error('rows added after some were let go of');
    if (row.index !== i) throw new Error(`packed rows out of order: row ${row.index} at place ${i}`);
    this.#hashes.push(row.hash);
    if (row.issues.length > 0) this.#issues.set(i, row.issues);
    if (row.source !== null) this.#sources.set(i, row.source);
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
      const full = this.#storeChunk() ? this.#chunk : null;
      this.#chunk = full !== null && full.length >= n ? full : Buffer.allocUnsafe(Math.max(CHUNK_BYTES, n));
      this.#chunks.push(this.#chunk);
      this.#chunkBytes.push(0);
      this.#used = 0;
    }
    this.#scratch.copy(this.#chunk, this.#used, 0, n);
    if (META * (i + 1) > this.#meta.length) {
      const grown = new Int32Array(this.#meta.length * 2);
      grown.set(this.#meta);
      this.#meta = grown;
    }
    const m = META * i;
    this.#meta[m] = this.#chunks.length - 1;
    this.#meta[m + 1] = this.#used;
    this.#meta[m + 2] = row.line;
    this.#meta[m + 3] = row.valid ? 1 : 0;
    this.#used += n;
    this.#chunkBytes[this.#chunks.length - 1] = this.#used;
  }

  /** Moves the chunk being filled to the store, if any; true when it did (its buffer is free). */
  #storeChunk(): boolean {
    const c = this.#chunks.length - 1;
    if (this.store === null || c < 0 || this.#chunks[c] !== this.#chunk) return false;
    if (!this.store.put(c, this.#chunk, this.#used)) return false;
    this.#chunks[c] = IN_STORE;
    return true;
  }

  /** Lets go of the spare capacity once the last row is in (the file is read); the last chunk goes to the store. */
  seal(): void {
    this.#meta = this.#meta.slice(0, META * this.#hashes.length);
    this.#scratch = Buffer.allocUnsafe(0);
    if (this.#storeChunk()) {
      this.#chunk = Buffer.allocUnsafe(0);
      this.#used = 0;
    }
  }

  /** Chunk `c`'s bytes (read back from the store when it is there). */
  #bytesOf(c: number): Buffer {
    const b = this.#chunks[c]!;
    return b === IN_STORE ? this.store!.get(c) : b;
  }

  #reserve(bytes: number): void {
    if (bytes <= this.#scratch.length) return;
    const grown = Buffer.allocUnsafe(Math.max(bytes, this.#scratch.length * 2));
    this.#scratch.copy(grown);
    this.#scratch = grown;
  }

  /**
   * Their columns, and every chunk that holds none of the rows from `upTo` on (RunSession.planOnce:
   * at 1M rows the plan's peak was ~0.23 GB of chunks and ~0.1 GB of SourceRows higher with them).
   */
  release(upTo: number): void {
    const end = Math.min(upTo, this.#hashes.length);
    if (end <= this.#released) return;
    for (let i = this.#released; i < end; i++) {
      this.#hashes[i] = null;
      this.#issues.delete(i);
      this.#sources.delete(i);
    }
    // The chunk of row `end` may hold rows not let go of; the ones before it hold none.
    const firstKept = end < this.#hashes.length ? this.#meta[META * end]! : this.#chunks.length;
    for (let c = this.#meta[META * this.#released]!; c < firstKept; c++) this.#chunks[c] = null;
    this.store?.drop(firstKept);
    if (end === this.#hashes.length) {
      this.#chunk = Buffer.allocUnsafe(0);
      this.#used = 0;
      this.store?.close();
    }
    this.#released = end;
  }

  /** Row `i`'s SourceRow part, made from the columns (a new object each call). */
  head(i: number): SourceRow {
    const hash = this.#hashes[i] ?? letGo(i, this.#released, this.#hashes.length);
    const m = META * i;
    return { index: i, line: this.#meta[m + 2]!, hash, source: this.#sources.get(i) ?? null, valid: this.#meta[m + 3] === 1, issues: this.#issues.get(i) ?? NO_ISSUES };
  }

  /** Every row's SourceRow part (before any is let go of: release). */
  heads(): Iterable<SourceRow> {
    if (this.#released > 0) throw new RangeError(`the rows before ${this.#released} were let go of`);
    return this.#allHeads();
  }

  *#allHeads(): Generator<SourceRow> {
    for (let i = 0; i < this.#hashes.length; i++) yield this.head(i);
  }


  at(i: number): NormalizedRow {
    const h = this.head(i);
    const r = new ByteReader(this.#bytesOf(this.#meta[META * i]!), this.#meta[META * i + 1]!);
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
    for (let i = 0; i < this.#hashes.length; i++) yield this.at(i);
  }
}
