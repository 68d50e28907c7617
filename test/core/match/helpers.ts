import { loadConfig } from '../../../src/config/load.js';
import { createNormalizeContext, type NormalizeContext } from '../../../src/core/normalize/context.js';
import { normalizeRecord } from '../../../src/core/normalize/row.js';
import type { CanonicalColumn, CompanyRecord, NormalizedRow, PersonRecord, Thresholds } from '../../../src/core/types.js';

let cached: NormalizeContext | null = null;

export function ctx(): NormalizeContext {
  if (cached === null) {
    const { config, rules, personalDomains } = loadConfig();
    cached = createNormalizeContext({ config, rules, personalDomains });
  }
  return cached;
}

export const T: Thresholds = { companyAuto: 0.9, personAuto: 0.88, reviewFloor: 0.75, nearTieMargin: 0.02 };
export const NO_REVIEWS: ReadonlyMap<string, never> = new Map<string, never>();

/** Rows normalized by the real normalizers from canonical cell values, index = position. */
export function rows(...cells: Partial<Record<CanonicalColumn, string>>[]): NormalizedRow[] {
  return cells.map((values, index) => {
    const raw: Record<string, string> = {};
    for (const [k, v] of Object.entries(values)) raw[k] = v ?? '';
    return normalizeRecord({ index, line: index + 2, raw, values, issues: [] }, ctx());
  });
}

const NO_LOCKS = { lockedFields: [], manualOverrideKeys: [] };

export function company(id: string, name: string, domain: string | null = null, websiteUrl: string | null = null): CompanyRecord {
  return { id, name, domain, websiteUrl, locks: NO_LOCKS };
}

export function person(id: string, companyId: string | null, fullName: string, p: Partial<PersonRecord> = {}): PersonRecord {
  return {
    id,
    companyId,
    firstName: null,
    lastName: null,
    fullName,
    title: null,
    email: null,
    phone: null,
    linkedinUrl: null,
    locks: NO_LOCKS,
    ...p,
  };
}
