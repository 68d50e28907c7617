// Rules -> EntityDecision, with the explanation (SPEC §5). Pure functions over scored candidates; the
// candidates come from the index (match-index.ts) and the scores from compare.ts.

import type { Interner } from '../intern.js';
import type { EntityDecision, ReviewChoice, ScoredCandidate, Thresholds } from '../types.js';
import type { CompanyEntry, PersonEntry } from './master-index.js';
import { emailsOf } from './master-index.js';
import { companyNameScore } from './compare.js';
import { flatString } from '../strings.js';

/** A company candidate with its name score against the row. */
export interface CompanyCandidate {
  entry: CompanyEntry;
  nameScore: number;
}

/** A person candidate with its name score (and title score, support only) against the row. */
export interface PersonCandidate {
  entry: PersonEntry;
  nameScore: number;
  titleScore: number | null;
}

const EPS = 1e-9;

/** One decision object, always built with the same property order (one hidden class: cheap at 1M rows). */
export function makeDecision(d: {
  entity: 'company' | 'person';
  outcome: EntityDecision['outcome'];
  matchType: EntityDecision['matchType'];
  rule: string;
  targetId: string | null;
  confidence: number;
  best: ScoredCandidate | null;
  runnerUp: ScoredCandidate | null;
  compared: Record<string, string | null>;
  reason: string;
  reviewKey?: string | null;
  reviewed?: ReviewChoice;
}): EntityDecision {
  const out: EntityDecision = {
    entity: d.entity,
    outcome: d.outcome,
    matchType: d.matchType,
    rule: d.rule,
    targetId: d.targetId,
    confidence: d.confidence,
    best: d.best,
    runnerUp: d.runnerUp,
    compared: d.compared,
    reason: flatString(d.reason), // kept for every row: flat, not a tree of its pieces (strings.ts)
    reviewKey: d.reviewKey ?? null,
  };
  if (d.reviewed !== undefined) out.reviewed = d.reviewed;
  return out;
}

/** A copy of a decision with some fields changed. */
export function withChanges(d: EntityDecision, changes: Partial<EntityDecision>): EntityDecision {
  return makeDecision({
    entity: changes.entity ?? d.entity,
    outcome: changes.outcome ?? d.outcome,
    matchType: changes.matchType ?? d.matchType,
    rule: changes.rule ?? d.rule,
    targetId: 'targetId' in changes ? changes.targetId! : d.targetId,
    confidence: changes.confidence ?? d.confidence,
    best: 'best' in changes ? changes.best! : d.best,
    runnerUp: 'runnerUp' in changes ? changes.runnerUp! : d.runnerUp,
    compared: changes.compared ?? d.compared,
    reason: changes.reason ?? d.reason,
    reviewKey: 'reviewKey' in changes ? changes.reviewKey! : d.reviewKey,
    reviewed: changes.reviewed ?? d.reviewed,
  });
}

/**
 * How much of each decision a run keeps. 'all': every decision as made (the wizard shows any of them).
 * 'unresolved': a resolved row's decisions keep what the log and the reports write of them (rule,
 * outcome, target, confidence, reason, and the runner-up's id, label and score); the row's compared
 * values, the best candidate (its id is the target, its score the confidence, its name in the
 * reason) and the candidates' compared values and per-field scores, which only the review screen,
 * the fallout report and the garage's match_attempts show, stay on unresolved rows only (~0.7 KB a
 * row less, measured at 100k and 200k rows).
 */
export type DecisionDetail = 'all' | 'unresolved';

/** The compared values of a decision that keeps none (one frozen object for all). */
export const NO_VALUES: Readonly<Record<string, never>> = Object.freeze({});

function briefCandidate(c: ScoredCandidate | null): ScoredCandidate | null {
  return c === null ? null : { id: c.id, label: c.label, score: c.score, scores: NO_VALUES, values: NO_VALUES };
}

/**
 * A decision as a resolved row keeps it (DecisionDetail 'unresolved'). `reasons` keeps one string per
 * distinct reason: a company's reason repeats on each of its rows (at 200k rows, ~105 bytes a row).
 */
export function briefDecision(d: EntityDecision, reasons?: Interner): EntityDecision {
  return makeDecision({ ...d, best: null, runnerUp: briefCandidate(d.runnerUp), compared: NO_VALUES, reason: reasons ? reasons.of(d.reason) : d.reason });
}

