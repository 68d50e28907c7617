// Field similarity scores in [0,1], all computed by fuzzball on match keys (already folded by the
// normalizers: lower case, accents folded, punctuation to spaces), so fuzzball's own preprocessing
// is switched off (`full_process: false`): it would strip non-ASCII letters (force_ascii) and cost time.
//
// Choices (the seed's examples, fuzzball 2.2.6 figures on the keys):
// - Company: `ratio` (Levenshtein with substitution cost 2, i.e. 2*LCS/(l1+l2), the difflib-like
//   measure the seed names) on the company keys, legal suffixes already stripped.
//     "Acme Corporation" vs "Acme Corp": both keys are "acme"          -> 1.00 (auto match)
//     "Acme Inc" vs "ABC Inc": "acme" vs "abc"                           -> 0.57 (below the 0.75 floor: new)
//     "Acme Widgets" vs "Acme Gadgets"                                   -> 0.83 (borderline, never auto)
//   Not token_set_ratio: it scores a name contained in another as 1.00 ("acme widgets" vs "acme"), a
//   false merge of two companies. Not token_sort_ratio: word order in a company name is part of the name
//   ("Bank of America" / "America Bank") and legacy exports do not reorder company names.
// - Person: max(ratio, token_sort_ratio) on the name keys: "john smith" vs "jon smith" -> 0.95, and
//   "smith john" (a reversed name without a comma) vs "john smith" -> 1.00. Never token_set_ratio
//   ("john a smith" vs "john smith" is 1.00 there, and "john smith" vs "john smithson" too high).
// - Title: token_sort_ratio on folded titles ("vp sales" / "sales vp"). Support signal only: it is
//   reported next to the name score and never changes an outcome.

import { ratio, token_sort_ratio } from 'fuzzball';

const OPTIONS = { full_process: false } as const;

function scaled(n: number): number {
  return n / 100;
}

/** Similarity of two company keys in [0,1]. */
export function companyNameScore(a: string, b: string): number {
  if (a === b) return a.length > 0 ? 1 : 0;
  if (a.length === 0 || b.length === 0) return 0;
  return scaled(ratio(a, b, OPTIONS));
}

/** Similarity of two person name keys in [0,1]. */
export function personNameScore(a: string, b: string): number {
  if (a === b) return a.length > 0 ? 1 : 0;
  if (a.length === 0 || b.length === 0) return 0;
  const r = ratio(a, b, OPTIONS);
  if (r === 100 || a.indexOf(' ') < 0 || b.indexOf(' ') < 0) return scaled(r);
  return scaled(Math.max(r, token_sort_ratio(a, b, OPTIONS)));
}

/** Similarity of two folded titles in [0,1]; null when either side has no title. */
export function titleScore(a: string | null, b: string | null): number | null {
  if (a === null || b === null || a.length === 0 || b.length === 0) return null;
  if (a === b) return 1;
  return scaled(token_sort_ratio(a, b, OPTIONS));
}
