import { RowArray } from '../../src/core/row-list.js';
import { describe, expect, it } from 'vitest';
import { createMatcher } from '../../src/core/match/match-rows.js';
import { decideAll, decideAllAsync, decideWithProgress } from '../../src/pipeline/decide.js';
import type { PipelineEvent } from '../../src/pipeline/events.js';
import { InterruptedError } from '../../src/errors.js';
import type { Prepared } from '../../src/pipeline/prepare.js';
import { company, ctx, NO_REVIEWS, person, rows, T } from '../core/match/helpers.js';

function prepared(n: number): Prepared {
  const cells = Array.from({ length: n }, (_, i) => ({ company_name: `Acme ${i % 7}`, company_domain: `acme${i % 7}.com`, full_name: `Person Number${i}`, email: `p${i}@acme${i % 7}.com` }));
  const file = { path: 'x.csv', encoding: 'utf-8', headers: [], headerMap: {}, unknownHeaders: [], fileIssues: [], rows: new RowArray(rows(...cells)), sha256: '', cells: null };
  const master = { companies: [company('C1', 'Acme 1', 'acme1.com')], people: [person('P1', 'C1', 'Person Number1', { email: 'p1@acme1.com' })] };
  return { file, master, duplicates: new Set([n - 1]), matcher: createMatcher(master, ctx()), ctx: ctx() };
}

describe('decideAllAsync (the wizard stays responsive while matching)', () => {
  it('gives exactly the decisions of decideAll, yielding between slices', async () => {
    const prep = prepared(50);
    const progress: number[] = [];
    const got = await decideAllAsync(prep, T, NO_REVIEWS, { slice: 10, onProgress: (done) => progress.push(done) });
    expect(got).toEqual(decideAll(prep, T, NO_REVIEWS));
    expect(progress).toEqual([10, 20, 30, 40]);
    expect(got!.decisions[49]!.status).toBe('duplicate');
  });

  it('stops and resolves to null when a newer request makes it stale', async () => {
    const prep = prepared(50);
    let calls = 0;
    const got = await decideAllAsync(prep, T, NO_REVIEWS, { slice: 10, isStale: () => ++calls >= 2 });
    expect(got).toBeNull();
  });
});

describe('decideWithProgress (the --yes run’s match)', () => {
  it('reports match progress per slice of the rows to match, and gives decideAll’s decisions', async () => {
    const prep = prepared(50);
    const events: PipelineEvent[] = [];
    const got = await decideWithProgress(prep, T, NO_REVIEWS, (e) => events.push(e), { slice: 20 });
    expect(got).toEqual(decideAll(prep, T, NO_REVIEWS));
    expect(events.map((e) => [e.phase, e.done, e.total])).toEqual([
      ['match', 0, 49],
      ['match', 20, 49],
      ['match', 40, 49],
      ['match', 49, 49],
    ]);
  });

  it('stops between slices with InterruptedError once the run is interrupted', async () => {
    const prep = prepared(50);
    const abort = new AbortController();
    const events: PipelineEvent[] = [];
    const p = decideWithProgress(prep, T, NO_REVIEWS, (e) => {
      events.push(e);
      if (e.done === 10) abort.abort();
    }, { slice: 10, signal: abort.signal });
    await expect(p).rejects.toBeInstanceOf(InterruptedError);
    expect(events.at(-1)!.done).toBe(10);
  });
});
