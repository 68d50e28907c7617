import type { AppContext } from '../commands/context.js';
import { EXIT, InterruptedError } from '../errors.js';
import { describeDbError } from '../db/errors.js';
import { rateText, withRate, type Emit, type PipelineEvent } from '../pipeline/events.js';
import { RunSession } from '../pipeline/session.js';
import { giveCells, loadFile, normalizeContextOf, readCellsBack, type CommitFile, type LoadedFile } from '../pipeline/prepare.js';
import type { CommitDecisions, Decided } from '../pipeline/decide.js';
import { fallsOut, type Plan } from '../core/plan.js';
import type { MasterSnapshot } from '../core/types.js';
import { collectGarbage, LATE_HEAP_GROWING_PERCENT, setHeapGrowth } from '../launch/heap.js';
import { resolve } from 'node:path';
import { formatSummary } from './summary-text.js';
import { openSpillOrWarn, type DecisionSpill } from '../io/decision-spill.js';

// The --yes run: the same pipeline as the wizard, with a policy instead of a person (borderline
// matches go to fallout), progress on stderr, stdin never read.

/** Progress lines on stderr, at most a few per second per phase, with rate and ETA when known. */
export function stderrProgress(): Emit {
  let last = 0;
  let lastPhase = '';
  const t0 = Date.now();
  let phaseStart = t0;
  return (e: PipelineEvent) => {
    const now = Date.now();
    const finished = e.total !== null && e.done >= e.total;
    if (e.phase !== lastPhase) {
      lastPhase = e.phase;
      phaseStart = now;
    } else if (!finished && now - last < 500) return;
    last = now;
    const of = e.total !== null ? ` of ${e.total.toLocaleString('en-US')}` : '';
    process.stderr.write(`[${e.phase}] ${e.done.toLocaleString('en-US')}${of} ${e.unit}${e.message ? ` (${e.message})` : ''}${rateText(withRate(e, phaseStart, now))}\n`);
  };
}

/**
 * Decisions and plan, in functions of their own so that nothing outlives its stage: the master
 * snapshot is garbage once the index is built (prepareOnce), the matcher's index once the decisions
 * are made, each normalized row once it is planned (the file keeps what the commit and the reports
 * read of it, RunSession.planOnce), and each is collected before the next stage allocates
 * (collectGarbage).
 *
 * Only a dry run's plan reads the matched master records again: it predicts, against them, which
 * fields each update changes and which locks it meets (its report is that prediction). A committed
 * run's locked UPDATE decides both against the live rows and says why (db/sql/locked-update.ts), so
 * its plan proposes the values only (1M rows: ~20 s and ~0.34 GB at the plan not spent).
 */
async function matchAndPlan(session: RunSession, loaded: LoadedFile, signal: AbortSignal, spill: DecisionSpill | null): Promise<{ decided: CommitDecisions; plan: Plan; file: CommitFile }> {
  const decided = await matchRows(session, loaded, signal, spill);
  collectGarbage();
  const { decisions } = decided;
  // The fallout rows' cells, read again from the file: a large file's on a worker while the database
  // reads the matched records (a dry run) and this thread makes the plan (readCellsBack).
  const readBack = readCellsBack(loaded, (i) => !loaded.rows.head(i).valid || fallsOut(decisions[i]!));
  try {
    const master = session.ctx.options.dryRun ? await session.matchedRecords(decided) : NO_RECORDS;
    // The decisions as planOnce leaves them (a spilled row's let go): `decided` is consumed.
    const planned = session.planOnce(loaded, decided, master, readBack.rows);
    // The collection before the commit, while the worker finishes the read-back (at 1M rows it ends
    // ~2 s after the plan; the full collection of the plan's garbage takes ~1.9 s of this thread).
    collectGarbage();
    giveCells(planned.file.rows, await readBack.cells);
    return planned;
  } finally {
    await readBack.cells.catch(() => undefined); // the worker not left running when the plan failed
  }
}

const NO_RECORDS: MasterSnapshot = { companies: [], people: [] };

async function matchRows(session: RunSession, loaded: LoadedFile, signal: AbortSignal, spill: DecisionSpill | null): Promise<Decided> {
  const prep = await session.prepareOnce(loaded);
  setHeapGrowth(LATE_HEAP_GROWING_PERCENT); // from here to the end of the commit (RunSession.finish puts the restart's back)
  try {
    return await session.decideInSlices(prep, session.thresholds, new Map(), { signal, spill: spill ?? undefined });
  } finally {
    await prep.prefetch?.stop(); // the worker, and its hold on the shared index
  }
}

export async function runHeadless(ctx: AppContext, file: string): Promise<number> {
  const abort = new AbortController();
  const onSignal = (): void => {
    process.stderr.write('\ninterrupt received: rolling back, nothing will be written\n');
    abort.abort();
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
  const emit = stderrProgress();
  let session: RunSession | null = null;
  // The resolved rows' decision texts, on disk from the match to the log and the reports.
  const spill = openSpillOrWarn((m) => process.stderr.write(m));
  try {
    // The file first: an unusable CSV stops the run (exit 3) before the database is touched.
    const t0 = performance.now();
    // The rows' original cells are not kept (0.44 GB at 1M rows): the commit reads them again.
    const loaded = await loadFile(resolve(file), ctx.resolved, normalizeContextOf(ctx.resolved), emit, { signal: abort.signal, keepCells: false });
    const readMs = Math.round(performance.now() - t0);
    if (abort.signal.aborted) throw new InterruptedError();
    session = await RunSession.open(ctx, emit);
    process.stderr.write(`backfill-tui ${ctx.processId} on ${session.db.label}${ctx.options.dryRun ? ' (dry run)' : ''}\n`);
    session.timings.read = readMs;
    const { decided, plan, file: planned } = await matchAndPlan(session, loaded, abort.signal, spill);
    if (abort.signal.aborted) throw new InterruptedError();
    const out = await session.finish(planned, decided, plan, ctx.options.dryRun, abort.signal);
    if (ctx.options.json) process.stdout.write(JSON.stringify(out.summary) + '\n');
    else process.stdout.write(formatSummary(out.summary));
    return EXIT.ok;
  } catch (err) {
    if (abort.signal.aborted && !(err instanceof InterruptedError)) throw new InterruptedError();
    throw describeDbError(err) ?? err;
  } finally {
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
    await session?.close();
    spill?.close();
  }
}
