import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { join } from 'node:path';
import { PACKAGE_ROOT, type ResolvedConfig } from '../config/load.js';
import { createNormalizeContext, type NormalizeContext } from '../core/normalize/context.js';
import { normalizeRecord, normalizeWithoutCells } from '../core/normalize/row.js';
import { FieldInterner } from '../core/intern.js';
import { ownString } from '../core/strings.js';
import { createMatcherSteps, ONCE_MEMO, type Matcher } from '../core/match/match-rows.js';
import { isProvisional } from '../core/plan.js';
import { RELAUNCH_MIN_BYTES } from '../launch/heap.js';
import type { Issue, MasterSnapshot, NormalizedRow, CanonicalColumn, RowDecision, SourceRecord, SourceRow } from '../core/types.js';
import { PackedRows, RowArray, type RowList } from '../core/row-list.js';
import { ChunkFile } from '../io/chunk-file.js';
import { findImportedHashes, loadMaster } from '../db/master-repo.js';
import { startCompanyWorker, type PendingPrefetch, type Prefetch, type PrefetchOptions } from './prefetch.js';
import { rowsToMatch } from './decide.js';
import type { MasterCompanies } from '../core/match/master-index.js';
import type { Db } from '../db/types.js';
import { InterruptedError } from '../errors.js';
import { openCsv, type CsvSource } from '../io/csv-source.js';
import { NORMALIZE_BATCH, ParallelNormalizer } from './parallel-normalize.js';
import { cellMap, fileCells, fileIdentity, type CellSource, type FileIdentity } from '../io/cell-source.js';
import type { Emit } from './events.js';

export interface LoadedFile {
  path: string;
  encoding: string;
  headers: string[];
  headerMap: Partial<Record<CanonicalColumn, string>>;
  unknownHeaders: string[];
  fileIssues: Issue[];
  /** Objects (RowArray) when the cells are kept (the wizard), packed (PackedRows) when not (--yes). */
  rows: RowList;
  sha256: string;
  /**
   * Where the rows' original cells are read from when they are not on the rows (`source` null):
   * the file again (loadFile with keepCells false). Null when every row keeps its own.
   */
  cells: CellSource | null;
}

/**
 * A loaded file as the commit and the reports read it (LoadedFile is one): every row's SourceRow, or
 * only those the commit and the reports read (RunSession.planOnce; undefined at the others' places).
 */
export type CommitFile = Omit<LoadedFile, 'rows'> & { rows: readonly (SourceRow | undefined)[] };

/** A loaded file as the commit reads it (the wizard's: its rows are objects, read as they are). */
export function commitFileOf(file: LoadedFile): CommitFile {
  const heads = file.rows.heads();
  return { ...file, rows: Array.isArray(heads) ? (heads as SourceRow[]) : [...heads] };
}

/** A loaded file's rows, let go of (planOnce moves them out). */
export const NO_ROWS: RowList = new RowArray([]);

/** What the commit and the reports read of a row (a new object: the normalized fields are not kept alive by it). */
export function sourceRowOf(r: SourceRow): SourceRow {
  return { index: r.index, line: r.line, hash: r.hash, source: r.source, valid: r.valid, issues: r.issues };
}

export function normalizeContextOf(resolved: ResolvedConfig): NormalizeContext {
  return createNormalizeContext({ config: resolved.config, rules: resolved.rules, personalDomains: resolved.personalDomains });
}

function sha256Of(path: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const h = createHash('sha256');
    createReadStream(path)
      .on('data', (d) => h.update(d))
      .on('error', reject)
      .on('end', () => resolve(h.digest('hex')));
  });
}

/**
 * The normalized fields that repeat across the rows of a file (a company's on each of its rows;
 * names, titles and dates from short lists), kept as one string per value (core/intern.ts): 1,325 -> 1,210
 * bytes a row at 200k rows (heap after GC), for ~0.3 s of lookups. The original cells are not:
 * interning every column in the reader took 200k rows from ~6.5 to ~10 s to read, and saved less.
 */
export function internedRowFields(): FieldInterner<NormalizedRow> {
  return new FieldInterner<NormalizedRow>(['companyName', 'companyKey', 'domain', 'website', 'fullName', 'firstName', 'lastName', 'nameKey', 'title', 'lastEngagedAt', 'notes']);
}

/** The compiled worker that reads the cells back for the commit's log (tsc output, shipped in dist/). */
const CELL_WORKER = join(PACKAGE_ROOT, 'dist', 'io', 'cell-worker.js');

