// Shared data shapes of the pure core. No imports of pg, PGlite, ink, react or fs here.

export const CANONICAL_COLUMNS = [
  'company_name',
  'company_domain',
  'company_website',
  'full_name',
  'first_name',
  'last_name',
  'title',
  'email',
  'phone',
  'linkedin_url',
  'historical_open_count',
  'historical_reply_count',
  'historical_meeting_count',
  'last_engaged_at',
  'notes',
] as const;
export type CanonicalColumn = (typeof CANONICAL_COLUMNS)[number];
export const REQUIRED_COLUMNS: readonly CanonicalColumn[] = ['company_name', 'full_name'];

export type Severity = 'error' | 'warning';

/** A problem found in the input: data, never a formatted string. */
export interface Issue {
  code: string; // stable machine code, e.g. 'required_missing', 'email_invalid'
  line: number; // physical CSV line where the record starts (1-based, header is line 1)
  column: string | null; // canonical column (or original header for unknown columns), null for the whole row
  severity: Severity;
  message: string; // one sentence for an operator: what, and what to do
}

/** One CSV record as read, before normalization. */
export interface SourceRecord {
  index: number; // 0-based data record index
  line: number; // physical line where the record starts
  /** Every column of the original row, keyed by the original header (what goes into backfill_log.source_data). */
  raw: Record<string, string>;
  /** Canonical column -> raw cell value (trimmed of nothing). */
  values: Partial<Record<CanonicalColumn, string>>;
  /** Problems found while reading (ragged row, bad encoding, NUL byte...). An error here makes the row invalid. */
  issues: Issue[];
}

export interface NormalizedRow {
  index: number;
  line: number;
  hash: string; // MD5 over the row's values in canonical column order (SPEC §4)
  /**
   * The original row, every column; null when the loader did not keep it (a --yes run: the commit
   * reads it again from the file, see io/cell-source.ts; the fallout rows get theirs back before).
   */
  source: Record<string, string> | null;
  valid: boolean; // false when any issue has severity 'error'
  issues: Issue[];

  companyName: string; // display form: 'Acme'
  companyKey: string; // match-only key: folded accents, punctuation, '&' -> 'and', lower case
  domain: string | null; // 'acme.com'
  domainSource: 'company_domain' | 'company_website' | 'email' | null;
  website: string | null; // as given (trimmed), or null

  fullName: string; // 'John Smith'
  firstName: string | null;
  lastName: string | null;
  nameKey: string; // match-only person name key: folded, lower case, 'john smith'

  title: string | null;
  email: string | null; // preferred (work over personal)
  emails: string[]; // every valid address in the cell, lower case, preferred first
  phone: string | null; // E.164
  phoneExt: string | null;
  linkedinUrl: string | null; // canonical https://www.linkedin.com/in/<slug>

  opens: number;
  replies: number;
  meetings: number;
  lastEngagedAt: string | null; // ISO 8601 (date or timestamp, UTC)
  notes: string | null;

  /**
   * The cells a decision shows as read (the same strings as in `source`): company_name, full_name and
   * the cell the domain came from (`domainSource`). Three fields, not a map of every canonical cell:
   * the rest is in `source`, and a second map per row cost ~170 bytes (170 MB at 1M rows).
   */
  companyNameRaw: string | null;
  fullNameRaw: string | null;
  domainRaw: string | null;
  /**
   * What normalization changed, as 'column:rule' ('company_name:company.legal_suffix'), in the order
   * the fields are normalized. Interned strings, one shared empty list when nothing changed: a row
   * costs a pointer here, not a trace object per field (at 1M rows those were 1.5 GB).
   */
  rules: readonly string[];
}

/**
 * What the commit and the reports read of a row once the plan is made: where it came from, what it
 * was, and its problems. The normalized fields were for matching and planning; a run that is past
 * those may keep only this (~450 bytes a row less, RunSession.planOnce).
 */
export type SourceRow = Pick<NormalizedRow, 'index' | 'line' | 'hash' | 'source' | 'valid' | 'issues'>;

/** Fields of a master record the tool may write, by column name. */
export type CompanyField = 'company_name' | 'domain' | 'website_url';
export type PersonField =
  | 'company_unique_id'
  | 'first_name'
  | 'last_name'
  | 'full_name'
  | 'title'
  | 'email'
  | 'phone'
  | 'linkedin_url';

/** Lock metadata as stored on a master row (SPEC §6.3). */
export interface LockInfo {
  lockedFields: string[];
  manualOverrideKeys: string[];
  manuallyCorrectedEmail?: boolean;
  manuallyCorrectedTitle?: boolean;
  manuallyCorrectedDomain?: boolean;
}

export interface CompanyRecord {
  id: string;
  name: string; // as stored (may be messy)
  domain: string | null; // as stored (may be messy)
  websiteUrl: string | null;
  locks: LockInfo;
}

export interface PersonRecord {
  id: string;
  companyId: string | null;
  firstName: string | null;
  lastName: string | null;
  fullName: string;
  title: string | null;
  email: string | null;
  phone: string | null;
  linkedinUrl: string | null;
  locks: LockInfo;
}

export interface MasterSnapshot {
  companies: CompanyRecord[];
  people: PersonRecord[];
}

/** Thresholds in [0,1]. */
export interface Thresholds {
  companyAuto: number;
  personAuto: number;
  reviewFloor: number;
  nearTieMargin: number;
}

export type Outcome = 'matched' | 'borderline' | 'new';
export type MatchType = 'perfect' | 'fuzzy' | 'no_match';

export interface ScoredCandidate {
  id: string; // master id, or a provisional id 'new:company:<n>' / 'new:person:<n>' for a record an earlier row creates
  label: string; // display name of the candidate
  score: number; // 0..1 overall
  scores: Record<string, number>; // per compared field, 0..1 (e.g. name, title, domain)
  values: Record<string, string | null>; // the candidate's compared values (normalized)
}

export interface EntityDecision {
  entity: 'company' | 'person';
  outcome: Outcome;
  matchType: MatchType;
  rule: string; // e.g. 'company.domain_exact', 'company.name_fuzzy', 'person.linkedin_exact', 'person.name_fuzzy', 'company.from_person'
  targetId: string | null; // chosen (matched) or proposed (borderline) id; for 'new' the provisional id created
  confidence: number; // 0..1
  best: ScoredCandidate | null;
  runnerUp: ScoredCandidate | null;
  compared: Record<string, string | null>; // the row's compared values (raw and normalized)
  reason: string; // one sentence: why this outcome
  reviewKey: string | null; // set when borderline: the key under which a review decision is stored
  /** The operator's review choice applied to this decision, when there was one (the reviewKey stays set). */
  reviewed?: ReviewChoice;
}

export type ReviewChoice = 'accept' | 'reject' | 'defer';

export interface RowDecision {
  index: number;
  line: number;
  hash: string;
  company: EntityDecision | null; // null for invalid rows
  person: EntityDecision | null;
  /** 'resolved' when both entities are matched or new; 'unresolved' when any entity stays borderline (fallout). */
  status: 'resolved' | 'unresolved' | 'invalid' | 'duplicate';
  /**
   * Set when the texts the log and the reports write of this decision (reasons, rules, scores,
   * runner-ups) went to a spill (core/explain.ts, io/decision-spill.ts): the entity decisions here
   * keep no reason, and once the row is planned they are let go (null; pipeline/decide.ts
   * releaseSpilled).
   */
  spilled?: true;
}
