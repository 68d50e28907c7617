import type { PlanCounts } from '../core/plan.js';
import type { CommitResult } from '../db/commit.js';

// The --json summary of SPEC §2: key names are a contract.
export interface RunSummary {
  process_id: string;
  worker_id: string;
  csv_path: string;
  dry_run: boolean;
  database: 'embedded' | 'postgres';
  rows: { loaded: number; valid: number; errors: number; warnings: number; processed: number; duplicates: number };
  companies: { matched: number; created: number; updated: number };
  people: { matched: number; created: number; updated: number };
  baselines: { bit: number; tf: number; signals: number };
  issues: { unresolved: number; locked_field_skips: number; errors: number };
  reports: { dir: string };
  duration_ms: number;
  statuses: Record<string, number>;
  /** Wall time per phase; the read phase of a --yes run happens before the session opens. */
  timings_ms?: Record<string, number>;
  peak_rss_mb?: number;
}

export interface SummaryBase {
  processId: string;
  workerId: string;
  csvPath: string;
  dryRun: boolean;
  database: 'embedded' | 'postgres';
  reportDir: string;
  startedAt: Date;
}

export function buildSummary(base: SummaryBase, counts: PlanCounts, commit: CommitResult | null, tfPredicted?: number): RunSummary {
  const statuses: Record<string, number> = { ...counts.statuses };
  if (commit) {
    for (const k of Object.keys(statuses)) statuses[k] = 0;
    for (const r of commit.rows) statuses[r.status] = (statuses[r.status] ?? 0) + 1;
  }
  return {
    process_id: base.processId,
    worker_id: base.workerId,
    csv_path: base.csvPath,
    dry_run: base.dryRun,
    database: base.database,
    rows: { ...counts.rows },
    companies: commit ? { ...commit.companies } : { ...counts.companies },
    people: commit ? { ...commit.people } : { ...counts.people },
    baselines: commit ? { ...commit.baselines } : { ...counts.baselines, tf: tfPredicted ?? counts.baselines.tf },
    issues: {
      unresolved: counts.issues.unresolved,
      locked_field_skips: commit ? commit.lockedFieldSkips : counts.issues.locked_field_skips,
      errors: counts.issues.errors,
    },
    reports: { dir: base.reportDir },
    duration_ms: Date.now() - base.startedAt.getTime(),
    statuses,
  };
}
