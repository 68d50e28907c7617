import { useEffect, useState } from 'react';
import { useRefState } from '../hooks/use-ref-state.js';
import { Box, Text, useInput } from 'ink';
import TextInput from 'ink-text-input';
import { relative, isAbsolute } from 'node:path';
import type { KeyHelp } from '../components/HelpOverlay.js';
import { completePath, resolvePath } from '../files.js';
import { fit, tone } from '../theme.js';

export const FILE_KEYS: KeyHelp[] = [
  ['Up/Down', 'choose a file in the list'],
  ['Enter', 'open the chosen file (or the typed path)'],
  ['/ or Tab', 'type a path instead'],
  ['Tab', '(while typing) complete the path'],
  ['Esc', '(while typing) back to the list'],
];

export interface FileScreenProps {
  cwd: string;
  recent: readonly string[];
  csvs: readonly string[]; // names in cwd
  error: string | null;
  width: number;
  height: number;
  active: boolean;
  onChoose(path: string): void;
  /** Tells the app that keys are text now (q and ? are typed, not commands). */
  onTextMode(on: boolean): void;
}

interface Entry {
  path: string; // absolute
  label: string;
  origin: 'recent' | 'here';
}

export function fileEntries(cwd: string, recent: readonly string[], csvs: readonly string[]): Entry[] {
  const seen = new Set<string>();
  const out: Entry[] = [];
  const show = (p: string): string => {
    const r = relative(cwd, p);
    return r && !r.startsWith('..') && !isAbsolute(r) ? r : p;
  };
  for (const p of recent) {
    if (seen.has(p)) continue;
    seen.add(p);
    out.push({ path: p, label: show(p), origin: 'recent' });
  }
  for (const name of csvs) {
    const p = resolvePath(name, cwd);
    if (seen.has(p)) continue;
    seen.add(p);
    out.push({ path: p, label: name, origin: 'here' });
  }
  return out;
}

export function FileScreen(props: FileScreenProps) {
  const { cwd, width, height, active, onChoose, onTextMode } = props;
  const entries = fileEntries(cwd, props.recent, props.csvs);
  const [sel, setSel, selRef] = useRefState(0);
  const [typing, setTyping, typingRef] = useRefState(entries.length === 0);
  const [value, setValue, valueRef] = useRefState('');
  const [candidates, setCandidates] = useState<string[]>([]);
  const [generation, setGeneration] = useState(0);

  useEffect(() => {
    onTextMode(typing);
    return () => onTextMode(false);
  }, [typing, onTextMode]);

  useInput(
    (input, key) => {
      if (typingRef.current) {
        if (key.escape && entries.length > 0) {
          setTyping(false);
          setCandidates([]);
        } else if (key.tab) {
          const c = completePath(valueRef.current, cwd);
          setValue(c.value);
          setCandidates(c.candidates);
          setGeneration((g) => g + 1); // remount the input so its cursor goes to the end
        }
        return;
      }
      if (key.upArrow) setSel((s) => Math.max(0, s - 1));
      else if (key.downArrow) setSel((s) => Math.min(entries.length - 1, s + 1));
      else if (key.return && entries[selRef.current]) onChoose(entries[selRef.current]!.path);
      else if (input === '/' || key.tab) setTyping(true);
    },
    { isActive: active },
  );

  const listRows = Math.max(3, height - 9);
  const start = Math.max(0, Math.min(sel - Math.floor(listRows / 2), entries.length - listRows));
  const visible = entries.slice(start, start + listRows);
  return (
    <Box flexDirection="column" width={width}>
      <Text bold>Choose the legacy CSV to import</Text>
      <Text color={tone('muted')} wrap="truncate-end">
        in {cwd}
      </Text>
      <Box flexDirection="column" marginTop={1}>
        {entries.length === 0 ? <Text color={tone('muted')}>(no recent files and no .csv files here: type a path)</Text> : null}
        {visible.map((e, i) => {
          const at = start + i === sel && !typing;
          return (
            <Text key={e.path} color={at ? tone('accent') : undefined} bold={at} wrap="truncate-end">
              {at ? '> ' : '  '}
              {fit(e.origin === 'recent' ? 'recent' : 'here', 7)}
              {e.label}
            </Text>
          );
        })}
        {entries.length > listRows ? (
          <Text color={tone('muted')}>
            {start + 1}-{start + visible.length} of {entries.length}
          </Text>
        ) : null}
      </Box>
      <Box marginTop={1}>
        <Text bold={typing}>{typing ? '> ' : '  '}Path: </Text>
        {typing ? (
          <TextInput
            key={generation}
            value={value}
            focus={active}
            placeholder="type a path, Tab completes"
            onChange={(v) => {
              setValue(v);
              setCandidates([]);
            }}
            onSubmit={(v) => {
              if (v.trim()) onChoose(resolvePath(v, cwd));
            }}
          />
        ) : (
          <Text color={tone('muted')}>press / to type a path</Text>
        )}
      </Box>
      {candidates.length > 0 ? (
        <Text color={tone('muted')} wrap="truncate-end">
          {candidates.slice(0, 12).join('  ')}
          {candidates.length > 12 ? `  (+${candidates.length - 12})` : ''}
        </Text>
      ) : null}
      {props.error ? (
        <Text color={tone('bad')} wrap="wrap">
          Cannot open: {props.error}
        </Text>
      ) : null}
    </Box>
  );
}
