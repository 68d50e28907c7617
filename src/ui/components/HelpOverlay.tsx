import { Box, Text } from 'ink';
import { fit } from '../theme.js';

export type KeyHelp = readonly [keys: string, what: string];

export const GLOBAL_KEYS: KeyHelp[] = [
  ['?', 'show or hide this help'],
  ['Esc', 'back to the previous screen'],
  ['q, Ctrl-C', 'quit: nothing is written (during the commit: roll back)'],
];

export function HelpOverlay({ screen, keys, width }: { screen: string; keys: KeyHelp[]; width: number }) {
  const all = [...keys, ...GLOBAL_KEYS];
  const kw = Math.min(16, Math.max(...all.map(([k]) => k.length)) + 2);
  return (
    <Box flexDirection="column" borderStyle="single" paddingX={1} width={Math.min(width, 78)}>
      <Text bold>Keys: {screen}</Text>
      {all.map(([k, what], i) => (
        <Text key={i} wrap="truncate-end">
          {fit(k, kw)}
          {what}
        </Text>
      ))}
    </Box>
  );
}
