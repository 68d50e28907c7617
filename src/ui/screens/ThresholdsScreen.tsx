import { Box, Text, useInput } from 'ink';
import type { DecideView } from '../backend.js';
import type { KeyHelp } from '../components/HelpOverlay.js';
import { Histogram } from '../components/Histogram.js';
import type { StoredThresholds } from '../settings-store.js';
import { fit, fmt, tone } from '../theme.js';
import { THRESHOLD_KEYS, type ThresholdKey } from '../wizard-state.js';

export const THRESHOLD_HELP: KeyHelp[] = [
  ['Up/Down', 'choose a threshold'],
  ['Left/Right', 'lower / raise it by 0.01'],
  ['PgDn/PgUp', 'lower / raise it by 0.05'],
  ['Enter', 'continue to the review of borderline matches'],
  ['Esc', 'back to the validation report'],
];

const LABELS: Record<ThresholdKey, string> = {
  companyAuto: 'Company auto-match',
  personAuto: 'Person auto-match',
  reviewFloor: 'Review floor',
};

const MEANING: Record<ThresholdKey, string> = {
  companyAuto: 'company name score at or above: matched',
  personAuto: 'person name score at or above: matched',
  reviewFloor: 'below: new record; up to auto: review',
};

export interface ThresholdsScreenProps {
  thresholds: StoredThresholds;
  selected: ThresholdKey;
  decided: DecideView | null;
  /** While a match runs: what to show ('matching: 12,000 of 964,796 rows ...'); null otherwise. */
  busy: string | null;
  width: number;
  active: boolean;
  onSelect(delta: number): void;
  onAdjust(delta: number): void;
  onContinue(): void;
}

export function ThresholdsScreen(p: ThresholdsScreenProps) {
  useInput(
    (_input, key) => {
      if (key.upArrow) p.onSelect(-1);
      else if (key.downArrow) p.onSelect(1);
      else if (key.leftArrow) p.onAdjust(-0.01);
      else if (key.rightArrow) p.onAdjust(0.01);
      else if (key.pageDown) p.onAdjust(-0.05);
      else if (key.pageUp) p.onAdjust(0.05);
      else if (key.return) p.onContinue();
    },
    { isActive: p.active },
  );
  const c = p.decided?.counts;
  const t = p.thresholds;
  return (
    <Box flexDirection="column" width={p.width}>
      <Text bold>Matching thresholds</Text>
      {THRESHOLD_KEYS.map((k) => {
        const at = k === p.selected;
        return (
          <Text key={k} color={at ? tone('accent') : undefined} bold={at} wrap="truncate-end">
            {at ? '> ' : '  '}
            {fit(LABELS[k], 19)} {'<'} {t[k].toFixed(2)} {'>'}  <Text color={tone('muted')}>{MEANING[k]}</Text>
          </Text>
        );
      })}
      <Box marginTop={1} flexDirection="column">
        <Text bold>
          Entities (companies + people){p.busy ? <Text color={tone('muted')}> {p.busy}</Text> : null}
        </Text>
        {c ? (
          <Text wrap="truncate-end">
            perfect <Text color={tone('good')}>{fmt(c.perfect)}</Text>  auto fuzzy <Text color={tone('good')}>{fmt(c.autoFuzzy)}</Text>  borderline{' '}
            <Text color={tone('warn')}>{fmt(c.borderline)}</Text>  new {fmt(c.new)}  fallout <Text color={tone('bad')}>{fmt(c.fallout)}</Text>
          </Text>
        ) : (
          <Text color={tone('muted')}>{p.busy ?? 'matching...'}</Text>
        )}
      </Box>
      {p.decided ? (
        <Box marginTop={1} flexDirection="column">
          <Text bold wrap="truncate-end">
            Best-candidate scores of fuzzy comparisons (exact-key matches: {fmt(p.decided.perfect)})
          </Text>
          <Histogram
            scores={[...p.decided.scores.company, ...p.decided.scores.person]}
            markers={[
              { label: 'F', at: t.reviewFloor },
              { label: 'C', at: t.companyAuto },
              { label: 'P', at: t.personAuto },
            ]}
            width={p.width}
          />
          <Text color={tone('muted')} wrap="truncate-end">
            F floor {t.reviewFloor.toFixed(2)}  C company {t.companyAuto.toFixed(2)}  P person {t.personAuto.toFixed(2)}  * two marks at one place
          </Text>
        </Box>
      ) : null}
    </Box>
  );
}
