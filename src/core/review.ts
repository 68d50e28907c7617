import type { EntityDecision, ReviewChoice, RowDecision, Thresholds } from './types.js';

// The review of borderline matches as a pure reducer: accept / reject / defer / undo (of any earlier
// decision, not only the last). The wizard renders it; the core decides with its `decisions` map.

export interface ReviewItem {
  key: string; // the entity decision's reviewKey
  entity: 'company' | 'person';
  rowIndex: number;
  line: number;
  score: number; // best candidate's score
  /** Distance of the score to the auto threshold of its entity: the queue shows the closest first. */
  closeness: number;
  /** Rows this decision applies to (a company review key covers every row naming that company). */
  rows: number;
  decision: EntityDecision;
}

export interface DecisionRecord {
  key: string;
  choice: ReviewChoice;
  seq: number; // order in which decisions were made (restored ones first)
}

export interface ReviewState {
  items: ReviewItem[]; // queue order
  cursor: number; // index into items
  decisions: Record<string, DecisionRecord>;
  nextSeq: number;
}

export type ReviewAction =
  | { type: 'sync'; items: ReviewItem[] }
  | { type: 'decide'; choice: ReviewChoice }
  | { type: 'undo'; key: string }
  | { type: 'move'; delta: number }
  | { type: 'goto'; key: string }
  | { type: 'restore'; decisions: Record<string, ReviewChoice> }
  | { type: 'start' }
  | { type: 'reset' };

export const emptyReview: ReviewState = { items: [], cursor: 0, decisions: {}, nextSeq: 1 };

function round(x: number): number {
  return Math.round(x * 1e6) / 1e6;
}

function compareItems(a: ReviewItem, b: ReviewItem): number {
  return a.closeness - b.closeness || a.line - b.line || (a.entity === b.entity ? 0 : a.entity === 'company' ? -1 : 1) || (a.key < b.key ? -1 : a.key > b.key ? 1 : 0);
}

function itemOf(d: EntityDecision, row: RowDecision, thresholds: Thresholds): ReviewItem | null {
  if (!d.reviewKey) return null;
  const score = d.best?.score ?? d.confidence;
  const auto = d.entity === 'company' ? thresholds.companyAuto : thresholds.personAuto;
  return { key: d.reviewKey, entity: d.entity, rowIndex: row.index, line: row.line, score, closeness: round(Math.abs(auto - score)), rows: 1, decision: d };
}

/**
 * The review queue of a set of decisions: every borderline entity decision, plus those a review already
 * decided (`decided`: their outcome is no longer borderline), closest to its auto threshold first.
 */
export function buildReviewQueue(decisions: readonly RowDecision[], thresholds: Thresholds, decided: ReadonlySet<string> = new Set()): ReviewItem[] {
  const byKey = new Map<string, ReviewItem>();
  for (const row of decisions) {
    for (const d of [row.company, row.person]) {
      if (!d || !d.reviewKey) continue;
      if (d.outcome !== 'borderline' && !decided.has(d.reviewKey)) continue;
      const seen = byKey.get(d.reviewKey);
      if (seen) seen.rows++;
      else {
        const it = itemOf(d, row, thresholds);
        if (it) byKey.set(it.key, it);
      }
    }
  }
  return [...byKey.values()].sort(compareItems);
}

function clampCursor(n: number, len: number): number {
  if (len === 0) return 0;
  return Math.max(0, Math.min(len - 1, n));
}

/** The first undecided item at or after `from` (wrapping), or `from` when all are decided. */
function nextUndecided(items: readonly ReviewItem[], decisions: Record<string, DecisionRecord>, from: number): number {
  for (let i = 0; i < items.length; i++) {
    const j = (from + i) % items.length;
    if (!decisions[items[j]!.key]) return j;
  }
  return clampCursor(from, items.length);
}

export function reviewReducer(state: ReviewState, action: ReviewAction): ReviewState {
  switch (action.type) {
    case 'sync': {
      // Keep decided items even when the new decisions no longer show them; drop undecided ones that vanished.
      const current = state.items[state.cursor]?.key ?? null;
      const incoming = new Map(action.items.map((i) => [i.key, i]));
      for (const old of state.items) {
        if (!incoming.has(old.key) && state.decisions[old.key]) incoming.set(old.key, old);
      }
      const items = [...incoming.values()].sort(compareItems);
      let cursor = current === null ? nextUndecided(items, state.decisions, 0) : items.findIndex((i) => i.key === current);
      if (cursor < 0) cursor = nextUndecided(items, state.decisions, clampCursor(state.cursor, items.length));
      return { ...state, items, cursor: clampCursor(cursor, items.length) };
    }
    case 'decide': {
      const item = state.items[state.cursor];
      if (!item) return state;
      const decisions = { ...state.decisions, [item.key]: { key: item.key, choice: action.choice, seq: state.nextSeq } };
      const cursor = nextUndecided(state.items, decisions, (state.cursor + 1) % state.items.length);
      return { ...state, decisions, nextSeq: state.nextSeq + 1, cursor };
    }
    case 'undo': {
      if (!state.decisions[action.key]) return state;
      const decisions = { ...state.decisions };
      delete decisions[action.key];
      const at = state.items.findIndex((i) => i.key === action.key);
      return { ...state, decisions, cursor: at >= 0 ? at : state.cursor };
    }
    case 'move':
      return { ...state, cursor: clampCursor(state.cursor + action.delta, state.items.length) };
    case 'goto': {
      const at = state.items.findIndex((i) => i.key === action.key);
      return at < 0 ? state : { ...state, cursor: at };
    }
    case 'restore': {
      const decisions: Record<string, DecisionRecord> = { ...state.decisions };
      let seq = state.nextSeq;
      for (const [key, choice] of Object.entries(action.decisions).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) {
        if (choice !== 'accept' && choice !== 'reject' && choice !== 'defer') continue;
        decisions[key] = { key, choice, seq: seq++ };
      }
      return { ...state, decisions, nextSeq: seq, cursor: nextUndecided(state.items, decisions, 0) };
    }
    case 'start':
      return { ...state, cursor: nextUndecided(state.items, state.decisions, 0) };
    case 'reset':
      return emptyReview;
  }
}

/** The decisions as the matcher takes them. */
export function reviewChoices(state: ReviewState): Map<string, ReviewChoice> {
  return new Map(Object.values(state.decisions).map((d) => [d.key, d.choice]));
}

/** Decisions as stored (plain object), for the settings store. */
export function reviewRecord(state: ReviewState): Record<string, ReviewChoice> {
  const out: Record<string, ReviewChoice> = {};
  for (const d of Object.values(state.decisions)) out[d.key] = d.choice;
  return out;
}

/** Earlier decisions, the most recent first (the undo list). */
export function decisionHistory(state: ReviewState): DecisionRecord[] {
  return Object.values(state.decisions).sort((a, b) => b.seq - a.seq);
}

export interface ReviewProgress {
  position: number; // 1-based position of the cursor
  total: number;
  decided: number;
  accepted: number;
  rejected: number;
  deferred: number;
}

export function reviewProgress(state: ReviewState): ReviewProgress {
  const keys = new Set(state.items.map((i) => i.key));
  const ds = Object.values(state.decisions).filter((d) => keys.has(d.key));
  return {
    position: state.items.length === 0 ? 0 : state.cursor + 1,
    total: state.items.length,
    decided: ds.length,
    accepted: ds.filter((d) => d.choice === 'accept').length,
    rejected: ds.filter((d) => d.choice === 'reject').length,
    deferred: ds.filter((d) => d.choice === 'defer').length,
  };
}
