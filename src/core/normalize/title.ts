// Job title: abbreviations standardized by the ordered rewrites of the rules file, then title case
// with acronyms (VP, CEO, HR) upper and small words (of, and, the) lower.

import type { NormalizeContext } from './context.js';
import { memoizeByStringInContext } from './memo.js';
import { capitalize, caseShape, collapseSpaces, isShouting, lookupForm } from './text.js';

export interface TitleResult {
  value: string | null;
  rules: string[];
}

const SPLIT_KEEP = /([-/])/;
const SPACE_BEFORE_PUNCT = / ([,;:)])/g;
const EDGE = /^[\s,;:\-–—|/]+|[\s,;:\-–—|/]+$/g;

function caseTitlePiece(piece: string, first: boolean, shouting: boolean, ctx: NormalizeContext): string {
  const look = lookupForm(piece);
  if (look.length === 0) return piece;
  if (ctx.titleAcronyms.has(look)) return piece.toUpperCase();
  if (!first && ctx.titleSmallWords.has(look)) return piece.toLowerCase();
  const shape = caseShape(piece);
  if (shape === 'mixed' || shape === 'none') return piece; // DevOps, eCommerce, iOS
  if (shape === 'upper' && !shouting && look.length > 1) return piece; // an acronym in a cased title: "Head of EMEA"
  return capitalize(piece);
}

export function normalizeTitleUncached(raw: string, ctx: NormalizeContext): TitleResult {
  const rules: string[] = [];
  let s = collapseSpaces(raw);
  if (s !== raw) rules.push('title.whitespace');
  if (s.length === 0) return { value: null, rules };
  const shouting = isShouting(s);
  if (ctx.titleRewriteAny !== null && ctx.titleRewriteAny.test(s)) {
    const before = s;
    for (const r of ctx.titleRewrites) {
      r.re.lastIndex = 0;
      s = s.replace(r.re, r.replacement);
    }
    if (s !== before) {
      rules.push('title.abbreviation');
      s = collapseSpaces(s);
    }
  }
  const words = s.split(' ');
  const out: string[] = [];
  for (let i = 0; i < words.length; i++) {
    const w = words[i]!;
    const look = lookupForm(w);
    if (ctx.titleAcronyms.has(look) || !SPLIT_KEEP.test(w)) {
      out.push(caseTitlePiece(w, i === 0, shouting, ctx));
      continue;
    }
    // "co-founder" -> "Co-Founder", "vp/gm" -> "VP/GM": each piece cased on its own.
    const pieces = w.split(SPLIT_KEEP);
    out.push(pieces.map((p, j) => (p === '-' || p === '/' ? p : caseTitlePiece(p, i === 0 && j === 0, shouting, ctx))).join(''));
  }
  let value = out.join(' ').replace(SPACE_BEFORE_PUNCT, '$1').replace(EDGE, '');
  if (value.length === 0) return { value: null, rules };
  if (value !== s) rules.push('title.case');
  return { value, rules };
}

/**
 * normalizeTitle memoized by the raw cell: a file holds a few dozen distinct titles (a few thousand at
 * most), and the rewrite regexes cost several microseconds a title. The result is frozen (shared).
 */
export const normalizeTitle: (raw: string, ctx: NormalizeContext) => TitleResult = memoizeByStringInContext(normalizeTitleUncached);
