// What a --yes run keeps of a resolved row's decision once its texts (reasons, runner-ups, scores as
// text) went to a spill (core/explain.ts, io/decision-spill.ts): only what the plan reads of it.

import type { EntityDecision, MatchType, NormalizedRow, Outcome, RowDecision } from '../types.js';
import { makeDecision, NO_VALUES } from './decide.js';

/** The reason of a decision whose texts were spilled (RowDecision.spilled): the spill has it. */
const SPILLED_REASON = '';

/**
 * A slim decision (slimDecision): its own fields are the six the plan reads; the rest are the same in
 * every one and answered by the class (getters). Six fields instead of twelve: ~48 bytes less per
 * decision, two decisions a resolved row (~90 MB at the end of a 1M match).
 */
class SlimDecision implements EntityDecision {
  constructor(
    readonly entity: EntityDecision['entity'],
    readonly outcome: EntityDecision['outcome'],
    readonly matchType: EntityDecision['matchType'],
    readonly rule: string,
    readonly targetId: string | null,
    readonly confidence: number,
  ) {}
  get best(): null {
    return null;
  }
  get runnerUp(): null {
    return null;
  }
  get compared(): Record<string, string | null> {
    return NO_VALUES;
  }
  get reason(): string {
    return SPILLED_REASON;
  }
  get reviewKey(): null {
    return null;
  }
}

/**
 * A resolved decision whose texts (reason, rule, score, runner-up) went to a spill (core/explain.ts):
 * what the plan reads of it (outcome, match type, rule, target, confidence) and nothing else; no
 * reason (the person's is unique to its row) and no runner-up. The 1M match's peak: 3,398 -> 3,231 MB.
 * A decision with a review on it (never in a --yes run) keeps its review key and choice.
 */
export function slimDecision(d: EntityDecision): EntityDecision {
  if (reviewed(d)) return makeDecision({ ...d, best: null, runnerUp: null, compared: NO_VALUES, reason: SPILLED_REASON });
  return new SlimDecision(d.entity, d.outcome, d.matchType, d.rule, d.targetId, d.confidence);
}

const OUTCOMES: readonly Outcome[] = ['matched', 'borderline', 'new'];
const MATCH_TYPES: readonly MatchType[] = ['perfect', 'fuzzy', 'no_match'];
/** Rules seen so far, by number (a rule is one of a few dozen fixed strings). */
const RULES: string[] = [];
const RULE_NUMBER = new Map<string, number>();

/** An entity decision's outcome, match type and rule in one small integer (SpilledRowDecision). */
function codeOf(d: EntityDecision): number {
  let r = RULE_NUMBER.get(d.rule);
  if (r === undefined) {
    r = RULES.length;
    RULES.push(d.rule);
    RULE_NUMBER.set(d.rule, r);
  }
  return (r << 4) | (OUTCOMES.indexOf(d.outcome) << 2) | MATCH_TYPES.indexOf(d.matchType);
}

function decisionOf(entity: EntityDecision['entity'], code: number, targetId: string | null, confidence: number): SlimDecision {
  return new SlimDecision(entity, OUTCOMES[(code >> 2) & 3]!, MATCH_TYPES[code & 3]!, RULES[code >> 4]!, targetId, confidence);
}

/**
 * A spilled row's decision in one object: its index, line and hash, and per entity the code of its
 * outcome, match type and rule, its target and its confidence; `company` and `person` are slim
 * decisions made when read (the plan reads each a few times: young garbage, never kept). Nine fields
 * instead of a RowDecision and two slim decisions (7 + 6 + 6): ~224 -> ~96 bytes a row, ~0.12 GB at
 * the end of a 1M match and through the plan, where the run's memory peaks.
 */
class SpilledRowDecision implements RowDecision {
  private readonly c: number;
  private readonly cTarget: string | null;
  private readonly cConfidence: number;
  /** -1: no person decision. */
  private readonly p: number;
  private readonly pTarget: string | null;
  private readonly pConfidence: number;

  constructor(
    readonly index: number,
    readonly line: number,
    readonly hash: string,
    company: EntityDecision,
    person: EntityDecision | null,
  ) {
    this.c = codeOf(company);
    this.cTarget = company.targetId;
    this.cConfidence = company.confidence;
    this.p = person === null ? -1 : codeOf(person);
    this.pTarget = person === null ? null : person.targetId;
    this.pConfidence = person === null ? 0 : person.confidence;
  }

  get company(): EntityDecision {
    return decisionOf('company', this.c, this.cTarget, this.cConfidence);
  }

  get person(): EntityDecision | null {
    return this.p < 0 ? null : decisionOf('person', this.p, this.pTarget, this.pConfidence);
  }

  get status(): 'resolved' {
    return 'resolved';
  }

  get spilled(): true {
    return true;
  }
}

/** Whether a decision carries a review (never in a --yes run): slimDecision keeps it whole. */
function reviewed(d: EntityDecision | null): boolean {
  return d !== null && (d.reviewKey !== null || d.reviewed !== undefined);
}

/**
 * The decision a resolved row keeps once its texts are spilled: what the plan reads (slimDecision's
 * six fields of each entity), in one object (SpilledRowDecision); a row with a reviewed decision keeps
 * a RowDecision of two slim decisions.
 */
export function spilledDecision(row: Pick<NormalizedRow, 'index' | 'line' | 'hash'>, company: EntityDecision, person: EntityDecision | null): RowDecision {
  if (reviewed(company) || reviewed(person)) {
    return { index: row.index, line: row.line, hash: row.hash, company: slimDecision(company), person: person === null ? null : slimDecision(person), status: 'resolved', spilled: true };
  }
  return new SpilledRowDecision(row.index, row.line, row.hash, company, person);
}
