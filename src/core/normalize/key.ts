// Match-only keys: aggressive folding that is never shown to an operator.

const NON_ASCII = /[^\u0000-\u007f]/;
const COMBINING = /[\u0300-\u036f\u1ab0-\u1aff\u1dc0-\u1dff\u20d0-\u20ff\ufe20-\ufe2f]/g;
const NO_DECOMPOSITION: Record<string, string> = {
  ß: 'ss',
  ø: 'o',
  æ: 'ae',
  œ: 'oe',
  đ: 'd',
  ð: 'd',
  þ: 'th',
  ł: 'l',
  ı: 'i',
};
const NO_DECOMPOSITION_RE = /[ßøæœđðþłı]/g;
const DROPPED = /['’‘`´.]/g; // apostrophes and dots join: O'Brien -> obrien, J.P. -> jp
const AMP = /\s*[&＆]\s*/g;
const SEPARATORS = /[^\p{L}\p{N}]+/gu;
const SIMPLE = /^[a-z0-9]+(?: [a-z0-9]+)*$/;

/**
 * Folds a string into a match key: NFKD accent fold, lower case, `&` -> ` and `, apostrophes and dots
 * dropped, every other punctuation to a space, spaces collapsed and trimmed.
 * `Müller & Søn, Inc.` -> `muller and son inc`.
 */
export function foldKey(s: string): string {
  let t = s.toLowerCase();
  if (SIMPLE.test(t)) return t;
  if (NON_ASCII.test(t)) {
    t = t.normalize('NFKD').replace(COMBINING, '').replace(NO_DECOMPOSITION_RE, (c) => NO_DECOMPOSITION[c] ?? c);
  }
  if (t.includes('&') || t.includes('＆')) t = t.replace(AMP, ' and ');
  return t.replace(DROPPED, '').replace(SEPARATORS, ' ').trim();
}
