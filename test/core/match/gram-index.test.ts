import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { companyNameScore } from '../../../src/core/match/compare.js';
import { GramIndex, trigrams, type GramHit } from '../../../src/core/match/gram-index.js';
import { companyName, prng, typo } from './synthetic.js';

describe('trigram index', () => {
  it('returns the true best candidate that brute force finds (recall on typo\'d names)', () => {
    const rnd = prng(42);
    const names: string[] = [];
    const seen = new Set<string>();
    while (names.length < 5000) {
      const n = companyName(rnd);
      if (!seen.has(n)) {
        seen.add(n);
        names.push(n);
      }
    }
    const ix = new GramIndex();
    for (const n of names) ix.add(n);
    let relevant = 0;
    let found = 0;
    for (let q = 0; q < 300; q++) {
      const query = typo(names[Math.floor(rnd() * names.length)]!, rnd);
      let best = -1;
      for (const n of names) best = Math.max(best, companyNameScore(query, n));
      if (best < 0.75) continue; // only what the matcher must see: scores at or above the review floor
      relevant++;
      const got = ix.query(query, 40).map((h) => companyNameScore(query, names[h.entry]!));
      if (got.length > 0 && Math.max(...got) === best) found++;
    }
    expect(relevant).toBeGreaterThan(250);
    expect(found / relevant).toBeGreaterThanOrEqual(0.99);
  });

  it('finds entries added after earlier queries', () => {
    const ix = new GramIndex();
    ix.add('acme widgets');
    expect(ix.query('hooli', 10)).toEqual([]);
    const e = ix.add('hooli');
    expect(ix.query('hoolie', 10).map((h) => h.entry)).toEqual([e]);
  });

  it('breaks ties by entry order', () => {
    const ix = new GramIndex();
    ix.add('acme');
    ix.add('acme');
    expect(ix.query('acme', 10).map((h) => h.entry)).toEqual([0, 1]);
  });
});

/**
 * The index's contract written the plain way: candidates = union of the postings of the rarest
 * `g - ceil-ish(0.34 g) + 1` query grams plus every short list (<= 48), length filter, exact overlap,
 * full sort by (dice desc, entry asc), top k. The index computes the same with a bounded top-k.
 */
function referenceQuery(keys: readonly string[], key: string, k: number): GramHit[] {
  const grams = trigrams(key);
  const postings = new Map<number, number[]>();
  keys.forEach((x, e) => {
    for (const g of trigrams(x)) postings.set(g, [...(postings.get(g) ?? []), e]);
  });
  const present = grams.filter((g) => postings.has(g));
  if (present.length === 0 || k <= 0) return [];
  const order = new Map<number, number>(); // gram id order = first insertion order, as in the index
  keys.forEach((x) => trigrams(x).forEach((g) => order.has(g) || order.set(g, order.size)));
  present.sort((a, b) => postings.get(a)!.length - postings.get(b)!.length || order.get(a)! - order.get(b)!);
  const minOverlap = Math.max(1, Math.floor(grams.length * 0.34));
  const prefix = Math.max(1, grams.length - minOverlap + 1);
  const ratio = (2 - 0.5) / 0.5;
  const cands = new Set<number>();
  let stopped = false; // lists are read in order until the first long one past the prefix
  present.forEach((g, i) => {
    const list = postings.get(g)!;
    if (stopped || i >= 254 || (i >= prefix && list.length > 48)) {
      stopped = true;
      return;
    }
    for (const e of list) if (keys[e]!.length >= key.length / ratio && keys[e]!.length <= key.length * ratio) cands.add(e);
  });
  const q = new Set(grams);
  const hits = [...cands].map((e) => {
    const eg = trigrams(keys[e]!);
    const overlap = eg.filter((x) => q.has(x)).length;
    return { entry: e, overlap, dice: (2 * overlap) / (grams.length + eg.length) };
  });
  hits.sort((x, y) => y.dice - x.dice || x.entry - y.entry);
  return hits.slice(0, k);
}

