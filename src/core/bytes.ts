// Strings and counts as bytes: unsigned LEB128 varints and UTF-8 (PackedRows, PackedStrings).

/** Writes `value` (a whole number from 0 to 2^53) as an unsigned LEB128 varint at `at`; returns the end. */
export function writeVarint(buf: Buffer, at: number, value: number): number {
  let v = value;
  while (v >= 0x80) {
    buf[at++] = (v & 0x7f) | 0x80;
    v = Math.floor(v / 128);
  }
  buf[at++] = v;
  return at;
}

/** Reads bytes from a position on. */
export class ByteReader {
  constructor(
    private readonly buf: Buffer,
    public at: number,
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

  skip(bytes: number): void {
    this.at += bytes;
  }
}

/**
 * Records of `width` string-or-null fields, appended and read by number, packed as UTF-8 in chunks
 * of 4 MB outside the heap (a field: its byte length + 1 as a varint and its bytes, or 0 for null).
 * A record's place is one 32-bit number (its chunk and its start); a record larger than a chunk is
 * kept as its list of values. For fields that hardly repeat (ids, emails, URLs): a string is ~24
 * bytes of heap more than its characters, and an object keeping it a pointer more.
 */
export class PackedStrings {
  static readonly CHUNK = 4 << 20;
  readonly #chunks: Buffer[] = [];
  #chunk: Buffer = Buffer.allocUnsafe(0);
  #used = 0;
  #pos = new Uint32Array(1024);
  #count = 0;
  readonly #large = new Map<number, (string | null)[]>();
  #scratch = Buffer.allocUnsafe(1024);

  constructor(readonly width: number) {}

  get length(): number {
    return this.#count;
  }

  push(values: readonly (string | null)[]): number {
    if (values.length !== this.width) throw new Error(`packed strings: ${values.length} values for ${this.width} fields`);
    const i = this.#count++;
    if (i === this.#pos.length) {
      const grown = new Uint32Array(Math.max(1024, this.#pos.length * 2));
      grown.set(this.#pos);
      this.#pos = grown;
    }
    let n = 0;
    for (const v of values) {
      if (v === null) {
        this.#reserve(n + 1);
        this.#scratch[n++] = 0;
        continue;
      }
      const len = Buffer.byteLength(v);
      this.#reserve(n + len + 10);
      n = writeVarint(this.#scratch, n, len + 1);
      n += this.#scratch.write(v, n, len, 'utf8');
    }
    if (n > PackedStrings.CHUNK) {
      this.#large.set(i, [...values]);
      this.#pos[i] = 0xffffffff;
      return i;
    }
    if (this.#used + n > this.#chunk.length) {
      if (this.#chunks.length >= 1023) throw new Error('packed strings: more than 4 GB');
      this.#chunk = Buffer.allocUnsafe(PackedStrings.CHUNK);
      this.#chunks.push(this.#chunk);
      this.#used = 0;
    }
    this.#scratch.copy(this.#chunk, this.#used, 0, n);
    this.#pos[i] = (this.#chunks.length - 1) * PackedStrings.CHUNK + this.#used;
    this.#used += n;
    return i;
  }

  #reserve(bytes: number): void {
    if (bytes <= this.#scratch.length) return;
    const grown = Buffer.allocUnsafe(Math.max(bytes, this.#scratch.length * 2));
    this.#scratch.copy(grown);
    this.#scratch = grown;
  }

  /** Field `field` of record `i`. */
  get(i: number, field: number): string | null {
    const r = this.#reader(i);
    if (r === null) return this.#large.get(i)![field]!;
    for (let f = 0; f < field; f++) {
      const len = r.varint();
      if (len > 0) r.skip(len - 1);
    }
    const len = r.varint();
    return len === 0 ? null : r.utf8(len - 1);
  }

  /** Every field of record `i`. */
  all(i: number): (string | null)[] {
    const r = this.#reader(i);
    if (r === null) return [...this.#large.get(i)!];
    const out: (string | null)[] = new Array(this.width);
    for (let f = 0; f < this.width; f++) {
      const len = r.varint();
      out[f] = len === 0 ? null : r.utf8(len - 1);
    }
    return out;
  }

  #reader(i: number): ByteReader | null {
    if (!(i >= 0 && i < this.#count)) throw new RangeError(`no record ${i} (${this.#count} records)`);
    const p = this.#pos[i]!;
    if (p === 0xffffffff) return null;
    return new ByteReader(this.#chunks[Math.floor(p / PackedStrings.CHUNK)]!, p % PackedStrings.CHUNK);
  }

  /** Drops the spare capacity once no more records come: the last chunk's unused bytes, the places'. */
  compact(): void {
    this.#pos = this.#pos.slice(0, this.#count);
    this.#scratch = Buffer.allocUnsafe(0);
    const last = this.#chunks.length - 1;
    if (last >= 0 && this.#used < this.#chunk.length) {
      this.#chunks[last] = Buffer.from(this.#chunk.subarray(0, this.#used));
      this.#chunk = this.#chunks[last]!;
    }
  }
}
