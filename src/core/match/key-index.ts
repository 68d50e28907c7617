// Exact-key indexes of the matcher (domain, email, LinkedIn, email domain + first + last name): key
// -> the numbers of the records that have it.
//
// The keys are not stored. A record holds its own keys (a company its domain, a person its emails,
// LinkedIn URL and name keys), so the index keeps only a 32-bit hash per (key, record) pair, and a
// lookup checks each record whose hash matches against the record itself (`holds`): a hash collision
// costs one check, never a wrong answer. A JavaScript Map keyed by the strings cost ~35-50 bytes a
// key, and the "email domain + first + last" keys ('acme.com|john|smith') existed nowhere else: at 1M
// master people the four maps and those strings took ~210 MB; this takes ~20 bytes a key (~70 MB).

/** 32-bit FNV-1a over a string's UTF-16 code units. */
export function hash32(s: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h | 0;
}

/** Says whether record `value` has `key` (the index's check against the record itself). */
export type Holds = (value: number, key: string) => boolean;

const NONE: readonly number[] = Object.freeze([]);

/**
 * Key -> record numbers, in the order added; a record added again under a key it already has is kept
 * once. Pairs are kept in the order added (hash and record in two growing Int32Arrays) and found
 * through an open-addressing table of pair numbers (linear probing, at most half full), rebuilt in
 * that order when it grows.
 */
export class KeyIndex {
  #hashes = new Int32Array(8);
  #values = new Int32Array(8);
  #size = 0;
  /** Pair number + 1 per slot, 0 for an empty slot. */
  #table = new Int32Array(16);

  constructor(private readonly holds: Holds) {}

  get size(): number {
    return this.#size;
  }

  add(key: string, value: number): void {
    const h = hash32(key);
    const mask = this.#table.length - 1;
    for (let s = h & mask; ; s = (s + 1) & mask) {
      const p = this.#table[s]!;
      if (p === 0) break;
      if (this.#hashes[p - 1] === h && this.#values[p - 1] === value && this.holds(value, key)) return;
    }
    if (this.#size === this.#hashes.length) {
      this.#hashes = grown(this.#hashes, this.#size * 2);
      this.#values = grown(this.#values, this.#size * 2);
    }
    this.#hashes[this.#size] = h;
    this.#values[this.#size] = value;
    this.#size++;
    if (this.#size * 2 > this.#table.length) this.#rebuild(this.#table.length * 2);
    else this.#place(this.#size - 1);
  }

  get(key: string): readonly number[] {
    const h = hash32(key);
    const mask = this.#table.length - 1;
    let out: number[] | null = null;
    for (let s = h & mask; ; s = (s + 1) & mask) {
      const p = this.#table[s]!;
      if (p === 0) break;
      if (this.#hashes[p - 1] !== h) continue;
      const v = this.#values[p - 1]!;
      if (this.holds(v, key)) (out ??= []).push(v);
    }
    // Probing from the key's slot meets its pairs in the order they were placed, which is the order
    // added: a later pair went to the first slot still empty, past every earlier one.
    return out ?? NONE;
  }

  has(key: string): boolean {
    return this.get(key).length > 0;
  }

  /** Drops the pair arrays' spare capacity once no more records come (the master part). */
  compact(): void {
    this.#hashes = this.#hashes.slice(0, this.#size);
    this.#values = this.#values.slice(0, this.#size);
  }

  #rebuild(capacity: number): void {
    this.#table = new Int32Array(capacity);
    for (let p = 0; p < this.#size; p++) this.#place(p);
  }

  #place(p: number): void {
    const mask = this.#table.length - 1;
    let s = this.#hashes[p]! & mask;
    while (this.#table[s] !== 0) s = (s + 1) & mask;
    this.#table[s] = p + 1;
  }
}

function grown(a: Int32Array<ArrayBuffer>, n: number): Int32Array<ArrayBuffer> {
  const b = new Int32Array(Math.max(8, n));
  b.set(a);
  return b;
}
