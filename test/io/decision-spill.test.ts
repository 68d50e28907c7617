import { existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { DecisionSpill, openSpillOrWarn, spilledTexts } from '../../src/io/decision-spill.js';
import type { DecisionTexts } from '../../src/core/explain.js';
import type { RowDecision } from '../../src/core/types.js';
import { toArray } from '../helpers/async.js';

const parents: string[] = [];
afterEach(() => {
  for (const p of parents.splice(0)) rmSync(p, { recursive: true, force: true });
});

function parent(): string {
  const p = mkdtempSync(join(tmpdir(), 'spill-test-'));
  parents.push(p);
  return p;
}

const texts = (i: number, extra = ''): DecisionTexts => ({
  explanation: `company: Domain acme.com matches Acme (${i}). | person: Name matches Jöhn “Smith” at 0.93${extra}`,
  companyRule: 'company.domain_exact',
  companyScore: '1.000',
  companyRunnerUp: i % 3 === 0 ? '' : `Acme, Inc. (CMP-${i}, 0.900)`,
  personRule: i % 2 === 0 ? 'person.name_fuzzy' : null,
  personScore: i % 2 === 0 ? '0.930' : null,
  personRunnerUp: '',
});

describe('DecisionSpill', () => {
  it('gives back every row put, in order, with its texts exactly (any text: quotes, newlines, emoji, any size)', async () => {
    const text = fc.string({ unit: 'grapheme', maxLength: 300 });
    await fc.assert(
      fc.asyncProperty(
        fc.array(
          fc.record({
            gap: fc.integer({ min: 1, max: 5 }),
            explanation: text,
            companyRule: fc.option(text),
            companyScore: fc.option(text),
            companyRunnerUp: text,
            personRule: fc.option(text),
            personScore: fc.option(text),
            personRunnerUp: text,
          }),
          { maxLength: 60 },
        ),
        async (items) => {
          const spill = DecisionSpill.open(parent());
          try {
            let index = -1;
            const put = items.map(({ gap, ...t }): [number, DecisionTexts] => [(index += gap), t]);
            for (const [i, t] of put) spill.put(i, t);
            expect(await toArray(spill.entries())).toEqual(put);
          } finally {
            spill.close();
          }
        },
      ),
      { numRuns: 50 },
    );
  });

  it('reads back across its 1 MB write and read pieces, with two readers at once, multi-byte characters on the seams', async () => {
    const spill = DecisionSpill.open(parent());
    try {
      const n = 12_000; // ~2.5 MB of lines
      for (let i = 0; i < n; i++) spill.put(i, texts(i, '€'.repeat(i % 7)));
      const [a, b] = await Promise.all([toArray(spill.entries()), toArray(spill.entries())]);
      expect(a.length).toBe(n);
      expect(b).toEqual(a);
      for (const [i, t] of a) expect(t).toEqual(texts(i, '€'.repeat(i % 7)));
      expect(spill.count).toBe(n);
    } finally {
      spill.close();
    }
  });

  it('refuses rows out of order', () => {
    const spill = DecisionSpill.open(parent());
    try {
      spill.put(5, texts(5));
      expect(() => spill.put(5, texts(5))).toThrow(/row 5 after row 5/);
      expect(() => spill.put(2, texts(2))).toThrow(/in order/);
    } finally {
      spill.close();
    }
  });

  it('leaves no file behind: none to see while open, its directory gone once closed', () => {
    const p = parent();
    const spill = DecisionSpill.open(p);
    spill.put(0, texts(0));
    const [dir] = readdirSync(p);
    expect(dir).toMatch(/^backfill-tui-/);
    if (process.platform !== 'win32') expect(readdirSync(join(p, dir!))).toEqual([]); // unlinked, held open
    spill.close();
    spill.close(); // idempotent
    expect(existsSync(join(p, dir!))).toBe(false);
    expect(() => spill.put(1, texts(1))).toThrow(/closed/);
  });
});

describe('openSpillOrWarn', () => {
  it('gives no spill, and says why and what to do, when the temporary directory cannot be written', () => {
    const before = process.env.TMPDIR;
    process.env.TMPDIR = join(parent(), 'missing', 'dir');
    try {
      const warnings: string[] = [];
      expect(openSpillOrWarn((m) => warnings.push(m))).toBeNull();
      expect(warnings.join('')).toMatch(/no temporary file for the decisions' texts \(ENOENT.*keeping them in memory \(set TMPDIR/);
    } finally {
      if (before === undefined) delete process.env.TMPDIR;
      else process.env.TMPDIR = before;
    }
    const spill = openSpillOrWarn(() => expect.unreachable());
    expect(spill).not.toBeNull();
    spill!.close();
  });
});

describe('spilledTexts', () => {
  const decision = (index: number, spilled: boolean): RowDecision => {
    const d: RowDecision = { index, line: index + 2, hash: `h${index}`, company: null, person: null, status: 'duplicate' };
    if (spilled) d.spilled = true;
    return d;
  };

  it('takes a spilled row from the spill and any other from its decision, in the rows order', async () => {
    const spill = DecisionSpill.open(parent());
    try {
      const decisions = [decision(0, true), decision(1, false), decision(2, true), decision(3, true), decision(4, false)];
      for (const i of [0, 2, 3]) spill.put(i, texts(i));
      const source = spilledTexts((i) => decisions[i], spill);
      const rows = decisions.map((d) => ({ index: d.index, status: d.spilled ? 'initialized' : 'duplicate' }));
      const dup: DecisionTexts = { explanation: 'identical row already imported (same row hash)', companyRule: null, companyScore: null, companyRunnerUp: '', personRule: null, personScore: null, personRunnerUp: '' };
      expect(await toArray(source.textsOf(rows))).toEqual([texts(0), dup, texts(2), texts(3), dup]);
      // A subset (the rows of one status), read again: the spill is read from its start each time.
      expect(await toArray(source.textsOf([rows[3]!, rows[4]!]))).toEqual([texts(3), dup]);
    } finally {
      spill.close();
    }
  });

  it('fails on a spilled row the spill does not have, instead of writing an empty explanation', async () => {
    const spill = DecisionSpill.open(parent());
    try {
      const decisions = [decision(0, true), decision(1, true)];
      spill.put(0, texts(0));
      const source = spilledTexts((i) => decisions[i], spill);
      await expect(toArray(source.textsOf(decisions.map((d) => ({ index: d.index, status: 'initialized' }))))).rejects.toThrow(/row 1: .* not in the spill/);
    } finally {
      spill.close();
    }
  });
});
