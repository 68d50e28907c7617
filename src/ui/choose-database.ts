import type { AppContext } from '../commands/context.js';
import { registerSecret } from '../db/redact.js';
import { maskUrl, passwordOf } from '../db/url.js';
import { EXIT, InterruptedError, UserError } from '../errors.js';
import type { SettingsStore } from './settings-store.js';

// First run of the wizard with nothing configured: ask once which database to use (an inquirer
// prompt, before Ink takes the terminal). The store keeps the kind and the masked URL; a stored
// Postgres choice asks for its password again on the next run (a password is never stored).

function needsChoice(ctx: AppContext, env: NodeJS.ProcessEnv): boolean {
  return ctx.choice.source === 'embedded' && ctx.options.dataDir === undefined && !env.BACKFILL_TUI_DATA_DIR;
}

function withUrl(ctx: AppContext, url: string): AppContext {
  registerSecret(passwordOf(url));
  return { ...ctx, choice: { kind: 'postgres', url, source: '--database-url' } };
}

function addPassword(url: string, password: string): string {
  if (!password) return url;
  const u = new URL(url);
  u.password = password;
  return u.toString();
}

function isExitPrompt(err: unknown): boolean {
  return (err as Error)?.name === 'ExitPromptError';
}

export async function chooseDatabaseIfNeeded(ctx: AppContext, settings: SettingsStore, env: NodeJS.ProcessEnv = process.env): Promise<AppContext> {
  if (!needsChoice(ctx, env) || !process.stdin.isTTY || !process.stdout.isTTY) return ctx;
  const { select, input, password } = await import('@inquirer/prompts');
  try {
    const stored = settings.database();
    if (stored?.kind === 'embedded') return ctx;
    if (stored?.kind === 'postgres' && stored.maskedUrl) {
      const pw = await password({ message: `Password for ${stored.maskedUrl} (empty: none)`, mask: '*' });
      const url = addPassword(stored.maskedUrl.replace(':***@', '@'), pw);
      return withUrl(ctx, url);
    }
    const kind = await select({
      message: 'Which database should backfill-tui write to? (asked once; DATABASE_URL or --database-url override it)',
      choices: [
        { name: `The embedded database (no server; files in ${ctx.dataDir})`, value: 'embedded' as const },
        { name: 'A Postgres server (Neon, RDS, local...)', value: 'postgres' as const },
      ],
    });
    if (kind === 'embedded') {
      settings.saveDatabase('embedded', null);
      return ctx;
    }
    const bare = await input({
      message: 'Postgres URL without the password (postgresql://user@host:5432/db)',
      validate: (v) => {
        try {
          const u = new URL(v);
          return /^postgres(ql)?:$/.test(u.protocol) ? true : 'expected postgresql://...';
        } catch {
          return 'not a URL';
        }
      },
    });
    const pw = await password({ message: 'Password (empty: none; never stored)', mask: '*' });
    const url = addPassword(bare, pw);
    settings.saveDatabase('postgres', maskUrl(url));
    return withUrl(ctx, url);
  } catch (err) {
    if (isExitPrompt(err)) throw new InterruptedError();
    if (err instanceof UserError) throw err;
    throw new UserError(`could not ask for the database: ${(err as Error).message}`, EXIT.usage, 'pass --database-url URL or --data-dir DIR');
  }
}
