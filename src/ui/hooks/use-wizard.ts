import { useCallback, useEffect, useReducer, useRef, useState } from 'react';
import { emptyReview, reviewChoices, reviewReducer, reviewRecord, type ReviewState } from '../../core/review.js';
import type { ReviewChoice } from '../../core/types.js';
import { CsvUnusableError, InterruptedError, UserError } from '../../errors.js';
import type { PipelineEvent } from '../../pipeline/events.js';
import { progressText } from '../components/Progress.js';
import type { WizardBackend } from '../backend.js';
import { unreadableReason } from '../files.js';
import type { SettingsStore, StoredThresholds } from '../settings-store.js';
import { EXIT_FAILED, EXIT_INTERRUPTED, initialWizard, wizardReducer, type Problem, type WizardAction, type WizardState } from '../wizard-state.js';

// The wizard's side effects: loading, preparing, re-deciding as thresholds and reviews change,
// planning and committing. State changes go through the two reducers; long work reports progress.

export interface WizardOptions {
  backend: WizardBackend;
  settings: SettingsStore;
  initialFile: string | null;
  initialThresholds: StoredThresholds;
  /** Resolves when the database is open; a rejection ends the wizard with its exit code. */
  ready?: Promise<unknown>;
  onExit(exit: { code: number; problem: Problem | null }): void;
}

export interface Wizard {
  state: WizardState;
  review: ReviewState;
  /** While a match runs, what the screens show: 'matching...' or 'matching: match 12,000 of 964,796 rows 8,000 rows/s eta 120s'. */
  matchingLabel: string | null;
  dispatch(a: WizardAction): void;
  chooseFile(path: string): void;
  back(): void;
  quit(): void;
  continueToThresholds(): void;
  decide(choice: ReviewChoice): void;
  undo(key: string): void;
  move(delta: number): void;
  toReview(): void;
  confirmCommit(): void;
}

export function problemOf(err: unknown): Problem {
  if (err instanceof UserError) return { message: err.message, hint: err.hint };
  return { message: (err as Error)?.message ?? String(err), hint: null };
}

function exitCodeOf(err: unknown): number {
  return err instanceof UserError ? err.exitCode : EXIT_FAILED;
}

/** Progress events to `sink`, at most one per 100 ms (and always the last one). */
function throttled(sink: (e: PipelineEvent) => void): (e: PipelineEvent) => void {
  let last = 0;
  return (e) => {
    const now = Date.now();
    if (now - last < 100 && !(e.total !== null && e.done >= e.total)) return;
    last = now;
    sink(e);
  };
}