export interface LoadOptions {
  signal?: AbortSignal;
  /**
   * Keep each row's original cells (`source`), as the wizard does. When false (a --yes run) they
   * are dropped as each row is normalized and read again from the file when written (`cells`):
   * ~440 bytes a row less from the read to the commit (0.44 GB at 1M rows).
   */
  keepCells?: boolean;
  /**
   * Pack the rows (PackedRows) instead of keeping them as objects: by default when the cells are not
   * kept (a --yes run reads each row whole twice, to match and to plan it).
   */
  packed?: boolean;
  /**
   * Normalize on a worker thread as well (a load that drops the cells only): by default for files
   * from PARALLEL_MIN_BYTES on. Tests force it either way.
   */
  parallel?: boolean;
  /** The worker's script (tests: a missing one, to see the loader do without it). */
  normalizeWorker?: string;
  /**
   * Keep packed rows' full chunks in a temporary file (io/chunk-file.ts) instead of in memory: by
   * default for files from PARALLEL_MIN_BYTES on (~250 bytes a row: 0.25 GB less RSS at 1M rows
   * from the read to the plan). Tests force it either way.
   */
  spill?: boolean;
}

/**
 * From this size on, a load that drops the cells normalizes on two threads (ParallelNormalizer), and
 * reads the fallout rows' cells back on the cell worker (readCellsBack): the size from which a run
 * restarts itself with the large-file flags (launch/heap.ts), whose malloc settings give a worker's
 * memory back when it ends. Below it, in a process without them, the workers' memory stayed: 100k
 * rows (16 MB) read ~1 s faster for a peak of 789-808 MB instead of 631-675, and with the read-back
 * on the worker ran no faster for 764-767 MB instead of 691-699.
 */
export const PARALLEL_MIN_BYTES = RELAUNCH_MIN_BYTES;
/** Batches put and not taken at most: the main thread waits for the worker's oldest beyond that. */
const MAX_PENDING = 8;

/** The records of `source`, normalized on this thread and a worker (ParallelNormalizer), to `add` in file order. */
async function readInParallel(source: CsvSource, ctx: NormalizeContext, resolved: ResolvedConfig, add: (row: NormalizedRow) => void, script?: string): Promise<void> {
  const pool = new ParallelNormalizer(ctx, { config: resolved.config, rules: resolved.rules, personalDomains: resolved.personalDomains }, script);
  const drain = async (upTo: number): Promise<void> => {
    while (pool.pending > upTo || pool.ready) for (const row of await pool.take()) add(row);
  };
  try {
    let batch: SourceRecord[] = [];
    for await (const rec of source.records()) {
      batch.push(rec);
      if (batch.length === NORMALIZE_BATCH) {
        pool.put(batch);
        batch = [];
        await drain(MAX_PENDING);
      }
    }
    if (batch.length > 0) pool.put(batch);
    await drain(0);
  } finally {
    await pool.close();
  }
}

