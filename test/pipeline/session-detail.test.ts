import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { PACKAGE_ROOT } from '../../src/config/load.js';
import { decideAll } from '../../src/pipeline/decide.js';
import { withEmbeddedSession } from '../helpers/session.js';

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
});
