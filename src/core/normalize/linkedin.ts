// LinkedIn profile URL -> one canonical form `https://www.linkedin.com/in/<slug>` (slug percent-decoded
// and lower case), so that every variant of one profile compares equal:
// http/https, with or without www, country subdomains (uk., de., ca.), `linkedin.com/in/x` without a
// scheme, trailing slashes, query strings and fragments, locale segments (`/in/john/en`), upper case,
// percent-encoding, and the old public form `/pub/<name>/<a>/<b>/<c>` (= `/in/<name>-<c><b><a>`).
// Anything else on linkedin.com (company pages, /school/, /feed/, search) is not a person profile: null.

import { isAsciiAlnum } from './text.js';

export interface LinkedinResult {
  value: string | null;
  rules: string[];
}

const URL_RE = /^(?:https?:\/\/)?(?:[a-z0-9-]+\.)*linkedin\.com(?::\d+)?(\/[^?#\s]*)?(?:[?#].*)?$/i;
const WRAPPING = /^[<("'[]+|[>)"'\]]+$/g;
const CANONICAL = 'https://www.linkedin.com/in/';

function decode(segment: string): string {
  if (!segment.includes('%')) return segment;
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}

export function normalizeLinkedin(raw: string): LinkedinResult {
  const rules: string[] = [];
  let s = raw.trim();
  // WRAPPING can only match at an end that is not a letter or digit (skips the regex for most cells).
  if (!isAsciiAlnum(s.charCodeAt(0)) || !isAsciiAlnum(s.charCodeAt(s.length - 1))) s = s.replace(WRAPPING, '');
  if (s.length === 0) return { value: null, rules };
  const m = URL_RE.exec(s);
  if (m === null) {
    rules.push('linkedin.not_a_linkedin_url');
    return { value: null, rules };
  }
  const segments = (m[1] ?? '').split('/').filter((x) => x.length > 0);
  let kind = (segments[0] ?? '').toLowerCase();
  // Mobile and legacy wrappers: /mwlite/in/x, /m/in/x.
  if ((kind === 'mwlite' || kind === 'm') && segments.length > 1) {
    segments.shift();
    kind = (segments[0] ?? '').toLowerCase();
  }
  let slug: string | null = null;
  if (kind === 'in' && segments.length >= 2) {
    slug = decode(segments[1]!);
    if (segments.length > 2) rules.push('linkedin.extra_path_dropped');
  } else if (kind === 'pub' && segments.length >= 2) {
    const name = decode(segments[1]!);
    const ids = segments.slice(2);
    slug = ids.length === 3 && ids.every((x) => /^[0-9a-z]{1,3}$/i.test(x)) ? `${name}-${ids[2]}${ids[1]}${ids[0]}` : name;
    rules.push('linkedin.pub_form');
  }
  if (slug === null || slug.trim().length === 0) {
    rules.push('linkedin.not_profile');
    return { value: null, rules };
  }
  const value = CANONICAL + slug.trim().toLowerCase();
  if (value !== s) rules.push('linkedin.canonical');
  return { value, rules };
}
