// The matcher: master index built once, then `match(rows, thresholds, reviews)` as often as the wizard
// wants (live threshold tuning, review choices). Each run starts a fresh overlay for the records the
// file will create (provisional ids `new:company:<n>` / `new:person:<n>` in file order), so a run
// depends only on (master, rows, thresholds, reviews). Candidate lists and scores are memoized
// across runs by the compared keys.

import { Interner } from '../intern.js';
import { runToEnd } from '../steps.js';
import { resolvedTexts, type DecisionSink } from '../explain.js';
import type { EntityDecision, MasterSnapshot, NormalizedRow, ReviewChoice, RowDecision, Thresholds } from '../types.js';
import type { NormalizeContext } from '../normalize/context.js';
import { foldKey } from '../normalize/key.js';
import {
  applyReview,
  briefDecision,
  companyFromPerson,
  compareCandidates,
  decideCompany,
  decidePersonFuzzy,
  decidePersonPerfect,
  type CompanyCandidate,
  type DecisionDetail,
  type PerfectPersonRule,
  type PersonCandidate,
  withChanges,
} from './decide.js';
import { GramIndex, MIN_SCORE } from './gram-index.js';
import {
  buildMasterIndex,
  masterCompanies,
  masterIndexSteps,
  domainNameKeysOf,
  emailDomains,
  emailFields,
  EntityTables,
  type CompanyEntry,
  type MasterCompanies,
  type MasterIndex,
  type PersonEntry,
} from './master-index.js';
import { MAX_MEMO, ScoreCache } from './score-cache.js';
import { spilledDecision } from './spilled-decision.js';
import { companyKeyHits, companyKeysToPrefetch, type CandidateSource, type KeyHit } from './company-candidates.js';

export { COMPANY_TOP_K } from './company-candidates.js';
/** Company keys fetched from the run's own (provisional) index. */
const PROVISIONAL_TOP_K = 20;
/** Candidates kept per company name list (sorted): enough for the best, the runner-up and the report. */
const KEEP_CANDIDATES = 8;

export interface NewCompany {
  provisionalId: string;
  name: string;
  key: string;
  domain: string | null;
  website: string | null;
  firstRowIndex: number;
}

export interface NewPerson {
  provisionalId: string;
  companyRef: string;
  fullName: string;
  nameKey: string;
  email: string | null;
  linkedinUrl: string | null;
  firstRowIndex: number;
}

export interface EntityCounts {
  perfect: number; // matched by a perfect rule (domain, LinkedIn, email, email domain + name, from person)
  autoFuzzy: number; // matched by name at or above the auto threshold
  borderline: number; // between floor and auto, near ties, conflicts (whether reviewed or not)
  new: number; // no match: a record will be created
}

export interface MatchCounts extends EntityCounts {
  /** Rows left unresolved (borderline without an accept/reject): fallout. */
  fallout: number;
  accepted: number;
  rejected: number;
  deferred: number;
  company: EntityCounts;
  person: EntityCounts;
}

export interface MatchResult {
  /** One per input row, same order. */
  decisions: RowDecision[];
  /**
   * The records the file creates, in file order. Empty after a match with a spill (a --yes run):
   * nothing there reads them, and at 1M rows they were ~65 MB from the match to the plan's end.
   */
  newCompanies: NewCompany[];
  newPeople: NewPerson[];
  counts: MatchCounts;
  /**
   * Best-candidate name score of every decision the thresholds act on (rules name_fuzzy, near_tie,
   * domain_conflict, no_match; 0 when there was no candidate at all), for the threshold histogram.
   * Perfect-key decisions are left out: no threshold changes them.
   */
  bestScores: { company: number[]; person: number[] };
}

