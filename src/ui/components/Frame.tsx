import type { ReactNode } from 'react';
import { Box, Text } from 'ink';
import { SCREENS, type Screen } from '../wizard-state.js';
import { tone } from '../theme.js';
import { HelpOverlay, type KeyHelp } from './HelpOverlay.js';

const TITLES: Record<Screen, string> = { file: 'File', validation: 'Validation', thresholds: 'Thresholds', review: 'Review', commit: 'Commit' };

/** The step line: the current screen in [brackets] (and colour), so it reads without colour too. */
export function stepLine(screen: Screen): string {
  return SCREENS.map((s, i) => (s === screen ? `[${i + 1} ${TITLES[s]}]` : ` ${i + 1} ${TITLES[s]} `)).join(' ');
}

export interface FrameProps {
  screen: Screen;
  width: number;
  help: boolean;
  keys: KeyHelp[];
  footer: string;
  children: ReactNode;
}

export function Frame({ screen, width, help, keys, footer, children }: FrameProps) {
  return (
    <Box flexDirection="column" width={width}>
      <Box width={width}>
        <Text bold color={tone('accent')} wrap="truncate-end">
          backfill-tui {stepLine(screen)}
        </Text>
      </Box>
      {help ? <HelpOverlay screen={TITLES[screen]} keys={keys} width={width} /> : children}
      <Box width={width}>
        <Text color={tone('muted')} wrap="truncate-end">
          {help ? 'Esc or ? close help' : `${footer}  ? help  q quit`}
        </Text>
      </Box>
    </Box>
  );
}
