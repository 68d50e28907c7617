import { bitScore, bitSignals, bitTier, mergeEngagement, type BitTier, type BitWeights, type Engagement, type PlannedSignal } from './baseline.js';
import { lockReason, policyWantsWrite, type LockReason, type UpdatePolicy } from './locks.js';
import { byIndex } from './by-index.js';
import { shared, tight } from './tight.js';
import { addAction, PlannedRow } from './plan-row.js';
import type { CompanyRecord, EntityDecision, LockInfo, MatchType, MasterSnapshot, NormalizedRow, PersonRecord, RowDecision } from './types.js';

export { addAction, PlannedRow } from './plan-row.js';

// rows + decisions + master snapshot -> everything the run will do (pure, deterministic).
// Refs are master ids or provisional ids ('new:company:3'); the commit swaps provisional ids for
// ids drawn from the database sequences.

const INT_MAX = 2147483647;

export const COMPANY_FIELDS = ['company_name', 'domain', 'website_url'] as const;
export const PERSON_FIELDS = ['company_unique_id', 'first_name', 'last_name', 'full_name', 'title', 'email', 'phone', 'linkedin_url'] as const;
export type CompanyFieldName = (typeof COMPANY_FIELDS)[number];
export type PersonFieldName = (typeof PERSON_FIELDS)[number];

export type RowStatus = 'initialized' | 'unresolved' | 'duplicate' | 'error' | 'skipped_locked';
export type Entity = 'company' | 'person';

export interface SkippedField {
  field: string;
  value: string; // what would have been written
  current: string | null;
  reason: LockReason;
}

export type Action =
  | { action: 'matched'; entity: Entity; ref: string; rule: string; confidence: number }
  | { action: 'created'; entity: Entity; ref: string }
  | { action: 'updated'; entity: Entity; ref: string; fields: string[] }
  | { action: 'skipped_locked'; entity: Entity; ref: string; fields: SkippedField[] };

export interface RowPlan {
  index: number;
  line: number;
  hash: string;
  status: RowStatus;
  matchType: MatchType | null;
  confidence: number | null;
  companyRef: string | null;
  personRef: string | null;
  actions: Action[];
  error: string | null;
}

export interface RecordCreate<F extends string> {
  ref: string;
  firstRow: number;
  values: Partial<Record<F, string>>;
}

export interface RecordUpdate<F extends string> {
  id: string;
  /** Incoming values per field, merged over rows in file order (first non-empty wins). */
  proposed: Partial<Record<F, string>>;
  /** The first row that proposed values for the record (proposerOf: the row a field's update is attributed to). */
  firstRow: number;
  /**
   * The fields a later row proposed first (a field the first row left empty), with that row; null when
   * none did (most records: one object a record less, ~0.1 KB).
   */
  laterBy: Partial<Record<F, number>> | null;
  /** Predicted from the snapshot; the commit's UPDATE re-checks policy and locks against the live row. */
  applied: F[];
  skipped: SkippedField[];
}

/** A person's baseline: its summed engagement (the counts and date as fields: one object a baseline, not two). */
export interface BaselinePlan extends Engagement {
  personRef: string;
  companyRef: string | null;
  score: number;
  tier: string;
  /** Rows of the file summed into it. */
  rowCount: number;
}

/**
 * The signals a baseline writes (one per non-zero count, bitSignals): made when written, not kept
 * with the plan (three objects and a list were ~180 bytes a baseline, ~0.12 GB at 1M rows).
 */
export function baselineSignals(b: BaselinePlan, weights: BitWeights): PlannedSignal[] {
  return bitSignals(b, weights);
}

export interface PlanCounts {
  rows: { loaded: number; valid: number; errors: number; warnings: number; processed: number; duplicates: number };
  companies: { matched: number; created: number; updated: number };
  people: { matched: number; created: number; updated: number };
  baselines: { bit: number; tf: number; signals: number };
  issues: { unresolved: number; locked_field_skips: number; errors: number };
  statuses: Record<RowStatus, number>;
}

export interface Plan {
  rows: PlannedRow[];
  companyCreates: RecordCreate<CompanyFieldName>[];
  personCreates: RecordCreate<PersonFieldName>[];
  companyUpdates: RecordUpdate<CompanyFieldName>[];
  personUpdates: RecordUpdate<PersonFieldName>[];
  baselines: BaselinePlan[];
  /** Every person a resolved row touched (a Talent Flow baseline is inserted unless one exists). */
  talentFlowPeople: string[];
  counts: PlanCounts;
  /** The BIT weights the baselines were scored with (their signals' weights: baselineSignals). */
  weights: BitWeights;
}

export interface PlanPolicy {
  updatePolicy: UpdatePolicy;
  globalLocked: readonly string[];
  weights: BitWeights;
  tiers: readonly BitTier[];
}

