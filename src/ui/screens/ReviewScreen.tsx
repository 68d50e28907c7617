import { useEffect } from 'react';
import { useRefState } from '../hooks/use-ref-state.js';
import { Box, Text, useInput } from 'ink';
import { decisionHistory, reviewProgress, type ReviewItem, type ReviewState } from '../../core/review.js';
import type { NormalizedRow, ReviewChoice } from '../../core/types.js';
import type { KeyHelp } from '../components/HelpOverlay.js';
import { TextTable } from '../components/TextTable.js';
import type { StoredThresholds } from '../settings-store.js';
import { fit, tone, type Tone } from '../theme.js';

export const REVIEW_KEYS: KeyHelp[] = [
  ['a', 'accept: use the candidate'],
  ['r', 'reject: create a new record'],
  ['d', 'defer: send the row to fallout'],
  ['u', 'undo an earlier decision (choose it in a list)'],
  ['Left/Right', 'previous / next borderline match (also Up/Down)'],
  ['Enter', 'continue to the commit (undecided ones go to fallout)'],
  ['Esc', 'back to the thresholds (decisions are kept)'],
];

const CHOICE_TEXT: Record<ReviewChoice, string> = { accept: 'ACCEPTED (use candidate)', reject: 'REJECTED (create new)', defer: 'DEFERRED (fallout)' };
const CHOICE_TONE: Record<ReviewChoice, Tone> = { accept: 'good', reject: 'warn', defer: 'bad' };

export interface ReviewScreenProps {
  review: ReviewState;
  thresholds: StoredThresholds;
  row(index: number): NormalizedRow | undefined;
  /** While a match runs: what to show ('matching: 12,000 of 964,796 rows ...'); null otherwise. */
  busy: string | null;
  width: number;
  height: number;
  active: boolean;
  onDecide(choice: ReviewChoice): void;
  onUndo(key: string): void;
  onMove(delta: number): void;
  onContinue(): void;
  /** The undo list is open: Esc closes it instead of leaving the screen. */
  onModal(on: boolean): void;
}

const s3 = (x: number | undefined): string => (x === undefined ? '' : x.toFixed(2));

/** Which incoming value faces which candidate value (and score), per entity; other keys pair by name. */
const ALIGN: Record<'company' | 'person', [label: string, incoming: string, candidate: string, score: string][]> = {
  company: [
    ['name', 'company_name', 'name', 'name'],
    ['match key', 'company_key', 'key', ''],
    ['domain', 'domain', 'domain', 'domain'],
    ['website', 'website', 'website', 'website'],
  ],
  person: [
    ['full name', 'full_name', 'full_name', 'name'],
    ['match key', 'name_key', 'name_key', ''],
    ['emails', 'emails', 'emails', 'email'],
    ['linkedin', 'linkedin_url', 'linkedin_url', 'linkedin'],
    ['title', 'title', 'title', 'title'],
    ['company', 'company_ref', 'company_id', 'company'],
  ],
};
const HIDDEN = /_raw$|_source$|^first_name$|^last_name$/;

export function fieldRows(item: ReviewItem, row: NormalizedRow | undefined): { cells: string[]; tone?: Tone }[] {
  const d = item.decision;
  const best = d.best;
  const incoming: Record<string, string | null> = { ...d.compared };
  if (item.entity === 'company' && incoming.website === undefined && row) incoming.website = row.website;
  const used = new Set<string>();
  const out: { cells: string[]; tone?: Tone }[] = [];
  const push = (label: string, a: string | null | undefined, b: string | null | undefined, score: number | undefined): void => {
    if ((a ?? '') === '' && (b ?? '') === '' && score === undefined) return;
    out.push({ cells: [label, a ?? '', b ?? '', s3(score)], tone: score === undefined ? undefined : score >= 0.95 ? 'good' : score < 0.6 ? 'bad' : undefined });
  };
  for (const [label, inKey, candKey, scoreKey] of ALIGN[item.entity]) {
    used.add(inKey).add(candKey).add(scoreKey);
    push(label, incoming[inKey], best?.values[candKey], scoreKey ? best?.scores[scoreKey] : undefined);
  }
  const rest = [...Object.keys(incoming), ...Object.keys(best?.values ?? {}), ...Object.keys(best?.scores ?? {})];
  for (const k of [...new Set(rest)]) {
    if (used.has(k) || HIDDEN.test(k)) continue;
    push(k, incoming[k], best?.values[k], best?.scores[k]);
  }
  return out;
}

function rowSummary(row: NormalizedRow | undefined): string {
  if (!row) return '';
  return [row.companyName, row.domain, row.fullName, row.title, row.email].filter(Boolean).join(' | ');
}

