import type { PipelineEvent } from '../pipeline/events.js';
import type { CommitView, DecideView, LoadView, PlanView } from './backend.js';
import type { StoredThresholds } from './settings-store.js';

// The wizard as a reducer: which screen, what is loading, what the operator chose. Union-typed
// actions and an exhaustive switch; side effects (loading, committing) live in use-wizard.ts.

export const SCREENS = ['file', 'validation', 'thresholds', 'review', 'commit'] as const;
export type Screen = (typeof SCREENS)[number];
export type ThresholdKey = keyof StoredThresholds;
export const THRESHOLD_KEYS: readonly ThresholdKey[] = ['companyAuto', 'personAuto', 'reviewFloor'];

export interface Work {
  label: string;
  event: PipelineEvent | null;
}

export interface Problem {
  message: string;
  hint: string | null;
}

export type LoadStatus = 'idle' | 'loading' | 'ready' | 'unusable' | 'failed';
export type PrepareStatus = 'idle' | 'running' | 'ready' | 'failed';
export type CommitStatus = 'idle' | 'planning' | 'confirm' | 'writing' | 'aborting' | 'done' | 'failed';

export interface WizardState {
  screen: Screen;
  help: boolean;
  file: string | null;
  fileError: string | null;
  load: { status: LoadStatus; view: LoadView | null; problem: Problem | null };
  prepare: { status: PrepareStatus; problem: Problem | null };
  /** The long task in progress (spinner or bar), or null. */
  work: Work | null;
  thresholds: StoredThresholds;
  selected: ThresholdKey;
  decided: DecideView | null;
  commit: { status: CommitStatus; plan: PlanView | null; result: CommitView | null; problem: Problem | null };
  /** Set when the wizard should leave, with the process exit code. */
  exit: { code: number; problem: Problem | null } | null;
}

export type WizardAction =
  | { type: 'toggle-help' }
  | { type: 'back' }
  | { type: 'quit' }
  | { type: 'choose-file'; file: string }
  | { type: 'file-error'; message: string }
  | { type: 'load-done'; view: LoadView }
  | { type: 'load-failed'; problem: Problem; unusable: boolean }
  | { type: 'prepare-start' }
  | { type: 'prepare-done' }
  | { type: 'prepare-failed'; problem: Problem }
  | { type: 'progress'; event: PipelineEvent }
  | { type: 'work'; label: string | null }
  | { type: 'to-thresholds' }
  | { type: 'select-threshold'; delta: number }
  | { type: 'adjust-threshold'; delta: number }
  | { type: 'decided'; view: DecideView }
  | { type: 'to-review' }
  | { type: 'to-commit' }
  | { type: 'planned'; plan: PlanView }
  | { type: 'commit-start' }
  | { type: 'commit-done'; result: CommitView }
  | { type: 'commit-failed'; problem: Problem; code: number }
  | { type: 'fatal'; problem: Problem; code: number };

export const EXIT_INTERRUPTED = 130;
export const EXIT_FAILED = 1;

export function initialWizard(thresholds: StoredThresholds, file: string | null = null): WizardState {
  return {
    screen: file ? 'validation' : 'file',
    help: false,
    file,
    fileError: null,
    load: { status: file ? 'loading' : 'idle', view: null, problem: null },
    prepare: { status: 'idle', problem: null },
    work: file ? { label: 'reading the file', event: null } : null,
    thresholds: normalizeThresholds(thresholds, 'reviewFloor'),
    selected: 'companyAuto',
    decided: null,
    commit: { status: 'idle', plan: null, result: null, problem: null },
    exit: null,
  };
}

function round2(x: number): number {
  return Math.round(x * 100) / 100;
}

/** Keeps every value in [0,1] on a 0.01 grid and the review floor at or below both auto thresholds. */
export function normalizeThresholds(t: StoredThresholds, changed: ThresholdKey): StoredThresholds {
  const c = (x: number): number => round2(Math.min(1, Math.max(0, x)));
  let { companyAuto, personAuto, reviewFloor } = { companyAuto: c(t.companyAuto), personAuto: c(t.personAuto), reviewFloor: c(t.reviewFloor) };
  if (changed === 'reviewFloor') reviewFloor = Math.min(reviewFloor, companyAuto, personAuto);
  else if (changed === 'companyAuto') companyAuto = Math.max(companyAuto, reviewFloor);
  else personAuto = Math.max(personAuto, reviewFloor);
  return { companyAuto, personAuto, reviewFloor };
}

const PREVIOUS: Record<Screen, Screen | null> = { file: null, validation: 'file', thresholds: 'validation', review: 'thresholds', commit: 'review' };

