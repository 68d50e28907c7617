// Company domain from a domain, a URL or an email address, on the public suffix list (tldts).
//
// Decisions (documented for the matching and commit engineers):
// - The value is the REGISTRABLE domain (tldts getDomain): scheme, credentials, `www.` and any other
//   subdomain, port, path, query and fragment are dropped: `https://mail.Acme.co.uk:8443/x?y` -> `acme.co.uk`.
//   Private suffixes of the list are honoured (`shop.myshopify.com` stays whole: each shop is its own company).
// - IDN: the value is always ASCII (punycode), whatever form the cell uses: `münchen.de` and
//   `xn--mnchen-3ya.de` both give `xn--mnchen-3ya.de`. ASCII is what DNS and mail systems store.
// - An IP address, a single label (`localhost`) or an unknown suffix (`acme.local`) is invalid (null).

import { parse } from 'tldts';
import type { NormalizeContext } from './context.js';
import { isAsciiAlnum } from './text.js';

export interface DomainResult {
  value: string | null;
  rules: string[];
}

const TLDTS_OPTIONS = { allowPrivateDomains: true, detectIp: true, validateHostname: true } as const;
const NON_ASCII = /[^\u0000-\u007f]/;
const SCHEME = /^[a-z][a-z0-9+.-]*:\/\//i;
const MANY = /[\s,;|]+/;
const MANY_TEST = /[\s,;|]/;
const WRAPPING = /^[<("'[]+|[>)"'\]]+$/g;
const MAILTO = /^mailto:/i;
const UPPER = /\p{Lu}/u;

/** ASCII (punycode) form of a host name; null when it cannot be converted. */
function toAsciiHost(host: string): string | null {
  if (!NON_ASCII.test(host)) return host;
  try {
    return new URL(`http://${host}/`).hostname;
  } catch {
    return null;
  }
}

/**
 * Registrable domain of a host or URL, lower case ASCII; null when there is none.
 * Also returns whether something beyond `www.` was dropped.
 */
function registrable(input: string): { domain: string | null; hostname: string | null } {
  const first = parse(input, TLDTS_OPTIONS);
  if (first.isIp || first.hostname === null) return { domain: null, hostname: first.hostname };
  const ascii = toAsciiHost(first.hostname);
  if (ascii === null) return { domain: null, hostname: first.hostname };
  const r = ascii === first.hostname ? first : parse(ascii, TLDTS_OPTIONS);
  if (r.domain === null || (!r.isIcann && !r.isPrivate)) return { domain: null, hostname: ascii };
  return { domain: r.domain, hostname: ascii };
}

/** The registrable domain of an email address ("john@eu.Acme.com" -> "acme.com"); null when invalid. */
export function domainOfEmail(email: string): string | null {
  const at = email.lastIndexOf('@');
  if (at < 0 || at === email.length - 1) return null;
  return registrable(email.slice(at + 1).trim().toLowerCase()).domain;
}

/** True when the domain (or its registrable parent) is a personal (free-mail) email domain. */
export function isPersonalDomain(domain: string, ctx: NormalizeContext): boolean {
  if (ctx.personalDomains.has(domain)) return true;
  let d = domain;
  for (let dot = d.indexOf('.'); dot > 0; dot = d.indexOf('.')) {
    d = d.slice(dot + 1);
    if (ctx.personalDomains.has(d)) return true;
  }
  return false;
}

export function normalizeDomain(raw: string, ctx: NormalizeContext): DomainResult {
  const rules: string[] = [];
  let s = raw.trim();
  if (s.length === 0) return { value: null, rules };
  // The cheap checks before the regexes are exact preconditions (no separator: one part; no
  // bracket or quote at either end: nothing to unwrap); they skip the regex work for most cells.
  if (MANY_TEST.test(s)) {
    const parts = s.split(MANY).filter((p) => p.length > 0);
    if (parts.length > 1) {
      rules.push('domain.first_of_many');
      s = parts[0]!;
    }
  }
  if (!isAsciiAlnum(s.charCodeAt(0)) || !isAsciiAlnum(s.charCodeAt(s.length - 1))) s = s.replace(WRAPPING, '');
  if (MAILTO.test(s)) s = s.slice(7);
  if (s.includes('@') && !SCHEME.test(s)) {
    // An email address in a domain or website cell.
    rules.push('domain.from_email_address');
    s = s.slice(s.lastIndexOf('@') + 1);
  }
  const { domain, hostname } = registrable(s);
  if (domain === null) {
    rules.push(hostname === null ? 'domain.unparseable' : 'domain.no_registrable_domain');
    return { value: null, rules };
  }
  if (SCHEME.test(s) || s.includes('/') || s.includes('?') || s.includes(':')) rules.push('domain.url_stripped');
  if (hostname !== domain) rules.push(hostname === `www.${domain}` ? 'domain.www_stripped' : 'domain.subdomain_stripped');
  if (domain !== s.toLowerCase() && UPPER.test(s)) rules.push('domain.lower_case');
  if (NON_ASCII.test(s)) rules.push('domain.idn_punycode');
  if (isPersonalDomain(domain, ctx)) rules.push('domain.personal');
  return { value: domain, rules };
}
