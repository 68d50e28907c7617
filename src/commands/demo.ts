import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { PACKAGE_ROOT } from '../config/load.js';
import { migrate } from '../db/migrate.js';
import { demoDataDir } from '../db/open.js';
import type { Db } from '../db/types.js';
import { EXIT, UserError } from '../errors.js';
import { openFromContext, type AppContext } from './context.js';

// `backfill-tui demo`: the wizard on a separate embedded database seeded from fixtures/demo (master
// records with locked fields) and opened on its legacy CSV, so a newcomer sees every kind of case.

export const DEMO_DIR = join(PACKAGE_ROOT, 'fixtures', 'demo');

const TABLES = [
  { file: 'master_companies.csv', table: 'marketing.company_master' },
  { file: 'master_people.csv', table: 'marketing.people_master' },
] as const;

/** The column list of a master CSV's header (plain identifiers only: it goes into the COPY statement). */
export function copyColumns(csvText: string, file: string): string[] {
  const first = csvText.replace(/^\uFEFF/, '').split(/\r?\n/, 1)[0] ?? '';
  const cols = first.split(',').map((c) => c.trim().replace(/^"(.*)"$/, '$1'));
  if (cols.length === 0 || cols.some((c) => !/^[a-z_][a-z0-9_]*$/.test(c))) {
    throw new UserError(`${file}: the header is not a list of column names: ${first.slice(0, 120)}`, EXIT.usage);
  }
  return cols;
}

/** Seeds the demo's master tables from `dir` when they are empty. Returns the rows copied per table. */
export async function seedDemo(db: Db, dir: string = DEMO_DIR): Promise<Record<string, number>> {
  const copied: Record<string, number> = {};
  for (const { file, table } of TABLES) {
    const res = await db.query<{ n: number }>(`SELECT count(*)::int AS n FROM ${table}`);
    if (res.rows[0]!.n > 0) continue;
    const text = readFileSync(join(dir, file), 'utf8');
    const cols = copyColumns(text, file);
    await db.copyIn(`COPY ${table} (${cols.join(', ')}) FROM STDIN WITH (FORMAT csv, HEADER true)`, [text]);
    const after = await db.query<{ n: number }>(`SELECT count(*)::int AS n FROM ${table}`);
    copied[table] = after.rows[0]!.n;
  }
  return copied;
}

export async function runDemo(ctx: AppContext, dir: string = DEMO_DIR): Promise<number> {
  const missing = ['legacy.csv', ...TABLES.map((t) => t.file)].filter((f) => !existsSync(join(dir, f)));
  if (missing.length > 0) {
    throw new UserError(`the demo fixtures are missing in ${dir}: ${missing.join(', ')}`, EXIT.usage, 'reinstall backfill-tui, or run the generator to write fixtures/demo');
  }
  const dataDir = ctx.options.dataDir ? ctx.dataDir : demoDataDir();
  const demoCtx: AppContext = { ...ctx, choice: { kind: 'embedded', url: null, source: 'embedded' }, dataDir };
  // One line only before the wizard: the wizard's 24 rows must fit below it.
  process.stderr.write(`backfill-tui demo: opening the embedded demo database at ${dataDir}...\n`);
  const db = await openFromContext(demoCtx);
  let copied: Record<string, number>;
  try {
    await migrate(db);
    copied = await seedDemo(db, dir);
  } finally {
    await db.close();
  }
  delete process.env.CI; // see cli.ts: Ink renders nothing until exit when CI is set
  delete process.env.CONTINUOUS_INTEGRATION;
  const { runWizard } = await import('../ui/run-wizard.js');
  const code = await runWizard(demoCtx, join(dir, 'legacy.csv'), { fixedDatabase: true });
  for (const [table, n] of Object.entries(copied)) process.stderr.write(`demo: seeded ${table} with ${n} records\n`);
  process.stderr.write(`demo: the demo database is ${dataDir} (your own database was not touched); delete it to start over\n`);
  return code;
}