export interface Matcher {
  readonly index: MasterIndex;
  /** The master company with this id, or null. */
  companyById(id: string): CompanyEntry | null;
  match(rows: Iterable<NormalizedRow>, thresholds: Thresholds, reviews: ReadonlyMap<string, ReviewChoice>): MatchResult;
  /**
   * match() in slices of `slice` rows (yields rows done), for callers that must stay responsive;
   * `detail` says how much of a resolved row's decisions is kept (DecisionDetail; match() keeps all).
   * With a `spill`, a resolved row's texts (reasons, rules, scores, runner-ups) are put there as it is decided, and
   * its decisions keep what the plan reads (slimDecision, RowDecision.spilled).
   */
  matchSteps(
    rows: Iterable<NormalizedRow>,
    thresholds: Thresholds,
    reviews: ReadonlyMap<string, ReviewChoice>,
    slice: number,
    detail?: DecisionDetail,
    spill?: DecisionSink,
  ): Generator<number, MatchResult>;
  /** Fuzzball computations done by this matcher so far (memoized work is not counted twice). */
  readonly scoreComputations: number;
  /** Score pairs remembered so far, per kind (each at most the matcher's memo, MatcherOptions). */
  readonly memoized: { company: number; person: number; title: number };
  /** A company's people scored against a name key, lists remembered so far (at most the matcher's memo, MatcherOptions). */
  readonly personLists: number;
  /**
   * Distinct company keys of `rows` whose master candidates the matcher would compute from the
   * trigram index (not resolved by a master domain or exact key, not computed yet), in row order.
   */
  companyKeysToPrefetch(rows: Iterable<NormalizedRow>): string[];
  /** Where master candidates not computed yet are taken from first (null: none, compute here). */
  candidateSource: CandidateSource | null;
}

const FUZZY_RULES = new Set([
  'company.name_fuzzy',
  'company.near_tie',
  'company.domain_conflict',
  'company.domain_name_conflict',
  'company.domain_differs',
  'company.no_match',
  'person.name_fuzzy',
  'person.near_tie',
  'person.first_name_only',
  'person.no_match',
]);

function emptyEntityCounts(): EntityCounts {
  return { perfect: 0, autoFuzzy: 0, borderline: 0, new: 0 };
}

function countEntity(c: EntityCounts, d: EntityDecision): void {
  if (d.reviewKey !== null || d.outcome === 'borderline') c.borderline++;
  else if (d.outcome === 'new') c.new++;
  else if (d.matchType === 'perfect') c.perfect++;
  else c.autoFuzzy++;
}

/**
 * The name key used for fuzzy person matching. A row with only a first name ("Sarah", a known
 * legacy-export defect) borrows the last name from its email local part or LinkedIn slug when that
 * starts with the same first name ("sarah.sullivan@...", "/in/sarah-sullivan-40r").
 */
export function matchNameKey(row: NormalizedRow): string {
  if (row.lastName !== null || row.nameKey.length === 0 || row.nameKey.includes(' ')) return row.nameKey;
  const sources = [...row.emails.map((e) => e.slice(0, e.indexOf('@'))), row.linkedinUrl ? row.linkedinUrl.slice(row.linkedinUrl.lastIndexOf('/') + 1) : ''];
  for (const src of sources) {
    const parts = src.toLowerCase().split(/[._\-+]+/).filter((t) => /^[a-z]{2,}$/.test(t));
    if (parts.length >= 2 && parts[0] === row.nameKey) return `${parts[0]} ${parts[1]}`;
  }
  return row.nameKey;
}

/** State of one run: the master part plus the records this file creates. */
class RunState {
  readonly overlay: EntityTables;
  private readonly overlayGram = new GramIndex();
  /** Provisional company id -> its number in the overlay. */
  private readonly overlayCompanyById = new Map<string, number>();
  private readonly overlayByKey = new Map<string, number[]>();
  readonly newCompanies: NewCompany[] = [];
  readonly newPeople: NewPerson[] = [];

  constructor(
    private readonly m: MatcherImpl,
    ctx: NormalizeContext,
    /** Whether newCompanies and newPeople are kept (MatchResult). */
    private readonly listNew: boolean,
  ) {
    // Packed, as the master part (person-list.ts): at 1M rows a file creates ~0.26M records, read
    // back only as candidates of later rows.
    this.overlay = new EntityTables(ctx);
  }

  companyById(id: string): CompanyEntry | null {
    const i = this.overlayCompanyById.get(id);
    return this.m.companyById(id) ?? (i !== undefined ? this.overlay.companies.at(i) : null);
  }

  companiesWithDomain(domain: string): CompanyEntry[] {
    const t = this.m.index.tables;
    const out: CompanyEntry[] = [];
    for (const i of t.companyByDomain.get(domain)) out.push(t.companies.at(i));
    for (const i of this.overlay.companyByDomain.get(domain)) out.push(this.overlay.companies.at(i));
    return out;
  }

