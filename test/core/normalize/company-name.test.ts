import { describe, expect, it } from 'vitest';
import { normalizeCompanyName } from '../../../src/core/normalize/company-name.js';
import { testContext } from './helpers.js';

const ctx = testContext();

describe('normalizeCompanyName', () => {
  it.each([
    ['ACME CORPORATION, INC.', 'Acme'],
    ['AT&T Inc.', 'AT&T'],
    ['IBM', 'IBM'],
    ['Acme, Inc.', 'Acme'],
    ['Acme,Inc', 'Acme'],
    ['Acme L.L.C.', 'Acme'],
    ['acme widgets llc', 'Acme Widgets'],
    ['Acme Pty. Ltd.', 'Acme'],
    ['Acme (Pty) Ltd', 'Acme'],
    ['Acme GmbH & Co. KG', 'Acme'],
    ['Acme S.A. de C.V.', 'Acme'],
    ['Nestlé S.A.', 'Nestlé'],
    ['Siemens AG', 'Siemens'],
    ['Philips N.V.', 'Philips'],
    ['Heineken BV', 'Heineken'],
    ['Barclays PLC', 'Barclays'],
    ['H&M Hennes & Mauritz AB', 'H&M Hennes & Mauritz'],
    ['Smith, Barney & Co., Inc.', 'Smith, Barney'],
    ['Procter & Gamble Co.', 'Procter & Gamble'],
    ['COCA-COLA CO', 'Coca-Cola'],
    ["MCDONALD'S CORP", "McDonald's"],
    ["McDonald's Corporation", "McDonald's"],
    ['eBay Inc.', 'eBay'],
    ['KPMG LLP', 'KPMG'],
    ['BANK OF AMERICA CORP', 'Bank of America'],
    ['3M Company', '3M'],
    ['  Acme    Widgets   Inc  ', 'Acme Widgets'],
    ['The Company', 'The Company'],
    ['The Boston Consulting Group', 'The Boston Consulting'],
    ['Tata Consultancy Services Private Limited', 'Tata Consultancy Services'],
    ['Infosys Pvt. Ltd.', 'Infosys'],
    ['Acme Holdings Group, Inc.', 'Acme Holdings'],
    ['ACME & CO', 'Acme'],
    ['Johnson and Johnson', 'Johnson and Johnson'],
    ['O\u2019REILLY MEDIA INC', 'O\u2019Reilly Media'],
  ])('%j -> %j', (raw, expected) => {
    expect(normalizeCompanyName(raw, ctx).value).toBe(expected);
  });

  it.each(['Inc', 'Inc.', 'LLC', ', Inc.', 'Corporation, Inc.', '  '])('leaves nothing of %j (the validator reports it)', (raw) => {
    expect(normalizeCompanyName(raw, ctx).value).toBe('');
  });

  it('names the rule for a stripped suffix and for a name that was only a suffix', () => {
    expect(normalizeCompanyName('Acme Inc', ctx).rules).toContain('company.legal_suffix');
    expect(normalizeCompanyName('Inc', ctx).rules).toContain('company.only_suffix');
    expect(normalizeCompanyName('Acme', ctx).rules).toEqual([]);
  });

  it('gives "&" and "and" variants, accents and punctuation the same match key', () => {
    const k = (s: string) => normalizeCompanyName(s, ctx).key;
    expect(k('Johnson & Johnson')).toBe(k('Johnson and Johnson'));
    expect(k('Müller Maschinenbau GmbH')).toBe(k('MULLER MASCHINENBAU'));
    expect(k('J.P. Morgan Chase & Co.')).toBe(k('JP Morgan Chase and Co'));
    expect(k('The Home Depot, Inc.')).toBe(k('Home Depot'));
    expect(k('Acme')).not.toBe(k('Acne'));
  });
});
