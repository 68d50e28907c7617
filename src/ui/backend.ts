import type { PlanCounts } from '../core/plan.js';
import type { ReviewItem } from '../core/review.js';
import type { Issue, NormalizedRow, ReviewChoice } from '../core/types.js';
import type { ReportPaths } from '../io/reports.js';
import type { PipelineEvent } from '../pipeline/events.js';
import type { RunSummary } from '../pipeline/summary.js';
import type { StoredThresholds } from './settings-store.js';

// What the screens see of a run. The session-backed implementation (session-backend.ts) drives
// RunSession; tests drive a fake. A screen never runs SQL.

export interface HeaderMapping {
  canonical: string;
  header: string | null; // the file's header mapped to it, or null when absent
  required: boolean;
}

export interface LoadView {
  path: string;
  sha256: string;
  encoding: string;
  rows: number;
  valid: number;
  errors: number;
  warnings: number;
  mapping: HeaderMapping[];
  unknownHeaders: string[];
  issues: Issue[]; // file and row issues, by line
}

export interface MatchCounts {
  perfect: number;
  autoFuzzy: number;
  borderline: number;
  new: number;
  fallout: number;
}

export interface DecideView {
  counts: MatchCounts;
  /** Best-candidate scores of the entity decisions that were not perfect (exact-key) matches. */
  scores: { company: number[]; person: number[] };
  perfect: number;
  queue: ReviewItem[];
}

export interface LockedSkipView {
  entity: 'company' | 'person';
  id: string;
  field: string;
  value: string;
  current: string | null;
  reason: string;
}

export interface PlanView {
  counts: PlanCounts;
  skipped: LockedSkipView[];
  dryRun: boolean;
  database: string;
}

export interface CommitView {
  summary: RunSummary;
  reports: ReportPaths;
}

export interface WizardBackend {
  /** Where the run writes, safe to print. */
  readonly databaseLabel: string;
  readonly dryRun: boolean;
  /** Streams, normalizes and validates the file (throws CsvUnusableError when it cannot be used). */
  load(file: string, onProgress: (e: PipelineEvent) => void, signal: AbortSignal): Promise<LoadView>;
  /** Reads the master tables and builds the matcher for the loaded file. */
  prepare(onProgress: (e: PipelineEvent) => void): Promise<void>;
  /**
   * Re-decides every row (cheap after the first call: scores are memoized), yielding to the event
   * loop while it works. Resolves to null when a newer call replaced this one.
   */
  decide(thresholds: StoredThresholds, reviews: ReadonlyMap<string, ReviewChoice>, onProgress?: (e: PipelineEvent) => void): Promise<DecideView | null>;
  row(index: number): NormalizedRow | undefined;
  /** The plan of the last decide(). */
  plan(): PlanView;
  commit(onProgress: (e: PipelineEvent) => void, signal: AbortSignal): Promise<CommitView>;
  close(): Promise<void>;
}
