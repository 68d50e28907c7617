import { render } from 'ink';
import type { AppContext } from '../commands/context.js';
import { EXIT, UserError } from '../errors.js';
import { redact } from '../db/redact.js';
import { App } from './App.js';
import { chooseDatabaseIfNeeded } from './choose-database.js';
import { SessionBackend } from './session-backend.js';
import { memorySettings, openSettings, type SettingsStore, type StoredThresholds } from './settings-store.js';
import type { Problem } from './wizard-state.js';

export interface WizardRunOptions {
  /** The embedded data directory to use instead of ctx.dataDir (the demo's). */
  dataDir?: string;
  /** Skip the first-run database question (the demo always uses its own embedded database). */
  fixedDatabase?: boolean;
}

function settingsOrMemory(): SettingsStore {
  try {
    return openSettings();
  } catch {
    return memorySettings(); // an unwritable config dir must not stop the wizard
  }
}

/** Flags win, then the thresholds of the last run, then the config file. */
export function startThresholds(ctx: AppContext, settings: SettingsStore): StoredThresholds {
  const m = ctx.resolved.config.matching;
  const last = settings.lastThresholds();
  return {
    companyAuto: ctx.options.companyThreshold ?? last?.companyAuto ?? m.company_auto,
    personAuto: ctx.options.personThreshold ?? last?.personAuto ?? m.person_auto,
    reviewFloor: ctx.options.reviewFloor ?? last?.reviewFloor ?? m.review_floor,
  };
}

export async function runWizard(ctx: AppContext, file: string | null, opts: WizardRunOptions = {}): Promise<number> {
  if (!process.stdin.isTTY || !process.stdout.isTTY) {
    throw new UserError('the wizard needs a terminal', EXIT.usage, 'pass FILE.csv --yes for a non-interactive run');
  }
  const settings = settingsOrMemory();
  const runCtx = opts.fixedDatabase ? ctx : await chooseDatabaseIfNeeded(ctx, settings);
  if (!opts.fixedDatabase && runCtx.choice.kind === 'embedded' && settings.database() === null) settings.saveDatabase('embedded', null);
  const backend = new SessionBackend(runCtx, opts.dataDir);

  let resolveExit!: (e: { code: number; problem: Problem | null }) => void;
  const exited = new Promise<{ code: number; problem: Problem | null }>((r) => (resolveExit = r));
  const listeners = new Set<() => void>();
  const onSignal = (): void => listeners.forEach((l) => l());
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);

  const instance = render(
    <App
      backend={backend}
      settings={settings}
      cwd={process.cwd()}
      initialFile={file}
      initialThresholds={startThresholds(ctx, settings)}
      ready={backend.ready()}
      onExit={resolveExit}
      subscribeInterrupt={(l) => {
        listeners.add(l);
        return () => listeners.delete(l);
      }}
    />,
    { exitOnCtrlC: false },
  );
  try {
    const exit = await exited;
    // Let Ink paint the last frame, then give the terminal back before printing anything.
    await new Promise((r) => setTimeout(r, 50));
    instance.unmount();
    await instance.waitUntilExit().catch(() => {});
    if (exit.problem && exit.code !== 0) {
      process.stderr.write(`backfill-tui: ${redact(exit.problem.message)}\n`);
      if (exit.problem.hint) process.stderr.write(`  hint: ${redact(exit.problem.hint)}\n`);
    } else if (exit.code === EXIT.interrupted) {
      process.stderr.write('backfill-tui: quit; nothing was written\n');
    }
    return exit.code;
  } finally {
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
    await backend.close().catch(() => {});
  }
}
