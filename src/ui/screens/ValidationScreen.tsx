import { useState } from 'react';
import { Box, Text, useInput } from 'ink';
import type { LoadView } from '../backend.js';
import type { KeyHelp } from '../components/HelpOverlay.js';
import { Progress } from '../components/Progress.js';
import { TextTable } from '../components/TextTable.js';
import { fit, fmt, tone } from '../theme.js';
import type { Problem, WizardState } from '../wizard-state.js';

export const VALIDATION_KEYS: KeyHelp[] = [
  ['Up/Down', 'scroll the problems one line'],
  ['PgUp/PgDn', 'scroll the problems one page'],
  ['Enter', 'continue to the thresholds'],
  ['Esc', 'choose another file'],
];

export interface ValidationScreenProps {
  state: Pick<WizardState, 'file' | 'load' | 'prepare' | 'work'>;
  width: number;
  height: number;
  active: boolean;
  onContinue(): void;
}

function MappingGrid({ view, width }: { view: LoadView; width: number }) {
  const per = width >= 120 ? 4 : 3;
  const cw = Math.floor((width - 2) / per);
  const cells = view.mapping.map((m) => {
    const name = `${m.canonical}${m.required ? '*' : ''}`;
    if (m.header === null) return `${name} ← ${m.required ? 'MISSING' : '-'}`;
    return m.header.trim().toLowerCase() === m.canonical ? `${name} (same)` : `${name} ← ${m.header}`;
  });
  const lines: string[] = [];
  for (let i = 0; i < cells.length; i += per) lines.push(cells.slice(i, i + per).map((c) => fit(c, cw - 1)).join(' '));
  return (
    <Box flexDirection="column">
      <Text bold>Header mapping (canonical ← file header, * required)</Text>
      {lines.map((l, i) => (
        <Text key={i} wrap="truncate-end">
          {l}
        </Text>
      ))}
      {view.unknownHeaders.length > 0 ? (
        <Text color={tone('muted')} wrap="truncate-end">
          kept, not mapped: {view.unknownHeaders.join(', ')}
        </Text>
      ) : null}
    </Box>
  );
}

function ProblemBox({ problem, width }: { problem: Problem; width: number }) {
  return (
    <Box flexDirection="column" borderStyle="single" paddingX={1} width={Math.min(width, 78)}>
      <Text color={tone('bad')} bold>
        ERROR: this file cannot be imported
      </Text>
      <Text wrap="wrap">{problem.message}</Text>
      {problem.hint ? <Text wrap="wrap">hint: {problem.hint}</Text> : null}
      <Text color={tone('muted')}>Esc: choose another file</Text>
    </Box>
  );
}

export function ValidationScreen({ state, width, height, active, onContinue }: ValidationScreenProps) {
  const [offset, setOffset] = useState(0);
  const view = state.load.view;
  const issueRows = Math.max(3, height - 13);
  const maxOffset = Math.max(0, (view?.issues.length ?? 0) - issueRows);

  useInput(
    (_input, key) => {
      if (key.upArrow) setOffset((o) => Math.max(0, o - 1));
      else if (key.downArrow) setOffset((o) => Math.min(maxOffset, o + 1));
      else if (key.pageUp) setOffset((o) => Math.max(0, o - issueRows));
      else if (key.pageDown) setOffset((o) => Math.min(maxOffset, o + issueRows));
      else if (key.return) onContinue();
    },
    { isActive: active },
  );

  if (state.load.status === 'loading') {
    return (
      <Box flexDirection="column">
        <Text wrap="truncate-end">File: {state.file}</Text>
        {state.work ? <Progress work={state.work} width={width} /> : null}
      </Box>
    );
  }
  if ((state.load.status === 'unusable' || state.load.status === 'failed') && state.load.problem) {
    return (
      <Box flexDirection="column">
        <Text wrap="truncate-end">File: {state.file}</Text>
        <ProblemBox problem={state.load.problem} width={width} />
      </Box>
    );
  }
  if (!view) return <Text>No file loaded.</Text>;
  const shown = view.issues.slice(offset, offset + issueRows);
  const msgWidth = Math.max(10, width - 6 - 1 - 14 - 1 - 16 - 1 - 5);
  return (
    <Box flexDirection="column" width={width}>
      <Text wrap="truncate-end">
        File: {view.path} ({view.encoding})
      </Text>
      <Text wrap="truncate-end">
        Rows {fmt(view.rows)} valid {fmt(view.valid)}{' '}
        <Text color={view.errors > 0 ? tone('bad') : undefined}>errors {fmt(view.errors)}</Text>{' '}
        <Text color={view.warnings > 0 ? tone('warn') : undefined}>warnings {fmt(view.warnings)}</Text>
        <Text color={tone('muted')}> (rows with an error are not imported)</Text>
      </Text>
      <MappingGrid view={view} width={width} />
      <Text bold wrap="truncate-end">
        Problems {view.issues.length === 0 ? 'none' : `${offset + 1}-${offset + shown.length} of ${fmt(view.issues.length)}`}
      </Text>
      {view.issues.length > 0 ? (
        <TextTable
          columns={[
            { title: 'line', width: 6, align: 'right' },
            { title: 'column', width: 14 },
            { title: 'code', width: 16 },
            { title: 'sev', width: 4 },
            { title: 'message', width: msgWidth },
          ]}
          rows={shown.map((i) => ({
            cells: [String(i.line), i.column ?? '(row)', i.code, i.severity === 'error' ? 'ERR' : 'WARN', i.message],
            tone: i.severity === 'error' ? 'bad' : 'warn',
          }))}
        />
      ) : null}
      {state.prepare.status === 'running' && state.work ? <Progress work={state.work} width={width} /> : null}
      {state.prepare.status === 'failed' && state.prepare.problem ? (
        <Text color={tone('bad')} wrap="wrap">
          ERROR reading the database: {state.prepare.problem.message}
        </Text>
      ) : null}
    </Box>
  );
}
