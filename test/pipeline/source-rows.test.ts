import { describe, expect, it } from 'vitest';
import { sourceRowsOf, type LoadedFile } from '../../src/pipeline/prepare.js';
import { rows } from '../core/match/helpers.js';

describe('sourceRowsOf (the --yes run once its plan is made)', () => {
  it('keeps what the commit and the reports read of each row, and empties the loaded file', () => {
    const normalized = rows({ company_name: 'Acme Corp.', full_name: 'John Smith', email: 'john@acme.com' }, { company_name: '', full_name: 'Ann Lee' });
    const file: LoadedFile = { path: '/x.csv', encoding: 'utf-8', headers: ['company_name', 'full_name', 'email'], headerMap: {}, unknownHeaders: [], fileIssues: [], rows: normalized, sha256: 'abc' };
    const expected = normalized.map((r) => ({ index: r.index, line: r.line, hash: r.hash, source: r.source, valid: r.valid, issues: r.issues }));
    const out = sourceRowsOf(file);
    expect(out.rows).toEqual(expected);
    expect(out.rows[1]!.valid).toBe(false);
    expect(out.rows[1]!.issues.map((i) => i.code)).toContain('company_name_missing');
    expect(out.rows[0]).not.toHaveProperty('companyKey');
    expect({ ...out, rows: [] }).toEqual({ ...file, rows: [] });
    expect(file.rows).toEqual([]); // moved out: the normalized rows are no longer reachable through it
  });
});
