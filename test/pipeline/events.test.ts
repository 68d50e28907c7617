import { describe, expect, it } from 'vitest';
import { rateText, withRate, type PipelineEvent } from '../../src/pipeline/events.js';
import { progressText } from '../../src/ui/components/Progress.js';

const ev = (done: number, total: number | null, unit = 'rows'): PipelineEvent => ({ phase: 'read', done, total, unit });

describe('progress rate and ETA', () => {
  it('gives rows per second since the phase started and the seconds left at that rate', () => {
    const e = withRate(ev(25_000, 100_000), 1_000, 3_500); // 25k rows in 2.5 s
    expect(e.ratePerS).toBe(10_000);
    expect(e.etaS).toBe(8); // 75k rows left at 10k/s -> 7.5 s, rounded up
    expect(rateText(e)).toBe(' 10,000 rows/s eta 8s');
  });

  it('has no ETA when the total is unknown or reached, and no rate for other units or at the start', () => {
    expect(withRate(ev(5_000, null), 0, 1_000).etaS).toBeUndefined();
    expect(withRate(ev(100, 100), 0, 1_000)).toMatchObject({ ratePerS: 100 });
    expect(withRate(ev(100, 100), 0, 1_000).etaS).toBeUndefined();
    expect(withRate(ev(3, 9, 'steps'), 0, 1_000).ratePerS).toBeUndefined();
    expect(withRate(ev(0, 9), 0, 1_000).ratePerS).toBeUndefined();
    expect(rateText(ev(5, 9))).toBe('');
  });

  it('shows the rate and ETA in the wizard progress line', () => {
    const e = withRate({ ...ev(50_000, 200_000), phase: 'match' }, 0, 5_000);
    expect(progressText({ label: 'Matching', event: e })).toBe('Matching: match 50,000 of 200,000 rows 10,000 rows/s eta 15s');
  });
});
