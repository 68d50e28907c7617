import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../../src/config/load.js';
import { createNormalizeContext } from '../../../src/core/normalize/context.js';
import { BoundedCache, detachString, freezeResult, memoizeByStringInContext } from '../../../src/core/normalize/memo.js';
import { normalizeNamePart, normalizeNamePartUncached } from '../../../src/core/normalize/person-name.js';
import { normalizeTitle, normalizeTitleUncached } from '../../../src/core/normalize/title.js';
import { testContext } from './helpers.js';

const ctx = testContext();

describe('BoundedCache', () => {
  it('holds at most two generations of max entries', () => {
    const c = new BoundedCache<number>(10);
    for (let i = 0; i < 1000; i++) c.set(`k${i}`, i);
    expect(c.size).toBeLessThanOrEqual(20);
    expect(c.get('k999')).toBe(999);
    expect(c.get('k0')).toBeUndefined();
  });

  it('keeps an entry that is read again when its generation is retired', () => {
    const c = new BoundedCache<number>(3);
    c.set('a', 1);
    c.set('b', 2);
    c.set('c', 3);
    c.set('d', 4); // a, b, c are now the old generation
    expect(c.get('a')).toBe(1); // moved forward
    c.set('e', 5); // the current generation is full: a, d, e become old, b and c are dropped
    c.set('f', 6);
    expect(c.get('a')).toBe(1);
    expect(c.get('b')).toBeUndefined();
  });

  it('clear() empties it', () => {
    const c = new BoundedCache<number>(3);
    c.set('a', 1);
    c.clear();
    expect(c.size).toBe(0);
    expect(c.get('a')).toBeUndefined();
  });
});

describe('detachString and freezeResult', () => {
  it('detachString returns an equal string', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 60 }), fc.nat(40), (s, from) => {
        const slice = s.slice(Math.min(from, s.length));
        expect(detachString(slice)).toBe(slice);
      }),
    );
  });

  it('freezeResult freezes the object and its arrays, values unchanged', () => {
    const r = freezeResult({ value: 'Acme Corporation Worldwide', rules: ['company.case'], n: 1, none: null });
    expect(r).toEqual({ value: 'Acme Corporation Worldwide', rules: ['company.case'], n: 1, none: null });
    expect(Object.isFrozen(r)).toBe(true);
    expect(Object.isFrozen(r.rules)).toBe(true);
    expect(() => r.rules.push('x')).toThrow(TypeError);
  });
});

describe('memoizeByStringInContext', () => {
  it('returns the function result, the same frozen object for a repeated string', () => {
    let calls = 0;
    const f = memoizeByStringInContext((s: string, _c: object) => {
      calls++;
      return { value: s.toUpperCase(), rules: [] as string[] };
    }, 4);
    const c = {};
    const a = f('hello world, a long value', c);
    const b = f('hello world, a long value', c);
    expect(a).toEqual({ value: 'HELLO WORLD, A LONG VALUE', rules: [] });
    expect(b).toBe(a);
    expect(calls).toBe(1);
    expect(Object.isFrozen(a)).toBe(true);
  });

  it('keeps one cache per context', () => {
    const f = memoizeByStringInContext((s: string, c: { suffix: string }) => ({ value: s + c.suffix }));
    const c1 = { suffix: '1' };
    const c2 = { suffix: '2' };
    expect(f('x', c1).value).toBe('x1');
    expect(f('x', c2).value).toBe('x2');
    expect(f('x', c1).value).toBe('x1');
  });
});

describe('memoized normalizers equal the uncached ones', () => {
  const titleWords = fc.constantFrom(
    'vp', 'V.P.', 'sr.', 'Senior', 'vice president', 'of', 'SALES', 'mktg', 'Dir.', 'chief executive officer', 'c.e.o',
    'co-founder', '&', 'HR', 'head', 'EMEA', 'ops', '/', '-', ',', ' ', '  ', '\u00a0', 'Mgr', 'DevOps', 'it', 'and', 'the',
  );
  const title = fc.array(titleWords, { minLength: 1, maxLength: 6 }).map((w) => w.join(' '));

  it('normalizeTitle', () => {
    fc.assert(
      fc.property(fc.oneof(title, fc.string({ maxLength: 30 })), (raw) => {
        const uncached = normalizeTitleUncached(raw, ctx);
        expect(normalizeTitle(raw, ctx)).toEqual(uncached);
        expect(normalizeTitle(raw, ctx)).toEqual(uncached); // from the cache
      }),
      { numRuns: 3000 },
    );
  });

  const nameWords = fc.constantFrom('john', 'JOHN', 'Mary-Ann', "o'brien", 'MCDONALD', 'macdonald', 'Dr.', 'Jr.', 'van', 'der', 'Berg', 'J.', '"Jack"', ',', ' ', 'Müller', 'ÉMILE');
  const name = fc.array(nameWords, { minLength: 1, maxLength: 4 }).map((w) => w.join(' '));

  it.each(['first', 'last'] as const)('normalizeNamePart (%s)', (part) => {
    fc.assert(
      fc.property(fc.oneof(name, fc.string({ maxLength: 20 })), (raw) => {
        const uncached = normalizeNamePartUncached(raw, ctx, part);
        expect(normalizeNamePart(raw, ctx, part)).toEqual(uncached);
        expect(normalizeNamePart(raw, ctx, part)).toEqual(uncached);
      }),
      { numRuns: 2000 },
    );
  });

  it('a cached result is shared and frozen: a caller cannot change it for the other rows', () => {
    const a = normalizeTitle('sr. mgr, it', ctx);
    const b = normalizeTitle('sr. mgr, it', ctx);
    expect(b).toBe(a);
    expect(Object.isFrozen(a) && Object.isFrozen(a.rules)).toBe(true);
    expect(() => a.rules.push('x')).toThrow(TypeError);
  });

  it('results depend on the context they were computed with', () => {
    const { config, rules, personalDomains } = loadConfig();
    const other = createNormalizeContext({
      config,
      rules: { ...rules, title: { ...rules.title, acronyms: [...rules.title.acronyms, 'widget'] } },
      personalDomains,
    });
    expect(normalizeTitle('widget lead', ctx).value).toBe('Widget Lead');
    expect(normalizeTitle('widget lead', other).value).toBe('WIDGET Lead');
  });
});