export interface PlanInput {
  /** The rows in index order: a list, or a RowList (core/row-list.ts), read once each with at(). */
  rows: { readonly length: number; at(i: number): NormalizedRow | undefined };
  decisions: readonly RowDecision[];
  master: MasterSnapshot;
  policy: PlanPolicy;
  /**
   * Called once `rows[i]` is planned, in order. The plan never reads that row again: a caller that
   * will not plan again may let go of it (RunSession.planOnce keeps only what the commit reads).
   */
  afterRow?: (i: number) => void;
}

function companyValues(row: NormalizedRow): Partial<Record<CompanyFieldName, string>> {
  const v: Partial<Record<CompanyFieldName, string>> = {};
  if (row.companyName) v.company_name = row.companyName;
  if (row.domain) v.domain = row.domain;
  if (row.website) v.website_url = row.website;
  return v;
}

function personValues(row: NormalizedRow, companyRef: string | null): Partial<Record<PersonFieldName, string>> {
  const v: Partial<Record<PersonFieldName, string>> = {};
  if (companyRef) v.company_unique_id = companyRef;
  if (row.firstName) v.first_name = row.firstName;
  if (row.lastName) v.last_name = row.lastName;
  if (row.fullName) v.full_name = row.fullName;
  if (row.title) v.title = row.title;
  if (row.email) v.email = row.email;
  if (row.phone) v.phone = row.phone;
  if (row.linkedinUrl) v.linkedin_url = row.linkedinUrl;
  return v;
}

/** Fills the fields of `target` that are empty from `values` (first non-empty wins), telling `filled` each. */
function mergeInto<F extends string>(target: Partial<Record<F, string>>, values: Partial<Record<F, string>>, filled: (f: F) => void): void {
  for (const key of Object.keys(values) as F[]) {
    if (target[key] === undefined && values[key] !== undefined) {
      target[key] = values[key];
      filled(key);
    }
  }
}

/** The row that proposed field `f` of an update first: the row its update (or skip) is attributed to. */
export function proposerOf<F extends string>(u: RecordUpdate<F>, f: F): number {
  return u.laterBy?.[f] ?? u.firstRow;
}

/** An update's applied and skipped fields until predicted (a committed --yes run never predicts: its UPDATE says). */
const NOT_PREDICTED = shared<never>([]);

/** A ref of a record a row of the file will create ('new:company:3'), not a master id. */
export function isProvisional(ref: string): boolean {
  return ref.startsWith('new:');
}

function currentCompany(rec: CompanyRecord, field: CompanyFieldName): string | null {
  if (field === 'company_name') return rec.name;
  if (field === 'domain') return rec.domain;
  return rec.websiteUrl;
}

function currentPerson(rec: PersonRecord, field: PersonFieldName): string | null {
  switch (field) {
    case 'company_unique_id':
      return rec.companyId;
    case 'first_name':
      return rec.firstName;
    case 'last_name':
      return rec.lastName;
    case 'full_name':
      return rec.fullName;
    case 'title':
      return rec.title;
    case 'email':
      return rec.email;
    case 'phone':
      return rec.phone;
    case 'linkedin_url':
      return rec.linkedinUrl;
  }
}

function predict<F extends string>(
  update: RecordUpdate<F>,
  fields: readonly F[],
  current: (f: F) => string | null,
  locks: LockInfo,
  policy: PlanPolicy,
): void {
  const applied: F[] = [];
  const skipped: SkippedField[] = [];
  for (const f of fields) {
    const incoming = update.proposed[f];
    const cur = current(f);
    if (!policyWantsWrite(policy.updatePolicy, cur, incoming)) continue;
    const reason = lockReason(f, locks, policy.globalLocked);
    if (reason) skipped.push({ field: f, value: incoming!, current: cur, reason });
    else applied.push(f);
  }
  update.applied = tight(applied);
  update.skipped = tight(skipped);
}

function rowMatchType(company: EntityDecision | null, person: EntityDecision | null): { type: MatchType | null; confidence: number | null } {
  if (person && person.outcome === 'matched') return { type: person.matchType, confidence: person.confidence };
  if (person && person.outcome === 'new') {
    return { type: 'no_match', confidence: company && company.outcome === 'matched' ? company.confidence : 0 };
  }
  if (company) return { type: company.matchType, confidence: company.confidence };
  return { type: null, confidence: null };
}

/** A decision the plan leaves unresolved (the row goes to the fallout), whatever its status says. */
export function isUnresolved(d: RowDecision): boolean {
  return unresolvedWith(d.status, d.company, d.person);
}

/**
 * isUnresolved() of a decision whose entity decisions the caller has read once: a spilled row's are
 * made each time they are read (core/match/spilled-decision.ts).
 */