/** Order of candidates: score descending, then id ascending (string order): deterministic. */
export function compareCandidates(a: { nameScore: number; entry: { id: string } }, b: { nameScore: number; entry: { id: string } }): number {
  if (a.nameScore !== b.nameScore) return b.nameScore - a.nameScore;
  return a.entry.id < b.entry.id ? -1 : a.entry.id > b.entry.id ? 1 : 0;
}

function pct(x: number): string {
  return x.toFixed(2);
}

export function companyReviewKey(key: string, domain: string | null): string {
  return `company:${key}|${domain ?? ''}`;
}

export function personReviewKey(rowHash: string): string {
  return `person:${rowHash}`;
}

// A candidate's compared values are the same in every decision that names it: one frozen record per
// entry, shared, instead of a new one per row (~100 bytes each, twice per row, at a million rows).
const companyValueCache = new WeakMap<CompanyEntry, Record<string, string | null>>();
const personValueCache = new WeakMap<PersonEntry, Record<string, string | null>>();

function companyValues(e: CompanyEntry): Record<string, string | null> {
  let v = companyValueCache.get(e);
  if (v === undefined) {
    v = Object.freeze({ name: e.name, key: e.key, domain: e.domain, website: e.website });
    companyValueCache.set(e, v);
  }
  return v;
}

function personValues(e: PersonEntry): Record<string, string | null> {
  let v = personValueCache.get(e);
  if (v === undefined) {
    v = Object.freeze({
      full_name: e.fullName,
      name_key: e.nameKey,
      company_id: e.companyId,
      emails: e.email !== null ? emailsOf(e).join(' ') : null,
      linkedin_url: e.linkedin,
      title: e.title,
    });
    personValueCache.set(e, v);
  }
  return v;
}

// Per-field scores are object literals with all their keys at once: a key added afterwards moves the
// object's fields to a separate store (~50 bytes more per candidate, two candidates a row).

export function scoredCompany(c: CompanyCandidate, rowDomain: string | null, score = c.nameScore): ScoredCandidate {
  const scores: Record<string, number> =
    rowDomain !== null && c.entry.domain !== null ? { name: c.nameScore, domain: rowDomain === c.entry.domain ? 1 : 0 } : { name: c.nameScore };
  return { id: c.entry.id, label: c.entry.name, score, scores, values: companyValues(c.entry) };
}

export function scoredPerson(c: PersonCandidate, score = c.nameScore, perfectKey: string | null = null): ScoredCandidate {
  const name = c.nameScore;
  const title = c.titleScore;
  let scores: Record<string, number>;
  if (perfectKey === null) scores = title === null ? { name } : { name, title };
  else scores = title === null ? { [perfectKey]: 1, name } : { [perfectKey]: 1, name, title };
  return { id: c.entry.id, label: c.entry.fullName, score, scores, values: personValues(c.entry) };
}

function isTie(best: number, runnerUp: number | undefined, margin: number): boolean {
  return runnerUp !== undefined && best - runnerUp <= margin + EPS;
}

export interface CompanyDecisionInput {
  compared: Record<string, string | null>;
  key: string;
  domain: string | null;
  /** Companies with the row's normalized domain (any order). */
  domainMatches: CompanyCandidate[];
  /** Name candidates, sorted with compareCandidates. */
  nameMatches: CompanyCandidate[];
  thresholds: Thresholds;
}

