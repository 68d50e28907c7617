// One string instance per distinct value of a field that repeats across rows or records (titles,
// first and last names, dates, counts, a company's name, domain and key on each of its rows, a
// person's company id): a million rows then hold pointers to a few thousand strings instead of a
// million copies. Measured on the generator's 200k rows vs 200k master people (heap after GC): the
// normalized rows 1,325 -> 1,210 bytes a row, the master index 585 -> 502 bytes a record.
//
// Adaptive, because a lookup is not free (~0.1-0.3 us: hashing a fresh string, a miss in a large
// Map) and some fields hardly repeat (emails, phones, LinkedIn URLs): each interner measures its hit
// rate over windows of lookups and switches itself off for good (dropping its map) when too few
// lookups find a value already seen. Bounded: at most `max` values are kept; once full it still
// returns the values it has, and adds no new ones.
//
// Interning changes no value, only which of several equal strings an object points to.

import { detachString } from './normalize/memo.js';

export interface InternerOptions {
  /** Most distinct values kept (memory bound: ~50-100 bytes each with the map entry). */
  max?: number;
  /** Lookups per measuring window. */
  window?: number;
  /** Below this share of hits in a window, the interner switches itself off. */
  minHitRate?: number;
}

export class Interner {
  #map: Map<string, string> | null = new Map();
  #lookups = 0;
  #hits = 0;
  readonly #max: number;
  readonly #window: number;
  readonly #minHits: number;

  constructor(opts: InternerOptions = {}) {
    this.#max = opts.max ?? 65_536;
    this.#window = opts.window ?? 16_384;
    this.#minHits = Math.ceil(this.#window * (opts.minHitRate ?? 0.25));
  }

  /** False once the interner has switched itself off (tests and benchmarks read it). */
  get active(): boolean {
    return this.#map !== null;
  }

  /** Distinct values kept. */
  get size(): number {
    return this.#map?.size ?? 0;
  }

  /** The kept instance equal to `s`, or `s` itself (then kept, when there is room). */
  of<S extends string | null>(s: S): S {
    const map = this.#map;
    if (map === null || s === null) return s;
    let out = map.get(s);
    if (out !== undefined) this.#hits++;
    else if (map.size < this.#max) {
      // A kept value is a copy that does not keep a larger string alive (a view into a 1 MB chunk).
      out = detachString(s);
      map.set(out, out);
    } else out = s;
    if (++this.#lookups === this.#window) {
      if (this.#hits < this.#minHits) this.#map = null;
      this.#lookups = 0;
      this.#hits = 0;
    }
    return out as S;
  }
}

/** The keys of T whose values are strings (or null). */
type StringKeys<T> = { [K in keyof T]: T[K] extends string | null ? K : never }[keyof T];

/**
 * Interns some string fields of objects as they are made, one Interner per field: `apply` replaces
 * each named field of a freshly built object (not yet shared) with its kept instance.
 */
export class FieldInterner<T extends object> {
  readonly #fields: readonly StringKeys<T>[];
  readonly #ix: Interner[];

  constructor(fields: readonly StringKeys<T>[], opts: InternerOptions = {}) {
    this.#fields = fields;
    this.#ix = fields.map(() => new Interner(opts));
  }

  apply(o: T): T {
    const rec = o as Record<StringKeys<T>, string | null>;
    for (let i = 0; i < this.#fields.length; i++) {
      const f = this.#fields[i]!;
      rec[f] = this.#ix[i]!.of(rec[f]);
    }
    return o;
  }

  /** Per field: still interning? (tests and benchmarks read it). */
  active(): Record<string, boolean> {
    return Object.fromEntries(this.#fields.map((f, i) => [String(f), this.#ix[i]!.active]));
  }
}
