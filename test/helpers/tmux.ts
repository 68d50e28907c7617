import { execFileSync, spawnSync } from 'node:child_process';
import { seedDemo } from '../../src/commands/demo.js';
import { migrate } from '../../src/db/migrate.js';
import { openPglite } from '../../src/db/pglite-driver.js';

// A real terminal for the wizard's end-to-end tests: tmux sessions driven with send-keys and read
// with capture-pane.

export const hasTmux = spawnSync('tmux', ['-V']).status === 0;

export function tmux(...args: string[]): string {
  return execFileSync('tmux', args, { encoding: 'utf8' });
}

export function screenOf(session: string): string {
  return tmux('capture-pane', '-p', '-t', session);
}

/** Polls the pane until `re` matches; returns the match. Fails with the last screen on timeout. */
export async function waitForScreen(session: string, re: RegExp, timeoutMs = 30000): Promise<RegExpMatchArray> {
  const start = Date.now();
  let last = '';
  for (;;) {
    last = screenOf(session);
    const m = last.match(re);
    if (m) return m;
    if (Date.now() - start > timeoutMs) throw new Error(`timed out waiting for ${re}; screen:\n${last}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

/** An embedded database in `dataDir`, migrated and seeded with the demo's master records. */
export async function seededDemoDatabase(dataDir: string, demoDir: string): Promise<void> {
  const db = await openPglite({ dataDir, processId: 'e2e-seed' });
  try {
    await migrate(db);
    await seedDemo(db, demoDir);
  } finally {
    await db.close();
  }
}
