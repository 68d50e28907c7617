import envPaths from 'env-paths';
import { join } from 'node:path';
import type { BackfillConfig } from '../config/config-schema.js';
import type { Db } from './types.js';
import type { DatabaseChoice } from './url.js';

export function defaultDataDir(): string {
  return process.env.BACKFILL_TUI_DATA_DIR || envPaths('backfill-tui', { suffix: '' }).data;
}

export function demoDataDir(): string {
  return join(defaultDataDir(), 'demo');
}

export interface OpenOptions {
  choice: DatabaseChoice;
  dataDir: string;
  processId: string;
  config: BackfillConfig;
}

export async function openDatabase(opts: OpenOptions): Promise<Db> {
  // Each driver is loaded only when used (module loading is a good part of a small run's time).
  if (opts.choice.kind === 'postgres' && opts.choice.url) {
    const { openPg } = await import('./pg-driver.js');
    const d = opts.config.database;
    return openPg({
      url: opts.choice.url,
      applicationName: `backfill-tui ${opts.processId}`,
      connectTimeoutMs: d.connect_timeout_ms,
      statementTimeoutMs: d.statement_timeout_ms,
      lockTimeoutMs: d.lock_timeout_ms,
      idleInTransactionTimeoutMs: d.idle_in_transaction_timeout_ms,
    });
  }
  const { openPglite } = await import('./pglite-driver.js');
  return openPglite({ dataDir: opts.dataDir, processId: opts.processId });
}