/** Company rules: 1) domain equal; 2) name similarity against company_auto / review_floor. */
export function decideCompany(input: CompanyDecisionInput): EntityDecision {
  const { compared, key, domain, thresholds: t } = input;
  if (domain !== null && input.domainMatches.length > 0) {
    const byName = [...input.domainMatches].sort(compareCandidates);
    const top = byName[0]!;
    const second = byName[1];
    const otherByName = input.nameMatches.find((c) => c.entry.id !== top.entry.id);
    if (second === undefined || !isTie(top.nameScore, second.nameScore, t.nearTieMargin)) {
      return makeDecision({
        entity: 'company',
        compared,
        outcome: 'matched',
        matchType: 'perfect',
        rule: 'company.domain_exact',
        targetId: top.entry.id,
        confidence: 1,
        best: scoredCompany(top, domain, 1),
        runnerUp: second ? scoredCompany(second, domain, 1) : otherByName ? scoredCompany(otherByName, domain) : null,
        reason:
          second === undefined
            ? `Domain ${domain} equals the domain of ${top.entry.name} (${top.entry.id}).`
            : `${byName.length} companies have the domain ${domain}; the name picked ${top.entry.name} (${pct(top.nameScore)} vs ${pct(second.nameScore)}).`,
      });
    }
    return makeDecision({
      entity: 'company',
      compared,
      outcome: 'borderline',
      matchType: 'perfect',
      rule: 'company.domain_ambiguous',
      targetId: top.entry.id,
      confidence: 1,
      best: scoredCompany(top, domain, 1),
      runnerUp: scoredCompany(second, domain, 1),
      reason: `${byName.length} companies have the domain ${domain} and their names score alike (${pct(top.nameScore)} vs ${pct(second.nameScore)}): an operator must choose.`,
      reviewKey: companyReviewKey(key, domain),
    });
  }

  const best = input.nameMatches[0];
  const runner = input.nameMatches[1];
  const bestSc = best ? scoredCompany(best, domain) : null;
  const runnerSc = runner ? scoredCompany(runner, domain) : null;
  if (best === undefined || best.nameScore < t.reviewFloor - EPS) {
    return makeDecision({
      entity: 'company',
      compared,
      outcome: 'new',
      matchType: 'no_match',
      rule: 'company.no_match',
      targetId: null,
      confidence: best ? best.nameScore : 0,
      best: bestSc,
      runnerUp: runnerSc,
      reason: best
        ? `No company name is close enough: the best, ${best.entry.name}, scores ${pct(best.nameScore)} < floor ${pct(t.reviewFloor)}.`
        : `No company has this domain or a similar name.`,
    });
  }
  const borderline = (rule: string, reason: string): EntityDecision => makeDecision({
    entity: 'company',
    compared,
    outcome: 'borderline',
    matchType: 'fuzzy',
    rule,
    targetId: best.entry.id,
    confidence: best.nameScore,
    best: bestSc,
    runnerUp: runnerSc,
    reason,
    reviewKey: companyReviewKey(key, domain),
  });
  if (domain !== null && best.entry.domain !== null && best.entry.domain !== domain) {
    if (best.nameScore < t.companyAuto - EPS) {
      // Two signals disagree with the candidate (another domain, a name only somewhat alike): a new company.
      return makeDecision({
        entity: 'company',
        compared,
        outcome: 'new',
        matchType: 'no_match',
        rule: 'company.domain_differs',
        targetId: null,
        confidence: best.nameScore,
        best: bestSc,
        runnerUp: runnerSc,
        reason: `The closest name, ${best.entry.name} (${pct(best.nameScore)} < auto ${pct(t.companyAuto)}), has another domain (${best.entry.domain} vs ${domain}): a different company.`,
      });
    }
    return borderline(
      'company.domain_conflict',
      `Name is similar to ${best.entry.name} (${pct(best.nameScore)}) but the domains differ (${domain} vs ${best.entry.domain}): never matched by name alone.`,
    );
  }
  if (domain !== null && best.entry.domain === null && best.nameScore < 1 && domainNamesOnlyRow(domain, key, best.entry.key)) {
    return borderline(
      'company.domain_name_conflict',
      `Name is similar to ${best.entry.name} (${pct(best.nameScore)}), but the row's domain ${domain} spells the row's own name, not ${best.entry.name}'s (which has no domain): never matched by name alone.`,
    );
  }
  if (runner !== undefined && runner.nameScore >= t.reviewFloor - EPS && isTie(best.nameScore, runner.nameScore, t.nearTieMargin)) {
    return borderline(
      'company.near_tie',
      `Two companies score alike: ${best.entry.name} (${pct(best.nameScore)}) and ${runner.entry.name} (${pct(runner.nameScore)}), within ${pct(t.nearTieMargin)}.`,
    );
  }
  if (best.nameScore >= t.companyAuto - EPS) {
    return makeDecision({
      entity: 'company',
      compared,
      outcome: 'matched',
      matchType: 'fuzzy',
      rule: 'company.name_fuzzy',
      targetId: best.entry.id,
      confidence: best.nameScore,
      best: bestSc,
      runnerUp: runnerSc,
      reason: `Name matches ${best.entry.name} at ${pct(best.nameScore)} >= ${pct(t.companyAuto)}${runner ? `; runner-up ${runner.entry.name} ${pct(runner.nameScore)}` : ''}.`,
    });
  }
  return borderline(
    'company.name_fuzzy',
    `Name is similar to ${best.entry.name} at ${pct(best.nameScore)}, between the floor ${pct(t.reviewFloor)} and auto ${pct(t.companyAuto)}.`,
  );
}

