import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { FieldInterner, Interner } from '../../src/core/intern.js';

describe('Interner', () => {
  it('changes no value: whatever it is given, it returns an equal string (property)', () => {
    fc.assert(
      fc.property(fc.array(fc.oneof(fc.constantFrom('Acme', 'VP of Sales', 'john', 'a'.repeat(40)), fc.string({ maxLength: 30 })), { maxLength: 300 }), (values) => {
        const ix = new Interner({ max: 8, window: 16, minHitRate: 0.5 });
        for (const v of values) expect(ix.of(v)).toBe(v);
      }),
    );
    expect(new Interner().of(null)).toBeNull();
  });

  it('keeps at most `max` distinct values', () => {
    const ix = new Interner({ max: 5, window: 1000 });
    for (let i = 0; i < 50; i++) ix.of(`value ${i % 20}`);
    expect(ix.size).toBe(5);
    expect(ix.active).toBe(true);
  });

  it('switches itself off (and lets go of its values) when too few lookups repeat a value, and stays on when they do', () => {
    const distinct = new Interner({ window: 100, minHitRate: 0.25 });
    for (let i = 0; i < 99; i++) distinct.of(`person${i}@example.com`);
    expect(distinct.active).toBe(true); // the first window is not over yet
    distinct.of('person99@example.com');
    expect(distinct.active).toBe(false);
    expect(distinct.size).toBe(0);
    expect(distinct.of('person1@example.com')).toBe('person1@example.com');

    const titles = new Interner({ window: 100, minHitRate: 0.25 });
    for (let i = 0; i < 1000; i++) titles.of(['CEO', 'CTO', 'VP of Sales', 'Engineer'][i % 4]!);
    expect(titles.active).toBe(true);
    expect(titles.size).toBe(4);
  });
});

describe('FieldInterner', () => {
  it('replaces only the named fields, with equal values, and reports which fields still intern', () => {
    interface Row {
      title: string | null;
      email: string;
      n: number;
    }
    const fi = new FieldInterner<Row>(['title', 'email'], { window: 10, minHitRate: 0.5 });
    const rows: Row[] = Array.from({ length: 40 }, (_, i) => ({ title: i % 3 === 0 ? null : `Title ${i % 2}`, email: `p${i}@x.com`, n: i }));
    const before = structuredClone(rows);
    for (const r of rows) fi.apply(r);
    expect(rows).toEqual(before);
    expect(fi.active()).toEqual({ title: true, email: false });
  });
});