function unresolvedWith(status: RowDecision['status'], company: EntityDecision | null, person: EntityDecision | null): boolean {
  return status === 'unresolved' || !company || !person || company.outcome === 'borderline' || person.outcome === 'borderline';
}

/** Whether the plan of a row with decision `d` ends in the fallout (status error or unresolved), before it is made. */
export function fallsOut(d: RowDecision): boolean {
  return d.status === 'invalid' || (d.status !== 'duplicate' && isUnresolved(d));
}

/** One row's plan; `company` and `person`: its entity actions (a resolved row's), or null. */
function rowPlan(
  row: NormalizedRow,
  status: RowStatus,
  mt: { type: MatchType | null; confidence: number | null } | null,
  companyRef: string | null,
  personRef: string | null,
  error: string | null,
  company: Action | null = null,
  person: Action | null = null,
): PlannedRow {
  return new PlannedRow(row.index, row.line, row.hash, status, mt ? mt.type : null, mt ? mt.confidence : null, companyRef, personRef, error, company, person);
}

/**
 * One entity of a resolved row: a provisional ref creates its record (the first row) or merges into it
 * (later rows); a master id is matched, and the row's values are proposed as its update.
 */
function planEntity<F extends string>(
  entity: Entity,
  ref: string,
  d: EntityDecision,
  values: Partial<Record<F, string>>,
  rowIndex: number,
  creates: Map<string, RecordCreate<F>>,
  updates: Map<string, RecordUpdate<F>>,
  matched: Set<string>,
): Action {
  if (isProvisional(ref)) {
    // The first row's values object (made for this row alone) is the record's: no copy.
    const c = creates.get(ref);
    if (c === undefined) {
      creates.set(ref, { ref, firstRow: rowIndex, values });
      return { action: 'created', entity, ref };
    }
    mergeInto(c.values, values, () => {});
  } else {
    matched.add(ref);
    const u = updates.get(ref);
    if (u === undefined) updates.set(ref, { id: ref, proposed: values, firstRow: rowIndex, laterBy: null, applied: NOT_PREDICTED, skipped: NOT_PREDICTED });
    else
      mergeInto(u.proposed, values, (f) => {
        const later: Partial<Record<F, number>> = (u.laterBy ??= {});
        later[f] = rowIndex;
      });
  }
  return { action: 'matched', entity, ref, rule: d.rule, confidence: d.confidence };
}

