import { describe, expect, it } from 'vitest';
import { companyNameScore } from '../../../src/core/match/compare.js';
import { GramIndex } from '../../../src/core/match/gram-index.js';
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
