import { describe, expect, it } from 'vitest';
import {
  buildReviewQueue,
  decisionHistory,
  emptyReview,
  reviewChoices,
  reviewProgress,
  reviewRecord,
  reviewReducer,
  type ReviewAction,
  type ReviewState,
} from '../../src/core/review.js';
import type { Thresholds } from '../../src/core/types.js';
import { borderline, item, matched, rowDecision } from '../ui/fixtures.js';

const T: Thresholds = { companyAuto: 0.9, personAuto: 0.88, reviewFloor: 0.75, nearTieMargin: 0.02 };

function run(actions: ReviewAction[], start: ReviewState = emptyReview): ReviewState {
  return actions.reduce(reviewReducer, start);
}

const three = [item('a', 0.01, 10), item('b', 0.05, 5), item('c', 0.1, 3)];
const keyAt = (s: ReviewState): string | undefined => s.items[s.cursor]?.key;

describe('buildReviewQueue', () => {
  it('orders borderline entities by closeness to their own auto threshold, nearest first', () => {
    const decisions = [
      rowDecision(0, borderline('company', 'far', 0.76), matched('person', 'P1')),
      rowDecision(1, matched('company', 'C1'), borderline('person', 'near', 0.87)),
      rowDecision(2, borderline('company', 'mid', 0.85), matched('person', 'P2')),
    ];
    const q = buildReviewQueue(decisions, T);
    expect(q.map((i) => i.key)).toEqual(['person:near', 'company:mid', 'company:far']);
    expect(q[0]!.closeness).toBeCloseTo(0.01, 6);
  });

  it('lists a company review key once and counts the rows it covers', () => {
    const d = borderline('company', 'acme', 0.8);
    const q = buildReviewQueue([rowDecision(0, d, matched('person', 'P1')), rowDecision(1, d, matched('person', 'P2'))], T);
    expect(q).toHaveLength(1);
    expect(q[0]!.rows).toBe(2);
    expect(q[0]!.line).toBe(2);
  });

  it('keeps decisions a review already decided, but not other matched ones', () => {
    const accepted = { ...borderline('company', 'x', 0.8), outcome: 'matched' as const };
    const q1 = buildReviewQueue([rowDecision(0, accepted, matched('person', 'P'))], T);
    expect(q1).toHaveLength(0);
    const q2 = buildReviewQueue([rowDecision(0, accepted, matched('person', 'P'))], T, new Set(['company:x']));
    expect(q2.map((i) => i.key)).toEqual(['company:x']);
  });
});

