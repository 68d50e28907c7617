import { randomBytes } from 'node:crypto';
import { resolve } from 'node:path';
import type { CliOptions } from '../cli/args.js';
import { loadConfig, type ResolvedConfig } from '../config/load.js';
import { chooseDatabase, passwordOf, type DatabaseChoice } from '../db/url.js';
import { registerSecret } from '../db/redact.js';
import { defaultDataDir, openDatabase } from '../db/open.js';
import type { Db } from '../db/types.js';

export interface AppContext {
  options: CliOptions;
  resolved: ResolvedConfig;
  choice: DatabaseChoice;
  dataDir: string;
  processId: string;
  workerId: string;
  startedAt: Date;
}

/** `PRC-BF-YYYYMMDDHHMMSSmmm` (UTC). Milliseconds keep two runs in one second apart. */
export function newProcessId(now: Date): string {
  const p = (n: number, w = 2): string => String(n).padStart(w, '0');
  return `PRC-BF-${now.getUTCFullYear()}${p(now.getUTCMonth() + 1)}${p(now.getUTCDate())}${p(now.getUTCHours())}${p(now.getUTCMinutes())}${p(now.getUTCSeconds())}${p(now.getUTCMilliseconds(), 3)}`;
}

export function createContext(options: CliOptions, env: NodeJS.ProcessEnv = process.env): AppContext {
  const resolved = loadConfig(options.config);
  // Per-run threshold overrides (SPEC §2).
  const m = resolved.config.matching;
  if (options.companyThreshold !== undefined) m.company_auto = options.companyThreshold;
  if (options.personThreshold !== undefined) m.person_auto = options.personThreshold;
  if (options.reviewFloor !== undefined) m.review_floor = options.reviewFloor;
  const choice = chooseDatabase(options.databaseUrl, env);
  if (choice.url) registerSecret(passwordOf(choice.url));
  const startedAt = new Date();
  return {
    options,
    resolved,
    choice,
    dataDir: resolve(options.dataDir ?? defaultDataDir()),
    processId: newProcessId(startedAt),
    workerId: `backfill-${randomBytes(4).toString('hex')}`,
    startedAt,
  };
}

export async function openFromContext(ctx: AppContext, dataDir: string = ctx.dataDir): Promise<Db> {
  return openDatabase({ choice: ctx.choice, dataDir, processId: ctx.processId, config: ctx.resolved.config });
}
