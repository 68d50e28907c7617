import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createContext } from '../../src/commands/context.js';
import { silent } from '../../src/pipeline/events.js';
import { RunSession } from '../../src/pipeline/session.js';
import { seedDemo } from '../../src/commands/demo.js';
import { legacyLines, masterCompanyLines, masterPeopleLines, type GenSpec } from '../../src/gen/generate.js';

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

/**
 * Generated data (locked fields, typos, in-file duplicates) written to `dir` and seeded into the
 * session's database as the demo is; returns the path of the generated legacy CSV.
 */
export async function seedGenerated(session: RunSession, dir: string, spec: GenSpec): Promise<string> {
  writeFileSync(join(dir, 'master_companies.csv'), [...masterCompanyLines(spec)].join(''));
  writeFileSync(join(dir, 'master_people.csv'), [...masterPeopleLines(spec)].join(''));
  writeFileSync(join(dir, 'legacy.csv'), [...legacyLines(spec)].map((l) => l.csv).join(''));
  await seedDemo(session.db, dir);
  return join(dir, 'legacy.csv');
}