/** Builds the full plan. Every row ends in exactly one status; counts add up to the rows read. */
export function buildPlan(input: PlanInput): Plan {
  const { rows, decisions, master, policy } = input;
  const companiesById = new Map(master.companies.map((c) => [c.id, c]));
  const peopleById = new Map(master.people.map((p) => [p.id, p]));

  const companyCreates = new Map<string, RecordCreate<CompanyFieldName>>();
  const personCreates = new Map<string, RecordCreate<PersonFieldName>>();
  const companyUpdates = new Map<string, RecordUpdate<CompanyFieldName>>();
  const personUpdates = new Map<string, RecordUpdate<PersonFieldName>>();
  const engagement = new Map<string, { companyRef: string | null; e: Engagement; rows: number }>();
  const tfPeople = new Set<string>();
  const matchedCompanies = new Set<string>();
  const matchedPeople = new Set<string>();
  const plans: PlannedRow[] = [];

  let warnings = 0;
  const planRow = (row: NormalizedRow, d: RowDecision): PlannedRow => {
    if (row.issues.some((x) => x.severity === 'warning')) warnings++;
    if (!row.valid || d.status === 'invalid') {
      const msgs = row.issues.filter((x) => x.severity === 'error').map((x) => `line ${x.line}${x.column ? `, ${x.column}` : ''}: ${x.message}`);
      return rowPlan(row, 'error', null, null, null, msgs.join('; ') || 'invalid row');
    }
    if (d.status === 'duplicate') {
      return rowPlan(row, 'duplicate', null, null, null, null);
    }
    const { company, person } = d; // read once (a spilled row's are made when read)
    const mt = rowMatchType(company, person);
    if (unresolvedWith(d.status, company, person) || !company || !person) {
      return rowPlan(row, 'unresolved', mt, company?.targetId ?? null, person?.targetId ?? null, null);
    }
    const companyRef = company.targetId!;
    const personRef = person.targetId!;
    const companyAction = planEntity('company', companyRef, company, companyValues(row), row.index, companyCreates, companyUpdates, matchedCompanies);
    const personAction = planEntity('person', personRef, person, personValues(row, companyRef), row.index, personCreates, personUpdates, matchedPeople);

    // Baselines
    tfPeople.add(personRef);
    const e: Engagement = { opens: row.opens, replies: row.replies, meetings: row.meetings, lastEngagedAt: row.lastEngagedAt };
    const prev = engagement.get(personRef);
    if (prev) {
      prev.e = mergeEngagement(prev.e, e);
      prev.rows++;
    } else engagement.set(personRef, { companyRef, e, rows: 1 });

    return rowPlan(row, 'initialized', mt, companyRef, personRef, null, companyAction, personAction);
  };
  const loaded = rows.length;
  for (let i = 0; i < loaded; i++) {
    plans.push(planRow(rows.at(i)!, decisions[i]!));
    input.afterRow?.(i);
  }

  // Predict updates against the snapshot and attribute them to rows.
  const planAt = byIndex(plans);
  const attribute = <F extends string>(entity: Entity, u: RecordUpdate<F>): void => {
    const appliedByRow = new Map<number, string[]>();
    const skippedByRow = new Map<number, SkippedField[]>();
    for (const f of u.applied) {
      const r = proposerOf(u, f);
      appliedByRow.set(r, [...(appliedByRow.get(r) ?? []), f]);
    }
    for (const s of u.skipped) {
      const r = proposerOf(u, s.field as F);
      skippedByRow.set(r, [...(skippedByRow.get(r) ?? []), s]);
    }
    for (const [r, fields] of appliedByRow) addAction(planAt(r)!, { action: 'updated', entity, ref: u.id, fields });
    for (const [r, fields] of skippedByRow) addAction(planAt(r)!, { action: 'skipped_locked', entity, ref: u.id, fields });
  };
  for (const u of companyUpdates.values()) {
    const rec = companiesById.get(u.id);
    if (rec) predict(u, COMPANY_FIELDS, (f) => currentCompany(rec, f), rec.locks, policy);
    attribute('company', u);
  }
  for (const u of personUpdates.values()) {
    const rec = peopleById.get(u.id);
    if (rec) predict(u, PERSON_FIELDS, (f) => currentPerson(rec, f), rec.locks, policy);
    attribute('person', u);
  }
  for (const p of plans) {
    if (p.status !== 'initialized') continue;
    const created = p.actions.some((a) => a.action === 'created' || a.action === 'updated');
    if (!created && p.actions.some((a) => a.action === 'skipped_locked')) p.status = 'skipped_locked';
  }

  const baselines: BaselinePlan[] = [];
  let signalCount = 0;
  for (const [personRef, g] of engagement) {
    // Counts are validated per row (each <= 2^31-1); one person's sum across many rows, or its score,
    // could still pass the integer columns' range: clamp rather than lose the whole run.
    if (g.e.opens > INT_MAX || g.e.replies > INT_MAX || g.e.meetings > INT_MAX) {
      g.e = { ...g.e, opens: Math.min(g.e.opens, INT_MAX), replies: Math.min(g.e.replies, INT_MAX), meetings: Math.min(g.e.meetings, INT_MAX) };
    }
    const score = Math.min(bitScore(g.e, policy.weights), INT_MAX);
    const signals = bitSignals(g.e, policy.weights).length;
    if (signals === 0) continue; // no snapshot for all-zero counts
    signalCount += signals;
    const { opens, replies, meetings, lastEngagedAt } = g.e;
    baselines.push({ personRef, companyRef: g.companyRef, opens, replies, meetings, lastEngagedAt, score, tier: bitTier(score, policy.tiers), rowCount: g.rows });
  }

  const statuses: Record<RowStatus, number> = { initialized: 0, unresolved: 0, duplicate: 0, error: 0, skipped_locked: 0 };
  for (const p of plans) statuses[p.status]++;
  const cu = [...companyUpdates.values()];
  const pu = [...personUpdates.values()];
  const counts: PlanCounts = {
    rows: {
      loaded,
      valid: loaded - statuses.error,
      errors: statuses.error,
      warnings,
      processed: statuses.initialized + statuses.skipped_locked + statuses.unresolved,
      duplicates: statuses.duplicate,
    },
    companies: { matched: matchedCompanies.size, created: companyCreates.size, updated: cu.filter((u) => u.applied.length > 0).length },
    people: { matched: matchedPeople.size, created: personCreates.size, updated: pu.filter((u) => u.applied.length > 0).length },
    baselines: { bit: baselines.length, tf: tfPeople.size, signals: signalCount },
    issues: {
      unresolved: statuses.unresolved,
      locked_field_skips: cu.reduce((n, u) => n + u.skipped.length, 0) + pu.reduce((n, u) => n + u.skipped.length, 0),
      errors: statuses.error,
    },
    statuses,
  };

  return {
    rows: plans,
    companyCreates: [...companyCreates.values()],
    personCreates: [...personCreates.values()],
    companyUpdates: cu,
    personUpdates: pu,
    baselines,
    talentFlowPeople: [...tfPeople],
    counts,
    weights: policy.weights,
  };
}