/** Streams the CSV, normalizes and validates every record. Throws CsvUnusableError (exit 3) before anything else. */
export async function loadFile(path: string, resolved: ResolvedConfig, ctx: NormalizeContext, emit: Emit, opts: LoadOptions = {}): Promise<LoadedFile> {
  const { signal, keepCells = true } = opts;
  const openOpts = { headerAliases: resolved.rules.header_aliases, maxRecordBytes: resolved.config.input.max_record_bytes };
  const source = await openCsv(path, openOpts);
  // Before the records are read: a change while they are read shows at the commit, too. A file that
  // is not a regular one (a named pipe, `<(...)`) cannot be read again: its rows keep their cells.
  const identity = keepCells ? null : await fileIdentity(path);
  const dropCells = identity !== null;
  const shaP = sha256Of(path);
  // Packed rows keep their fields as bytes: interning them would only cost the lookups. A large
  // file's go to a temporary file, chunk by chunk (spill), unless none can be made.
  const spill = (opts.packed ?? !keepCells) && (opts.spill ?? source.bytesTotal >= PARALLEL_MIN_BYTES) ? ChunkFile.open() : null;
  const packed = (opts.packed ?? !keepCells) ? new PackedRows(spill) : null;
  const objects: NormalizedRow[] = [];
  const intern = internedRowFields();
  const count = (): number => packed?.length ?? objects.length;
  let lastEmit = 0;
  const add = (row: NormalizedRow): void => {
    if (packed !== null) packed.push(row);
    else objects.push(intern.apply(row));
    if (count() - lastEmit >= 5000) {
      if (signal?.aborted) throw new InterruptedError();
      lastEmit = count();
      emit({ phase: 'read', done: lastEmit, total: null, unit: 'rows', message: `${Math.round((source.bytesRead() / Math.max(1, source.bytesTotal)) * 100)}%` });
    }
  };
  const parallel = dropCells && (opts.parallel ?? source.bytesTotal >= PARALLEL_MIN_BYTES);
  try {
    if (parallel) await readInParallel(source, ctx, resolved, add, opts.normalizeWorker);
    else {
      for await (const rec of source.records()) add(dropCells ? normalizeWithoutCells(rec, ctx) : normalizeRecord(rec, ctx));
    }
  } catch (err) {
    spill?.close();
    throw err;
  }
  packed?.seal();
  emit({ phase: 'read', done: count(), total: count(), unit: 'rows' });
  return {
    path,
    encoding: source.encoding,
    headers: source.headers,
    headerMap: source.headerMap,
    unknownHeaders: source.unknownHeaders,
    fileIssues: source.fileIssues,
    rows: packed ?? new RowArray(objects),
    sha256: await shaP,
    cells: identity === null ? null : cellSourceOf(path, openOpts, identity, parallel),
  };
}

/**
 * Where the commit reads the cells of a file it did not keep them of. Made here, not in loadFile: a
 * closure made there would share loadFile's scope with the ones that add rows, and keep its rows
 * (the whole packed list) alive as long as the cell source, through the commit.
 */
function cellSourceOf(path: string, openOpts: Parameters<typeof openCsv>[1], identity: FileIdentity, onWorker: boolean): CellSource {
  const readBack = { ...openOpts, transientCells: true };
  return fileCells(path, () => openCsv(path, readBack), identity, { script: CELL_WORKER, options: readBack, cellsOnWorker: onWorker });
}

/** The original cells of some rows, being read again from the file (readCellsBack). */
export interface CellsReadBack {
  /** The rows whose cells are being read. */
  rows: ReadonlySet<number>;
  /** Their cells by row index, once read (copies: nothing in them keeps a chunk of the file alive). */
  cells: Promise<Map<number, Record<string, string>>>;
}

/**
 * Starts reading again from the file the cells of the rows that will be written to the fallout
 * (invalid and unresolved: `needsCells`) when the loader did not keep them: the fallout report and
 * garage.missing_parts repeat them, and they are few. The rows are chosen now; a large file
 * (PARALLEL_MIN_BYTES) is read on the cell worker (io/cell-worker.ts), so a caller can make its plan
 * meanwhile (at 1M rows the read-back takes ~11 s, the plan ~15 s); a smaller one in this thread,
 * when the caller awaits the cells. The other rows' cells are read again by the commit's log step.
 */
export function readCellsBack(file: LoadedFile, needsCells: (index: number) => boolean): CellsReadBack {
  const rows: SourceRow[] = [];
  if (file.cells) for (const r of file.rows.heads()) if (r.source === null && needsCells(r.index)) rows.push(r);
  const read = async (): Promise<Map<number, Record<string, string>>> => {
    const cells = rows.length === 0 ? new Map<number, Record<string, string>>() : await cellMap(file.cells!, rows);
    // Copied: read in this thread (no worker), the cells are views into the read's chunks (transientCells).
    for (const [i, c] of cells) cells.set(i, Object.fromEntries(Object.entries(c).map(([k, v]) => [k, ownString(v)])));
    return cells;
  };
  const cells = read();
  cells.catch(() => undefined); // a caller busy with its plan when the read fails still gets the error where it awaits it
  return { rows: new Set(rows.map((r) => r.index)), cells };
}

/** Gives rows (in index order, as a file's) the cells read back for them. */
export function giveCells(rows: readonly ({ source: Record<string, string> | null } | undefined)[], cells: ReadonlyMap<number, Record<string, string>>): void {
  for (const [i, c] of cells) rows[i]!.source = c;
}

