import type { RunSummary } from '../pipeline/summary.js';

const n = (x: number): string => x.toLocaleString('en-US');

/** The seed note's execution summary, as plain text. */
export function formatSummary(s: RunSummary): string {
  return [
    `BACKFILL AGENT - EXECUTION SUMMARY${s.dry_run ? ' (DRY RUN: nothing was written)' : ''}`,
    `Process ID: ${s.process_id}   Worker ID: ${s.worker_id}`,
    `Rows Loaded: ${n(s.rows.loaded)}   Valid: ${n(s.rows.valid)}   Errors: ${n(s.rows.errors)}   Warnings: ${n(s.rows.warnings)}`,
    `Rows Processed: ${n(s.rows.processed)}   Duplicates: ${n(s.rows.duplicates)}`,
    '',
    'Companies:',
    `  - Matched: ${n(s.companies.matched)}`,
    `  - Created: ${n(s.companies.created)}`,
    `  - Updated: ${n(s.companies.updated)}`,
    '',
    'People:',
    `  - Matched: ${n(s.people.matched)}`,
    `  - Created: ${n(s.people.created)}`,
    `  - Updated: ${n(s.people.updated)}`,
    '',
    'Baselines:',
    `  - BIT Baselines: ${n(s.baselines.bit)}`,
    `  - BIT Signals: ${n(s.baselines.signals)}`,
    `  - TF Baselines: ${n(s.baselines.tf)}`,
    '',
    'Issues:',
    `  - Unresolved: ${n(s.issues.unresolved)}`,
    `  - Locked Field Skips: ${n(s.issues.locked_field_skips)}`,
    `  - Errors: ${n(s.issues.errors)}`,
    '',
    `Reports: ${s.reports.dir}`,
    `Duration: ${(s.duration_ms / 1000).toFixed(2)} s`,
    s.dry_run ? '' : `Undo this run with: backfill-tui rollback ${s.process_id}`,
  ].join('\n') + '\n';
}
