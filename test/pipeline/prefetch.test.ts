import { describe, expect, it } from 'vitest';
import { createMatcher } from '../../src/core/match/match-rows.js';
import type { MasterSnapshot } from '../../src/core/types.js';
import { prefetchCompanyCandidates } from '../../src/pipeline/prefetch.js';
import { company, ctx, NO_REVIEWS, person, rows, T } from '../core/match/helpers.js';
import { companyName, prng, typo } from '../core/match/synthetic.js';

// The worker thread runs the compiled dist/pipeline/company-worker.js (built by the global setup).

function world(): { master: MasterSnapshot; input: ReturnType<typeof rows> } {
  const rnd = prng(7);
  const names = [...new Set(Array.from({ length: 500 }, () => companyName(rnd)))];
  const master: MasterSnapshot = {
    companies: names.map((n, i) => company(`c${String(i).padStart(4, '0')}`, n)),
    people: names.map((_, i) => person(`p${String(i).padStart(4, '0')}`, `c${String(i).padStart(4, '0')}`, `Person Number${i}`)),
  };
  const cells = Array.from({ length: 400 }, (_, i) => {
    const n = names[Math.floor(rnd() * names.length)]!;
    return { company_name: rnd() < 0.7 ? typo(n, rnd) : `${n} ${companyName(rnd)}`, full_name: `Person Number${i % 600}` };
  });
  return { master, input: rows(...cells) };
}

describe('company candidates on a second thread', () => {
  it('gives the same decisions as the matcher alone, with part of the keys computed on the worker', async () => {
    const { master, input } = world();
    const alone = createMatcher(master, ctx()).match(input, T, NO_REVIEWS);
    const m = createMatcher(master, ctx());
    const r = await prefetchCompanyCandidates(m, input, { minKeys: 1 });
    expect(r.keys).toBeGreaterThan(100);
    expect(r.onWorker).toBeGreaterThan(40);
    expect(m.companyKeysToPrefetch(input)).toEqual([]); // every key is ready before the loop
    expect(m.match(input, T, NO_REVIEWS)).toEqual(alone);
  });

  it('falls back to this thread when the worker cannot start, with the same decisions', async () => {
    const { master, input } = world();
    const alone = createMatcher(master, ctx()).match(input, T, NO_REVIEWS);
    const m = createMatcher(master, ctx());
    const r = await prefetchCompanyCandidates(m, input, { minKeys: 1, workerPath: '/nonexistent/company-worker.js' });
    expect(r.onWorker).toBe(0);
    expect(m.companyKeysToPrefetch(input)).toEqual([]);
    expect(m.match(input, T, NO_REVIEWS)).toEqual(alone);
  });

  it('leaves small files to the row loop (no worker below the key threshold)', async () => {
    const { master, input } = world();
    const m = createMatcher(master, ctx());
    const r = await prefetchCompanyCandidates(m, input.slice(0, 20));
    expect(r.onWorker).toBe(0);
    expect(m.companyKeysToPrefetch(input.slice(0, 20)).length).toBe(r.keys);
  });
});
