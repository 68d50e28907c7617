// Person name: prefixes, suffixes and nicknames dropped, casing repaired where the cell lost it,
// "Last, First" understood, first/last split.
//
// Casing principle: a word written in one case only (JOHN, john) has lost its casing and is rebuilt
// (Mc/Mac, O'/D', hyphens, particles); a word that already carries casing (McDonald, DeShawn, Van) is kept.

import type { NormalizeContext } from './context.js';
import { foldKey } from './key.js';
import { memoizeByStringInContext } from './memo.js';
import { capitalize, caseShape, collapseSpaces, isAsciiAlnum } from './text.js';

export interface PersonNameResult {
  fullName: string;
  firstName: string | null;
  lastName: string | null;
  key: string;
  rules: string[];
}

const NICKNAME = /\s*(?:"[^"]*"|“[^”]*”|«[^»]*»|\([^)]*\)|\[[^\]]*\]|\{[^}]*\}|(?<=^|\s)['‘][^'’\s][^'’]*['’](?=\s|$|,))\s*/gu;
const NICK_TEST = /["“«([{]|(?:^|\s)['‘]/u;
const TOKEN_LOOKUP_STRIP = /[.,()[\]]/g;
const MC = /^mc(\p{L})/u;
const MAC = /^mac(\p{L})/u;
const APOS = /^(\p{L})(['’])(\p{L})/u; // o'brien, d'angelo
const EDGE_COMMAS = /^[,\s]+|[,\s]+$/g;
const INITIAL = /^\p{L}\.?$/u;

const TOKEN_LOOKUP_PUNCT = /[.,()[\]]/;

function affixForm(token: string): string {
  // Most words have no dot, comma or bracket: skip the replace (same result).
  return TOKEN_LOOKUP_PUNCT.test(token) ? token.replace(TOKEN_LOOKUP_STRIP, '').toLowerCase() : token.toLowerCase();
}

// The cheap checks before each regex below are exact preconditions of the regex (it cannot match
// otherwise); they only skip the Unicode regexes for the common words.

function hasApostrophe(s: string): boolean {
  return s.includes("'") || s.includes('’');
}

function casePiece(piece: string, ctx: NormalizeContext): string {
  const lower = piece.toLowerCase();
  if (lower.length >= 4 && lower.startsWith('mc') && MC.test(lower)) return 'Mc' + capitalize(lower.slice(2));
  if (lower.length >= 6 && lower.startsWith('mac') && MAC.test(lower) && !ctx.macExceptions.has(lower)) return 'Mac' + capitalize(lower.slice(3));
  if (lower.length > 3 && hasApostrophe(lower)) {
    const a = APOS.exec(lower);
    if (a !== null) return a[1]!.toUpperCase() + a[2] + capitalize(lower.slice(2));
  }
  return capitalize(lower);
}

/** Casing of one word of a name; `first` is the first word of the full name (particles are capitalized there). */
function caseNameWord(word: string, first: boolean, ctx: NormalizeContext): string {
  const shape = caseShape(word);
  if (shape === 'mixed' || shape === 'none') return word;
  if (shape === 'title') {
    // Already cased by a person; only Mc is certain ("Mcdonald" -> "McDonald").
    if (word[0] !== 'M' && word[0] !== 'm') return word;
    const lower = word.toLowerCase();
    return lower.length >= 4 && lower.startsWith('mc') && MC.test(lower) ? casePiece(word, ctx) : word;
  }
  const lower = word.toLowerCase();
  if (!first && ctx.nameParticles.has(lower)) return lower;
  if (word.length <= 3 && INITIAL.test(word)) return word.toUpperCase();
  if (!word.includes('-')) return casePiece(word, ctx);
  return word
    .split('-')
    .map((p) => casePiece(p, ctx))
    .join('-');
}

function stripAffixes(tokens: string[], ctx: NormalizeContext, rules: string[]): string[] {
  let start = 0;
  let end = tokens.length;
  while (start < end - 1 && ctx.namePrefixes.has(affixForm(tokens[start]!))) start++;
  while (end > start + 1 && ctx.nameSuffixes.has(affixForm(tokens[end - 1]!))) end--;
  // A name that is only a prefix or a suffix ("Dr.", "Jr.") is dropped entirely.
  if (end - start === 1) {
    const only = affixForm(tokens[start]!);
    const rule = ctx.nameSuffixes.has(only) ? 'name.suffix' : ctx.namePrefixes.has(only) ? 'name.prefix' : null;
    if (rule !== null) {
      if (!rules.includes(rule)) rules.push(rule);
      return [];
    }
  }
  if (start > 0 && !rules.includes('name.prefix')) rules.push('name.prefix');
  if (end < tokens.length && !rules.includes('name.suffix')) rules.push('name.suffix');
  return tokens.slice(start, end);
}

/** Match key of a person from first and last name ("john smith"). */
export function personKeyFromParts(first: string | null, last: string | null): string {
  return foldKey(`${first ?? ''} ${last ?? ''}`);
}

/** Whitespace collapsed, nicknames in quotes or brackets dropped, edge commas cut (rules recorded). */
function cleanNameText(raw: string, rules: string[]): string {
  let s = collapseSpaces(raw);
  if (s !== raw) rules.push('name.whitespace');
  if (NICK_TEST.test(s)) {
    const t = collapseSpaces(s.replace(NICKNAME, ' '));
    if (t !== s) {
      rules.push('name.nickname');
      s = t;
    }
  }
  // EDGE_COMMAS can only match when the text starts or ends with a comma or a space (so not with an
  // ASCII letter or digit at both ends, the usual case).
  return isAsciiAlnum(s.charCodeAt(0)) && isAsciiAlnum(s.charCodeAt(s.length - 1)) ? s : s.replace(EDGE_COMMAS, '');
}

/** The words of a comma part: split on single spaces (the text is collapsed), empty pieces dropped. */
function wordsOf(part: string): string[] {
  const p = part.trim();
  if (p.length === 0) return [];
  const words = p.split(' ');
  return p.includes('  ') ? words.filter((w) => w.length > 0) : words;
}

export function normalizePersonName(raw: string, ctx: NormalizeContext): PersonNameResult {
  const rules: string[] = [];
  const s = cleanNameText(raw, rules);
  // Comma parts: "Smith Jr., John" / "Smith, John" / "John Smith, PhD, MBA".
  const parts: string[][] = [];
  for (const p of s.includes(',') ? s.split(',') : [s]) {
    const tokens = wordsOf(p);
    if (tokens.length === 0) continue;
    const kept = stripAffixes(tokens, ctx, rules);
    if (kept.length > 0) parts.push(kept);
  }
  let all: string[];
  let firstCount: number; // words of the first name at the start of `all`
  let lastStart: number; // index in `all` where the last name starts (all.length: no last name)
  if (parts.length >= 2) {
    // "Last, First [Middle]": further parts are degrees or titles that were not in the list; drop them.
    rules.push('name.last_first');
    if (parts.length > 2) rules.push('name.extra_part_dropped');
    all = [...parts[1]!, ...parts[0]!];
    firstCount = parts[1]!.length;
    lastStart = firstCount;
  } else if (parts.length === 1) {
    all = parts[0]!;
    firstCount = 1;
    if (all.length === 1) {
      lastStart = 1;
    } else {
      // The last word and the particles before it: "Jan van der Berg" -> last "van der Berg".
      lastStart = all.length - 1;
      while (lastStart > 1 && ctx.nameParticles.has(all[lastStart - 1]!.toLowerCase())) lastStart--;
    }
  } else {
    rules.push('name.nothing_left');
    return { fullName: '', firstName: null, lastName: null, key: '', rules };
  }
  // One pass: each word cased once, the three names joined as they go.
  let changed = false;
  let fullName = '';
  let firstName = '';
  let lastName: string | null = null;
  for (let i = 0; i < all.length; i++) {
    const w = all[i]!;
    const c = caseNameWord(w, i === 0, ctx);
    if (c !== w) changed = true;
    fullName = i === 0 ? c : `${fullName} ${c}`;
    if (i < firstCount) firstName = i === 0 ? c : `${firstName} ${c}`;
    if (i >= lastStart) lastName = lastName === null ? c : `${lastName} ${c}`;
  }
  if (changed) rules.push('name.case');
  return { fullName, firstName, lastName, key: foldKey(fullName), rules };
}

export interface NamePartResult {
  value: string | null;
  rules: string[];
}

/** Normalizes a first_name or last_name cell on its own (same casing rules, no splitting). */
export function normalizeNamePartUncached(raw: string, ctx: NormalizeContext, part: 'first' | 'last'): NamePartResult {
  const rules: string[] = [];
  const s = cleanNameText(raw, rules);
  const tokens = stripAffixes(s.split(/[\s,]+/).filter((w) => w.length > 0), ctx, rules);
  if (tokens.length === 0) return { value: null, rules };
  // Particles of a last name are lower case even at its start ("van der Berg"), unless it is one word.
  const words = tokens.map((w, i) => caseNameWord(w, part === 'first' ? i === 0 : i === 0 && tokens.length === 1, ctx));
  if (words.some((w, i) => w !== tokens[i])) rules.push('name.case');
  return { value: words.join(' '), rules };
}

// first_name and last_name memoized by the raw cell: a few thousand first and last names make up a
// whole file, and each costs several regexes and word-list lookups. Results are frozen (shared between
// rows). Full names are not memoized: they repeat far less (a name per person), and a cache large
// enough to hit often cost more than it saved (lookups missing the CPU cache, churn in the old heap).

const firstNamePart = memoizeByStringInContext((raw: string, ctx: NormalizeContext) => normalizeNamePartUncached(raw, ctx, 'first'));
const lastNamePart = memoizeByStringInContext((raw: string, ctx: NormalizeContext) => normalizeNamePartUncached(raw, ctx, 'last'));

/** Normalizes a first_name or last_name cell on its own (memoized normalizeNamePartUncached). */
export function normalizeNamePart(raw: string, ctx: NormalizeContext, part: 'first' | 'last'): NamePartResult {
  return part === 'first' ? firstNamePart(raw, ctx) : lastNamePart(raw, ctx);
}
