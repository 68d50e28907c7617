import { describe, expect, it } from 'vitest';
import { sourceRowOf } from '../../src/pipeline/prepare.js';
import { seedGenerated, withEmbeddedSession } from '../helpers/session.js';

describe('RunSession.prepareOnce + matchedRecords + planOnce (the --yes run’s master and plan, embedded database)', () => {
  it('lets go of the master snapshot and of each row once planned, and plans from the matched records read again exactly as from the whole snapshot', async () => {
    await withEmbeddedSession('bf-matched-', async (session, dataDir) => {
      const csv = await seedGenerated(session, dataDir, { rows: 800, masterPeople: 900, seed: 11, aliasHeaders: false, showcase: false });
      const file = await session.load(csv);
      const kept = await session.prepare(file);
      await kept.prefetch?.stop();
      const once = await session.prepareOnce(file);
      await once.prefetch?.stop();
      expect(once.master).toBeNull();
      expect(kept.master.people.length).toBe(900);

      const decided = await session.decideInSlices(once, session.thresholds, new Map());
      const matched = await session.matchedRecords(decided);
      // Only the records the rows chose or proposed: far fewer than the master holds.
      expect(matched.people.length).toBeGreaterThan(300);
      expect(matched.people.length).toBeLessThan(kept.master.people.length);
      const fromMatched = session.plan(file, decided, matched);
      const fromSnapshot = session.plan(file, decided, kept.master);
      expect(fromMatched.counts.people.updated).toBeGreaterThan(0);
      expect(fromMatched.counts.issues.locked_field_skips).toBeGreaterThan(0);
      expect(fromMatched).toEqual(fromSnapshot);

      // planOnce: the same plan, the file consumed, each row kept as its SourceRow.
      const before = [...file.rows.heads()].map(sourceRowOf);
      const once2 = session.planOnce(file, decided, matched);
      expect(once2.plan).toEqual(fromSnapshot);
      expect(once2.file.rows).toEqual(before);
      expect(file.rows.length).toBe(0);
      expect(once2.file.rows[0]).not.toHaveProperty('companyKey');
    });
  });
});