  companyNameCandidates(key: string): CompanyCandidate[] {
    if (key.length === 0) return [];
    // Cheap work first: a company with exactly this key scores 1.00, and nothing else can come
    // within the near-tie margin of it, so the gram index is not consulted.
    const exact: CompanyCandidate[] = [];
    const ix = this.m.index;
    const k = ix.companyKeyIds.get(key);
    if (k !== undefined) for (const i of ix.companiesOfKey[k]!) exact.push({ entry: ix.tables.companies.at(i), nameScore: 1 });
    for (const i of this.overlayByKey.get(key) ?? []) exact.push({ entry: this.overlay.companies.at(i), nameScore: 1 });
    if (exact.length > 0) return exact.sort(compareCandidates);
    const master = this.m.masterCompanyCandidates(key);
    if (this.overlayGram.size === 0) return master;
    const out = [...master];
    for (const h of this.overlayGram.query(key, PROVISIONAL_TOP_K)) {
      // Scored on the key alone: only a candidate is made into an entry (the overlay is packed).
      const nameScore = this.m.scores.company(key, this.overlay.companies.key(h.entry));
      if (nameScore >= MIN_SCORE) out.push({ entry: this.overlay.companies.at(h.entry), nameScore });
    }
    out.sort(compareCandidates);
    if (out.length > KEEP_CANDIDATES) out.length = KEEP_CANDIDATES;
    return out;
  }

  addCompany(c: CompanyEntry, rowIndex: number): void {
    const i = this.overlay.addCompany(c);
    const same = this.overlayByKey.get(c.key);
    if (same) same.push(i);
    else this.overlayByKey.set(c.key, [i]);
    const g = this.overlayGram.add(c.key);
    if (g !== i) throw new Error('overlay company index out of step');
    this.overlayCompanyById.set(c.id, i);
    if (this.listNew) this.newCompanies.push({ provisionalId: c.id, name: c.name, key: c.key, domain: c.domain, website: c.website, firstRowIndex: rowIndex });
  }

  addPerson(p: PersonEntry, rowIndex: number): void {
    this.overlay.addPerson(p);
    if (!this.listNew) return;
    this.newPeople.push({
      provisionalId: p.id,
      companyRef: p.companyId!,
      fullName: p.fullName,
      nameKey: p.nameKey,
      email: p.email,
      linkedinUrl: p.linkedin,
      firstRowIndex: rowIndex,
    });
  }

  private personCandidates(entries: PersonEntry[], nameKey: string, titleKey: string | null): PersonCandidate[] {
    return entries.map((entry) => ({
      entry,
      nameScore: this.m.scores.person(nameKey, entry.nameKey),
      titleScore: this.m.scores.title(titleKey, entry.titleKey),
    }));
  }

  private peopleOf(kind: 'email' | 'linkedin' | 'domain_name', keys: readonly string[]): PersonEntry[] {
    const mt = this.m.index.tables;
    const ot = this.overlay;
    const mMap = kind === 'email' ? mt.personByEmail : kind === 'linkedin' ? mt.personByLinkedin : mt.personByDomainName;
    const oMap = kind === 'email' ? ot.personByEmail : kind === 'linkedin' ? ot.personByLinkedin : ot.personByDomainName;
    const out: PersonEntry[] = [];
    // A person found under two keys is one candidate (a master person is made anew each time it is read: by number).
    const seen = new Set<number>();
    for (const k of keys) {
      for (const i of mMap.get(k)) {
        if (seen.has(i)) continue;
        seen.add(i);
        out.push(mt.people.at(i));
      }
      for (const i of oMap.get(k)) {
        if (seen.has(-1 - i)) continue; // the overlay's people by negative numbers
        seen.add(-1 - i);
        out.push(ot.people.at(i));
      }
    }
    return out;
  }

  perfectPersonMatches(row: NormalizedRow, titleKey: string | null): { rule: PerfectPersonRule; candidates: PersonCandidate[] }[] {
    const firstKey = row.firstName ? foldKey(row.firstName) : null;
    const lastKey = row.lastName ? foldKey(row.lastName) : null;
    const domains = emailDomains(row.emails);
    if (row.domain !== null && !domains.includes(row.domain)) domains.push(row.domain);
    const dnKeys = domainNameKeysOf(domains, firstKey, lastKey, this.m.ctx);
    return [
      { rule: 'linkedin', candidates: this.personCandidates(row.linkedinUrl ? this.peopleOf('linkedin', [row.linkedinUrl]) : [], row.nameKey, titleKey) },
      { rule: 'email', candidates: this.personCandidates(this.peopleOf('email', row.emails), row.nameKey, titleKey) },
      { rule: 'domain_name', candidates: this.personCandidates(this.peopleOf('domain_name', dnKeys), row.nameKey, titleKey) },
    ];
  }

