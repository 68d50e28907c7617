import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createContext } from '../../src/commands/context.js';
import { silent } from '../../src/pipeline/events.js';
import { RunSession } from '../../src/pipeline/session.js';

/**
 * A dry-run --yes RunSession on a fresh embedded database in a temporary directory (its reports go
 * there too), closed and removed after `fn` (which gets the session and the directory).
 */
export async function withEmbeddedSession<T>(prefix: string, fn: (session: RunSession, dataDir: string) => Promise<T>): Promise<T> {
  const dataDir = mkdtempSync(join(tmpdir(), prefix));
  const ctx = createContext({ dataDir, reportDir: join(dataDir, 'reports'), dryRun: true, json: false, yes: true, force: false, debug: false }, {});
  const session = await RunSession.open(ctx, silent, dataDir);
  try {
    return await fn(session, dataDir);
  } finally {
    await session.close();
    rmSync(dataDir, { recursive: true, force: true });
  }
}
