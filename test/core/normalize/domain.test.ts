import { describe, expect, it } from 'vitest';
import { domainOfEmail, isPersonalDomain, normalizeDomain } from '../../../src/core/normalize/domain.js';
import { testContext } from './helpers.js';

const ctx = testContext();

describe('normalizeDomain', () => {
  it.each([
    ['https://www.Acme.com/about', 'acme.com'],
    ['acme.com', 'acme.com'],
    ['ACME.COM', 'acme.com'],
    ['www.acme.com', 'acme.com'],
    ['http://acme.com', 'acme.com'],
    ['https://acme.com/', 'acme.com'],
    ['acme.com:8080/path?q=1#top', 'acme.com'],
    ['https://user:secret@www.acme.com/login', 'acme.com'],
    ['mail.acme.co.uk', 'acme.co.uk'],
    ['https://shop.acme.com.au/products', 'acme.com.au'],
    ['www.acme.com.', 'acme.com'],
    ['//acme.com/x', 'acme.com'],
    ['  acme.com  ', 'acme.com'],
    ['<https://acme.io>', 'acme.io'],
    ['"acme.com"', 'acme.com'],
    ['john@acme.com', 'acme.com'],
    ['mailto:info@acme.de', 'acme.de'],
    ['www.acme.com, acme.co.uk', 'acme.com'],
    ['acme.com; acme.net', 'acme.com'],
    ['münchen.de', 'xn--mnchen-3ya.de'],
    ['xn--mnchen-3ya.de', 'xn--mnchen-3ya.de'],
    ['https://www.MÜNCHEN.de/kontakt', 'xn--mnchen-3ya.de'],
    ['acme.myshopify.com', 'acme.myshopify.com'],
    ['WWW.ACME.CO.JP', 'acme.co.jp'],
    ['acme.technology', 'acme.technology'],
    ['http://www.acme.com/about-us/team.html', 'acme.com'],
  ])('%j -> %j', (raw, expected) => {
    expect(normalizeDomain(raw, ctx).value).toBe(expected);
  });

  it.each(['192.168.0.1', 'http://10.0.0.1/admin', 'localhost', 'acme', 'acme.local', 'Acme .com', 'acme..com', 'not a domain', 'http://'])(
    'finds no company domain in %j',
    (raw) => {
      expect(normalizeDomain(raw, ctx).value).toBeNull();
    },
  );

  it('returns null without rules for a blank cell', () => {
    expect(normalizeDomain('   ', ctx)).toEqual({ value: null, rules: [] });
  });

  it('names what it stripped', () => {
    expect(normalizeDomain('https://www.Acme.com/about', ctx).rules).toEqual(
      expect.arrayContaining(['domain.url_stripped', 'domain.www_stripped', 'domain.lower_case']),
    );
    expect(normalizeDomain('mail.acme.co.uk', ctx).rules).toContain('domain.subdomain_stripped');
  });

  it('flags a personal email domain given as a company domain', () => {
    expect(normalizeDomain('gmail.com', ctx).rules).toContain('domain.personal');
  });
});

describe('domainOfEmail', () => {
  it.each([
    ['john@acme.com', 'acme.com'],
    ['John@EU.Acme.com', 'acme.com'],
    ['a@b@acme.io', 'acme.io'],
    ['john@', null],
    ['john', null],
    ['john@localhost', null],
  ])('%j -> %j', (email, expected) => {
    expect(domainOfEmail(email)).toBe(expected);
  });
});

describe('isPersonalDomain', () => {
  it('knows free-mail domains and their subdomains, not company domains', () => {
    expect(isPersonalDomain('gmail.com', ctx)).toBe(true);
    expect(isPersonalDomain('yahoo.co.uk', ctx)).toBe(true);
    expect(isPersonalDomain('mail.yahoo.com', ctx)).toBe(true);
    expect(isPersonalDomain('acme.com', ctx)).toBe(false);
  });
});