  /** People of one company (master or provisional) scored against the row, sorted. */
  fuzzyPersonCandidates(companyId: string, nameKey: string, titleKey: string | null): PersonCandidate[] {
    const out: PersonCandidate[] = [];
    for (const c of this.m.masterPersonCandidates(companyId, nameKey)) {
      out.push({ entry: c.entry, nameScore: c.nameScore, titleScore: this.m.scores.title(titleKey, c.entry.titleKey) });
    }
    const bucket = this.overlay.peopleByCompany.get(companyId);
    if (bucket !== undefined) {
      for (const i of bucket.candidates(nameKey)) {
        const nameScore = this.m.scores.person(nameKey, this.overlay.people.nameKey(i));
        if (nameScore < MIN_SCORE) continue;
        const entry = this.overlay.people.at(i);
        out.push({ entry, nameScore, titleScore: this.m.scores.title(titleKey, entry.titleKey) });
      }
    }
    return out.sort(compareCandidates);
  }
}

class MatcherImpl implements Matcher {
  readonly scores: ScoreCache;
  private readonly companyCache = new Map<string, CompanyCandidate[]>();
  private readonly personCache = new Map<string, { entry: PersonEntry; nameScore: number }[]>();

  constructor(
    readonly index: MasterIndex,
    readonly ctx: NormalizeContext,
    private readonly memo: number,
  ) {
    this.scores = new ScoreCache(index.companyGenericWords, memo);
  }

  /** The master company with this id, or null. */
  companyById(id: string): CompanyEntry | null {
    const found = this.index.companyIds.get(id);
    return found.length > 0 ? this.index.tables.companies.at(found[0]!) : null;
  }

  get personLists(): number {
    return this.personCache.size;
  }

  get scoreComputations(): number {
    return this.scores.computations;
  }

  get memoized(): { company: number; person: number; title: number } {
    return this.scores.memoized;
  }

  candidateSource: CandidateSource | null = null;

  /** Master companies whose key is among the top trigram candidates of `key`, scored, sorted. Memoized. */
  masterCompanyCandidates(key: string): CompanyCandidate[] {
    const cached = this.companyCache.get(key);
    if (cached !== undefined) return cached;
    const ix = this.index;
    const taken = this.candidateSource?.take(key) ?? null;
    return this.installCompanyHits(key, taken ?? companyKeyHits(ix.companyKeyGrams, ix.companyKeys, this.scores, key));
  }

  private installCompanyHits(key: string, hits: readonly KeyHit[]): CompanyCandidate[] {
    const ix = this.index;
    const out: CompanyCandidate[] = [];
    for (const h of hits) for (const i of ix.companiesOfKey[h.entry]!) out.push({ entry: ix.tables.companies.at(i), nameScore: h.score });
    out.sort(compareCandidates);
    if (out.length > KEEP_CANDIDATES) out.length = KEEP_CANDIDATES;
    this.companyCache.set(key, out);
    return out;
  }

  companyKeysToPrefetch(rows: Iterable<NormalizedRow>): string[] {
    return companyKeysToPrefetch(masterCompanies(this.index), rows, this.companyCache);
  }

  /** Master people of one company scored against a name key (>= MIN_SCORE), sorted. Memoized. */
  masterPersonCandidates(companyId: string, nameKey: string): { entry: PersonEntry; nameScore: number }[] {
    const groups = this.index.peopleGroups;
    if (!groups.has(companyId)) return [];
    const ck = `${companyId}\u0000${nameKey}`;
    const cached = this.personCache.get(ck);
    if (cached !== undefined) return cached;
    const people = this.index.tables.people;
    const out: { entry: PersonEntry; nameScore: number }[] = [];
    for (const i of groups.candidates(companyId, nameKey)!) {
      const nameScore = this.scores.person(nameKey, people.nameKey(i));
      if (nameScore >= MIN_SCORE) out.push({ entry: people.at(i), nameScore });
    }
    out.sort(compareCandidates);
    // Bounded by the memo: a matcher that matches once (ONCE_MEMO) sees a (company, name) pair again
    // only for an in-file duplicate, and at 1M rows kept ~0.5M lists (~40 MB) to the end of the match.
    if (this.personCache.size >= this.memo) this.personCache.clear();
    this.personCache.set(ck, out);
    return out;
  }

