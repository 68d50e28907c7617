import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { buildPlan, PERSON_FIELDS, type PlanPolicy } from '../../src/core/plan.js';
import { lockReason } from '../../src/core/locks.js';
import type { LockInfo, MasterSnapshot, PersonRecord } from '../../src/core/types.js';
import { commitPlan } from '../../src/db/commit.js';
import { loadMaster } from '../../src/db/master-repo.js';
import { migrate } from '../../src/db/migrate.js';
import { createPgliteDatabase } from '../helpers/db.js';
import { decision, entity, makeRow } from '../helpers/rows.js';
import { seedMaster } from '../helpers/seed.js';

// Locked fields are never written: a property over random locks, random current values and random
// incoming rows, on the pure plan and through a real commit.

const FIELDS = ['title', 'email', 'phone', 'linkedin_url', 'first_name', 'last_name'] as const;
type F = (typeof FIELDS)[number];
const policyOf = (updatePolicy: PlanPolicy['updatePolicy']): PlanPolicy => ({
  updatePolicy,
  globalLocked: ['notes_internal'],
  weights: { historical_open: 5, historical_reply: 30, historical_meeting: 50 },
  tiers: [{ name: 'cold', min: 0 }],
});

const value = fc.option(fc.constantFrom('a', 'b', 'VP Sales', 'x@acme.com', '+15551234567'), { nil: null });
const personArb = fc.record({
  current: fc.record(Object.fromEntries(FIELDS.map((f) => [f, value])) as Record<F, typeof value>),
  incoming: fc.record(Object.fromEntries(FIELDS.map((f) => [f, value])) as Record<F, typeof value>),
  locked: fc.subarray([...FIELDS]),
  overrides: fc.subarray([...FIELDS]),
  correctedEmail: fc.boolean(),
  correctedTitle: fc.boolean(),
});

interface Gen {
  current: Record<F, string | null>;
  incoming: Record<F, string | null>;
  locked: F[];
  overrides: F[];
  correctedEmail: boolean;
  correctedTitle: boolean;
}

function record(id: string, p: Gen): PersonRecord {
  const locks: LockInfo = { lockedFields: p.locked, manualOverrideKeys: p.overrides, manuallyCorrectedEmail: p.correctedEmail, manuallyCorrectedTitle: p.correctedTitle };
  return {
    id,
    companyId: 'C1',
    firstName: p.current.first_name,
    lastName: p.current.last_name,
    fullName: 'Some One',
    title: p.current.title,
    email: p.current.email,
    phone: p.current.phone,
    linkedinUrl: p.current.linkedin_url,
    locks,
  };
}

function rowFor(i: number, p: Gen) {
  return makeRow({
    index: i,
    fullName: 'Some One',
    firstName: p.incoming.first_name,
    lastName: p.incoming.last_name,
    title: p.incoming.title,
    email: p.incoming.email,
    emails: p.incoming.email ? [p.incoming.email] : [],
    phone: p.incoming.phone,
    linkedinUrl: p.incoming.linkedin_url,
  });
}

describe('locked fields never change (property)', () => {
  it('the plan never applies a locked field, under either update policy', () => {
    fc.assert(
      fc.property(fc.array(personArb, { minLength: 1, maxLength: 6 }), fc.constantFrom('fill_empty', 'prefer_incoming' as const), (people, pol) => {
        const master: MasterSnapshot = { companies: [{ id: 'C1', name: 'Acme', domain: null, websiteUrl: null, locks: { lockedFields: [], manualOverrideKeys: [] } }], people: people.map((p, i) => record(`P${i}`, p)) };
        const rows = people.map((p, i) => rowFor(i, p));
        const decisions = rows.map((r, i) => decision(r, entity({ entity: 'company', outcome: 'matched', targetId: 'C1' }), entity({ entity: 'person', outcome: 'matched', targetId: `P${i}` })));
        const plan = buildPlan({ rows, decisions, master, policy: policyOf(pol) });
        for (const u of plan.personUpdates) {
          const rec = master.people.find((p) => p.id === u.id)!;
          for (const f of u.applied) expect(lockReason(f, rec.locks, ['notes_internal']), `${u.id}.${f}`).toBeNull();
          for (const s of u.skipped) expect(lockReason(s.field, rec.locks, ['notes_internal'])).not.toBeNull();
        }
      }),
      { numRuns: 300 },
    );
  });

  it('a real commit leaves every locked field as it was (embedded database)', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(personArb, { minLength: 1, maxLength: 4 }), async (people) => {
        const t = await createPgliteDatabase();
        try {
          await migrate(t.db);
          await seedMaster(
            t.db,
            [{ id: 'C1', name: 'Acme' }],
            people.map((p, i) => ({
              id: `P${i}`,
              companyId: 'C1',
              fullName: 'Some One',
              first: p.current.first_name,
              last: p.current.last_name,
              title: p.current.title,
              email: p.current.email,
              phone: p.current.phone,
              linkedin: p.current.linkedin_url,
              locked: p.locked,
              overrides: Object.fromEntries(p.overrides.map((f) => [f, 'human'])),
              correctedEmail: p.correctedEmail,
              correctedTitle: p.correctedTitle,
            })),
          );
          const master = await loadMaster(t.db);
          const rows = people.map((p, i) => rowFor(i, p));
          const decisions = rows.map((r, i) => decision(r, entity({ entity: 'company', outcome: 'matched', targetId: 'C1' }), entity({ entity: 'person', outcome: 'matched', targetId: `P${i}` })));
          const plan = buildPlan({ rows, decisions, master, policy: policyOf('prefer_incoming') });
          await commitPlan(t.db, {
            plan,
            rows,
            decisions,
            run: { processId: 'PRC-BF-PROP', workerId: 'w', csvPath: 'x', csvSha256: null, startedAt: new Date() },
            settings: { companyPrefix: 'C', personPrefix: 'P', minDigits: 3, updatePolicy: 'prefer_incoming', globalLocked: ['notes_internal'] },
            summary: () => ({}),
          });
          const after = await t.db.query<Record<string, string | null>>(`SELECT person_unique_id, ${PERSON_FIELDS.join(', ')}, notes_internal FROM marketing.people_master ORDER BY person_unique_id`);
          for (const row of after.rows) {
            const i = Number(row.person_unique_id!.slice(1));
            const p = people[i]!;
            const rec = record(`P${i}`, p);
            expect(row.notes_internal).toBe('human note');
            for (const f of FIELDS) {
              if (lockReason(f, rec.locks, ['notes_internal']) !== null) expect(row[f], `P${i}.${f}`).toBe(p.current[f]);
            }
          }
        } finally {
          await t.drop();
        }
      }),
      { numRuns: 8 },
    );
  }, 240000);
});
