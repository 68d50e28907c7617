// Company name: legal suffixes stripped, casing repaired, spaces collapsed; plus a match-only key.

import type { NormalizeContext } from './context.js';
import { foldKey } from './key.js';
import { capitalize, caseShape, collapseSpaces, isAsciiAlnum, isShouting, lookupForm } from './text.js';

export interface CompanyNameResult {
  value: string; // '' when nothing is left ("Inc"): the row validator reports it
  key: string;
  rules: string[];
}

const COMMA_GLUED = /,(?=\S)/g;
const SUFFIX_TOKEN_STRIP = /[.,()[\]]/g;
const TRAILING_JUNK = /[\s,;:\-–—/|]+$/;
const LEADING_JUNK = /^[\s,;:\-–—/|]+/;
const JUNK_TOKEN = /^[,;:\-–—/|&+]+$/;
const VOWEL = /[aeiouyäöüéèáàíóú]/i;
const DIGIT = /\d/;
const ROMAN = /^(?:i{2,3}|iv|vi{0,3}|ix|x{1,3})$/;
const MC = /^(\P{L}*)mc(\p{L})(?=\p{L})/iu;
const APOS_INNER = /(['’])(\p{L})/gu;
const TRAILING_DOTS = /(?<![A-Z]\.[A-Z])[.,]+$/u;

const SUFFIX_TOKEN_PUNCT = /[.,()[\]]/;

function suffixForm(token: string): string {
  // Most words have no dot, comma or bracket: skip the replace (same result).
  return SUFFIX_TOKEN_PUNCT.test(token) ? token.replace(SUFFIX_TOKEN_STRIP, '').toLowerCase() : token.toLowerCase();
}

// The last word of every legal suffix ("gmbh & co kg" -> "kg"), per suffix set: a name whose last word
// is none of them has no suffix to strip, which one lookup tells instead of one per suffix length
// (most company names). Derived once per context's set.
const lastWordsBySuffixes = new WeakMap<Set<string>, Set<string>>();

function suffixLastWords(suffixes: Set<string>): Set<string> {
  let words = lastWordsBySuffixes.get(suffixes);
  if (words === undefined) {
    words = new Set([...suffixes].map((f) => f.slice(f.lastIndexOf(' ') + 1)));
    lastWordsBySuffixes.set(suffixes, words);
  }
  return words;
}

/** Removes legal suffixes from the end, repeatedly ("ACME CORPORATION, INC." -> "ACME"). */
function stripLegalSuffixes(tokens: string[], ctx: NormalizeContext): { tokens: string[]; stripped: boolean } {
  const lastWords = suffixLastWords(ctx.companySuffixes);
  let stripped = false;
  let t = tokens;
  for (;;) {
    // Trailing separators left by a removed suffix ("Smith, Barney &", "Acme -").
    while (t.length > 0 && JUNK_TOKEN.test(t[t.length - 1]!)) t = t.slice(0, -1);
    if (stripped && t.length > 1 && lookupForm(t[t.length - 1]!) === 'and') t = t.slice(0, -1);
    if (t.length === 0) break;
    // The lookup forms of the last words, each computed once: forms[j] is the form of t[t.length - 1 - j].
    const last = suffixForm(t[t.length - 1]!);
    if (!lastWords.has(last)) break; // no suffix ends with this word (every joined form below ends with it)
    const maxK = Math.min(ctx.companySuffixMaxWords, t.length);
    const forms: string[] = [last];
    for (let j = 1; j < maxK; j++) forms.push(suffixForm(t[t.length - 1 - j]!));
    let matched = 0;
    for (let k = maxK; k >= 1; k--) {
      let form = forms[k - 1]!;
      for (let j = k - 2; j >= 0; j--) form += ' ' + forms[j]!;
      if (ctx.companySuffixes.has(form)) {
        matched = k;
        break;
      }
    }
    if (matched === 0) break;
    const rest = t.slice(0, t.length - matched);
    if (rest.length > 0 && rest.every((w) => ctx.companyKeepSuffixWhenLeftOnly.has(lookupForm(w)))) break; // "The Company"
    t = rest;
    stripped = true;
  }
  return { tokens: t, stripped };
}

function titleCasePart(part: string): string {
  let p = capitalize(part);
  // MC only matches "mc" (any case); capitalize() leaves at most the first letter upper, so the
  // includes() checks skip the Unicode regex for the words that cannot match (nearly all).
  if (p.length >= 4 && (p.includes('mc') || p.includes('Mc'))) p = p.replace(MC, (_m, pre: string, c: string) => `${pre}Mc${c.toUpperCase()}`);
  if (p.includes("'") || p.includes('’')) {
    p = p.replace(APOS_INNER, (m, a: string, c: string, offset: number, whole: string) =>
      offset + 2 >= whole.length ? m : a + c.toUpperCase(),
    );
  }
  return p;
}

function titleCaseWord(word: string): string {
  // Each part of a hyphenated word: "COCA-COLA" -> "Coca-Cola"; after an apostrophe a single final
  // letter stays lower ("MACY'S" -> "Macy's"), a longer part is capitalized ("O'REILLY" -> "O'Reilly").
  if (!word.includes('-')) return titleCasePart(word);
  return word.split('-').map(titleCasePart).join('-');
}

function caseCompanyWord(word: string, first: boolean, shouting: boolean, ctx: NormalizeContext): string {
  const look = lookupForm(word);
  if (look.length === 0) return word;
  if (ctx.companyAcronyms.has(look)) return word.toUpperCase();
  if (!first && ctx.companySmallWords.has(look)) return word.toLowerCase();
  const shape = caseShape(word);
  if (shape === 'mixed' || shape === 'none') return word; // eBay, McKinsey, iRobot, 1-800
  if (shape === 'title') return shouting ? titleCaseWord(word) : word;
  if (shape === 'upper') {
    if (!shouting) return word; // an acronym in a name that has lower-case letters: "IBM Global"
    // The whole name is upper case, so casing carries no information: keep what looks like an acronym.
    if (DIGIT.test(look) || look.includes('&') || !VOWEL.test(look) || ROMAN.test(look)) return word;
  }
  return titleCaseWord(word);
}

/** Match key of a company display name: folded, `&`/`and` equal, a leading "the" dropped. */
export function companyKey(value: string): string {
  const k = foldKey(value);
  return k.startsWith('the ') ? k.slice(4) : k;
}

export function normalizeCompanyName(raw: string, ctx: NormalizeContext): CompanyNameResult {
  const rules: string[] = [];
  let s = collapseSpaces(raw);
  if (s !== raw) rules.push('company.whitespace');
  if (s.includes(',')) s = s.replace(COMMA_GLUED, ', ');
  const { tokens, stripped } = stripLegalSuffixes(s.length > 0 ? s.split(' ') : [], ctx);
  if (stripped) rules.push('company.legal_suffix');
  if (tokens.length === 0) {
    if (s.length > 0) rules.push('company.only_suffix');
    return { value: '', key: '', rules };
  }
  const shouting = isShouting(s);
  let casedChanged = false;
  let value = '';
  for (let i = 0; i < tokens.length; i++) {
    const w = tokens[i]!;
    const c = caseCompanyWord(w, i === 0, shouting, ctx);
    if (c !== w) casedChanged = true;
    value = i === 0 ? c : `${value} ${c}`;
  }
  // The junk regexes can only match where the value starts / ends with something other than a letter or digit.
  if (!isAsciiAlnum(value.charCodeAt(value.length - 1))) value = value.replace(TRAILING_JUNK, '');
  if (!isAsciiAlnum(value.charCodeAt(0))) value = value.replace(LEADING_JUNK, '');
  // A trailing dot or comma left on the last word ("Acme Widgets." / "Acme,").
  if (stripped || value.endsWith('.') || value.endsWith(',')) value = value.replace(TRAILING_DOTS, '');
  if (casedChanged) rules.push('company.case');
  return { value, key: companyKey(value), rules };
}
