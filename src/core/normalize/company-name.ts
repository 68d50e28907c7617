// Company name: legal suffixes stripped, casing repaired, spaces collapsed; plus a match-only key.

import type { NormalizeContext } from './context.js';
import { foldKey } from './key.js';
import { capitalize, caseShape, collapseSpaces, isShouting, lookupForm } from './text.js';

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

function suffixForm(token: string): string {
  return token.replace(SUFFIX_TOKEN_STRIP, '').toLowerCase();
}

/** Removes legal suffixes from the end, repeatedly ("ACME CORPORATION, INC." -> "ACME"). */
function stripLegalSuffixes(tokens: string[], ctx: NormalizeContext): { tokens: string[]; stripped: boolean } {
  let stripped = false;
  let t = tokens;
  for (;;) {
    // Trailing separators left by a removed suffix ("Smith, Barney &", "Acme -").
    while (t.length > 0 && JUNK_TOKEN.test(t[t.length - 1]!)) t = t.slice(0, -1);
    if (stripped && t.length > 1 && lookupForm(t[t.length - 1]!) === 'and') t = t.slice(0, -1);
    if (t.length === 0) break;
    let matched = 0;
    for (let k = Math.min(ctx.companySuffixMaxWords, t.length); k >= 1; k--) {
      let form = suffixForm(t[t.length - k]!);
      for (let i = t.length - k + 1; i < t.length; i++) form += ' ' + suffixForm(t[i]!);
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

function titleCaseWord(word: string): string {
  // Each part of a hyphenated word: "COCA-COLA" -> "Coca-Cola"; after an apostrophe a single final
  // letter stays lower ("MACY'S" -> "Macy's"), a longer part is capitalized ("O'REILLY" -> "O'Reilly").
  return word
    .split('-')
    .map((part) => {
      let p = capitalize(part);
      if (p.length >= 4) p = p.replace(MC, (_m, pre: string, c: string) => `${pre}Mc${c.toUpperCase()}`);
      if (p.includes("'") || p.includes('’')) {
        p = p.replace(APOS_INNER, (m, a: string, c: string, offset: number, whole: string) =>
          offset + 2 >= whole.length ? m : a + c.toUpperCase(),
        );
      }
      return p;
    })
    .join('-');
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
  const cased = tokens.map((w, i) => caseCompanyWord(w, i === 0, shouting, ctx));
  let value = cased.join(' ').replace(TRAILING_JUNK, '').replace(LEADING_JUNK, '');
  // A trailing dot or comma left on the last word ("Acme Widgets." / "Acme,").
  if (stripped || /[.,]$/.test(value)) value = value.replace(/(?<![A-Z]\.[A-Z])[.,]+$/u, '');
  const casedChanged = cased.some((w, i) => w !== tokens[i]);
  if (casedChanged) rules.push('company.case');
  return { value, key: companyKey(value), rules };
}