  match(rows: Iterable<NormalizedRow>, thresholds: Thresholds, reviews: ReadonlyMap<string, ReviewChoice>): MatchResult {
    return runToEnd(this.matchSteps(rows, thresholds, reviews, Number.POSITIVE_INFINITY));
  }

  /**
   * The same as match(), in slices: yields the number of rows done after every `slice` rows, so an
   * interactive caller can let the event loop run (keys, redraws) between slices.
   */
  *matchSteps(
    rows: Iterable<NormalizedRow>,
    thresholds: Thresholds,
    reviews: ReadonlyMap<string, ReviewChoice>,
    slice: number,
    detail: DecisionDetail = 'all',
    spill?: DecisionSink,
  ): Generator<number, MatchResult> {
    const run = new RunState(this, this.ctx, spill === undefined);
    const reasons = new Interner();
    let done = 0;
    const decisions: RowDecision[] = [];
    const counts: MatchCounts = { ...emptyEntityCounts(), fallout: 0, accepted: 0, rejected: 0, deferred: 0, company: emptyEntityCounts(), person: emptyEntityCounts() };
    const bestScores = { company: [] as number[], person: [] as number[] };
    let nextCompany = 1;
    let nextPerson = 1;

    for (const row of rows) {
      if (++done % slice === 0) yield done;
      if (!row.valid) {
        decisions.push({ index: row.index, line: row.line, hash: row.hash, company: null, person: null, status: 'invalid' });
        continue;
      }
      const titleKey = row.title ? foldKey(row.title) || null : null;

      // Company, rule 1 and 2.
      const domainMatches = row.domain !== null
        ? run.companiesWithDomain(row.domain).map((entry) => ({ entry, nameScore: this.scores.company(row.companyKey, entry.key) }))
        : [];
      // A domain match decides the company (rule 1): the name index is only needed without one.
      const nameMatches = domainMatches.length > 0 ? [] : run.companyNameCandidates(row.companyKey);
      let company = decideCompany({
        compared: {
          company_name_raw: row.companyNameRaw ?? row.companyName,
          company_name: row.companyName,
          company_key: row.companyKey,
          domain_raw: row.domainRaw,
          domain: row.domain,
          domain_source: row.domainSource,
        },
        key: row.companyKey,
        domain: row.domain,
        domainMatches,
        nameMatches,
        thresholds,
      });

      // Person, rule 1 (global perfect keys), then rule 3 (the person's company).
      const personCompared = {
        full_name_raw: row.fullNameRaw ?? row.fullName,
        full_name: row.fullName,
        name_key: row.nameKey,
        first_name: row.firstName,
        last_name: row.lastName,
        emails: row.emails.length > 0 ? row.emails.join(' ') : null,
        linkedin_url: row.linkedinUrl,
        title: row.title,
      };
      let person = decidePersonPerfect({
        compared: personCompared,
        rowHash: row.hash,
        rowLinkedin: row.linkedinUrl,
        matches: run.perfectPersonMatches(row, titleKey),
        companyId: company.outcome === 'matched' ? company.targetId : null,
        thresholds,
      });
      if (person !== null && person.outcome === 'matched') {
        const pc = person.best?.values.company_id ?? null;
        const override = companyFromPerson(company, row.domain, person, pc !== null ? run.companyById(pc) : null);
        if (override !== null) company = override;
      }
      if (company.reviewKey !== null) company = applyReview(company, reviews.get(company.reviewKey));
      if (FUZZY_RULES.has(company.rule)) bestScores.company.push(company.best?.score ?? 0);

      let status: RowDecision['status'] = 'resolved';
      let companyRef: string | null = null;
      if (company.outcome === 'borderline') status = 'unresolved';
      else if (company.outcome === 'matched') companyRef = company.targetId;
      else companyRef = `new:company:${nextCompany}`;

      if (status === 'resolved') {
        if (person === null) {
          const isNewCompany = company.outcome === 'new';
          const nameKey = matchNameKey(row);
          person = decidePersonFuzzy({
            compared: nameKey === row.nameKey ? { ...personCompared, company_ref: companyRef } : { ...personCompared, company_ref: companyRef, name_key: nameKey, name_key_source: 'last name taken from the email address or LinkedIn URL' },
            rowHash: row.hash,
            rowLinkedin: row.linkedinUrl,
            candidates: isNewCompany ? [] : run.fuzzyPersonCandidates(companyRef!, nameKey, titleKey),
            firstNameOnly: row.lastName === null && nameKey.length > 0 && !nameKey.includes(' ') ? nameKey : null,
            thresholds,
          });
          if (FUZZY_RULES.has(person.rule)) bestScores.person.push(person.best?.score ?? 0);
        }
        if (person.reviewKey !== null) person = applyReview(person, reviews.get(person.reviewKey));
        if (person.outcome === 'borderline') status = 'unresolved';
      } else if (person !== null && person.reviewKey !== null) {
        person = applyReview(person, reviews.get(person.reviewKey));
      }

      if (status === 'resolved') {
        if (company.outcome === 'new') {
          company = withChanges(company, { targetId: companyRef });
          nextCompany++;
          run.addCompany({ id: companyRef!, name: row.companyName, key: row.companyKey, domain: row.domain, website: row.website }, row.index);
        }
        if (person!.outcome === 'new') {
          const personRef = `new:person:${nextPerson++}`;
          person = withChanges(person!, { targetId: personRef });
          run.addPerson(
            {
              id: personRef,
              companyId: companyRef,
              fullName: row.fullName,
              nameKey: row.nameKey,
              firstKey: row.firstName ? foldKey(row.firstName) || null : null,
              lastKey: row.lastName ? foldKey(row.lastName) || null : null,
              ...emailFields(row.emails),
              linkedin: row.linkedinUrl,
              title: row.title,
              titleKey,
            },
            row.index,
          );
        }
      } else {
        counts.fallout++;
        if (company.outcome === 'new') company = withChanges(company, { targetId: null });
        if (person !== null && person.outcome === 'new') person = withChanges(person, { targetId: null });
      }

      countEntity(counts.company, company);
      if (person !== null) countEntity(counts.person, person);
      for (const d of [company, person]) {
        if (d === null) continue;
        if (d.reviewed === 'accept') counts.accepted++;
        else if (d.reviewed === 'reject') counts.rejected++;
        else if (d.reviewed === 'defer') counts.deferred++;
      }
      if (status === 'resolved' && spill) {
        spill.put(row.index, resolvedTexts(company, person));
        decisions.push(spilledDecision(row, company, person));
        continue;
      }
      if (detail === 'unresolved' && status === 'resolved') {
        company = briefDecision(company, reasons);
        if (person !== null) person = briefDecision(person, reasons);
      }
      decisions.push({ index: row.index, line: row.line, hash: row.hash, company, person, status });
    }
    for (const k of ['perfect', 'autoFuzzy', 'borderline', 'new'] as const) counts[k] = counts.company[k] + counts.person[k];
    return { decisions, newCompanies: run.newCompanies, newPeople: run.newPeople, counts, bestScores };
  }
}