/** Property: the index answers every query of the generated corpora as the reference does. */
function assertEqualsReference(word: fc.Arbitrary<string>, keyCount: { minLength: number; maxLength: number }, kMax: number, numRuns: number): void {
  fc.assert(
    fc.property(fc.array(word, keyCount), word, fc.integer({ min: 0, max: kMax }), (keys, key, k) => {
      const ix = new GramIndex();
      for (const x of keys) ix.add(x);
      expect(ix.query(key, k)).toEqual(referenceQuery(keys, key, k));
    }),
    { numRuns },
  );
}

describe('trigram index query', () => {
  it('equals the plain union-and-sort reference (bounded top-k changes nothing)', () => {
    assertEqualsReference(fc.stringMatching(/^[a-e ]{1,12}$/), { minLength: 1, maxLength: 120 }, 12, 300);
  });

  it('equals the reference when common grams have long lists that are left unread (count bounds are exact)', () => {
    // A small alphabet and a few hundred keys: many lists are longer than 48, so the query reads only
    // its prefix and prunes candidates by the bound on grams it did not read.
    assertEqualsReference(fc.stringMatching(/^[a-d][a-d ]{3,14}$/), { minLength: 150, maxLength: 400 }, 40, 60);
  });

  it('reads at most 254 lists for a name with more distinct grams (its commonest are left unread)', () => {
    // The query's own copy holds ~380 grams with lists of one; ten other names share only its first
    // ten characters, so those few grams have the longest lists (11, still "cheap") and sort last.
    const rnd = prng(11);
    const text = (n: number): string => Array.from({ length: n }, () => 'abcdefghijklmnopqrstuvwxyz'[Math.floor(rnd() * 26)]).join('');
    const query = text(400);
    const keys = [query, ...Array.from({ length: 10 }, () => `${query.slice(0, 10)} ${text(150)}`)];
    expect(trigrams(query).length).toBeGreaterThan(300);
    const ix = new GramIndex();
    for (const x of keys) ix.add(x);
    expect(ix.query(query, 5)).toEqual(referenceQuery(keys, query, 5));
    expect(ix.query(query, 5).map((h) => h.entry)).toEqual([0]);
  });

  it('finds a long name (300+ distinct grams) by itself first', () => {
    const rnd = prng(7);
    const long = (): string => Array.from({ length: 400 }, () => 'abcdefghijklmnopqrstuvwxyz '[Math.floor(rnd() * 27)]).join('');
    const keys = Array.from({ length: 50 }, long);
    expect(new Set(keys.flatMap((k) => trigrams(k))).size).toBeGreaterThan(254);
    const ix = new GramIndex();
    for (const x of keys) ix.add(x);
    for (const [e, x] of keys.entries()) expect(ix.query(x, 3)[0]).toMatchObject({ entry: e, dice: 1 });
  });
});

describe('trigram index in shared memory (GramIndex.share, the candidate worker reads it)', () => {
  it('answers every query as before, on this thread and over the shared arrays, and takes no more entries', () => {
    const rnd = prng(7);
    const names = Array.from({ length: 3000 }, () => companyName(rnd));
    const queries = Array.from({ length: 200 }, () => typo(names[Math.floor(rnd() * names.length)]!, rnd)).concat(['', 'zzzz qqqq', names[0]!]);
    const ix = new GramIndex();
    for (const n of names) ix.add(n);
    const before = queries.map((q) => ix.query(q, 20));
    expect(before.filter((h) => h.length > 0).length).toBeGreaterThan(150);
    const shared = ix.share();
    expect(shared.postData.buffer).toBeInstanceOf(SharedArrayBuffer);
    expect(ix.share()).toBe(shared); // once
    const other = GramIndex.fromShared(shared);
    expect(queries.map((q) => ix.query(q, 20))).toEqual(before);
    expect(queries.map((q) => other.query(q, 20))).toEqual(before);
    expect([ix.size, other.size]).toEqual([names.length, names.length]);
    expect(() => ix.add('acme')).toThrow(/no more entries/);
    expect(() => other.add('acme')).toThrow(/no more entries/);
  });
});
