import { Box, Text, useInput } from 'ink';
import { basename } from 'node:path';
import type { LockedSkipView } from '../backend.js';
import type { KeyHelp } from '../components/HelpOverlay.js';
import { Progress } from '../components/Progress.js';
import { fmt, tone } from '../theme.js';
import type { WizardState } from '../wizard-state.js';

export const COMMIT_KEYS: KeyHelp[] = [
  ['y or Enter', 'commit (one transaction: all or nothing)'],
  ['Esc', 'back to the review (before the commit)'],
  ['Ctrl-C', 'during the commit: abort, everything is rolled back'],
  ['Enter', 'after the commit: exit'],
];

export interface SummaryCounts {
  rows: { loaded: number; valid: number; errors: number; warnings: number; processed: number; duplicates: number };
  companies: { matched: number; created: number; updated: number };
  people: { matched: number; created: number; updated: number };
  baselines: { bit: number; tf: number; signals: number };
  issues: { unresolved: number; locked_field_skips: number; errors: number };
}

/** The seed's execution summary, folded to fit 80 columns. */
export function summaryLines(s: SummaryCounts): string[] {
  const n = fmt;
  return [
    `Rows Loaded: ${n(s.rows.loaded)}  Valid: ${n(s.rows.valid)}  Errors: ${n(s.rows.errors)}  Warnings: ${n(s.rows.warnings)}`,
    `Rows Processed: ${n(s.rows.processed)}  Duplicates: ${n(s.rows.duplicates)}`,
    `Companies:  Matched ${n(s.companies.matched)}  Created ${n(s.companies.created)}  Updated ${n(s.companies.updated)}`,
    `People:     Matched ${n(s.people.matched)}  Created ${n(s.people.created)}  Updated ${n(s.people.updated)}`,
    `Baselines:  BIT ${n(s.baselines.bit)}  BIT Signals ${n(s.baselines.signals)}  TF ${n(s.baselines.tf)}`,
    `Issues:     Unresolved ${n(s.issues.unresolved)}  Locked Field Skips ${n(s.issues.locked_field_skips)}  Errors ${n(s.issues.errors)}`,
  ];
}

function skipLine(k: LockedSkipView): string {
  const cur = k.current === null || k.current === '' ? '(empty)' : JSON.stringify(k.current);
  return `${k.entity} ${k.id} ${k.field}: keeps ${cur}, not ${JSON.stringify(k.value)} (${k.reason})`;
}

export interface CommitScreenProps {
  state: Pick<WizardState, 'commit' | 'work'>;
  width: number;
  height: number;
  active: boolean;
  onConfirm(): void;
  onExit(): void;
}

export function CommitScreen({ state, width, height, active, onConfirm, onExit }: CommitScreenProps) {
  const c = state.commit;
  useInput(
    (input, key) => {
      if (c.status === 'confirm' && (input === 'y' || key.return)) onConfirm();
      else if (c.status === 'done' && key.return) onExit();
    },
    { isActive: active },
  );

  if (c.status === 'planning' || c.status === 'writing' || c.status === 'aborting' || !c.plan) {
    return (
      <Box flexDirection="column" width={width}>
        <Text bold>{c.status === 'aborting' ? 'Interrupted: rolling back' : c.status === 'writing' ? 'Committing' : 'Planning'}</Text>
        {state.work ? <Progress work={state.work} width={width} /> : null}
        {c.status === 'writing' ? <Text color={tone('muted')}>Ctrl-C aborts: the transaction is rolled back, nothing is written.</Text> : null}
      </Box>
    );
  }
  if (c.status === 'done' && c.result) {
    const s = c.result.summary;
    const r = c.result.reports;
    return (
      <Box flexDirection="column" width={width}>
        <Text bold color={tone('good')}>
          DONE{s.dry_run ? ' (DRY RUN: nothing was written)' : ': committed in one transaction'}
        </Text>
        <Text bold>BACKFILL AGENT - EXECUTION SUMMARY</Text>
        {summaryLines(s).map((l, i) => (
          <Text key={i} wrap="truncate-end">
            {l}
          </Text>
        ))}
        <Text> </Text>
        <Text wrap="truncate-end">
          Process ID: <Text bold>{s.process_id}</Text>  Worker ID: {s.worker_id}
        </Text>
        {s.dry_run ? null : <Text wrap="truncate-end">Undo this run with: backfill-tui rollback {s.process_id}</Text>}
        <Text wrap="truncate-end">Reports: {r.dir}</Text>
        <Text wrap="truncate-end">
          {'  '}
          {[r.summary, r.decisions, r.fallout, r.validation].map((p) => basename(p)).join('  ')}
        </Text>
        <Text color={tone('muted')}>Enter or q: exit</Text>
      </Box>
    );
  }
  const plan = c.plan;
  const skipRows = Math.max(1, height - 14);
  return (
    <Box flexDirection="column" width={width}>
      <Text bold>BACKFILL AGENT - EXECUTION SUMMARY (PLAN{plan.dryRun ? ', DRY RUN' : ''})</Text>
      {summaryLines(plan.counts).map((l, i) => (
        <Text key={i} wrap="truncate-end">
          {l}
        </Text>
      ))}
      <Text bold wrap="truncate-end">
        Locked fields that would have been overwritten: {plan.skipped.length === 0 ? 'none' : fmt(plan.skipped.length)}
      </Text>
      {plan.skipped.slice(0, skipRows).map((k, i) => (
        <Text key={i} color={tone('warn')} wrap="truncate-end">
          {'  '}LOCKED {skipLine(k)}
        </Text>
      ))}
      {plan.skipped.length > skipRows ? <Text color={tone('muted')}>  ... and {fmt(plan.skipped.length - skipRows)} more (all in decisions.csv)</Text> : null}
      <Text> </Text>
      {c.status === 'failed' && c.problem ? (
        <Box flexDirection="column">
          <Text color={tone('bad')} bold wrap="wrap">
            FAILED, nothing was written: {c.problem.message}
          </Text>
          {c.problem.hint ? <Text wrap="wrap">hint: {c.problem.hint}</Text> : null}
          <Text color={tone('muted')}>Esc: back to the review   q: quit</Text>
        </Box>
      ) : (
        <Text wrap="truncate-end">
          <Text bold>{plan.dryRun ? 'Dry run: write nothing, only the reports?' : `Write to ${plan.database}?`}</Text> y or Enter: yes   Esc: back   q: quit, nothing written
        </Text>
      )}
    </Box>
  );
}
