import { describe, expect, it } from 'vitest';
import { createMatcher, createMatcherSteps } from '../../src/core/match/match-rows.js';
import type { MasterSnapshot } from '../../src/core/types.js';
import { startCompanyPrefetch, startCompanyWorker, type PendingPrefetch } from '../../src/pipeline/prefetch.js';
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
  it('gives the same decisions as the matcher alone when the worker computed every key', async () => {
    const { master, input } = world();
    const alone = createMatcher(master, ctx()).match(input, T, NO_REVIEWS);
    const m = createMatcher(master, ctx());
    const p = startCompanyPrefetch(m, input, { minKeys: 1 });
    expect(p.keys).toBeGreaterThan(100);
    expect(await p.finished).toBe(p.keys); // nothing claimed a key before the worker was through
    expect(m.match(input, T, NO_REVIEWS)).toEqual(alone);
    expect(await p.stop()).toEqual({ keys: p.keys, onWorker: p.keys });
    expect(m.candidateSource).toBeNull();
  });

  it('gives the same decisions when the row loop and the worker share the keys as they race', async () => {
    const { master, input } = world();
    const alone = createMatcher(master, ctx()).match(input, T, NO_REVIEWS);
    for (let run = 0; run < 3; run++) {
      const m = createMatcher(master, ctx());
      const p = startCompanyPrefetch(m, input, { minKeys: 1 });
      if (run > 0) await new Promise((r) => setTimeout(r, 50 * run)); // let the worker get some way
      expect(m.match(input, T, NO_REVIEWS)).toEqual(alone);
      const r = await p.stop();
      expect(r.onWorker).toBeLessThanOrEqual(r.keys);
    }
  });

  it('falls back to this thread when the worker cannot start, with the same decisions', async () => {
    const { master, input } = world();
    const alone = createMatcher(master, ctx()).match(input, T, NO_REVIEWS);
    const m = createMatcher(master, ctx());
    const p = startCompanyPrefetch(m, input, { minKeys: 1, workerPath: '/nonexistent/company-worker.js' });
    expect(await p.finished).toBe(0);
    expect(m.match(input, T, NO_REVIEWS)).toEqual(alone);
    expect((await p.stop()).onWorker).toBe(0);
  });

  it('leaves small files to the row loop (no worker below the key threshold)', async () => {
    const { master, input } = world();
    const m = createMatcher(master, ctx());
    const p = startCompanyPrefetch(m, input.slice(0, 20));
    expect(m.candidateSource).toBeNull();
    expect(m.companyKeysToPrefetch(input.slice(0, 20)).length).toBe(p.keys);
    expect((await p.stop()).onWorker).toBe(0);
  });

  it('starts from the company half of the index, before the people are indexed, and gives the same decisions once attached', async () => {
    const { master, input } = world();
    const alone = createMatcher(master, ctx()).match(input, T, NO_REVIEWS);
    let pending: PendingPrefetch | null = null;
    let peopleIndexedAtStart = -1;
    let yields = 0;
    const steps = createMatcherSteps(master, ctx(), 100, {
      onCompanies: (companies) => {
        peopleIndexedAtStart = yields * 100 - master.companies.length; // records indexed so far, companies first
        pending = startCompanyWorker(companies, input, { minKeys: 1 });
      },
    });
    let r = steps.next();
    while (!r.done) {
      yields++;
      r = steps.next();
    }
    expect(peopleIndexedAtStart).toBeLessThanOrEqual(0);
    const p = (pending as PendingPrefetch | null)!.attach(r.value);
    expect(p.keys).toBe(r.value.companyKeysToPrefetch(input).length);
    expect(await p.finished).toBe(p.keys);
    expect(r.value.match(input, T, NO_REVIEWS)).toEqual(alone);
    expect(await p.stop()).toEqual({ keys: p.keys, onWorker: p.keys });
  });
});
