import type { MatchResult } from '../core/match/match-rows.js';
import type { ReviewChoice, RowDecision, Thresholds } from '../core/types.js';
import type { ResolvedConfig } from '../config/load.js';
import type { Prepared } from './prepare.js';

export function thresholdsOf(resolved: ResolvedConfig): Thresholds {
  const m = resolved.config.matching;
  return { companyAuto: m.company_auto, personAuto: m.person_auto, reviewFloor: m.review_floor, nearTieMargin: m.near_tie_margin };
}

export interface Decided {
  decisions: RowDecision[]; // one per row of the file, index order
  match: MatchResult;
}

/** Matches the valid, non-duplicate rows and gives every row of the file a decision. */
export function decideAll(prep: Prepared, thresholds: Thresholds, reviews: ReadonlyMap<string, ReviewChoice>): Decided {
  const rows = prep.file.rows;
  const toMatch = rows.filter((r) => r.valid && !prep.duplicates.has(r.index));
  const match = prep.matcher.match(toMatch, thresholds, reviews);
  const byIndex = new Map(match.decisions.map((d) => [d.index, d]));
  const decisions = rows.map((r): RowDecision => {
    if (!r.valid) return { index: r.index, line: r.line, hash: r.hash, company: null, person: null, status: 'invalid' };
    if (prep.duplicates.has(r.index)) return { index: r.index, line: r.line, hash: r.hash, company: null, person: null, status: 'duplicate' };
    return byIndex.get(r.index)!;
  });
  return { decisions, match };
}
