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

/**
 * Similarity of two company keys in [0,1]. When both names share a generic word (one that many master
 * companies carry: "holdings", "systems", "partners"...), that shared word says little: the score is
 * the lower of the plain ratio and the mean of the plain ratio and the ratio of what remains.
 *   "gabesoke holdings" vs "kohabope holdings": ratio 0.76, remains 0.50 -> 0.63 (a different company)
 *   "kigenire systems" vs "kigenira systems":   ratio 0.94, remains 0.88 -> 0.91 (a typo, still auto)
 */
export function companyNameScore(a: string, b: string, generic?: ReadonlySet<string>): number {
  if (a === b) return a.length > 0 ? 1 : 0;
  if (a.length === 0 || b.length === 0) return 0;
  const full = scaled(ratio(a, b, OPTIONS));
  if (generic === undefined || generic.size === 0 || a.indexOf(' ') < 0 || b.indexOf(' ') < 0) return full;
  const tb = new Set(b.split(' '));
  const shared = a.split(' ').filter((t) => tb.has(t) && generic.has(t));
  if (shared.length === 0) return full;
  const drop = new Set(shared);
  const ra = a.split(' ').filter((t) => !drop.has(t)).join(' ');
  const rb = b.split(' ').filter((t) => !drop.has(t)).join(' ');
  if (ra.length === 0 || rb.length === 0) return full;
  const rest = scaled(ratio(ra, rb, OPTIONS));
  return Math.min(full, Math.round(((full + rest) / 2) * 100) / 100);
}

/**
 * Words carried by many distinct master company keys (document frequency >= max(3, 0.5% of keys)):
 * industry words like "holdings" or "systems", which make different companies look alike.
 */
export function genericCompanyWords(keys: readonly string[]): Set<string> {
  const df = new Map<string, number>();
  for (const k of keys) for (const t of new Set(k.split(' '))) if (t) df.set(t, (df.get(t) ?? 0) + 1);
  const min = Math.max(3, Math.ceil(keys.length * 0.005));
  const out = new Set<string>();
  for (const [t, n] of df) if (n >= min) out.add(t);
  return out;
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
