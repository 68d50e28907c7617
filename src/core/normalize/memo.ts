// Bounded memoization of pure per-value normalizers.
//
// Why: some columns hold few distinct values however long the file (a few dozen job titles, a few
// thousand first and last names), and normalizing a cell costs microseconds of regexes and string
// building. Caching the result by the raw string turns a repeat into one Map lookup.
//
// Only for such columns: a lookup costs ~0.1-0.3 us (hashing a fresh string, cache misses in a large
// Map), and on the 1M-row bench file caching full names or dates (tens of thousands of distinct values)
// was slower than normalizing them again, with a larger heap.
//
// Memory stays bounded: a cache holds two generations of at most `max` entries each. When the current
// one is full it becomes the old one (the older one is dropped) and lookups that hit the old one move
// their entry forward: a cheap approximation of LRU that keeps the values that keep repeating.
//
// Cached results are frozen (deep, for plain objects and arrays) because the same object is handed to
// every caller that asks for that raw string: a caller that tried to change it would change it for the
// other rows too; frozen, the attempt throws in strict mode instead of corrupting data silently.
// Cached keys and result strings are copied out of the reader's chunk strings (see detachString).

import { ownString } from '../strings.js';

export class BoundedCache<V> {
  private cur = new Map<string, V>();
  private old = new Map<string, V>();

  constructor(private readonly max: number) {}

  get(key: string): V | undefined {
    const v = this.cur.get(key);
    if (v !== undefined) return v;
    const o = this.old.get(key);
    if (o !== undefined) this.set(key, o);
    return o;
  }

  /** Stores a copy of the key that does not keep the caller's larger string alive (see detachString). */
  set(key: string, value: V): void {
    if (this.cur.size >= this.max) {
      this.old = this.cur;
      this.cur = new Map();
    }
    this.cur.set(detachString(key), value);
  }

  get size(): number {
    return this.cur.size + this.old.size;
  }

  clear(): void {
    this.cur.clear();
    this.old.clear();
  }
}

/**
 * A copy of the string that does not keep a larger string alive (core/strings.ts ownString): a
 * cached value is handed to many rows and outlives the one it was made from. The CSV reader's cells
 * are copies already (io/csv-tokenizer.ts); a value derived from one (a slice, a trimmed cell) may
 * still be a view into it.
 */
export function detachString(s: string): string {
  return ownString(s);
}

function detachValue(v: unknown): unknown {
  if (typeof v === 'string') return detachString(v);
  if (Array.isArray(v)) {
    for (let i = 0; i < v.length; i++) if (typeof v[i] === 'string') v[i] = detachString(v[i] as string);
    return Object.freeze(v);
  }
  if (v !== null && typeof v === 'object') return freezeResult(v);
  return v;
}

/**
 * Prepares a result for a cache: its strings detached from their parents (see detachString) and the
 * object frozen with the arrays and plain objects it holds, so that a caller cannot change the copy
 * every other row shares.
 */
export function freezeResult<T>(value: T): T {
  if (typeof value === 'string') return detachString(value) as T;
  if (value === null || typeof value !== 'object' || Object.isFrozen(value)) return value;
  if (Array.isArray(value)) return detachValue(value) as T;
  const o = value as Record<string, unknown>;
  for (const k of Object.keys(o)) o[k] = detachValue(o[k]);
  return Object.freeze(value);
}

/** Default size of one generation: 25k entries of short strings and small results is a few MB. */
export const DEFAULT_MEMO_ENTRIES = 25_000;

/**
 * Memoizes `fn(raw, ctx)` by raw string with a bounded cache, one per context object (results depend
 * on the context's rules; a WeakMap lets a context and its cache be collected together, except the
 * last context used, which is kept for a fast path). Results are frozen. `fn` must be pure: the same
 * string and context always give an equal result.
 */
export function memoizeByStringInContext<C extends object, R>(
  fn: (raw: string, ctx: C) => R,
  max = DEFAULT_MEMO_ENTRIES,
): (raw: string, ctx: C) => R {
  const caches = new WeakMap<C, BoundedCache<R>>();
  // A run uses one context: remember the last one's cache and skip the WeakMap lookup.
  let lastCtx: C | null = null;
  let lastCache: BoundedCache<R> | null = null;
  return (raw: string, ctx: C): R => {
    let cache: BoundedCache<R> | undefined;
    if (ctx === lastCtx) cache = lastCache!;
    else {
      cache = caches.get(ctx);
      if (cache === undefined) {
        cache = new BoundedCache<R>(max);
        caches.set(ctx, cache);
      }
      lastCtx = ctx;
      lastCache = cache;
    }
    let r = cache.get(raw);
    if (r === undefined) {
      r = freezeResult(fn(raw, ctx));
      cache.set(raw, r);
    }
    return r;
  };
}
