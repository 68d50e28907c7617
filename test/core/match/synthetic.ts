// Seeded synthetic names for index and determinism tests (no Math.random).

export { mulberry32 as prng } from '../../../src/gen/prng.js';

const SYLLABLES = ['ac', 'me', 'glo', 'bex', 'ini', 'tech', 'hoo', 'li', 'vand', 'el', 'ay', 'umb', 'rel', 'la', 'cor', 'tyr', 'ell', 'wa', 'yne', 'stark', 'oscorp', 'dyn', 'amic', 'pro', 'sys', 'net', 'data', 'soft', 'ware', 'lab'];
const WORDS = ['systems', 'labs', 'solutions', 'partners', 'capital', 'health', 'energy', 'digital', 'global', 'foods', 'logistics', 'media'];

export function companyName(rnd: () => number): string {
  const n = 2 + Math.floor(rnd() * 3);
  let w = '';
  for (let i = 0; i < n; i++) w += SYLLABLES[Math.floor(rnd() * SYLLABLES.length)];
  return rnd() < 0.6 ? `${w} ${WORDS[Math.floor(rnd() * WORDS.length)]}` : w;
}

/** One or two random edits: substitution, deletion, insertion or a transposition. */
export function typo(s: string, rnd: () => number): string {
  const edits = 1 + (rnd() < 0.3 ? 1 : 0);
  let t = s;
  for (let e = 0; e < edits; e++) {
    const i = Math.floor(rnd() * t.length);
    const c = String.fromCharCode(97 + Math.floor(rnd() * 26));
    const k = rnd();
    if (k < 0.3) t = t.slice(0, i) + c + t.slice(i + 1);
    else if (k < 0.55 && t.length > 3) t = t.slice(0, i) + t.slice(i + 1);
    else if (k < 0.8) t = t.slice(0, i) + c + t.slice(i);
    else if (i + 1 < t.length) t = t.slice(0, i) + t[i + 1] + t[i] + t.slice(i + 2);
  }
  return t;
}
