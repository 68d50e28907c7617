import { loadConfig } from '../../src/config/load.js';
import { buildPlan, type PlanPolicy } from '../../src/core/plan.js';
import type { NormalizedRow, RowDecision } from '../../src/core/types.js';
import { commitPlan, type CommitSettings, type RunInfo } from '../../src/db/commit.js';
import { loadMaster } from '../../src/db/master-repo.js';
import { migrate } from '../../src/db/migrate.js';
import type { Db } from '../../src/db/types.js';
import { planPolicyOf } from '../../src/pipeline/decide.js';
import { decision, entity, makeRow } from './rows.js';
import { seedMaster, type SeedPerson } from './seed.js';

// Planning and committing rows straight through the core and the commit, for the commit tests.

export const policy: PlanPolicy = planPolicyOf(loadConfig()); // the shipped defaults: fill_empty, 5/30/50, cold..burning
export const settings: CommitSettings = { companyPrefix: '04.04.02.04.30000', personPrefix: '04.04.02.04.20000', minDigits: 3, updatePolicy: 'fill_empty', globalLocked: ['notes_internal'] };

let runNo = 0;
export const run = (): RunInfo => ({ processId: `PRC-BF-TEST${++runNo}`, workerId: 'backfill-test', csvPath: '/tmp/x.csv', csvSha256: null, startedAt: new Date() });

/** Plans against the current master tables, runs `between` (a concurrent change), then commits. */
export async function planAndCommit(db: Db, rows: NormalizedRow[], decisions: RowDecision[], between?: () => Promise<void>) {
  const master = await loadMaster(db);
  const plan = buildPlan({ rows, decisions, master, policy });
  await between?.();
  const r = run();
  const result = await commitPlan(db, { plan, rows, decisions, run: r, settings, summary: () => ({ ok: true }) });
  return { plan, result, processId: r.processId };
}

/** The master records commitScenario() refers to: company C1 and person P1 with a corrected (locked) title. */
export async function seedCommitMaster(db: Db, morePeople: SeedPerson[] = []): Promise<void> {
  await migrate(db);
  await seedMaster(db, [{ id: 'C1', name: 'ACME CORP, INC.', domain: 'ACME.COM' }], [
    { id: 'P1', companyId: 'C1', fullName: 'John Smith', first: 'John', last: 'Smith', correctedTitle: true },
    ...morePeople,
  ]);
}

/**
 * Row 0: a new company and person with engagement (names as given); row 1: the existing company C1
 * and person P1 (see seedCommitMaster), with email, phone and title.
 */
export function commitScenario(newcomer = { person: 'Ann Lee', company: 'Newco', domain: 'newco.io' }): { rows: NormalizedRow[]; decisions: RowDecision[] } {
  const r0 = makeRow({ index: 0, fullName: newcomer.person, companyName: newcomer.company, domain: newcomer.domain, opens: 20, replies: 3, meetings: 1, lastEngagedAt: '2024-03-01', title: 'CEO' });
  const r1 = makeRow({ index: 1, fullName: 'John Smith', title: 'VP Sales', email: 'john@acme.com', phone: '+15551234567', replies: 1 });
  return {
    rows: [r0, r1],
    decisions: [
      decision(r0, entity({ entity: 'company', outcome: 'new', targetId: 'new:company:0' }), entity({ entity: 'person', outcome: 'new', targetId: 'new:person:0' })),
      decision(r1, entity({ entity: 'company', outcome: 'matched', targetId: 'C1' }), entity({ entity: 'person', outcome: 'matched', targetId: 'P1' })),
    ],
  };
}
