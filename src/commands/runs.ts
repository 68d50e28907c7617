import { migrate } from '../db/migrate.js';
import { listRuns } from '../db/rollback.js';
import type { AppContext } from './context.js';
import { openFromContext } from './context.js';

function count(summary: Record<string, unknown>, group: string, key: string): number {
  const g = summary[group] as Record<string, number> | undefined;
  return g?.[key] ?? 0;
}

export async function runRuns(ctx: AppContext): Promise<number> {
  const db = await openFromContext(ctx);
  try {
    await migrate(db);
    const runs = await listRuns(db);
    if (ctx.options.json) {
      process.stdout.write(JSON.stringify(runs) + '\n');
      return 0;
    }
    if (runs.length === 0) {
      process.stdout.write(`no runs yet (${db.label})\n`);
      return 0;
    }
    const header = ['PROCESS ID', 'COMMITTED (UTC)', 'ROWS', 'CO +/~', 'PEOPLE +/~', 'UNRESOLVED', 'STATE', 'FILE'];
    const lines = runs.map((r) => [
      r.process_id,
      r.committed_at,
      String(count(r.summary, 'rows', 'loaded')),
      `${count(r.summary, 'companies', 'created')}/${count(r.summary, 'companies', 'updated')}`,
      `${count(r.summary, 'people', 'created')}/${count(r.summary, 'people', 'updated')}`,
      String(count(r.summary, 'issues', 'unresolved')),
      r.rolled_back_at ? `rolled back ${r.rolled_back_at}` : 'committed',
      r.csv_path,
    ]);
    const widths = header.map((h, i) => Math.max(h.length, ...lines.map((l) => l[i]!.length)));
    const fmt = (cells: string[]): string => cells.map((c, i) => (i === cells.length - 1 ? c : c.padEnd(widths[i]!))).join('  ');
    process.stdout.write([fmt(header), ...lines.map(fmt)].join('\n') + '\n');
    return 0;
  } finally {
    await db.close();
  }
}
