import { describe, expect, it } from 'vitest';
import { companyNameScore, personNameScore, titleScore } from '../../../src/core/match/compare.js';
import { MAX_MEMO, ScoreCache } from '../../../src/core/match/score-cache.js';

describe('ScoreCache', () => {
  it('remembers a pair once (in either order) and does no new work for it', () => {
    const c = new ScoreCache();
    const s = c.company('acme', 'acme corp');
    const work = c.computations;
    expect(c.company('acme corp', 'acme')).toBe(s);
    expect(c.computations).toBe(work);
    expect(s).toBe(companyNameScore('acme', 'acme corp', new Set()));
  });

  it('stops remembering at its cap: the same scores, more work, no more pairs kept', () => {
    const capped = new ScoreCache(new Set(), 2);
    const names = ['jon smith', 'john smith', 'jane smyth', 'joan smith'];
    const first = names.map((n) => capped.person('john smith', n));
    const second = names.map((n) => capped.person('john smith', n));
    expect(second).toEqual(first);
    expect(first).toEqual(names.map((n) => (n === 'john smith' ? 1 : personNameScore('john smith', n))));
    expect(capped.memoized.person).toBe(2);
    // 3 distinct pairs scored twice each, minus the 2 remembered ones' second time: 4 computations.
    expect(capped.computations).toBe(4);
    expect(capped.title('vp sales', 'vp of sales')).toBe(titleScore('vp sales', 'vp of sales'));
  });

  it('is capped well below the millions of pairs a 1M-row run scores', () => {
    expect(MAX_MEMO).toBeLessThanOrEqual(500_000);
    expect(MAX_MEMO).toBeGreaterThanOrEqual(100_000);
  });
});
