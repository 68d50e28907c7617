import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isBlankCell, isShouting } from '../../../src/core/normalize/text.js';

// Both functions have a hand-written fast path; these properties hold them to their definitions.
const alphabet = fc.constantFrom('a', 'Z', 'm', 'Q', ' ', '\t', '\u00a0', '\u3000', '\ufeff', '-', '.', '/', '0', '7', 'é', 'É', 'ß', 'İ', '中', '𝒜', 'ǅ', 'n/a', 'N/A', 'null', '#N/A', '—');
const text = fc.oneof(fc.array(alphabet, { maxLength: 14 }).map((xs) => xs.join('')), fc.string({ maxLength: 20 }));

const PLACEHOLDERS = new Set(['-', '--', '---', '—', '–', '?', 'n/a', 'n.a.', 'na', '#n/a', 'none', 'null', 'nil', 'nan', 'undefined']);

describe('text helpers against their definitions', () => {
  it('isShouting: at least one upper-case letter and no lower-case letter', () => {
    fc.assert(
      fc.property(text, (s) => {
        expect(isShouting(s)).toBe(!/\p{Ll}/u.test(s) && /\p{Lu}/u.test(s));
      }),
      { numRuns: 5000 },
    );
  });

  it('isBlankCell: empty after trim(), or a placeholder', () => {
    fc.assert(
      fc.property(text, (s) => {
        const t = s.trim();
        expect(isBlankCell(s)).toBe(t.length === 0 || PLACEHOLDERS.has(t.toLowerCase()));
      }),
      { numRuns: 5000 },
    );
    expect(isBlankCell(undefined)).toBe(true);
  });
});
