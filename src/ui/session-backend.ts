import type { AppContext } from '../commands/context.js';
import type { Plan } from '../core/plan.js';
import { buildReviewQueue } from '../core/review.js';
import { CANONICAL_COLUMNS, REQUIRED_COLUMNS, type Issue, type ReviewChoice, type Thresholds } from '../core/types.js';
import { decideAllAsync, type Decided } from '../pipeline/decide.js';
import { withRate, type Emit, type PipelineEvent } from '../pipeline/events.js';
import { commitFileOf, type LoadedFile, type PreparedWithMaster } from '../pipeline/prepare.js';
import { RunSession } from '../pipeline/session.js';
import type { CommitView, DecideView, LoadView, LockedSkipView, PlanView, WizardBackend } from './backend.js';
import type { StoredThresholds } from './settings-store.js';

// The wizard's backend over the same RunSession the --yes run uses: open -> load -> prepare ->
// decide (again and again while the operator tunes and reviews) -> plan -> finish -> close.

/** Issues of the whole file, file-level first, then by line; at most `max` listed. */
export function collectIssues(file: LoadedFile, max: number): { issues: Issue[]; total: number } {
  const issues: Issue[] = [...file.fileIssues];
  let total = file.fileIssues.length;
  for (const r of file.rows) {
    total += r.issues.length;
    for (const i of r.issues) if (issues.length < max) issues.push(i);
  }
  issues.sort((a, b) => a.line - b.line);
  return { issues, total };
}

export function loadViewOf(file: LoadedFile, max: number): LoadView {
  let valid = 0;
  let errors = 0;
  let warnings = 0;
  for (const r of file.rows) {
    if (r.valid) valid++;
    else errors++;
    if (r.issues.some((i) => i.severity === 'warning')) warnings++;
  }
  const { issues } = collectIssues(file, max);
  return {
    path: file.path,
    sha256: file.sha256,
    encoding: file.encoding,
    rows: file.rows.length,
    valid,
    errors,
    warnings,
    mapping: CANONICAL_COLUMNS.map((c) => ({ canonical: c, header: file.headerMap[c] ?? null, required: REQUIRED_COLUMNS.includes(c) })),
    unknownHeaders: file.unknownHeaders,
    issues,
  };
}

export function skippedOf(plan: Plan): LockedSkipView[] {
  const out: LockedSkipView[] = [];
  for (const u of plan.companyUpdates) for (const k of u.skipped) out.push({ entity: 'company', id: u.id, field: k.field, value: k.value, current: k.current, reason: k.reason });
  for (const u of plan.personUpdates) for (const k of u.skipped) out.push({ entity: 'person', id: u.id, field: k.field, value: k.value, current: k.current, reason: k.reason });
  return out;
}

export class SessionBackend implements WizardBackend {
  readonly dryRun: boolean;
  #ctx: AppContext;
  #opening: Promise<RunSession>;
  #session: RunSession | null = null;
  #listener: Emit = () => {};
  #loaded: LoadedFile | null = null;
  #prep: PreparedWithMaster | null = null;
  #decided: Decided | null = null;
  #plan: Plan | null = null;

  constructor(ctx: AppContext, dataDir?: string) {
    this.#ctx = ctx;
    this.dryRun = ctx.options.dryRun;
    this.#opening = RunSession.open(ctx, (e) => this.#listener(e), dataDir).then((s) => (this.#session = s));
    this.#opening.catch(() => {}); // reported through ready()
  }

  get databaseLabel(): string {
    return this.#session?.db.label ?? (this.#ctx.choice.kind === 'embedded' ? `embedded database at ${this.#ctx.dataDir}` : 'postgres');
  }

  /** Resolves once the database is open, migrated and locked; rejects with its UserError otherwise. */
  ready(): Promise<RunSession> {
    return this.#opening;
  }