/**
 * True when the domain's first label ("gazidafe" of gazidafe.com) is spelled in the row's company key
 * but not in the candidate's ("gazidafe widgets" vs "bazidafe widgets"): the domain then speaks for
 * the row's own spelling, so a one-letter difference is two companies as often as a typo. Seen at
 * 1M master records, where near-identical invented names are common. Also when the row's name has a
 * typo of its own ("tkeimevi energy" with tekimevi.co vs the candidate "kemimevi energy"): a label of
 * 5+ letters that is close (>= 0.8) to one of the row's words and closer to it than to any of the
 * candidate's words. Seen at 1M vs 1M (2 false merges of 1M rows).
 */
export function domainNamesOnlyRow(domain: string, rowKey: string, candidateKey: string): boolean {
  const label = domain.slice(0, domain.indexOf('.') < 0 ? domain.length : domain.indexOf('.')).replace(/-/g, '');
  if (label.length < 3) return false;
  if (candidateKey.replace(/ /g, '').includes(label)) return false;
  if (rowKey.replace(/ /g, '').includes(label)) return true;
  if (label.length < 5) return false;
  const nearest = (key: string): number => Math.max(0, ...key.split(' ').map((w) => companyNameScore(label, w)));
  const row = nearest(rowKey);
  return row >= 0.8 && row > nearest(candidateKey);
}

export type PerfectPersonRule = 'linkedin' | 'email' | 'domain_name';

export interface PersonPerfectInput {
  compared: Record<string, string | null>;
  rowHash: string;
  rowLinkedin: string | null;
  /** Candidates per perfect key, strongest rule first (each list deduplicated, any order). */
  matches: { rule: PerfectPersonRule; candidates: PersonCandidate[] }[];
  /** The company the row resolved to (master or provisional id), when known: narrows ambiguous keys. */
  companyId: string | null;
  thresholds: Thresholds;
}

const RULE_TEXT: Record<PerfectPersonRule, string> = {
  linkedin: 'LinkedIn URL',
  email: 'email address',
  domain_name: 'email domain and first and last name',
};

/** Person rule 1 (perfect keys). Null when no perfect key matched anyone. */
export function decidePersonPerfect(input: PersonPerfectInput): EntityDecision | null {
  const { compared, thresholds: t } = input;
  for (const { rule, candidates } of input.matches) {
    if (candidates.length === 0) continue;
    let pool = [...candidates].sort(compareCandidates);
    if (pool.length > 1 && input.companyId !== null) {
      const same = pool.filter((c) => c.entry.companyId === input.companyId);
      if (same.length > 0) pool = same;
    }
    const top = pool[0]!;
    const second = pool[1];
    const ruleName = `person.${rule}_exact`;
    const bestP = scoredPerson(top, 1, rule);
    const runnerP = second ? scoredPerson(second, 1, rule) : null;
    const borderline = (suffix: string, reason: string): EntityDecision => makeDecision({
      entity: 'person',
      matchType: 'perfect',
      compared,
      targetId: top.entry.id,
      confidence: 1,
      best: bestP,
      runnerUp: runnerP,
      outcome: 'borderline',
      rule: `${ruleName}${suffix}`,
      reason,
      reviewKey: personReviewKey(input.rowHash),
    });
    if (second !== undefined) {
      return borderline(
        '_ambiguous',
        `${pool.length} people share the ${RULE_TEXT[rule]} (${top.entry.fullName} ${top.entry.id}, ${second.entry.fullName} ${second.entry.id}): an operator must choose.`,
      );
    }
    if (rule !== 'linkedin' && input.rowLinkedin !== null && top.entry.linkedin !== null && top.entry.linkedin !== input.rowLinkedin) {
      return borderline(
        '_linkedin_conflict',
        `The ${RULE_TEXT[rule]} equals that of ${top.entry.fullName} (${top.entry.id}) but the LinkedIn profiles differ.`,
      );
    }
    if (rule === 'email' && top.nameScore < t.reviewFloor - EPS) {
      return borderline(
        '_name_conflict',
        `The email address equals that of ${top.entry.fullName} (${top.entry.id}) but the names differ (${pct(top.nameScore)}): a shared inbox?`,
      );
    }
    return makeDecision({
      entity: 'person',
      matchType: 'perfect',
      compared,
      targetId: top.entry.id,
      confidence: 1,
      best: bestP,
      runnerUp: runnerP,
      outcome: 'matched',
      rule: ruleName,
      reason: `${RULE_TEXT[rule][0]!.toUpperCase()}${RULE_TEXT[rule].slice(1)} equals that of ${top.entry.fullName} (${top.entry.id}).`,
      reviewKey: null,
    });
  }
  return null;
}