export interface Prepared {
  file: LoadedFile;
  /**
   * The master tables as read, for the plan; null when the run let go of it once the index was built
   * (the --yes run: a dry run's plan reads the matched records again, RunSession.matchedRecords; a committed run's needs none, see headless/run.ts).
   */
  master: MasterSnapshot | null;
  /** Row indexes that are duplicates: identical to an earlier row of the file, or imported by an earlier run. */
  duplicates: Set<number>;
  matcher: Matcher;
  ctx: NormalizeContext;
  /** The worker computing master company candidates alongside the first decisions (RunSession.prepare). */
  prefetch?: Prefetch;
}

/**
 * Valid rows that are duplicates (SPEC §6.6): identical (same row hash) to an earlier valid row of the
 * file, or already imported by a run that was not rolled back (`imported`).
 */
export function findDuplicateRows(rows: Iterable<SourceRow>, imported: ReadonlySet<string>): Set<number> {
  const duplicates = new Set<number>();
  const seen = new Set<string>();
  for (const r of rows) {
    if (!r.valid) continue;
    if (imported.has(r.hash) || seen.has(r.hash)) duplicates.add(r.index);
    seen.add(r.hash);
  }
  return duplicates;
}

/** Master records indexed between two turns of the event loop (~10-20 ms of work). */
const INDEX_SLICE = 5000;

/** A Prepared that kept the master snapshot (the wizard plans again after every review). */
export type PreparedWithMaster = Prepared & { master: MasterSnapshot };

/**
 * Reads the master tables and the already-imported row hashes, and builds the matcher's index. With
 * `keepMaster` false the snapshot is not kept: once the index is built it is garbage (~450 bytes a
 * master record, 0.64 GB at 1.4M records), instead of staying alive through the whole match. With
 * `prefetch` options, the company candidate worker (prefetch.ts) starts as soon as the master's
 * companies are indexed, on the rows the matcher will decide (rowsToMatch), and works while the
 * people are indexed; without, none is started.
 */
export async function prepareMatching(
  db: Db,
  file: LoadedFile,
  ctx: NormalizeContext,
  emit: Emit,
  pageSize: number,
  keepMaster = true,
  prefetch: PrefetchOptions | null = null,
): Promise<Prepared> {
  emit({ phase: 'master', done: 0, total: null, unit: 'records' });
  const master = await loadMaster(db, pageSize, (n) => emit({ phase: 'master', done: n, total: null, unit: 'records' }));
  const hashes = new Set<string>();
  for (const r of file.rows.heads()) if (r.valid) hashes.add(r.hash);
  const imported = await findImportedHashes(db, [...hashes]);
  const duplicates = findDuplicateRows(file.rows.heads(), imported);
  let pending: PendingPrefetch | null = null;
  const onCompanies = prefetch ? (companies: MasterCompanies): void => void (pending = startCompanyWorker(companies, rowsToMatch({ file, duplicates }), prefetch)) : undefined;
  // The index build counts as part of the master phase. In slices, so that the event loop turns
  // (at 1M records the build takes ~16 s: the wizard's spinner and Ctrl+C keep working).
  // A run that lets the snapshot go matches once (prepareOnce): its matcher keeps a small score memo.
  const steps = createMatcherSteps(master, ctx, INDEX_SLICE, { ...(keepMaster ? {} : { memo: ONCE_MEMO }), onCompanies });
  let matcher: Matcher;
  try {
    let step = steps.next();
    while (!step.done) {
      await new Promise<void>((resolve) => setImmediate(resolve));
      step = steps.next();
    }
    matcher = step.value;
  } catch (err) {
    await (pending as PendingPrefetch | null)?.stop();
    throw err;
  }
  emit({ phase: 'master', done: master.companies.length + master.people.length, total: master.companies.length + master.people.length, unit: 'records' });
  // `pending` is assigned in onCompanies above, which TypeScript's narrowing does not follow.
  const started = (pending as PendingPrefetch | null)?.attach(matcher);
  return { file, master: keepMaster ? master : null, duplicates, matcher, ctx, ...(started ? { prefetch: started } : {}) };
}

/** Master ids the decisions chose or proposed: the only records the plan looks up (provisional ids left out). */
export function targetedMasterIds(decisions: readonly RowDecision[]): { companyIds: string[]; personIds: string[] } {
  const companies = new Set<string>();
  const people = new Set<string>();
  for (const d of decisions) {
    const c = d.company?.targetId;
    if (c && !isProvisional(c)) companies.add(c);
    const p = d.person?.targetId;
    if (p && !isProvisional(p)) people.add(p);
  }
  return { companyIds: [...companies].sort(), personIds: [...people].sort() };
}
