import { useCallback, useEffect, useMemo } from 'react';
import { Box, useInput } from 'ink';
import type { WizardBackend } from './backend.js';
import { Frame } from './components/Frame.js';
import type { KeyHelp } from './components/HelpOverlay.js';
import { csvFilesIn } from './files.js';
import { useRefState } from './hooks/use-ref-state.js';
import { useTerminalSize } from './hooks/use-terminal-size.js';
import { useWizard } from './hooks/use-wizard.js';
import { COMMIT_KEYS, CommitScreen } from './screens/CommitScreen.js';
import { FILE_KEYS, FileScreen } from './screens/FileScreen.js';
import { REVIEW_KEYS, ReviewScreen } from './screens/ReviewScreen.js';
import { THRESHOLD_HELP, ThresholdsScreen } from './screens/ThresholdsScreen.js';
import { VALIDATION_KEYS, ValidationScreen } from './screens/ValidationScreen.js';
import type { SettingsStore, StoredThresholds } from './settings-store.js';
import type { Problem, Screen } from './wizard-state.js';

export interface AppProps {
  backend: WizardBackend;
  settings: SettingsStore;
  cwd: string;
  initialFile: string | null;
  initialThresholds: StoredThresholds;
  ready?: Promise<unknown>;
  onExit(exit: { code: number; problem: Problem | null }): void;
  /** Interrupts from outside the keyboard (SIGINT, SIGTERM): same as Ctrl-C. */
  subscribeInterrupt?(onInterrupt: () => void): () => void;
}

const KEYS: Record<Screen, KeyHelp[]> = { file: FILE_KEYS, validation: VALIDATION_KEYS, thresholds: THRESHOLD_HELP, review: REVIEW_KEYS, commit: COMMIT_KEYS };
const FOOTERS: Record<Screen, string> = {
  file: 'Up/Down choose  Enter open  / type a path',
  validation: 'Up/Down PgUp/PgDn scroll  Enter continue  Esc back',
  thresholds: 'Up/Down choose  Left/Right -/+0.01  Enter review  Esc back',
  review: 'a accept  r reject  d defer  u undo  <-/-> move  Enter commit  Esc back',
  commit: 'y/Enter commit  Esc back',
};

/** Keys the focused screen takes for itself: 'text' (typing a path), 'esc' (a list inside the screen). */
type Capture = 'none' | 'text' | 'esc';

export function App(props: AppProps) {
  const { columns, rows } = useTerminalSize();
  const width = Math.max(40, columns);
  const bodyHeight = Math.max(10, rows - 3);
  const w = useWizard(props);
  const { state } = w;
  const [, setCapture, captureRef] = useRefState<Capture>('none');
  const onTextMode = useCallback((on: boolean) => setCapture(on ? 'text' : 'none'), [setCapture]);
  const onModal = useCallback((on: boolean) => setCapture(on ? 'esc' : 'none'), [setCapture]);
  const csvs = useMemo(() => csvFilesIn(props.cwd), [props.cwd]);
  const recent = useMemo(() => props.settings.recentFiles(), [props.settings, state.screen]);

  const { subscribeInterrupt } = props;
  const { quit } = w;
  useEffect(() => subscribeInterrupt?.(quit), [subscribeInterrupt, quit]);

  useInput((input, key) => {
    if (key.ctrl && input === 'c') return w.quit();
    const capture = captureRef.current;
    const screenCaptures = capture !== 'none' && (state.screen === 'file' || state.screen === 'review');
    if (screenCaptures && capture === 'text') return;
    if (input === '?') return w.dispatch({ type: 'toggle-help' });
    if (input === 'q') return w.quit();
    if (key.escape) {
      if (screenCaptures && capture === 'esc' && !state.help) return;
      w.back();
    }
  });

  const active = !state.help;
  let body;
  switch (state.screen) {
    case 'file':
      body = (
        <FileScreen
          cwd={props.cwd}
          recent={recent}
          csvs={csvs}
          error={state.fileError}
          width={width}
          height={bodyHeight}
          active={active}
          onChoose={w.chooseFile}
          onTextMode={onTextMode}
        />
      );
      break;
    case 'validation':
      body = <ValidationScreen state={state} width={width} height={bodyHeight} active={active} onContinue={w.continueToThresholds} />;
      break;
    case 'thresholds':
      body = (
        <ThresholdsScreen
          thresholds={state.thresholds}
          selected={state.selected}
          decided={state.decided}
          busy={w.matchingLabel}
          width={width}
          active={active}
          onSelect={(delta) => w.dispatch({ type: 'select-threshold', delta })}
          onAdjust={(delta) => w.dispatch({ type: 'adjust-threshold', delta })}
          onContinue={w.toReview}
        />
      );
      break;
    case 'review':
      body = (
        <ReviewScreen
          review={w.review}
          thresholds={state.thresholds}
          row={(i) => props.backend.row(i)}
          busy={w.matchingLabel}
          width={width}
          height={bodyHeight}
          active={active}
          onDecide={w.decide}
          onUndo={w.undo}
          onMove={w.move}
          onContinue={() => w.dispatch({ type: 'to-commit' })}
          onModal={onModal}
        />
      );
      break;
    case 'commit':
      body = <CommitScreen state={state} width={width} height={bodyHeight} active={active} onConfirm={w.confirmCommit} onExit={w.quit} />;
      break;
  }
  return (
    <Box flexDirection="column" width={width}>
      <Frame screen={state.screen} width={width} help={state.help} keys={KEYS[state.screen]} footer={state.screen === 'commit' && state.commit.status === 'done' ? 'Enter exit' : FOOTERS[state.screen]}>
        {body}
      </Frame>
    </Box>
  );
}
