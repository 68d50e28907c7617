import { describe, expect, it } from 'vitest';
import { normalizeRecord } from '../../../src/core/normalize/row.js';
import type { CanonicalColumn, SourceRecord } from '../../../src/core/types.js';
import { testContext } from './helpers.js';

const ctx = testContext();

function rec(values: Partial<Record<CanonicalColumn, string>>, line = 7): SourceRecord {
  return { index: line - 2, line, raw: { ...values, extra_column: 'kept' }, values, issues: [] };
}
const base = { company_name: 'Acme Inc.', full_name: 'John Smith' };
const codes = (r: ReturnType<typeof normalizeRecord>) => r.issues.map((i) => i.code);

describe('normalizeRecord', () => {
  it('lists the rules that changed each field as column:rule, and nothing for cells already clean', () => {
    const messy = normalizeRecord(rec({ company_name: 'Acme Inc.', full_name: 'John Smith', title: 'vp sales', phone: '(555) 123-4567' }), ctx);
    expect(messy.rules).toContain('company_name:company.legal_suffix');
    expect(messy.rules.some((x) => x.startsWith('title:'))).toBe(true);
    expect(messy.rules).toContain('phone:phone.e164');
    const clean = normalizeRecord(rec({ company_name: 'Acme', full_name: 'John Smith' }), ctx);
    expect(clean.rules).toEqual([]);
    expect(clean.issues).toEqual([]);
    expect(clean.emails).toEqual([]);
  });

  it('gives rows normalized the same way one shared, frozen list of rules', () => {
    const a = normalizeRecord(rec({ company_name: 'Acme Inc.', full_name: 'John Smith', title: 'vp sales' }, 7), ctx);
    const b = normalizeRecord(rec({ company_name: 'Globex Inc.', full_name: 'Ann Lee', title: 'cto' }, 8), ctx);
    const c = normalizeRecord(rec({ company_name: 'Initech Inc.', full_name: 'Bob Day' }, 9), ctx);
    expect(b.rules).toBe(a.rules);
    expect(c.rules).not.toEqual(a.rules);
    expect(Object.isFrozen(a.rules)).toBe(true);
  });

  it('keeps the cells a decision shows as read: company name, full name and the domain’s cell', () => {
    const r = normalizeRecord(rec({ company_name: ' Acme Inc. ', full_name: 'SMITH, JOHN', email: 'John@Acme.com' }), ctx);
    expect([r.companyNameRaw, r.fullNameRaw, r.domainSource, r.domainRaw]).toEqual([' Acme Inc. ', 'SMITH, JOHN', 'email', 'John@Acme.com']);
  });

  it('normalizes every field of a messy row and keeps the traces', () => {
    const r = normalizeRecord(
      rec({
        company_name: 'ACME CORPORATION, INC.',
        company_website: 'https://www.Acme.com/about',
        full_name: 'Mr. JOHN SMITH, Jr.',
        title: 'v.p. of hr operations',
        email: 'John.Smith@acme.com; jsmith@gmail.com',
        phone: '(555) 123-4567',
        linkedin_url: 'uk.linkedin.com/in/John-Smith/',
        historical_open_count: '20',
        historical_reply_count: '3',
        historical_meeting_count: '1',
        last_engaged_at: '1/5/2024',
        notes: '  met at conf ',
      }),
      ctx,
    );
    expect(r).toMatchObject({
      line: 7,
      valid: true,
      companyName: 'Acme',
      companyKey: 'acme',
      domain: 'acme.com',
      domainSource: 'company_website',
      website: 'https://www.Acme.com/about',
      fullName: 'John Smith',
      firstName: 'John',
      lastName: 'Smith',
      nameKey: 'john smith',
      title: 'VP of HR Operations',
      email: 'john.smith@acme.com',
      emails: ['john.smith@acme.com', 'jsmith@gmail.com'],
      phone: '+15551234567',
      linkedinUrl: 'https://www.linkedin.com/in/john-smith',
      opens: 20,
      replies: 3,
      meetings: 1,
      lastEngagedAt: '2024-01-05T00:00:00.000Z',
      notes: 'met at conf',
    });
    expect(r.companyNameRaw).toBe('ACME CORPORATION, INC.');
    expect(r.rules.filter((x) => x.startsWith('company_name:'))).toEqual(['company_name:company.legal_suffix', 'company_name:company.case']);
    expect(r.source?.extra_column).toBe('kept');
    expect(r.hash).toMatch(/^[0-9a-f]{32}$/);
    expect(codes(r)).toEqual(['phone_not_valid']);
  });

  it.each([
    [{ full_name: 'John Smith' }, 'company_name_missing', 'company_name'],
    [{ company_name: '   ', full_name: 'John Smith' }, 'company_name_missing', 'company_name'],
    [{ company_name: 'N/A', full_name: 'John Smith' }, 'company_name_missing', 'company_name'],
    [{ company_name: 'Inc.', full_name: 'John Smith' }, 'company_name_only_suffix', 'company_name'],
    [{ company_name: 'Acme' }, 'full_name_missing', 'full_name'],
    [{ company_name: 'Acme', full_name: 'Dr.' }, 'full_name_missing', 'full_name'],
    [{ ...base, historical_open_count: '-3' }, 'count_negative', 'historical_open_count'],
    [{ ...base, historical_reply_count: '2.5' }, 'count_fractional', 'historical_reply_count'],
    [{ ...base, historical_meeting_count: 'lots' }, 'count_not_a_number', 'historical_meeting_count'],
    [{ ...base, historical_open_count: '9999999999' }, 'count_too_large', 'historical_open_count'],
  ])('marks %j invalid with the error %s on %s', (values, code, column) => {
    const r = normalizeRecord(rec(values, 12), ctx);
    expect(r.valid).toBe(false);
    expect(r.issues).toContainEqual(expect.objectContaining({ code, column, line: 12, severity: 'error' }));
  });

  it.each([
    [{ ...base, email: 'foo@' }, 'email_invalid', 'email'],
    [{ ...base, email: 'jsmith@gmail.com' }, 'email_personal_only', 'email'],
    [{ ...base, phone: '12345' }, 'phone_unparseable', 'phone'],
    [{ ...base, phone: '(555) 123-4567' }, 'phone_not_valid', 'phone'],
    [{ ...base, last_engaged_at: '2024-02-30' }, 'date_unparseable', 'last_engaged_at'],
    [{ ...base, linkedin_url: 'https://www.linkedin.com/company/acme' }, 'linkedin_not_profile', 'linkedin_url'],
    [{ ...base, company_domain: 'acme.local' }, 'domain_invalid', 'company_domain'],
    [{ ...base, company_domain: 'gmail.com' }, 'domain_personal', 'company_domain'],
    [{ ...base, full_name: 'John Michael Smith' }, 'name_split_guessed', 'full_name'],
  ])('keeps %j valid with the warning %s on %s', (values, code, column) => {
    const r = normalizeRecord(rec(values, 9), ctx);
    expect(r.valid).toBe(true);
    expect(r.issues).toContainEqual(expect.objectContaining({ code, column, line: 9, severity: 'warning' }));
  });

  it('says what was dropped and what to do', () => {
    const r = normalizeRecord(rec({ ...base, email: 'foo@' }), ctx);
    expect(r.issues[0]!.message).toBe("email 'foo@' is not a valid address; it was dropped — fix the cell to keep it");
  });

  it('keeps the issues of the CSV reader and stays invalid on a reader error', () => {
    const source = rec(base);
    source.issues.push({ code: 'nul_byte', line: 7, column: 'notes', severity: 'error', message: 'x' });
    const r = normalizeRecord(source, ctx);
    expect(r.valid).toBe(false);
    expect(codes(r)).toEqual(['nul_byte']);
    expect(source.issues).toHaveLength(1);
  });

  describe('domain fallback order', () => {
    it('uses company_domain first', () => {
      const r = normalizeRecord(rec({ ...base, company_domain: 'acme.com', company_website: 'acme.io', email: 'j@acme.net' }), ctx);
      expect([r.domain, r.domainSource]).toEqual(['acme.com', 'company_domain']);
    });
    it('uses company_website when the domain is blank or unusable', () => {
      expect(normalizeRecord(rec({ ...base, company_website: 'www.acme.io', email: 'j@acme.net' }), ctx).domainSource).toBe('company_website');
      const r = normalizeRecord(rec({ ...base, company_domain: 'gmail.com', company_website: 'acme.io' }), ctx);
      expect([r.domain, r.domainSource]).toEqual(['acme.io', 'company_website']);
    });
    it('uses the work email last, never a personal address', () => {
      const r = normalizeRecord(rec({ ...base, email: 'j@gmail.com; John@Mail.Acme.net' }), ctx);
      expect([r.domain, r.domainSource]).toEqual(['acme.net', 'email']);
      const p = normalizeRecord(rec({ ...base, email: 'j@gmail.com' }), ctx);
      expect([p.domain, p.domainSource, p.email]).toEqual([null, null, 'j@gmail.com']);
    });
  });

  describe('person name parts', () => {
    it('prefers the first_name and last_name columns over the split', () => {
      const r = normalizeRecord(rec({ ...base, full_name: 'Mary Ann Smith', first_name: 'MARY ANN', last_name: 'smith' }), ctx);
      expect([r.fullName, r.firstName, r.lastName]).toEqual(['Mary Ann Smith', 'Mary Ann', 'Smith']);
      expect(codes(r)).not.toContain('name_split_guessed');
    });
    it('builds full_name from first and last when it is missing (not an error)', () => {
      const r = normalizeRecord(rec({ company_name: 'Acme', first_name: 'jane', last_name: 'VAN DER BERG' }), ctx);
      expect(r.valid).toBe(true);
      expect([r.fullName, r.firstName, r.lastName, r.nameKey]).toEqual(['Jane van der Berg', 'Jane', 'van der Berg', 'jane van der berg']);
    });
    it('keeps a one-word name with no last name', () => {
      const r = normalizeRecord(rec({ company_name: 'Acme', full_name: 'Cher' }), ctx);
      expect([r.valid, r.firstName, r.lastName]).toEqual([true, 'Cher', null]);
    });
  });

  it('reads blank counts as 0 and a blank date as null without issues', () => {
    const r = normalizeRecord(rec({ ...base, historical_open_count: '', historical_reply_count: ' ', last_engaged_at: '' }), ctx);
    expect([r.opens, r.replies, r.meetings, r.lastEngagedAt, r.issues]).toEqual([0, 0, 0, null, []]);
  });

  it('gives the same hash to the same values and a different one when a value changes', () => {
    expect(normalizeRecord(rec(base, 3), ctx).hash).toBe(normalizeRecord(rec(base, 99), ctx).hash);
    expect(normalizeRecord(rec({ ...base, title: 'CEO' }), ctx).hash).not.toBe(normalizeRecord(rec(base), ctx).hash);
  });
});