export function useWizard(o: WizardOptions): Wizard {
  const { backend, settings } = o;
  const [state, dispatch] = useReducer(wizardReducer, undefined, () => initialWizard(o.initialThresholds, o.initialFile));
  const [review, reviewDispatch] = useReducer(reviewReducer, emptyReview);
  const [matching, setMatching] = useState(false);
  /** The running match's last progress event, or null. */
  const [matchProgress, setMatchProgress] = useState<PipelineEvent | null>(null);
  const toWork = (e: PipelineEvent): void => dispatch({ type: 'progress', event: e });
  const loadAbort = useRef<AbortController | null>(null);
  const commitAbort = useRef<AbortController | null>(null);
  const wantContinue = useRef(false);
  const reviewsDirty = useRef(false);
  const stateRef = useRef(state);
  stateRef.current = state;
  const reviewRef = useRef(review);
  reviewRef.current = review;

  const startLoad = useCallback(
    (file: string) => {
      loadAbort.current?.abort();
      const ac = new AbortController();
      loadAbort.current = ac;
      wantContinue.current = false;
      reviewDispatch({ type: 'reset' });
      const why = unreadableReason(file);
      if (why) {
        dispatch({ type: 'file-error', message: why });
        return;
      }
      backend.load(file, throttled(toWork), ac.signal).then(
        (view) => {
          if (ac.signal.aborted) return;
          settings.addRecentFile(file);
          reviewDispatch({ type: 'restore', decisions: settings.reviews(view.sha256) });
          dispatch({ type: 'load-done', view });
          dispatch({ type: 'prepare-start' });
          dispatch({ type: 'work', label: 'reading the master tables' });
          backend.prepare(throttled(toWork)).then(
            () => {
              if (ac.signal.aborted) return;
              dispatch({ type: 'work', label: null });
              dispatch({ type: 'prepare-done' });
            },
            (err: unknown) => {
              if (!ac.signal.aborted) dispatch({ type: 'prepare-failed', problem: problemOf(err) });
            },
          );
        },
        (err: unknown) => {
          if (ac.signal.aborted) return;
          dispatch({ type: 'load-failed', problem: problemOf(err), unusable: err instanceof CsvUnusableError });
        },
      );
    },
    [backend, settings],
  );

  // The database opens while the operator picks a file; if it cannot, the wizard ends with its exit code.
  useEffect(() => {
    o.ready?.catch((err: unknown) => dispatch({ type: 'fatal', problem: problemOf(err), code: exitCodeOf(err) }));
    if (o.initialFile) startLoad(o.initialFile);
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);

  const chooseFile = useCallback(
    (file: string) => {
      dispatch({ type: 'choose-file', file });
      startLoad(file);
    },
    [startLoad],
  );

  const continueToThresholds = useCallback(() => {
    const s = stateRef.current;
    if (s.load.status !== 'ready') return;
    if (s.prepare.status === 'ready') dispatch({ type: 'to-thresholds' });
    else if (s.prepare.status === 'running') wantContinue.current = true;
  }, []);

  useEffect(() => {
    if (state.prepare.status === 'ready' && wantContinue.current) {
      wantContinue.current = false;
      dispatch({ type: 'to-thresholds' });
    }
  }, [state.prepare.status]);

  // Live re-decision: thresholds or review decisions changed (debounced, so held arrow keys coalesce).
  const choicesKey = JSON.stringify(Object.entries(reviewRecord(review)).sort());
  const deciding = (state.screen === 'thresholds' || state.screen === 'review') && state.prepare.status === 'ready';
  useEffect(() => {
    if (!deciding) return;
    setMatching(true);
    let cancelled = false;
    const timer = setTimeout(() => {
      const onProgress = throttled((e) => {
        if (!cancelled) setMatchProgress(e);
      });
      backend.decide(stateRef.current.thresholds, reviewChoices(reviewRef.current), onProgress).then(
        (view) => {
          if (cancelled || view === null) return; // a newer decision replaced this one
          dispatch({ type: 'decided', view });
          reviewDispatch({ type: 'sync', items: view.queue });
          setMatching(false);
          setMatchProgress(null);
        },
        (err: unknown) => {
          if (cancelled) return;
          dispatch({ type: 'fatal', problem: problemOf(err), code: exitCodeOf(err) });
          setMatching(false);
          setMatchProgress(null);
        },
      );
    }, 20);
    return () => {
      cancelled = true;
      clearTimeout(timer);
      setMatching(false);
      setMatchProgress(null);
    };
  }, [deciding, state.thresholds, choicesKey, backend]);

  // Remember thresholds and review decisions as they change.
  const firstThresholds = useRef(true);
  useEffect(() => {
    if (firstThresholds.current) {
      firstThresholds.current = false;
      return;
    }
    settings.saveThresholds(state.thresholds);
  }, [state.thresholds, settings]);
  useEffect(() => {
    const sha = stateRef.current.load.view?.sha256;
    if (!reviewsDirty.current || !sha) return;
    settings.saveReviews(sha, reviewRecord(reviewRef.current));
  }, [choicesKey, settings]);

  // Planning (after a final decide with every review decision in).
  useEffect(() => {
    if (state.commit.status !== 'planning') return;
    const timer = setTimeout(() => {
      try {
        backend.decide(stateRef.current.thresholds, reviewChoices(reviewRef.current));
        dispatch({ type: 'planned', plan: backend.plan() });
      } catch (err) {
        dispatch({ type: 'fatal', problem: problemOf(err), code: exitCodeOf(err) });
      }
    }, 10);
    return () => clearTimeout(timer);
  }, [state.commit.status, backend]);

  const confirmCommit = useCallback(() => {
    if (stateRef.current.commit.status !== 'confirm') return;
    const ac = new AbortController();
    commitAbort.current = ac;
    dispatch({ type: 'commit-start' });
    backend.commit(throttled(toWork), ac.signal).then(
      (result) => dispatch({ type: 'commit-done', result }),
      (err: unknown) => {
        const interrupted = err instanceof InterruptedError || ac.signal.aborted;
        dispatch({ type: 'commit-failed', problem: problemOf(err), code: interrupted ? EXIT_INTERRUPTED : exitCodeOf(err) });
      },
    );
  }, [backend]);

  useEffect(() => {
    if (state.commit.status === 'aborting') commitAbort.current?.abort();
  }, [state.commit.status]);

  useEffect(() => {
    if (!state.exit) return;
    loadAbort.current?.abort();
    o.onExit(state.exit);
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [state.exit]);

  const back = useCallback(() => {
    const s = stateRef.current;
    if (!s.help && s.screen === 'validation') {
      loadAbort.current?.abort();
      reviewDispatch({ type: 'reset' });
    }
    dispatch({ type: 'back' });
  }, []);

  return {
    state,
    review,
    matchingLabel: matching ? (matchProgress ? progressText({ label: 'matching', event: matchProgress }) : 'matching...') : null,
    dispatch,
    chooseFile,
    back,
    quit: () => dispatch({ type: 'quit' }),
    continueToThresholds,
    decide: (choice) => {
      reviewsDirty.current = true;
      reviewDispatch({ type: 'decide', choice });
    },
    undo: (key) => {
      reviewsDirty.current = true;
      reviewDispatch({ type: 'undo', key });
    },
    move: (delta) => reviewDispatch({ type: 'move', delta }),
    toReview: () => {
      reviewDispatch({ type: 'start' });
      dispatch({ type: 'to-review' });
    },
    confirmCommit,
  };
}
