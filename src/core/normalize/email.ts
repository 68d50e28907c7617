// Email cell: one or more addresses, with display names, mailto: and brackets; validated, lower-cased,
// deduplicated, work addresses first.
//
// Validation is a pragmatic RFC 5321/5322 subset: a dot-atom local part (no quoted local parts, no
// comments, no IP-literal domains), at most 64 characters before the '@', a domain of LDH labels
// (Unicode letters allowed: IDN) with a top-level label of at least two letters, 254 characters in all.

import type { NormalizeContext } from './context.js';
import { isPersonalDomain } from './domain.js';
import { isAsciiAlnum } from './text.js';

export interface EmailResult {
  preferred: string | null;
  all: string[];
  invalid: string[];
  personalOnly: boolean;
  rules: string[];
}

const SPLIT = /[\s,;|]+/;
const SPLIT_TEST = /[\s,;|]/;
const MAILTO = /mailto:/gi;
const ANGLE = /<([^<>]*)>/;
const WRAPPING = /^[<("'[{]+|[>)"'\]},.:]+$/g;
const LOCAL = /^[a-z0-9!#$%&'*+/=?^_`{|}~-]+(?:\.[a-z0-9!#$%&'*+/=?^_`{|}~-]+)*$/;
const LABEL = /^(?!-)[\p{L}\p{N}-]{1,63}(?<!-)$/u;
const TLD = /^(?:\p{L}{2,63}|xn--[a-z0-9-]{1,59})$/u;

// ASCII fast paths of LABEL and TLD: true exactly when the regex would match an all-ASCII string;
// anything else (non-ASCII letters, other characters) is left to the Unicode regex.

function asciiLabel(l: string): boolean {
  const n = l.length;
  if (n < 1 || n > 63 || l.charCodeAt(0) === 45 || l.charCodeAt(n - 1) === 45) return false;
  for (let i = 0; i < n; i++) {
    const c = l.charCodeAt(i);
    if (!((c >= 97 && c <= 122) || (c >= 48 && c <= 57) || c === 45 || (c >= 65 && c <= 90))) return false;
  }
  return true;
}

function asciiLetters(l: string): boolean {
  const n = l.length;
  if (n < 2 || n > 63) return false;
  for (let i = 0; i < n; i++) {
    const c = l.charCodeAt(i);
    if (!((c >= 97 && c <= 122) || (c >= 65 && c <= 90))) return false;
  }
  return true;
}

/** Pragmatic validity check of one lower-case address. */
export function isValidEmail(address: string): boolean {
  if (address.length > 254) return false;
  const at = address.lastIndexOf('@');
  if (at < 1 || at > 64 || at === address.length - 1) return false;
  if (!LOCAL.test(address.slice(0, at))) return false;
  const labels = address.slice(at + 1).split('.');
  if (labels.length < 2) return false;
  for (const l of labels) if (!asciiLabel(l) && !LABEL.test(l)) return false;
  const tld = labels[labels.length - 1]!;
  return asciiLetters(tld) || TLD.test(tld);
}

function emailDomain(address: string): string {
  return address.slice(address.lastIndexOf('@') + 1);
}

export function normalizeEmails(raw: string, ctx: NormalizeContext): EmailResult {
  const rules: string[] = [];
  const all: string[] = [];
  const invalid: string[] = [];
  let s = raw.trim();
  if (s.length === 0) return { preferred: null, all, invalid, personalOnly: false, rules };
  if (s.includes(':') && MAILTO.test(s)) {
    MAILTO.lastIndex = 0;
    s = s.replace(MAILTO, ' ');
    rules.push('email.mailto');
  }
  const tokens = SPLIT_TEST.test(s) ? s.split(SPLIT) : [s]; // no separator: one token (as split gives)
  let sawAt = false;
  let displayName = false;
  for (let token of tokens) {
    if (token.length === 0) continue;
    if (!token.includes('@')) {
      displayName = true; // "John Smith <john@acme.com>": the words of a display name
      continue;
    }
    sawAt = true;
    if (token.includes('<')) {
      const angle = ANGLE.exec(token);
      if (angle !== null) token = angle[1]!;
    }
    // WRAPPING can only match at an end that is not a letter or digit.
    if (!isAsciiAlnum(token.charCodeAt(0)) || !isAsciiAlnum(token.charCodeAt(token.length - 1))) token = token.replace(WRAPPING, '');
    const address = token.toLowerCase();
    if (!isValidEmail(address)) {
      if (!invalid.includes(token)) invalid.push(token);
      continue;
    }
    if (address !== token && !rules.includes('email.lower_case')) rules.push('email.lower_case');
    if (all.includes(address)) {
      if (!rules.includes('email.duplicate_dropped')) rules.push('email.duplicate_dropped');
      continue;
    }
    all.push(address);
  }
  if (!sawAt) invalid.push(s); // no address at all: "n/a", "john at acme dot com"
  else if (displayName) rules.push('email.display_name_dropped');
  if (invalid.length > 0) rules.push('email.invalid_dropped');
  if (all.length > 1) rules.push('email.split');
  // Work addresses first (stable: the cell's order among work, then among personal addresses).
  const work: string[] = [];
  const personal: string[] = [];
  for (const a of all) (isPersonalDomain(emailDomain(a), ctx) ? personal : work).push(a);
  const ordered = work.length > 0 && personal.length > 0 ? [...work, ...personal] : all;
  if (ordered !== all && ordered[0] !== all[0]) rules.push('email.work_preferred');
  const personalOnly = all.length > 0 && work.length === 0;
  return { preferred: ordered[0] ?? null, all: ordered, invalid, personalOnly, rules };
}
