// A row's plan as buildPlan makes it (PlannedRow), and how actions are added to any RowPlan.

import type { Action, Entity, RowPlan, RowStatus } from './plan.js';
import type { MatchType } from './types.js';
import { appended, shared } from './tight.js';

/** Rows without more actions share one (frozen) empty list. */
const NO_ACTIONS = shared<Action>([]);

/** Appends to a row's actions (a list of its exact length: a million rows carry one each, see tight.ts). */
export function addAction(p: RowPlan, a: Action): void {
  if (p instanceof PlannedRow) p.more = appended(p.more, a);
  else p.actions = appended(p.actions, a);
}

/** An entity action kept as fields by a PlannedRow: none, matched (with rule and confidence), or created. */
const Act = { None: 0, Matched: 1, Created: 2 } as const;
type Act = (typeof Act)[keyof typeof Act];

/**
 * The RowPlan buildPlan makes. A resolved row's first two actions (its company and its person,
 * each matched or created) are kept as fields and made when `actions` is read, on the row's own refs
 * (so that the commit, which swaps provisional refs for ids, changes them with the refs); any other
 * action is in `more`. Two action objects and their list were ~220 of a row plan's ~360 bytes (0.2 GB
 * at 1M rows, from the plan to the end of the commit). Setting `actions` keeps the list given.
 */
export class PlannedRow implements RowPlan {
  companyAct: Act = Act.None;
  companyRule = '';
  companyConfidence = 0;
  personAct: Act = Act.None;
  personRule = '';
  personConfidence = 0;
  /** The actions after the entity actions (updates and locked-field skips). */
  more: Action[] = NO_ACTIONS;

  constructor(
    public index: number,
    public line: number,
    public hash: string,
    public status: RowStatus,
    public matchType: MatchType | null,
    public confidence: number | null,
    public companyRef: string | null,
    public personRef: string | null,
    public error: string | null,
    company: Action | null,
    person: Action | null,
  ) {
    if (company !== null) [this.companyAct, this.companyRule, this.companyConfidence] = fieldsOf(company, companyRef);
    if (person !== null) [this.personAct, this.personRule, this.personConfidence] = fieldsOf(person, personRef);
  }

  get actions(): Action[] {
    const out: Action[] = [];
    if (this.companyAct !== Act.None) out.push(actionOf('company', this.companyAct, this.companyRef!, this.companyRule, this.companyConfidence));
    if (this.personAct !== Act.None) out.push(actionOf('person', this.personAct, this.personRef!, this.personRule, this.personConfidence));
    return out.length === 0 ? this.more : out.concat(this.more);
  }

  set actions(list: Action[]) {
    this.companyAct = this.personAct = Act.None;
    this.companyRule = this.personRule = '';
    this.more = list;
  }

  /** Lets go of the actions after the entity actions (the commit puts back what its UPDATEs did). */
  entityActionsOnly(): void {
    this.more = NO_ACTIONS;
  }
}

/** A matched or created action on the row's own ref, as PlannedRow keeps it. */
function fieldsOf(a: Action, rowRef: string | null): [Act, string, number] {
  if (a.ref !== rowRef) throw new Error(`an entity action on ${a.ref} for a row on ${rowRef}`);
  if (a.action === 'matched') return [Act.Matched, a.rule, a.confidence];
  if (a.action === 'created') return [Act.Created, '', 0];
  throw new Error(`a row's entity action is matched or created, not ${a.action}`);
}

function actionOf(entity: Entity, act: Act, ref: string, rule: string, confidence: number): Action {
  return act === Act.Matched ? { action: 'matched', entity, ref, rule, confidence } : { action: 'created', entity, ref };
}

