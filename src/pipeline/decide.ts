import type { DecisionDetail } from '../core/match/decide.js';
import type { DecisionSink, DecisionTextSource } from '../core/explain.js';
import type { MatchResult } from '../core/match/match-rows.js';
import type { NormalizedRow, ReviewChoice, RowDecision, Thresholds } from '../core/types.js';
import type { ResolvedConfig } from '../config/load.js';
import type { PlanPolicy } from '../core/plan.js';
import type { Prepared } from './prepare.js';
import type { Emit } from './events.js';
import { InterruptedError } from '../errors.js';

/** The plan's policy (update policy, always-locked fields, BIT weights and tiers) from the config. */
export function planPolicyOf(resolved: ResolvedConfig): PlanPolicy {
  const c = resolved.config;
  return { updatePolicy: c.matching.update_policy, globalLocked: c.matching.locked_fields, weights: c.bit.weights, tiers: c.bit.tiers };
}

export function thresholdsOf(resolved: ResolvedConfig): Thresholds {
  const m = resolved.config.matching;
  return { companyAuto: m.company_auto, personAuto: m.person_auto, reviewFloor: m.review_floor, nearTieMargin: m.near_tie_margin };
}

/**
 * The rows the matcher decides: valid and not duplicates (the others get their decision without
 * it), in file order. Read whole as they are iterated (packed rows are decoded then, not held).
 */
export class RowsToMatch implements Iterable<NormalizedRow> {
  readonly #indexes: Int32Array;

  constructor(private readonly prep: Pick<Prepared, 'file' | 'duplicates'>) {
    const picked: number[] = [];
    for (const r of prep.file.rows.heads()) if (r.valid && !prep.duplicates.has(r.index)) picked.push(r.index);
    this.#indexes = Int32Array.from(picked);
  }

  get length(): number {
    return this.#indexes.length;
  }