export function ReviewScreen(p: ReviewScreenProps) {
  const [undoing, setUndoing, undoingRef] = useRefState(false);
  const [undoSel, setUndoSel, undoSelRef] = useRefState(0);
  const history = decisionHistory(p.review);
  const { onModal } = p;
  useEffect(() => {
    onModal(undoing);
    return () => onModal(false);
  }, [undoing, onModal]);

  useInput(
    (input, key) => {
      if (undoingRef.current) {
        if (key.escape) setUndoing(false);
        else if (key.upArrow) setUndoSel((s) => Math.max(0, s - 1));
        else if (key.downArrow) setUndoSel((s) => Math.min(history.length - 1, s + 1));
        else if (key.return && history[undoSelRef.current]) {
          p.onUndo(history[undoSelRef.current]!.key);
          setUndoing(false);
        }
        return;
      }
      if (input === 'a') p.onDecide('accept');
      else if (input === 'r') p.onDecide('reject');
      else if (input === 'd') p.onDecide('defer');
      else if (input === 'u' && history.length > 0) {
        setUndoSel(0);
        setUndoing(true);
      } else if (key.leftArrow || key.upArrow) p.onMove(-1);
      else if (key.rightArrow || key.downArrow) p.onMove(1);
      else if (key.return) p.onContinue();
    },
    { isActive: p.active },
  );

  const prog = reviewProgress(p.review);
  const tally = `decided ${prog.decided}/${prog.total}: accepted ${prog.accepted} rejected ${prog.rejected} deferred ${prog.deferred}`;

  if (undoing) {
    const rows = Math.max(3, p.height - 4);
    const start = Math.max(0, Math.min(undoSel - Math.floor(rows / 2), history.length - rows));
    const byKey = new Map(p.review.items.map((i) => [i.key, i]));
    return (
      <Box flexDirection="column" width={p.width}>
        <Text bold>Undo which decision? (most recent first; Enter undoes, Esc cancels)</Text>
        {history.slice(start, start + rows).map((h, i) => {
          const it = byKey.get(h.key);
          const at = start + i === undoSel;
          const incoming = it ? (it.entity === 'company' ? it.decision.compared.company_name : it.decision.compared.full_name) : null;
          const what = it ? `${it.entity} line ${it.line}: ${incoming ?? '?'} -> ${it.decision.best?.label ?? '?'} (${it.decision.best?.id ?? ''})` : h.key;
          return (
            <Text key={h.key} color={at ? tone('accent') : undefined} bold={at} wrap="truncate-end">
              {at ? '> ' : '  '}
              {fit(h.choice, 7)} {what}
            </Text>
          );
        })}
      </Box>
    );
  }

  const item = p.review.items[p.review.cursor];
  if (!item) {
    return (
      <Box flexDirection="column" width={p.width}>
        <Text bold>Review of borderline matches</Text>
        <Text>{p.busy ?? 'No borderline matches to review.'}</Text>
        <Text color={tone('muted')}>Enter: continue to the commit</Text>
      </Box>
    );
  }
  const d = item.decision;
  const decided = p.review.decisions[item.key];
  const auto = item.entity === 'company' ? p.thresholds.companyAuto : p.thresholds.personAuto;
  const valueWidth = Math.max(12, Math.floor((p.width - 14 - 6 - 3) / 2));
  const fields = fieldRows(item, p.row(item.rowIndex)).slice(0, Math.max(3, p.height - 13));
  return (
    <Box flexDirection="column" width={p.width}>
      <Text wrap="truncate-end">
        <Text bold>
          {prog.position} of {prog.total}
        </Text>{' '}
        {item.entity} at line {item.line}
        {item.rows > 1 ? ` (+${item.rows - 1} more rows)` : ''}  score {s3(item.score)} (auto {auto.toFixed(2)}, floor {p.thresholds.reviewFloor.toFixed(2)})
      </Text>
      <Text color={tone('muted')} wrap="truncate-end">
        {tally}
        {p.busy ? `  ${p.busy}` : ''}
      </Text>
      <Text wrap="truncate-end">
        Status:{' '}
        {decided ? (
          <Text bold color={tone(CHOICE_TONE[decided.choice])}>
            {CHOICE_TEXT[decided.choice]}
          </Text>
        ) : (
          <Text bold>UNDECIDED</Text>
        )}
        {'  '}rule {d.rule}
      </Text>
      <Text wrap="truncate-end">
        Candidate: {d.best ? `${d.best.label} (${d.best.id})` : 'none'}
      </Text>
      <Text wrap="wrap">Why: {d.reason.length > 2 * p.width - 10 ? d.reason.slice(0, 2 * p.width - 11) + '…' : d.reason}</Text>
      <Box marginTop={1}>
        <TextTable
          columns={[
            { title: 'field', width: 14 },
            { title: 'incoming row', width: valueWidth },
            { title: 'candidate', width: valueWidth },
            { title: 'score', width: 6, align: 'right' },
          ]}
          rows={fields}
        />
      </Box>
      <Text wrap="truncate-end">
        Runner-up: {d.runnerUp ? `${d.runnerUp.label} (${d.runnerUp.id}) ${s3(d.runnerUp.score)}` : 'none'}
      </Text>
      <Text color={tone('muted')} wrap="truncate-end">
        Row: {rowSummary(p.row(item.rowIndex))}
      </Text>
    </Box>
  );
}
