import { describe, expect, it } from 'vitest';
import { byIndex } from '../../src/core/by-index.js';

describe('lookup by row index', () => {
  it('finds every item of a dense, ordered list and nothing outside it', () => {
    const items = [{ index: 0, v: 'a' }, { index: 1, v: 'b' }, { index: 2, v: 'c' }];
    const at = byIndex(items);
    expect([0, 1, 2].map((i) => at(i)?.v)).toEqual(['a', 'b', 'c']);
    expect(at(3)).toBeUndefined();
  });

  it('finds items by their own index when the list has gaps or another order', () => {
    const items = [{ index: 5, v: 'x' }, { index: 2, v: 'y' }, { index: 9, v: 'z' }];
    const at = byIndex(items);
    expect([5, 2, 9].map((i) => at(i)?.v)).toEqual(['x', 'y', 'z']);
    expect(at(0)).toBeUndefined();
    expect(at(1)).toBeUndefined();
  });
});
