import { describe, expect, it } from 'vitest';
import { normalizeTitle } from '../../../src/core/normalize/title.js';
import { testContext } from './helpers.js';

const ctx = testContext();

describe('normalizeTitle', () => {
  it.each([
    ['v.p. of hr operations', 'VP of HR Operations'],
    ['V.P. Sales', 'VP Sales'],
    ['Vice President, Sales', 'VP, Sales'],
    ['vice-president of marketing', 'VP of Marketing'],
    ['Senior Vice President, Finance', 'SVP, Finance'],
    ['Executive Vice President', 'EVP'],
    ['Chief Executive Officer', 'CEO'],
    ['C.E.O.', 'CEO'],
    ['c.f.o', 'CFO'],
    ['Chief Information Security Officer', 'CISO'],
    ['chief technology officer & co-founder', 'CTO & Co-Founder'],
    ['Dir. of Marketing', 'Director of Marketing'],
    ['dir of sales', 'Director of Sales'],
    ['Sr. Mgr, IT', 'Senior Manager, IT'],
    ['SR. DIRECTOR OF ENGINEERING', 'Senior Director of Engineering'],
    ['HR MANAGER', 'HR Manager'],
    ['sales mgr.', 'Sales Manager'],
    ['Asst. Dir. of Ops', 'Assistant Director of Operations'],
    ['mktg coord', 'Marketing Coordinator'],
    ['Head of EMEA Sales', 'Head of EMEA Sales'],
    ['vp/gm', 'VP/GM'],
    ['co-founder & ceo', 'Co-Founder & CEO'],
    ['DevOps Engineer', 'DevOps Engineer'],
    ['director of r&d', 'Director of R&D'],
    ['  account   executive ', 'Account Executive'],
    ['VP HR', 'VP HR'],
    ['HR Lead', 'HR Lead'],
    ['Managing Dir.', 'Managing Director'],
    ['Biz Dev Manager', 'Business Development Manager'],
    ['Director, Sales & Marketing', 'Director, Sales & Marketing'],
    ['the head of it', 'The Head of IT'],
  ])('%j -> %j', (raw, expected) => {
    expect(normalizeTitle(raw, ctx).value).toBe(expected);
  });

  it.each(['', '   ', ' - '])('gives no title for %j', (raw) => {
    expect(normalizeTitle(raw, ctx).value).toBeNull();
  });

  it('names the abbreviation and casing rules, none for a clean title', () => {
    expect(normalizeTitle('v.p. of hr operations', ctx).rules).toEqual(['title.abbreviation', 'title.case']);
    expect(normalizeTitle('Sales Manager', ctx).rules).toEqual([]);
  });
});
