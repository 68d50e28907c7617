// Every normalization example of seed/backfill-agent-design-note.md, as written there.
import { describe, expect, it } from 'vitest';
import { normalizeCompanyName } from '../../../src/core/normalize/company-name.js';
import { normalizeDomain } from '../../../src/core/normalize/domain.js';
import { normalizeEmails } from '../../../src/core/normalize/email.js';
import { normalizePersonName } from '../../../src/core/normalize/person-name.js';
import { normalizePhone } from '../../../src/core/normalize/phone.js';
import { normalizeTitle } from '../../../src/core/normalize/title.js';
import { testContext } from './helpers.js';

const ctx = testContext();

describe('seed note examples', () => {
  it('company: "ACME CORPORATION, INC." -> "Acme"', () => {
    expect(normalizeCompanyName('ACME CORPORATION, INC.', ctx).value).toBe('Acme');
  });
  it('domain: "https://www.Acme.com/about" -> "acme.com"', () => {
    expect(normalizeDomain('https://www.Acme.com/about', ctx).value).toBe('acme.com');
  });
  it('person: "Mr. JOHN SMITH, Jr." -> "John Smith" (first John, last Smith)', () => {
    const r = normalizePersonName('Mr. JOHN SMITH, Jr.', ctx);
    expect([r.fullName, r.firstName, r.lastName]).toEqual(['John Smith', 'John', 'Smith']);
  });
  it('title: "v.p. of hr operations" -> "VP of HR Operations"', () => {
    expect(normalizeTitle('v.p. of hr operations', ctx).value).toBe('VP of HR Operations');
  });
  it('title: V.P., Vice President -> VP; Chief Executive Officer, C.E.O. -> CEO; Dir., Dir of -> Director', () => {
    expect(normalizeTitle('V.P.', ctx).value).toBe('VP');
    expect(normalizeTitle('Vice President', ctx).value).toBe('VP');
    expect(normalizeTitle('VP of Sales', ctx).value).toBe('VP of Sales');
    expect(normalizeTitle('Chief Executive Officer', ctx).value).toBe('CEO');
    expect(normalizeTitle('C.E.O.', ctx).value).toBe('CEO');
    expect(normalizeTitle('Dir.', ctx).value).toBe('Director');
    expect(normalizeTitle('Dir of Sales', ctx).value).toBe('Director of Sales');
  });
  it('email: "John.Smith@acme.com; jsmith@gmail.com" -> "john.smith@acme.com", both kept', () => {
    const r = normalizeEmails('John.Smith@acme.com; jsmith@gmail.com', ctx);
    expect(r.preferred).toBe('john.smith@acme.com');
    expect(r.all).toEqual(['john.smith@acme.com', 'jsmith@gmail.com']);
  });
  it('phone: "(555) 123-4567" -> "+15551234567" (possible, not valid)', () => {
    const r = normalizePhone('(555) 123-4567', ctx);
    expect(r.value).toBe('+15551234567');
    expect(r.valid).toBe(false);
  });
  it('company suffixes of the seed (Inc, LLC, Ltd, Corp, Corporation, Company, Group) are removed', () => {
    for (const s of ['Inc', 'LLC', 'Ltd', 'Corp', 'Corporation', 'Company', 'Group']) {
      expect(normalizeCompanyName(`Acme ${s}`, ctx).value).toBe('Acme');
    }
  });
  it('person prefixes (Mr., Mrs., Ms., Dr., Prof.) and suffixes (Jr., Sr., III, IV) are removed', () => {
    for (const p of ['Mr.', 'Mrs.', 'Ms.', 'Dr.', 'Prof.']) expect(normalizePersonName(`${p} Jane Doe`, ctx).fullName).toBe('Jane Doe');
    for (const s of ['Jr.', 'Sr.', 'III', 'IV']) expect(normalizePersonName(`Jane Doe ${s}`, ctx).fullName).toBe('Jane Doe');
  });
});