/** Builds the master index (normalizing every stored value) and returns a reusable matcher. */
export function createMatcher(master: MasterSnapshot, ctx: NormalizeContext): Matcher {
  return new MatcherImpl(buildMasterIndex(master, ctx), ctx, MAX_MEMO);
}

export interface MatcherOptions {
  /**
   * Score pairs remembered per kind (ScoreCache): MAX_MEMO for a matcher that matches again (the
   * wizard's threshold and review screens re-decide every row); ONCE_MEMO for one that matches once.
   */
  memo?: number;
  /** Called once the master's companies are indexed, before its people are (masterIndexSteps). */
  onCompanies?: (companies: MasterCompanies) => void;
}

/**
 * Score pairs a matcher that matches once remembers per kind. The memo pays off when the same rows
 * are decided again; within one match the candidate lists are memoized per key already. In-process
 * at 200k rows vs 200k: 644k fuzzball computations on the main thread with the 250k-pair caps, 641k
 * with these (the worker's share varies): nothing measurable, for a memo of 37 MB vs 3 MB at the end
 * of the match (heap after GC 358 -> 324 MB).
 */
export const ONCE_MEMO = 10_000;

/** createMatcher() in slices of `slice` master records (yields records indexed so far): see masterIndexSteps. */
export function* createMatcherSteps(master: MasterSnapshot, ctx: NormalizeContext, slice: number, opts: MatcherOptions = {}): Generator<number, Matcher> {
  return new MatcherImpl(yield* masterIndexSteps(master, ctx, slice, opts.onCompanies), ctx, opts.memo ?? MAX_MEMO);
}
