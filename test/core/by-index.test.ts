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

  it('says undefined for an item left out of its place, and finds the others without a Map', () => {
    const items = [{ index: 0, v: 'a' }, undefined, { index: 2, v: 'c' }];
    const at = byIndex(items);
    expect([0, 1, 2].map((i) => at(i)?.v)).toEqual(['a', undefined, 'c']);
    // The same lookup sees a later removal: the array itself is the lookup.
    items[2] = undefined;
    expect(at(2)).toBeUndefined();
  });

  it('skips left-out items when the others are out of order', () => {
    const at = byIndex([{ index: 4, v: 'x' }, undefined, { index: 1, v: 'y' }]);
    expect([4, 1, 0].map((i) => at(i)?.v)).toEqual(['x', 'y', undefined]);
  });
});
