import type { EntityDecision, RowDecision, ScoredCandidate } from './types.js';

// What the log and the reports write of a row's decision, as text: its explanation (the reasons
// of both entities) and each entity's rule, score and runner-up. A --yes run writes these texts of its resolved rows to a
// spill file as they are decided (io/decision-spill.ts) and keeps the decisions without them; the
// log and the reports read them through a DecisionTextSource either way.

export interface DecisionTexts {
  /** Why the row ended as it did, in one line (the log's notes, the reports' explanation column). */
  explanation: string;
  /** Each entity's rule, score ('0.930') and runner-up ('' without one), as decisions.csv writes them; null without a decision. */
  companyRule: string | null;
  companyScore: string | null;
  companyRunnerUp: string;
  personRule: string | null;
  personScore: string | null;
  personRunnerUp: string;
}

/** What the log and reports read of a row to find its texts (a RowPlan is one). */
export interface TextRow {
  index: number;
  status: string;
}

/** The texts of rows, in the order asked for (ascending row index). */
export interface DecisionTextSource {
  textsOf(rows: readonly TextRow[]): AsyncIterable<DecisionTexts>;
}

/**
 * Where a --yes run's matcher puts the texts of each resolved row as it decides it (Matcher.matchSteps'
 * `spill`); the row's decisions are then kept without them (slimDecision).
 */
export interface DecisionSink {
  put(index: number, texts: DecisionTexts): void;
}

/** 'Acme Corp (CMP-1, 0.930)', or '' without a candidate. */
export function candidateText(c: ScoredCandidate | null | undefined): string {
  return c ? `${c.label} (${c.id}, ${c.score.toFixed(3)})` : '';
}

/** Both entities' reasons: 'company: ... | person: ...'. */
export function explain(d: { company: EntityDecision | null; person: EntityDecision | null }): string {
  const parts: string[] = [];
  if (d.company) parts.push(`company: ${d.company.reason}`);
  if (d.person) parts.push(`person: ${d.person.reason}`);
  return parts.join(' | ');
}

/** Both entities' columns of a row's texts. */
function entityTexts(explanation: string, company: EntityDecision | null | undefined, person: EntityDecision | null | undefined): DecisionTexts {
  return {
    explanation,
    companyRule: company ? company.rule : null,
    companyScore: company ? company.confidence.toFixed(3) : null,
    companyRunnerUp: candidateText(company?.runnerUp),
    personRule: person ? person.rule : null,
    personScore: person ? person.confidence.toFixed(3) : null,
    personRunnerUp: candidateText(person?.runnerUp),
  };
}

/** The texts of a resolved row's decision (what a spill keeps of it). */
export function resolvedTexts(company: EntityDecision, person: EntityDecision | null): DecisionTexts {
  return entityTexts(explain({ company, person }), company, person);
}

/**
 * Why a row ended as it did, in one line. Built when written, from the row's decision, not kept on
 * the RowPlan: it repeats the decision's reasons (~330 bytes a row, 0.3 GB at 1M rows).
 */
export function explanationOf(p: Pick<TextRow, 'status'>, d: RowDecision | undefined): string {
  if (p.status === 'error') return 'row failed validation';
  if (p.status === 'duplicate') return 'identical row already imported (same row hash)';
  return d ? explain(d) : '';
}

/** The texts of a row from its decision in memory (which must not have been spilled). */
export function textsOf(p: TextRow, d: RowDecision | undefined): DecisionTexts {
  if (d?.spilled) throw new Error(`row ${p.index}: its decision's texts were spilled, not kept`);
  return entityTexts(explanationOf(p, d), d?.company, d?.person);
}

/** Texts from decisions that keep them all (the wizard's, and any run without a spill). */
export function memoryTexts(decisionAt: (index: number) => RowDecision | undefined): DecisionTextSource {
  return {
    async *textsOf(rows) {
      for (const p of rows) yield textsOf(p, decisionAt(p.index));
    },
  };
}

/** Each row with its texts, in order. */
export async function* withTexts<T extends TextRow>(rows: readonly T[], source: DecisionTextSource): AsyncGenerator<[T, DecisionTexts]> {
  let i = 0;
  for await (const t of source.textsOf(rows)) yield [rows[i++]!, t];
}
