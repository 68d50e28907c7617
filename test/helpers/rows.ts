import { createHash } from 'node:crypto';
import type { EntityDecision, NormalizedRow, RowDecision } from '../../src/core/types.js';

let seq = 0;

/** A normalized row with sensible defaults (tests of plan/commit don't depend on the normalizers). */
export function makeRow(p: Partial<NormalizedRow> & { index: number }): NormalizedRow {
  const fullName = p.fullName ?? `Person ${p.index}`;
  const base: NormalizedRow = {
    index: p.index,
    line: p.index + 2,
    hash: createHash('md5').update(`row-${p.index}-${seq++}-${fullName}`).digest('hex'),
    source: { company_name: p.companyName ?? 'Acme', full_name: fullName },
    valid: true,
    issues: [],
    companyName: 'Acme',
    companyKey: 'acme',
    domain: null,
    domainSource: null,
    website: null,
    fullName,
    firstName: fullName.split(' ')[0] ?? null,
    lastName: fullName.split(' ').slice(1).join(' ') || null,
    nameKey: fullName.toLowerCase(),
    title: null,
    email: null,
    emails: [],
    phone: null,
    phoneExt: null,
    linkedinUrl: null,
    opens: 0,
    replies: 0,
    meetings: 0,
    lastEngagedAt: null,
    notes: null,
    companyNameRaw: null,
    fullNameRaw: null,
    domainRaw: null,
    rules: [],
  };
  return { ...base, ...p };
}

export function entity(e: Partial<EntityDecision> & Pick<EntityDecision, 'entity' | 'outcome' | 'targetId'>): EntityDecision {
  return {
    matchType: e.outcome === 'new' ? 'no_match' : 'perfect',
    rule: `${e.entity}.test`,
    confidence: e.outcome === 'new' ? 0 : 1,
    best: null,
    runnerUp: null,
    compared: {},
    reason: 'test decision',
    reviewKey: e.outcome === 'borderline' ? `${e.entity}:${e.targetId}` : null,
    ...e,
  };
}

export function decision(row: NormalizedRow, company: EntityDecision, person: EntityDecision, status: RowDecision['status'] = 'resolved'): RowDecision {
  return { index: row.index, line: row.line, hash: row.hash, company, person, status };
}
