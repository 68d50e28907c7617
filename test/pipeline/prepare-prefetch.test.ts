import { describe, expect, it } from 'vitest';
import { decideAll } from '../../src/pipeline/decide.js';
import { silent } from '../../src/pipeline/events.js';
import { prepareMatching } from '../../src/pipeline/prepare.js';
import { seedGenerated, withEmbeddedSession } from '../helpers/session.js';

// The worker thread runs the compiled dist/pipeline/company-worker.js (built by the global setup).

describe('prepareMatching with the company candidate worker (embedded database)', () => {
  it('starts the worker while the master is indexed and attaches it to the matcher: the same decisions as without it', async () => {
    await withEmbeddedSession('bf-prefetch-', async (session, dataDir) => {
      const csv = await seedGenerated(session, dataDir, { rows: 600, masterPeople: 700, seed: 5, aliasHeaders: false, showcase: false });
      const file = await session.load(csv);

      const without = await prepareMatching(session.db, file, session.nctx, silent, 200, false, null);
      expect(without.prefetch).toBeUndefined();
      const alone = decideAll(without, session.thresholds, new Map());

      const prep = await prepareMatching(session.db, file, session.nctx, silent, 200, false, { minKeys: 1 });
      const p = prep.prefetch!;
      expect(p.keys).toBe(prep.matcher.companyKeysToPrefetch([...file.rows].filter((r) => r.valid && !prep.duplicates.has(r.index))).length);
      expect(p.keys).toBeGreaterThan(10);
      // Nothing has asked for a key yet: the worker, attached, computes every one.
      expect(await p.finished).toBe(p.keys);
      expect(prep.matcher.candidateSource).not.toBeNull();
      expect(decideAll(prep, session.thresholds, new Map()).decisions).toEqual(alone.decisions);
      expect(await p.stop()).toEqual({ keys: p.keys, onWorker: p.keys });
    });
  });
});
