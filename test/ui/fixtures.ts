import type { EntityDecision, RowDecision, ScoredCandidate } from '../../src/core/types.js';
import type { ReviewItem } from '../../src/core/review.js';

export function candidate(id: string, label: string, score: number): ScoredCandidate {
  // The shape of the matcher's company candidates (src/core/match/decide.ts scoredCompany).
  return { id, label, score, scores: { name: score, domain: 0 }, values: { name: label, key: label.toLowerCase(), domain: `${label.toLowerCase().replace(/\W+/g, '')}.com`, website: null } };
}

export function borderline(entity: 'company' | 'person', key: string, score: number, extra: Partial<EntityDecision> = {}): EntityDecision {
  return {
    entity,
    outcome: 'borderline',
    matchType: 'fuzzy',
    rule: `${entity}.name_fuzzy`,
    targetId: `M-${key}`,
    confidence: score,
    best: candidate(`M-${key}`, `Cand ${key}`, score),
    runnerUp: candidate(`R-${key}`, `Runner ${key}`, score - 0.05),
    compared: entity === 'company' ? { company_name: `Incoming ${key}`, company_key: `incoming ${key}`, domain: null } : { full_name: `Incoming ${key}`, name_key: `incoming ${key}` },
    reason: `name similarity ${score} is between the floor and the auto threshold`,
    reviewKey: `${entity}:${key}`,
    ...extra,
  };
}

export function matched(entity: 'company' | 'person', id: string): EntityDecision {
  return { entity, outcome: 'matched', matchType: 'perfect', rule: `${entity}.exact`, targetId: id, confidence: 1, best: candidate(id, id, 1), runnerUp: null, compared: {}, reason: 'exact', reviewKey: null };
}

export function rowDecision(index: number, company: EntityDecision, person: EntityDecision): RowDecision {
  const unresolved = company.outcome === 'borderline' || person.outcome === 'borderline';
  return { index, line: index + 2, hash: `h${index}`, company, person, status: unresolved ? 'unresolved' : 'resolved' };
}

export function item(key: string, closeness: number, line = 2, entity: 'company' | 'person' = 'company'): ReviewItem {
  const d = borderline(entity, key, 0.9 - closeness);
  return { key: d.reviewKey!, entity, rowIndex: line - 2, line, score: 0.9 - closeness, closeness, rows: 1, decision: d };
}
