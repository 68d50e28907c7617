import { describe, expect, it } from 'vitest';
import { sourceRowOf } from '../../src/pipeline/prepare.js';
import { rows } from '../core/match/helpers.js';

describe('sourceRowOf (what the --yes run keeps of a row once it is planned)', () => {
  it('keeps what the commit and the reports read of each row, and none of its normalized fields', () => {
    const normalized = rows({ company_name: 'Acme Corp.', full_name: 'John Smith', email: 'john@acme.com' }, { company_name: '', full_name: 'Ann Lee' });
    const out = normalized.map(sourceRowOf);
    expect(out).toEqual(normalized.map((r) => ({ index: r.index, line: r.line, hash: r.hash, source: r.source, valid: r.valid, issues: r.issues })));
    expect(out[1]!.valid).toBe(false);
    expect(out[1]!.issues.map((i) => i.code)).toContain('company_name_missing');
    expect(out[0]).not.toHaveProperty('companyKey');
    expect(out[0]!.source).toBe(normalized[0]!.source);
  });
});
