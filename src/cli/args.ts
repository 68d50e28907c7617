import { parseArgs } from 'node:util';
import { UsageError } from '../errors.js';

export type Command =
  | { name: 'help' }
  | { name: 'version' }
  | { name: 'migrate' }
  | { name: 'runs' }
  | { name: 'rollback'; processId: string }
  | { name: 'demo' }
  | { name: 'run'; file: string | null };

export interface CliOptions {
  databaseUrl?: string;
  dataDir?: string;
  config?: string;
  dryRun: boolean;
  json: boolean;
  yes: boolean;
  force: boolean;
  debug: boolean;
  reportDir?: string;
  companyThreshold?: number;
  personThreshold?: number;
  reviewFloor?: number;
}

export interface ParsedArgs {
  command: Command;
  options: CliOptions;
}

export const HELP = `backfill-tui — bring a legacy outreach CSV into the Postgres master tables, once and safely

Usage
  backfill-tui                          interactive wizard (needs a terminal); starts at file selection
  backfill-tui FILE.csv                 interactive wizard with the file chosen
  backfill-tui FILE.csv --yes           non-interactive run (scripts, CI, cron)
  backfill-tui demo                     wizard on a separate embedded demo database seeded from fixtures/
  backfill-tui migrate                  apply schema/ to the database (idempotent), nothing else
  backfill-tui runs                     list past runs
  backfill-tui rollback PROCESS_ID      undo one run completely (add --force to overwrite later edits)
  backfill-tui --help | --version

Options
  --database-url URL        a real Postgres (Neon, RDS, local...); else DATABASE_URL, else
                            NEON_DATABASE_URL, else the embedded database
  --data-dir DIR            where the embedded database keeps its files
  --config FILE             the backfill config (normalization_rules.json is read beside it)
  --dry-run                 plan and report everything, write nothing to any table
  --json                    print exactly one JSON summary on stdout; progress goes to stderr
  --report-dir DIR          where reports go (default ./backfill-reports/PROCESS_ID/)
  --company-threshold X     company auto-match threshold for this run (0..1)
  --person-threshold X      person auto-match threshold for this run (0..1)
  --review-floor X          lowest score that is still offered for review (0..1)
  -y, --yes                 no prompts: borderline matches go to fallout
  --force                   rollback: restore even fields someone changed after the run
  --debug                   show stack traces of unexpected errors

Exit codes
  0 done (or dry run done)   1 failed, nothing written   2 usage or configuration error
  3 CSV unusable             4 another backfill holds the database lock   130 interrupted
`;

function parseUnit(flag: string, value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (value.trim() === '' || !Number.isFinite(n) || n < 0 || n > 1) {
    throw new UsageError(`${flag} expects a number between 0 and 1, got "${value}"`, `for example ${flag} 0.9`);
  }
  return n;
}

export function parseCli(argv: string[]): ParsedArgs {
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      allowPositionals: true,
      strict: true,
      options: {
        'database-url': { type: 'string' },
        'data-dir': { type: 'string' },
        config: { type: 'string' },
        'dry-run': { type: 'boolean', default: false },
        json: { type: 'boolean', default: false },
        yes: { type: 'boolean', short: 'y', default: false },
        force: { type: 'boolean', default: false },
        debug: { type: 'boolean', default: false },
        'report-dir': { type: 'string' },
        'company-threshold': { type: 'string' },
        'person-threshold': { type: 'string' },
        'review-floor': { type: 'string' },
        help: { type: 'boolean', short: 'h', default: false },
        version: { type: 'boolean', short: 'V', default: false },
      },
    });
  } catch (err) {
    const msg = (err as Error).message.replace(/\. To specify a positional argument.*$/s, '');
    throw new UsageError(msg);
  }
  const v = parsed.values;
  const options: CliOptions = {
    databaseUrl: v['database-url'],
    dataDir: v['data-dir'],
    config: v.config,
    dryRun: v['dry-run'] ?? false,
    json: v.json ?? false,
    yes: v.yes ?? false,
    force: v.force ?? false,
    debug: v.debug ?? false,
    reportDir: v['report-dir'],
    companyThreshold: parseUnit('--company-threshold', v['company-threshold']),
    personThreshold: parseUnit('--person-threshold', v['person-threshold']),
    reviewFloor: parseUnit('--review-floor', v['review-floor']),
  };
  for (const [flag, val] of [['--database-url', options.databaseUrl], ['--data-dir', options.dataDir], ['--config', options.config], ['--report-dir', options.reportDir]] as const) {
    if (val !== undefined && val.trim() === '') throw new UsageError(`${flag} needs a value`);
  }
  if (v.help) return { command: { name: 'help' }, options };
  if (v.version) return { command: { name: 'version' }, options };
  const pos = parsed.positionals;
  const first = pos[0];
  let command: Command;
  if (first === undefined) command = { name: 'run', file: null };
  else if (first === 'migrate' || first === 'runs' || first === 'demo') {
    if (pos.length > 1) throw new UsageError(`${first} takes no arguments, got "${pos.slice(1).join(' ')}"`);
    command = { name: first };
  } else if (first === 'rollback') {
    if (pos.length !== 2) throw new UsageError('rollback needs exactly one PROCESS_ID', 'list them with `backfill-tui runs`');
    command = { name: 'rollback', processId: pos[1]! };
  } else {
    if (pos.length > 1) throw new UsageError(`expected one CSV file, got ${pos.length} arguments: ${pos.join(' ')}`);
    command = { name: 'run', file: first };
  }
  if (options.yes && command.name === 'run' && command.file === null) {
    throw new UsageError('--yes needs a CSV file', 'backfill-tui FILE.csv --yes');
  }
  return { command, options };
}
