import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { PACKAGE_ROOT } from '../../src/config/load.js';
import { decideAll } from '../../src/pipeline/decide.js';
import { memoryTexts, type DecisionTexts, type DecisionTextSource, type TextRow } from '../../src/core/explain.js';
import { byIndex } from '../../src/core/by-index.js';
import { DecisionSpill } from '../../src/io/decision-spill.js';
import { withEmbeddedSession } from '../helpers/session.js';

async function textsOf(source: DecisionTextSource, rows: readonly TextRow[]): Promise<DecisionTexts[]> {
  const out: DecisionTexts[] = [];
  for await (const t of source.textsOf(rows)) out.push(t);
  return out;
}

describe('RunSession.decideInSlices (the --yes run’s match, embedded database)', () => {
  it('keeps resolved rows’ decisions brief and unresolved rows whole, where the wizard’s match keeps all', async () => {
    await withEmbeddedSession('bf-detail-', async (session) => {
      const file = await session.load(join(PACKAGE_ROOT, 'fixtures', 'messy.csv'));
      const prep = await session.prepare(file);
      const headless = await session.decideInSlices(prep, session.thresholds, new Map());
      await prep.prefetch?.stop();
      const wizard = decideAll(prep, session.thresholds, new Map());
      const resolved = headless.decisions.filter((d) => d.status === 'resolved');
      expect(resolved.length).toBeGreaterThan(10);
      for (const d of resolved) {
        expect(d.company!.compared).toEqual({});
        expect(d.person!.compared).toEqual({});
        const full = wizard.decisions[d.index]!;
        expect(Object.keys(full.company!.compared).length).toBeGreaterThan(0);
        expect([d.company!.rule, d.company!.targetId, d.company!.reason]).toEqual([full.company!.rule, full.company!.targetId, full.company!.reason]);
      }
      for (const d of headless.decisions.filter((x) => x.status !== 'resolved')) expect(d).toEqual(wizard.decisions[d.index]);
    });
  });

  it('with a spill: resolved rows keep what the plan reads, and their texts come back as whole decisions give them', async () => {
    await withEmbeddedSession('bf-spill-', async (session) => {
      const file = await session.load(join(PACKAGE_ROOT, 'fixtures', 'messy.csv'));
      const prep = await session.prepare(file);
      const spill = DecisionSpill.open();
      try {
        const headless = await session.decideInSlices(prep, session.thresholds, new Map(), undefined, spill);
        await prep.prefetch?.stop();
        const wizard = decideAll(prep, session.thresholds, new Map());
        const resolved = headless.decisions.filter((d) => d.status === 'resolved');
        expect(resolved.length).toBeGreaterThan(10);
        expect(spill.count).toBe(resolved.length);
        for (const d of resolved) {
          expect(d.spilled).toBe(true);
          const full = wizard.decisions[d.index]!;
          expect([d.company!.rule, d.company!.targetId, d.person!.rule, d.person!.targetId, d.person!.confidence]).toEqual([full.company!.rule, full.company!.targetId, full.person!.rule, full.person!.targetId, full.person!.confidence]);
        }
        for (const d of headless.decisions.filter((x) => x.status !== 'resolved')) expect(d).toEqual(wizard.decisions[d.index]);
        const planned = session.plan(file, headless, prep.master);
        expect(planned).toEqual(session.plan(file, wizard, prep.master));
        const want = await textsOf(memoryTexts(byIndex(wizard.decisions)), planned.rows);
        expect(want.filter((t) => t.explanation.startsWith('company: ')).length).toBeGreaterThan(10);
        expect(want.filter((t, i) => planned.rows[i]!.status === 'initialized' && (t.companyRunnerUp || t.personRunnerUp)).length).toBeGreaterThan(0);
        expect(await textsOf(headless.texts!, planned.rows)).toEqual(want);
      } finally {
        spill.close();
      }
    });
  });
});
