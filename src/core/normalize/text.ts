// Small string helpers shared by the field normalizers. Module-level regexes are compiled once.

const WS = /[\s\u00a0\u2000-\u200b\u202f\u205f\u3000\ufeff]+/g;
const WS_TEST = /[\t\n\r\f\v\u00a0\u2000-\u200b\u202f\u205f\u3000\ufeff]| {2}/;

/** Trims and collapses every run of whitespace (NBSP, tabs, newlines, zero-width space...) to one space. */
export function collapseSpaces(s: string): string {
  const t = s.trim();
  return WS_TEST.test(t) ? t.replace(WS, ' ').trim() : t;
}

/** 0-9, A-Z, a-z (NaN, the code of an empty string's first character, is not). */
export function isAsciiAlnum(c: number): boolean {
  return (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122);
}

const U_LOWER = /\p{Ll}/u;
const U_UPPER = /\p{Lu}/u;
const TITLE_SHAPE = /^[^\p{L}]*\p{Lu}[^\p{Lu}]*$/u;

/** True when the string has at least one letter and no lower-case letter ("ACME CORP"). */
export function isShouting(s: string): boolean {
  // One pass over ASCII text; any other character goes through the Unicode classes.
  let upper = false;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c > 127) return !U_LOWER.test(s) && U_UPPER.test(s);
    if (c >= 97 && c <= 122) return false; // a lower-case letter (also \p{Ll} for the Unicode path)
    if (c >= 65 && c <= 90) upper = true;
  }
  return upper;
}

/** Case shape of one word: lower, upper, title (Xxxx), mixed (eBay, McKinsey) or none (no letters). */
export type CaseShape = 'lower' | 'upper' | 'title' | 'mixed' | 'none';

export function caseShape(word: string): CaseShape {
  // ASCII fast path; any other character goes through the Unicode classes.
  let upper = 0;
  let lower = 0;
  let firstLetterUpper = false;
  let seenLetter = false;
  for (let i = 0; i < word.length; i++) {
    const c = word.charCodeAt(i);
    if (c > 127) return caseShapeUnicode(word);
    if (c >= 65 && c <= 90) {
      if (!seenLetter) firstLetterUpper = true;
      upper++;
      seenLetter = true;
    } else if (c >= 97 && c <= 122) {
      lower++;
      seenLetter = true;
    }
  }
  if (upper === 0 && lower === 0) return 'none';
  if (upper === 0) return 'lower';
  if (lower === 0) return 'upper';
  return upper === 1 && firstLetterUpper ? 'title' : 'mixed';
}

function caseShapeUnicode(word: string): CaseShape {
  const lower = U_LOWER.test(word);
  const upper = U_UPPER.test(word);
  if (!lower && !upper) return 'none';
  if (!upper) return 'lower';
  if (!lower) return 'upper';
  return TITLE_SHAPE.test(word) ? 'title' : 'mixed';
}

const LETTER = /\p{L}/u;

/** "hELLO" -> "Hello": first letter upper, the rest lower. */
export function capitalize(word: string): string {
  if (word.length === 0) return word;
  const lower = word.toLowerCase();
  const c0 = lower.charCodeAt(0);
  if (c0 >= 97 && c0 <= 122) return String.fromCharCode(c0 - 32) + lower.slice(1);
  // Find the first letter (a word may start with '(' or a quote).
  for (let i = 0; i < lower.length; i++) {
    const c = lower[i]!;
    if (c.toUpperCase() !== c) return lower.slice(0, i) + c.toUpperCase() + lower.slice(i + 1);
    if (LETTER.test(c)) return lower; // a letter without case (CJK...)
  }
  return lower;
}

const SIMPLE_WORD = /^[A-Za-z0-9&]+$/;
const EDGE_PUNCT = /^[^\p{L}\p{N}&]+|[^\p{L}\p{N}&]+$/gu;

/** The word without surrounding punctuation, lower case: "(Inc.)," -> "inc". Used for word-list lookups. */
export function lookupForm(word: string): string {
  if (SIMPLE_WORD.test(word)) return word.toLowerCase();
  return word.replace(EDGE_PUNCT, '').toLowerCase();
}

const PLACEHOLDERS = new Set(['-', '--', '---', '—', '–', '?', 'n/a', 'n.a.', 'na', '#n/a', 'none', 'null', 'nil', 'nan', 'undefined']);

/** True for an empty cell or a placeholder that means "no value" ("N/A", "-", "null", "#N/A"). */
export function isBlankCell(s: string | undefined): boolean {
  if (s === undefined) return true;
  // Fast path (called ~15 times a row): longer than any placeholder and starting and ending with a
  // character that is not whitespace (all whitespace is <= U+0020 or >= U+00A0), so trim() would keep
  // all of it.
  const n = s.length;
  if (n > 9) {
    const a = s.charCodeAt(0);
    const z = s.charCodeAt(n - 1);
    if (a > 32 && a < 127 && z > 32 && z < 127) return false;
  }
  const t = s.trim();
  return t.length === 0 || (t.length <= 9 && PLACEHOLDERS.has(t.toLowerCase()));
}