describe('reviewReducer', () => {
  it('sync: fills the queue and puts the cursor on the first undecided item', () => {
    const s = run([{ type: 'restore', decisions: { 'company:a': 'accept' } }, { type: 'sync', items: three }]);
    expect(s.items.map((i) => i.key)).toEqual(['company:a', 'company:b', 'company:c']);
    expect(keyAt(s)).toBe('company:b');
  });

  it('sync: keeps the cursor on the same item when the queue changes around it', () => {
    let s = run([{ type: 'sync', items: three }, { type: 'move', delta: 1 }]);
    expect(keyAt(s)).toBe('company:b');
    s = reviewReducer(s, { type: 'sync', items: [item('z', 0.0, 2), ...three] });
    expect(keyAt(s)).toBe('company:b');
  });

  it('sync: drops undecided items that vanished, keeps decided ones', () => {
    let s = run([{ type: 'sync', items: three }, { type: 'decide', choice: 'reject' }]);
    s = reviewReducer(s, { type: 'sync', items: [three[2]!] });
    expect(s.items.map((i) => i.key)).toEqual(['company:a', 'company:c']);
  });

  it('decide: records the choice and moves to the next undecided item', () => {
    const s = run([{ type: 'sync', items: three }, { type: 'decide', choice: 'accept' }]);
    expect(s.decisions['company:a']?.choice).toBe('accept');
    expect(keyAt(s)).toBe('company:b');
  });

  it('decide: wraps around to an earlier undecided item, and stays when all are decided', () => {
    let s = run([{ type: 'sync', items: three }, { type: 'move', delta: 2 }, { type: 'decide', choice: 'defer' }]);
    expect(keyAt(s)).toBe('company:a');
    s = run([{ type: 'decide', choice: 'accept' }, { type: 'decide', choice: 'reject' }], s);
    expect(Object.keys(s.decisions)).toHaveLength(3);
    expect(reviewProgress(s)).toMatchObject({ decided: 3, accepted: 1, rejected: 1, deferred: 1, total: 3 });
  });

  it('decide: on an empty queue does nothing', () => {
    expect(reviewReducer(emptyReview, { type: 'decide', choice: 'accept' })).toBe(emptyReview);
  });

  it('decide: a second decision on the same item replaces the first', () => {
    let s = run([{ type: 'sync', items: three }, { type: 'decide', choice: 'accept' }, { type: 'goto', key: 'company:a' }, { type: 'decide', choice: 'reject' }]);
    expect(s.decisions['company:a']?.choice).toBe('reject');
    expect(reviewChoices(s).get('company:a')).toBe('reject');
    s = reviewReducer(s, { type: 'goto', key: 'nope' });
    expect(keyAt(s)).toBe('company:b');
  });

  it('undo: removes any earlier decision (not only the last) and jumps to it', () => {
    const s0 = run([{ type: 'sync', items: three }, { type: 'decide', choice: 'accept' }, { type: 'decide', choice: 'reject' }, { type: 'decide', choice: 'defer' }]);
    expect(decisionHistory(s0).map((d) => d.key)).toEqual(['company:c', 'company:b', 'company:a']);
    const s = reviewReducer(s0, { type: 'undo', key: 'company:a' });
    expect(s.decisions['company:a']).toBeUndefined();
    expect(s.decisions['company:b']?.choice).toBe('reject');
    expect(keyAt(s)).toBe('company:a');
    expect(reviewReducer(s, { type: 'undo', key: 'company:a' })).toBe(s);
  });

  it('move: steps and clamps at both ends', () => {
    let s = run([{ type: 'sync', items: three }, { type: 'move', delta: -5 }]);
    expect(s.cursor).toBe(0);
    s = reviewReducer(s, { type: 'move', delta: 10 });
    expect(s.cursor).toBe(2);
    expect(reviewReducer(emptyReview, { type: 'move', delta: 1 }).cursor).toBe(0);
  });

  it('restore: takes stored choices, ignores garbage, and the record round-trips', () => {
    const s = run([{ type: 'sync', items: three }, { type: 'restore', decisions: { 'company:b': 'defer', 'company:x': 'bogus' as never } }]);
    expect(reviewRecord(s)).toEqual({ 'company:b': 'defer' });
    expect(keyAt(s)).toBe('company:a');
  });

  it('start: puts the cursor on the first undecided item of the queue', () => {
    const s = run([{ type: 'sync', items: three }, { type: 'decide', choice: 'accept' }, { type: 'move', delta: 1 }, { type: 'start' }]);
    expect(keyAt(s)).toBe('company:b');
    expect(reviewReducer(emptyReview, { type: 'start' }).cursor).toBe(0);
  });

  it('reset: forgets everything', () => {
    const s = run([{ type: 'sync', items: three }, { type: 'decide', choice: 'accept' }, { type: 'reset' }]);
    expect(s).toEqual(emptyReview);
  });

  it('progress: "2 of 3" follows the cursor', () => {
    const s = run([{ type: 'sync', items: three }, { type: 'move', delta: 1 }]);
    expect(reviewProgress(s)).toMatchObject({ position: 2, total: 3, decided: 0 });
    expect(reviewProgress(emptyReview)).toMatchObject({ position: 0, total: 0 });
  });
});
