#!/usr/bin/env node
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { config as loadDotenv } from 'dotenv';
import { HELP, parseCli } from './cli/args.js';
import { EXIT, UserError } from './errors.js';
import { installOutputRedaction, redact } from './db/redact.js';
import { passwordOf } from './db/url.js';
import { relaunchForLargeFile, watchParent } from './launch/heap.js';

// What a large run's first process needs before it restarts itself (launch/heap.ts) is imported
// here; the rest (configuration, database, pipeline) when a command runs, so that the first
// process, which waits for the restarted one to the end, stays small (1M run: 52 MB of RSS instead of 57;
// a bare node process is ~40).

async function version(): Promise<string> {
  const { PACKAGE_ROOT } = await import('./config/load.js');
  const pkg = JSON.parse(readFileSync(join(PACKAGE_ROOT, 'package.json'), 'utf8')) as { version: string };
  return pkg.version;
}

async function main(argv: string[]): Promise<number> {
  installOutputRedaction();
  loadDotenv({ path: join(process.cwd(), '.env'), quiet: true });
  const { command, options } = parseCli(argv);
  if (options.databaseUrl && passwordOf(options.databaseUrl)) {
    // The URL with its password is in our own command line (visible in `ps`): overwrite it.
    process.title = 'backfill-tui';
  }
  debug = options.debug;
  json = options.json;
  if (command.name === 'run' && command.file) {
    const relaunched = relaunchForLargeFile(command.file);
    if (relaunched) return relaunched;
    watchParent();
  }
  if (command.name === 'help') {
    process.stdout.write(HELP);
    return EXIT.ok;
  }
  if (command.name === 'version') {
    process.stdout.write(`${await version()}\n`);
    return EXIT.ok;
  }
  const { createContext } = await import('./commands/context.js');
  const ctx = createContext(options);
  switch (command.name) {
    case 'migrate': {
      const { runMigrate } = await import('./commands/migrate.js');
      return runMigrate(ctx);
    }
    case 'runs': {
      const { runRuns } = await import('./commands/runs.js');
      return runRuns(ctx);
    }
    case 'rollback': {
      const { runRollback } = await import('./commands/rollback.js');
      return runRollback(ctx, command.processId);
    }
    case 'demo': {
      const { runDemo } = await import('./commands/demo.js');
      return runDemo(ctx);
    }
    case 'run': {
      if (options.yes || options.json || !process.stdin.isTTY || !process.stdout.isTTY) {
        if (!command.file) {
          throw new UserError('no CSV file given and no terminal for the wizard', EXIT.usage, 'pass FILE.csv --yes');
        }
        const { runHeadless } = await import('./headless/run.js');
        return runHeadless(ctx, command.file);
      }
      // The wizard only runs on a real terminal. Ink switches to "CI mode" (no frame until exit)
      // when CI is set, which would look like a frozen screen to a person at the keyboard.
      delete process.env.CI;
      delete process.env.CONTINUOUS_INTEGRATION;
      const { runWizard } = await import('./ui/run-wizard.js');
      return runWizard(ctx, command.file);
    }
  }
}

let debug = false;
/** --json: a failed run still prints exactly one JSON object on stdout (the error), for scripts. */
let json = process.argv.includes('--json');

/** `{ "ok": false, "exit_code": 3, "error": { "kind": "CsvUnusableError", "message": ..., "hint": ... } }` */
function jsonFailure(exitCode: number, kind: string, message: string, hint: string | null): string {
  return JSON.stringify({ ok: false, exit_code: exitCode, error: { kind, message, hint } }) + '\n';
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (err: unknown) => {
    if (err instanceof UserError) {
      process.stderr.write(`backfill-tui: ${redact(err.message)}\n`);
      if (err.hint) process.stderr.write(`  hint: ${redact(err.hint)}\n`);
      if (debug && err.stack) process.stderr.write(redact(err.stack) + '\n');
      if (json) process.stdout.write(jsonFailure(err.exitCode, err.name, redact(err.message), err.hint ? redact(err.hint) : null));
      process.exitCode = err.exitCode;
    } else {
      const e = err as Error;
      process.stderr.write(`backfill-tui: unexpected error: ${redact(e?.message ?? String(err))}\n`);
      process.stderr.write(debug && e?.stack ? redact(e.stack) + '\n' : '  (run again with --debug for the stack trace; nothing was committed)\n');
      if (json) process.stdout.write(jsonFailure(EXIT.failed, 'UnexpectedError', redact(e?.message ?? String(err)), 'run again with --debug for the stack trace; nothing was committed'));
      process.exitCode = EXIT.failed;
    }
  },
);