  /** The k-th row to match. */
  at(k: number): NormalizedRow {
    return this.prep.file.rows.at(this.#indexes[k]!);
  }

  *[Symbol.iterator](): Iterator<NormalizedRow> {
    for (let k = 0; k < this.#indexes.length; k++) yield this.at(k);
  }
}

export function rowsToMatch(prep: Pick<Prepared, 'file' | 'duplicates'>): RowsToMatch {
  return new RowsToMatch(prep);
}

export interface Decided {
  decisions: RowDecision[]; // one per row of the file, index order
  match: MatchResult;
  /** Where the log and the reports read the decisions' texts when some were spilled (RowDecision.spilled). */
  texts?: DecisionTextSource;
}

/** Matches the valid, non-duplicate rows and gives every row of the file a decision. */
export function decideAll(prep: Prepared, thresholds: Thresholds, reviews: ReadonlyMap<string, ReviewChoice>): Decided {
  const toMatch = rowsToMatch(prep);
  return withAllRows(prep, prep.matcher.match(toMatch, thresholds, reviews));
}

/**
 * decideAll() that gives the event loop a turn every `slice` rows (the wizard stays responsive on
 * large files). Resolves to null when `isStale()` says a newer request has replaced this one.
 */
export async function decideAllAsync(
  prep: Prepared,
  thresholds: Thresholds,
  reviews: ReadonlyMap<string, ReviewChoice>,
  opts: { slice?: number; isStale?: () => boolean; onProgress?: (done: number, total: number) => void; detail?: DecisionDetail; spill?: DecisionSink } = {},
): Promise<Decided | null> {
  const toMatch = rowsToMatch(prep);
  const steps = prep.matcher.matchSteps(toMatch, thresholds, reviews, opts.slice ?? 2000, opts.detail, opts.spill);
  for (;;) {
    const r = steps.next();
    if (r.done) return withAllRows(prep, r.value);
    opts.onProgress?.(r.value, toMatch.length);
    await new Promise<void>((resolve) => setImmediate(resolve));
    if (opts.isStale?.()) return null;
  }
}

/**
 * decideAllAsync() for a run that reports and can be interrupted: a 'match' progress event per slice
 * of rows (rows per second and ETA on stderr, during a match of minutes at 1M rows), and an aborted
 * `signal` stops it between two slices with InterruptedError instead of after the last row. `detail`
 * as in DecisionDetail (the --yes run keeps the full detail of unresolved rows only); `spill` as in
 * Matcher.matchSteps.
 */
export async function decideWithProgress(
  prep: Prepared,
  thresholds: Thresholds,
  reviews: ReadonlyMap<string, ReviewChoice>,
  emit: Emit,
  opts: { slice?: number; signal?: AbortSignal; detail?: DecisionDetail; spill?: DecisionSink } = {},
): Promise<Decided> {
  const total = rowsToMatch(prep).length;
  const event = (done: number): void => emit({ phase: 'match', done, total, unit: 'rows', message: 'rows to match' });
  event(0);
  const d = await decideAllAsync(prep, thresholds, reviews, { slice: opts.slice ?? 5000, isStale: () => opts.signal?.aborted ?? false, onProgress: event, detail: opts.detail, spill: opts.spill });
  if (d === null) throw new InterruptedError();
  event(total);
  return d;
}

/**
 * Every row's decision, in file order: the matcher's (made in the order of rowsToMatch, which is file
 * order) merged with the invalid and duplicate rows' by one walk, not through a Map of a million
 * entries and their pairs (~100 MB at 1M rows, at the end of the match, where the run peaks).
 */
function withAllRows(prep: Prepared, match: MatchResult): Decided {
  const matched = match.decisions;
  let k = 0;
  // Sized once: a list grown by push() to a million entries keeps up to half of it spare.
  const decisions = new Array<RowDecision>(prep.file.rows.length);
  let i = 0;
  for (const r of prep.file.rows.heads()) {
    if (!r.valid) decisions[i++] = { index: r.index, line: r.line, hash: r.hash, company: null, person: null, status: 'invalid' };
    else if (prep.duplicates.has(r.index)) decisions[i++] = { index: r.index, line: r.line, hash: r.hash, company: null, person: null, status: 'duplicate' };
    else {
      const d = matched[k++];
      if (d === undefined || d.index !== r.index) throw new Error(`decisions out of step with the rows at row ${r.index}`);
      decisions[i++] = d;
    }
  }
  if (k !== matched.length) throw new Error(`${matched.length - k} decision(s) for rows that were not matched`);
  return { decisions, match };
}

/** What the commit and the reports read of the decisions: Decided, or what releaseSpilled leaves of it. */
export interface CommitDecisions {
  /** Every row's decision in file order; once planned (releaseSpilled), a spilled row's is left out (undefined). */
  decisions: readonly (RowDecision | undefined)[];
  texts?: DecisionTextSource;
}

/**
 * After the plan (RunSession.planOnce): a spilled row's decision is not read again (the log and the
 * reports read its rule, score, runner-up and reasons from the spill, Decided.texts; its index, line,
 * hash and status are the row plan's), so it is let go: its place in the list is left undefined, in
 * place (a new list of a million entries here would be allocated at the plan's high-water mark). That
 * is ~0.3 KB a row with its entity decisions (0.3 GB at 1M rows through the commit), the ~80 bytes of
 * the RowDecision itself included (until session 13 it stayed, its entity decisions nulled). The matcher's own list of the
 * decisions goes too: nothing reads it after the match but the wizard's threshold screen, which never
 * spills; and so do its lists of the records the file creates (read by the matcher's own tests only;
 * they kept each new person's name key, which the rows let go of, ~40 MB at 1M rows).
 *
 * Returns the same decisions, typed as what they now are: `decided` itself must not be read again.
 */
export function releaseSpilled(decided: Decided): CommitDecisions {
  const all: (RowDecision | undefined)[] = decided.decisions;
  for (let i = 0; i < all.length; i++) if (all[i]?.spilled) all[i] = undefined;
  decided.match.decisions = [];
  decided.match.newCompanies = [];
  decided.match.newPeople = [];
  return { decisions: all, texts: decided.texts };
}