export interface PersonFuzzyInput {
  compared: Record<string, string | null>;
  rowHash: string;
  rowLinkedin: string | null;
  /** People of the resolved company, sorted with compareCandidates. */
  candidates: PersonCandidate[];
  thresholds: Thresholds;
  /** The row's first-name key when the row has no last name at all (a known legacy-export defect). */
  firstNameOnly?: string | null;
}

/** Person rule 2 (name similarity inside the resolved company). Title never changes the outcome. */
export function decidePersonFuzzy(input: PersonFuzzyInput): EntityDecision {
  const { compared, thresholds: t } = input;
  // A different LinkedIn profile is a different person: such candidates are shown, never proposed.
  const conflicts = (c: PersonCandidate) => input.rowLinkedin !== null && c.entry.linkedin !== null && c.entry.linkedin !== input.rowLinkedin;
  const eligible = input.candidates.filter((c) => !conflicts(c));
  const excluded = input.candidates.length - eligible.length;
  const best = eligible[0];
  const runner = eligible[1];
  const bestP = best ? scoredPerson(best) : input.candidates[0] ? scoredPerson(input.candidates[0]) : null;
  const runnerP = runner ? scoredPerson(runner) : null;
  const note = excluded > 0 && input.candidates[0] && conflicts(input.candidates[0]) && input.candidates[0].nameScore >= t.reviewFloor - EPS
    ? ` (${input.candidates[0].entry.fullName} ${input.candidates[0].entry.id} has a different LinkedIn profile)`
    : '';
  if ((best === undefined || best.nameScore < t.reviewFloor - EPS) && input.firstNameOnly) {
    // "Samuel" at a company where Samuel Phillips works: not enough to match, too much to create a
    // second Samuel without asking. An operator decides (--yes: fallout).
    const same = eligible.filter((c) => c.entry.firstKey === input.firstNameOnly);
    if (same.length > 0) {
      const who = same.length === 1 ? `${same[0]!.entry.fullName} is the one person` : `${same.length} people are`;
      return makeDecision({
        entity: 'person',
        compared,
        best: scoredPerson(same[0]!),
        runnerUp: same[1] ? scoredPerson(same[1]) : null,
        outcome: 'borderline',
        matchType: 'fuzzy',
        rule: 'person.first_name_only',
        targetId: same[0]!.entry.id,
        confidence: same[0]!.nameScore,
        reason: `The row has only a first name and ${who} at the company with that first name: an operator must decide.`,
        reviewKey: personReviewKey(input.rowHash),
      });
    }
  }
  if (best === undefined || best.nameScore < t.reviewFloor - EPS) {
    return makeDecision({
      entity: 'person',
      compared,
      best: bestP,
      runnerUp: runnerP,
      outcome: 'new',
      matchType: 'no_match',
      rule: 'person.no_match',
      targetId: null,
      confidence: best ? best.nameScore : 0,
      reason: best
        ? `No one at the company has a close enough name: the best, ${best.entry.fullName}, scores ${pct(best.nameScore)} < floor ${pct(t.reviewFloor)}${note}.`
        : `No one at the company has a similar name (none scores 0.50 or more)${note}.`,
      reviewKey: null,
    });
  }
  const borderline = (rule: string, reason: string): EntityDecision => makeDecision({
    entity: 'person',
    compared,
    best: bestP,
    runnerUp: runnerP,
    outcome: 'borderline',
    matchType: 'fuzzy',
    rule,
    targetId: best.entry.id,
    confidence: best.nameScore,
    reason,
    reviewKey: personReviewKey(input.rowHash),
  });
  if (runner !== undefined && runner.nameScore >= t.reviewFloor - EPS && isTie(best.nameScore, runner.nameScore, t.nearTieMargin)) {
    return borderline(
      'person.near_tie',
      `Two people at the company score alike: ${best.entry.fullName} (${pct(best.nameScore)}) and ${runner.entry.fullName} (${pct(runner.nameScore)}).`,
    );
  }
  if (best.nameScore >= t.personAuto - EPS) {
    return makeDecision({
      entity: 'person',
      compared,
      best: bestP,
      runnerUp: runnerP,
      outcome: 'matched',
      matchType: 'fuzzy',
      rule: 'person.name_fuzzy',
      targetId: best.entry.id,
      confidence: best.nameScore,
      reason: `Name matches ${best.entry.fullName} at the same company at ${pct(best.nameScore)} >= ${pct(t.personAuto)}${note}.`,
      reviewKey: null,
    });
  }
  return borderline(
    'person.name_fuzzy',
    `Name is similar to ${best.entry.fullName} at the same company at ${pct(best.nameScore)}, between the floor ${pct(t.reviewFloor)} and auto ${pct(t.personAuto)}.`,
  );
}

