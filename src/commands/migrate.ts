import { migrate } from '../db/migrate.js';
import type { AppContext } from './context.js';
import { openFromContext } from './context.js';

export async function runMigrate(ctx: AppContext): Promise<number> {
  const db = await openFromContext(ctx);
  try {
    const applied = await migrate(db);
    const where = db.label;
    if (ctx.options.json) {
      process.stdout.write(JSON.stringify({ database: db.kind, applied }) + '\n');
    } else if (applied.length === 0) {
      process.stdout.write(`schema is up to date (${where})\n`);
    } else {
      process.stdout.write(`applied ${applied.length} migration(s) to ${where}:\n${applied.map((a) => `  ${a}\n`).join('')}`);
    }
    return 0;
  } finally {
    await db.close();
  }
}
