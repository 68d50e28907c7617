import { Box, Text } from 'ink';
import Spinner from 'ink-spinner';
import type { Work } from '../wizard-state.js';
import { rateText } from '../../pipeline/events.js';
import { fmt, tone } from '../theme.js';

/** `[#####.....] 1,200 of 2,400 rows` — ASCII, so it reads the same without colour. */
export function bar(done: number, total: number, width: number): string {
  const w = Math.max(4, width);
  const filled = total > 0 ? Math.min(w, Math.round((done / total) * w)) : 0;
  return `[${'#'.repeat(filled)}${'.'.repeat(w - filled)}]`;
}

export function progressText(work: Work): string {
  const e = work.event;
  if (!e) return work.label;
  const of = e.total !== null ? ` of ${fmt(e.total)}` : '';
  return `${work.label}: ${e.phase} ${fmt(e.done)}${of} ${e.unit}${e.message ? ` (${e.message})` : ''}${rateText(e)}`;
}

/** A spinner (always moving, so the screen is never frozen) and, when the total is known, a bar. */
export function Progress({ work, width }: { work: Work; width: number }) {
  const e = work.event;
  const showBar = e !== null && e.total !== null && e.total > 0;
  return (
    <Box flexDirection="column" width={width}>
      <Box>
        <Text color={tone('accent')}>
          <Spinner type="dots" />
        </Text>
        <Text wrap="truncate-end"> {progressText(work)}</Text>
      </Box>
      {showBar ? <Text>{bar(e.done, e.total!, Math.min(50, width - 4))}</Text> : null}
    </Box>
  );
}
