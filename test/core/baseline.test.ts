import { describe, expect, it } from 'vitest';
import { bitScore, bitSignals, bitTier, canonicalJsonb, mergeEngagement, talentFlowHash } from '../../src/core/baseline.js';
import { loadConfig } from '../../src/config/load.js';

const { config } = loadConfig();
const W = config.bit.weights;
const T = config.bit.tiers;

describe('BIT baseline', () => {
  it('scores the seed example 20 opens, 3 replies, 1 meeting as 240 points, tier hot', () => {
    const score = bitScore({ opens: 20, replies: 3, meetings: 1 }, W);
    expect(score).toBe(240);
    expect(bitTier(score, T)).toBe('hot');
  });

  it('scores the seed integration example 3 replies as 90 points, tier warm', () => {
    expect(bitScore({ opens: 0, replies: 3, meetings: 0 }, W)).toBe(90);
    expect(bitTier(90, T)).toBe('warm');
  });

  it.each([
    [0, 'cold'],
    [49, 'cold'],
    [50, 'warm'],
    [99, 'warm'],
    [100, 'engaged'],
    [199, 'engaged'],
    [200, 'hot'],
    [299, 'hot'],
    [300, 'burning'],
    [100000, 'burning'],
  ])('puts score %i in tier %s', (score, tier) => {
    expect(bitTier(score, T)).toBe(tier);
  });

  it('makes one signal per non-zero kind with its weight', () => {
    expect(bitSignals({ opens: 2, replies: 0, meetings: 1 }, W)).toEqual([
      { type: 'historical_open', count: 2, weight: 5 },
      { type: 'historical_meeting', count: 1, weight: 50 },
    ]);
    expect(bitSignals({ opens: 0, replies: 0, meetings: 0 }, W)).toEqual([]);
  });

  it('sums counts of a person on several rows and keeps the latest engagement date', () => {
    const m = mergeEngagement({ opens: 1, replies: 2, meetings: 0, lastEngagedAt: '2024-05-01' }, { opens: 3, replies: 0, meetings: 1, lastEngagedAt: '2023-01-01' });
    expect(m).toEqual({ opens: 4, replies: 2, meetings: 1, lastEngagedAt: '2024-05-01' });
    expect(mergeEngagement(m, { opens: 0, replies: 0, meetings: 0, lastEngagedAt: null }).lastEngagedAt).toBe('2024-05-01');
  });
});

describe('Talent Flow hash', () => {
  it('uses jsonb key order (length, then bytes) and jsonb spacing', () => {
    expect(canonicalJsonb({ title: 'VP', full_name: 'A', linkedin_url: null, company_unique_id: 'C' })).toBe(
      '{"title": "VP", "full_name": "A", "linkedin_url": null, "company_unique_id": "C"}',
    );
  });

  it('changes when the title changes and not when nothing changes', () => {
    const a = { full_name: 'John Smith', title: 'Sales Manager', company_unique_id: 'C1', linkedin_url: null };
    expect(talentFlowHash(a)).toBe(talentFlowHash({ ...a }));
    expect(talentFlowHash(a)).not.toBe(talentFlowHash({ ...a, title: 'VP Sales' }));
    expect(talentFlowHash(a)).toMatch(/^[0-9a-f]{32}$/);
  });
});
