import { acquireRunLock, releaseRunLock } from '../db/advisory-lock.js';
import { migrate } from '../db/migrate.js';
import { rollbackRun } from '../db/rollback.js';
import type { AppContext } from './context.js';
import { openFromContext } from './context.js';

export async function runRollback(ctx: AppContext, processId: string): Promise<number> {
  const db = await openFromContext(ctx);
  try {
    await migrate(db);
    await acquireRunLock(db);
    try {
      const r = await rollbackRun(db, processId, ctx.processId, ctx.workerId, ctx.options.force);
      if (ctx.options.json) {
        process.stdout.write(JSON.stringify({ process_id: processId, rolled_back_by: ctx.processId, ...r }) + '\n');
      } else {
        const d = r.deleted;
        process.stdout.write(
          `rolled back ${processId}: restored ${r.restored} record(s); deleted ${d.companies} companies, ${d.people} people, ` +
            `${d.bitSnapshots} BIT baselines, ${d.signals} signals, ${d.talentFlow} Talent Flow baselines, ${d.fallout} fallout rows\n` +
            (r.conflicts.length > 0 ? `--force overwrote ${r.conflicts.length} later edit(s); they are in shq.audit_log under ${ctx.processId}\n` : ''),
        );
      }
      return 0;
    } finally {
      await releaseRunLock(db);
    }
  } finally {
    await db.close();
  }
}