/**
 * Person rule 3: a person matched perfectly gives its company to the row when the row's company is
 * otherwise unresolved. "Unresolved" here: the company decision is borderline (no operator needed any
 * more), or new while the row has no domain (a name that matched nothing is weaker evidence than a
 * LinkedIn URL or an email address). A row with its own unknown domain keeps its new company: the
 * person has moved to a company the master does not know yet.
 */
export function companyFromPerson(
  company: EntityDecision,
  rowDomain: string | null,
  person: EntityDecision,
  personCompany: CompanyEntry | null,
): EntityDecision | null {
  if (person.outcome !== 'matched' || person.matchType !== 'perfect' || personCompany === null) return null;
  const unresolved = company.outcome === 'borderline' || (company.outcome === 'new' && rowDomain === null);
  if (!unresolved) return null;
  // The row's own domain names another company than the person's (a different domain, or a
  // domainless company whose name the domain does not spell): the person has moved, the company
  // stays as it was (borderline: review or fallout). Seen at 1M vs 1M (3 false merges of 1M rows).
  if (rowDomain !== null) {
    const other = personCompany.domain !== null ? personCompany.domain !== rowDomain : domainNamesOnlyRow(rowDomain, company.compared.company_key ?? '', personCompany.key);
    if (other) return null;
  }
  const fromBest = company.best !== null && company.best.id === personCompany.id ? company.best : null;
  return makeDecision({
    entity: 'company',
    outcome: 'matched',
    matchType: 'perfect',
    rule: 'company.from_person',
    targetId: personCompany.id,
    confidence: 1,
    best: {
      id: personCompany.id,
      label: personCompany.name,
      score: 1,
      scores: { ...(fromBest?.scores ?? {}), person: 1 },
      values: companyValues(personCompany),
    },
    runnerUp: fromBest ? company.runnerUp : company.best,
    compared: company.compared,
    reason: `${person.best?.label ?? 'The person'} matched perfectly (${person.rule}) and works at ${personCompany.name} (${personCompany.id}); the company was otherwise ${company.outcome === 'borderline' ? 'borderline' : 'new without a domain'}.`,
    reviewKey: null,
  });
}

/** Applies an operator's review choice to a borderline decision (other decisions pass unchanged). */
export function applyReview(d: EntityDecision, choice: ReviewChoice | undefined): EntityDecision {
  if (d.outcome !== 'borderline' || choice === undefined) return d;
  if (choice === 'accept') {
    return withChanges(d, { outcome: 'matched', confidence: d.best?.score ?? d.confidence, reason: `Operator accepted: ${d.reason}`, reviewed: 'accept' });
  }
  if (choice === 'reject') {
    return withChanges(d, {
      outcome: 'new',
      matchType: 'no_match',
      targetId: null,
      confidence: d.best?.score ?? 0,
      reason: `Operator rejected the candidate (new record): ${d.reason}`,
      reviewed: 'reject',
    });
  }
  return withChanges(d, { reason: `Operator deferred (fallout): ${d.reason}`, reviewed: 'defer' });
}