function resetLoad(s: WizardState): WizardState {
  return {
    ...s,
    load: { status: 'idle', view: null, problem: null },
    prepare: { status: 'idle', problem: null },
    work: null,
    decided: null,
    commit: { status: 'idle', plan: null, result: null, problem: null },
  };
}

export function wizardReducer(s: WizardState, a: WizardAction): WizardState {
  switch (a.type) {
    case 'toggle-help':
      return { ...s, help: !s.help };
    case 'back': {
      if (s.help) return { ...s, help: false };
      if (s.screen === 'commit' && s.commit.status !== 'confirm' && s.commit.status !== 'failed' && s.commit.status !== 'planning') return s;
      const prev = PREVIOUS[s.screen];
      if (!prev) return s;
      if (prev === 'file') return { ...resetLoad(s), screen: 'file', fileError: null };
      if (s.screen === 'commit') return { ...s, screen: prev, work: null, commit: { status: 'idle', plan: null, result: null, problem: null } };
      return { ...s, screen: prev, work: null };
    }
    case 'quit': {
      if (s.commit.status === 'writing') return { ...s, commit: { ...s.commit, status: 'aborting' }, work: { label: 'interrupt: rolling back, nothing will be written', event: s.work?.event ?? null } };
      if (s.commit.status === 'aborting') return s;
      if (s.commit.status === 'done') return { ...s, exit: { code: 0, problem: null } };
      if (s.commit.status === 'failed') return { ...s, exit: { code: EXIT_FAILED, problem: s.commit.problem } };
      return { ...s, exit: { code: EXIT_INTERRUPTED, problem: null } };
    }
    case 'choose-file':
      return { ...resetLoad(s), screen: 'validation', file: a.file, fileError: null, load: { status: 'loading', view: null, problem: null }, work: { label: 'reading the file', event: null } };
    case 'file-error':
      return { ...s, screen: 'file', fileError: a.message };
    case 'load-done':
      if (s.load.status !== 'loading') return s;
      return { ...s, load: { status: 'ready', view: a.view, problem: null }, work: null };
    case 'load-failed':
      if (s.load.status !== 'loading') return s;
      return { ...s, load: { status: a.unusable ? 'unusable' : 'failed', view: null, problem: a.problem }, work: null };
    case 'prepare-start':
      return { ...s, prepare: { status: 'running', problem: null } };
    case 'prepare-done':
      return s.prepare.status === 'running' ? { ...s, prepare: { status: 'ready', problem: null } } : s;
    case 'prepare-failed':
      return s.prepare.status === 'running' ? { ...s, prepare: { status: 'failed', problem: a.problem }, work: null } : s;
    case 'progress':
      return s.work ? { ...s, work: { ...s.work, event: a.event } } : s;
    case 'work':
      return { ...s, work: a.label === null ? null : { label: a.label, event: null } };
    case 'to-thresholds':
      if (s.screen !== 'validation' || s.load.status !== 'ready' || s.prepare.status !== 'ready') return s;
      return { ...s, screen: 'thresholds' };
    case 'select-threshold': {
      const i = THRESHOLD_KEYS.indexOf(s.selected);
      const j = Math.max(0, Math.min(THRESHOLD_KEYS.length - 1, i + a.delta));
      return { ...s, selected: THRESHOLD_KEYS[j]! };
    }
    case 'adjust-threshold': {
      const t = { ...s.thresholds, [s.selected]: s.thresholds[s.selected] + a.delta };
      return { ...s, thresholds: normalizeThresholds(t, s.selected) };
    }
    case 'decided':
      return { ...s, decided: a.view };
    case 'to-review':
      return s.screen === 'thresholds' && s.decided ? { ...s, screen: 'review' } : s;
    case 'to-commit':
      return s.screen === 'review' ? { ...s, screen: 'commit', commit: { status: 'planning', plan: null, result: null, problem: null }, work: { label: 'planning', event: null } } : s;
    case 'planned':
      return s.commit.status === 'planning' ? { ...s, commit: { ...s.commit, status: 'confirm', plan: a.plan }, work: null } : s;
    case 'commit-start':
      return s.commit.status === 'confirm' ? { ...s, commit: { ...s.commit, status: 'writing' }, work: { label: s.commit.plan?.dryRun ? 'dry run: planning and writing reports' : 'writing', event: null } } : s;
    case 'commit-done':
      return { ...s, commit: { ...s.commit, status: 'done', result: a.result }, work: null };
    case 'commit-failed': {
      const next = { ...s, commit: { ...s.commit, status: 'failed' as const, problem: a.problem }, work: null };
      // An interrupted commit leaves at once (it rolled back); any other failure stays on screen.
      return a.code === EXIT_INTERRUPTED ? { ...next, exit: { code: a.code, problem: a.problem } } : next;
    }
    case 'fatal':
      return { ...s, work: null, exit: { code: a.code, problem: a.problem } };
  }
}
