import { describe, expect, it } from 'vitest';
import { normalizeLinkedin } from '../../../src/core/normalize/linkedin.js';

const JS = 'https://www.linkedin.com/in/john-smith';

describe('normalizeLinkedin', () => {
  it.each([
    ['https://www.linkedin.com/in/john-smith', JS],
    ['http://www.linkedin.com/in/john-smith', JS],
    ['https://linkedin.com/in/john-smith', JS],
    ['linkedin.com/in/john-smith', JS],
    ['www.linkedin.com/in/john-smith', JS],
    ['https://uk.linkedin.com/in/john-smith', JS],
    ['https://de.linkedin.com/in/john-smith/', JS],
    ['https://www.linkedin.com/in/john-smith/', JS],
    ['https://www.linkedin.com/in/john-smith?trk=profile-badge', JS],
    ['https://www.linkedin.com/in/john-smith/?originalSubdomain=uk', JS],
    ['https://www.linkedin.com/in/john-smith#experience', JS],
    ['https://www.linkedin.com/in/john-smith/en', JS],
    ['https://www.linkedin.com/in/john-smith/de-de/', JS],
    ['HTTPS://WWW.LINKEDIN.COM/IN/JOHN-SMITH', JS],
    ['https://www.linkedin.com/in/John-Smith', JS],
    ['https://www.linkedin.com/in/john%2Dsmith', JS],
    ['  <https://www.linkedin.com/in/john-smith>  ', JS],
    ['https://www.linkedin.com/mwlite/in/john-smith', JS],
    ['https://www.linkedin.com:443/in/john-smith', JS],
    ['https://www.linkedin.com/pub/john-smith', JS],
    ['https://sy.linkedin.com/pub/krzysztof-marzec/a7/576/b50?trk=biz_employee_pub', 'https://www.linkedin.com/in/krzysztof-marzec-b50576a7'],
    ['https://www.linkedin.com/in/j%C3%BCrgen-m%C3%BCller', 'https://www.linkedin.com/in/jürgen-müller'],
    ['https://www.linkedin.com/in/J%C3%BCrgen-M%C3%BCller', 'https://www.linkedin.com/in/jürgen-müller'],
    ['https://www.linkedin.com/in/john-smith-82a505', 'https://www.linkedin.com/in/john-smith-82a505'],
    ['https://ca.linkedin.com/in/jane-doe-1b2c3d4e/fr', 'https://www.linkedin.com/in/jane-doe-1b2c3d4e'],
  ])('%j -> %j', (raw, expected) => {
    expect(normalizeLinkedin(raw).value).toBe(expected);
  });

  it.each([
    ['https://www.linkedin.com/company/acme', 'linkedin.not_profile'],
    ['https://www.linkedin.com/school/mit/', 'linkedin.not_profile'],
    ['https://www.linkedin.com/feed/', 'linkedin.not_profile'],
    ['https://www.linkedin.com/in/', 'linkedin.not_profile'],
    ['https://www.linkedin.com/', 'linkedin.not_profile'],
    ['https://www.linkedin.com/profile/view?id=12345', 'linkedin.not_profile'],
    ['https://twitter.com/johnsmith', 'linkedin.not_a_linkedin_url'],
    ['john-smith', 'linkedin.not_a_linkedin_url'],
    ['https://notlinkedin.com.evil.io/in/x', 'linkedin.not_a_linkedin_url'],
  ])('refuses %j as a profile (%s)', (raw, rule) => {
    const r = normalizeLinkedin(raw);
    expect(r.value).toBeNull();
    expect(r.rules).toContain(rule);
  });

  it('returns nothing without rules for a blank cell', () => {
    expect(normalizeLinkedin('')).toEqual({ value: null, rules: [] });
  });
});