  async load(file: string, onProgress: (e: PipelineEvent) => void, signal: AbortSignal): Promise<LoadView> {
    const s = await this.#opening;
    this.#loaded = null;
    this.#prep = null;
    this.#decided = null;
    this.#plan = null;
    this.#listener = onProgress;
    const loaded = await s.load(file, signal);
    this.#loaded = loaded;
    return loadViewOf(loaded, this.#ctx.resolved.config.input.max_errors_listed);
  }

  async prepare(onProgress: (e: PipelineEvent) => void): Promise<void> {
    const s = await this.#opening;
    if (!this.#loaded) throw new Error('prepare() before load()');
    this.#listener = onProgress;
    const loaded = this.#loaded;
    const prep = await s.prepare(loaded);
    if (this.#loaded === loaded) this.#prep = prep;
  }

  #decideSeq = 0;
  #decidedSeq = 0;
  #wanted: { thresholds: Thresholds; reviews: ReadonlyMap<string, ReviewChoice>; seq: number } | null = null;

  async decide(t: StoredThresholds, reviews: ReadonlyMap<string, ReviewChoice>, onProgress?: (e: PipelineEvent) => void): Promise<DecideView | null> {
    const s = this.#session;
    if (!s || !this.#prep) throw new Error('decide() before prepare()');
    this.#listener = () => {};
    const thresholds = { ...s.thresholds, companyAuto: t.companyAuto, personAuto: t.personAuto, reviewFloor: t.reviewFloor };
    // Matching runs in slices that yield to the event loop, so keys and redraws go on during a long
    // re-decision; a newer call (the operator kept pressing keys) makes this one stale.
    const seq = ++this.#decideSeq;
    this.#wanted = { thresholds, reviews: new Map(reviews), seq };
    const started = performance.now();
    const decided = await decideAllAsync(this.#prep, thresholds, reviews, {
      isStale: () => seq !== this.#decideSeq,
      onProgress: onProgress && ((done, total) => onProgress(withRate({ phase: 'match', done, total, unit: 'rows' }, started, performance.now()))),
    });
    if (decided === null || seq !== this.#decideSeq) return null;
    this.#decided = decided;
    this.#decidedSeq = seq;
    // Every key the rows need is in the matcher's cache now: the candidate worker can go.
    void this.#prep?.prefetch?.stop();
    this.#plan = null;
    const m = decided.match;
    return {
      counts: { perfect: m.counts.perfect, autoFuzzy: m.counts.autoFuzzy, borderline: m.counts.borderline, new: m.counts.new, fallout: m.counts.fallout },
      scores: { company: m.bestScores.company, person: m.bestScores.person },
      perfect: m.counts.perfect,
      queue: buildReviewQueue(decided.decisions, thresholds, new Set(reviews.keys())),
    };
  }

  row(index: number) {
    return this.#loaded?.rows.at(index);
  }

  plan(): PlanView {
    const s = this.#session;
    if (!s || !this.#prep) throw new Error('plan() before decide()');
    // The plan must reflect the last thresholds and review choices asked for: if a re-decision is
    // still in flight (or was never completed), decide now, synchronously, and stop the one in flight.
    const wanted = this.#wanted;
    if (wanted && (this.#decided === null || this.#decidedSeq !== wanted.seq)) {
      this.#decideSeq++;
      this.#decided = s.decide(this.#prep, wanted.thresholds, wanted.reviews);
      this.#decidedSeq = wanted.seq;
    } else {
      this.#decideSeq++; // a decision still running must not replace the planned one
    }
    if (!this.#decided) throw new Error('plan() before decide()');
    const plan = s.plan(this.#prep.file, this.#decided, this.#prep.master);
    this.#plan = plan;
    return { counts: plan.counts, skipped: skippedOf(plan), dryRun: this.dryRun, database: s.db.label };
  }

  async commit(onProgress: (e: PipelineEvent) => void, signal: AbortSignal): Promise<CommitView> {
    const s = this.#session;
    if (!s || !this.#prep || !this.#decided || !this.#plan) throw new Error('commit() before plan()');
    this.#listener = onProgress;
    const out = await s.finish(commitFileOf(this.#prep.file), this.#decided, this.#plan, this.dryRun, signal);
    return { summary: out.summary, reports: out.reports };
  }

  async close(): Promise<void> {
    let s: RunSession | null = null;
    try {
      s = await this.#opening;
    } catch {
      return;
    }
    await s.close();
  }
}
