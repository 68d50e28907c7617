// Historical engagement counts: non-negative integers that fit a Postgres integer.
//
// Accepted: blank (and the placeholders "-", "n/a", "na", "none", "null") = 0; "1,234" and "1 234"
// with correct thousands grouping; a leading "+"; an integral decimal ("12.0", "12.00", "1,234.0")
// because spreadsheets write counts that way. Rejected: negative, fractional ("2.5"), anything else
// ("12 opens", "1e3", "1.234" as a European thousands separator is read as fractional), and values
// above 2^31-1.

export type CountProblem = null | 'negative' | 'fractional' | 'not_a_number' | 'too_large';

export interface CountResult {
  value: number | null;
  problem: CountProblem;
}

const PLAIN = /^\d{1,10}$/;
const NUMBER = /^([+-]?)(\d{1,3}(?:[, \u00a0\u202f]\d{3})+|\d+)(?:\.(\d+))?$/;
const BLANK_WORDS = new Set(['-', '--', '—', 'n/a', 'na', 'none', 'null', 'nil']);
const MAX_INT = 2147483647;

export function parseCount(raw: string): CountResult {
  const s = raw.trim();
  if (s.length === 0) return { value: 0, problem: null };
  if (PLAIN.test(s)) {
    const n = Number(s);
    return n > MAX_INT ? { value: null, problem: 'too_large' } : { value: n, problem: null };
  }
  if (BLANK_WORDS.has(s.toLowerCase())) return { value: 0, problem: null };
  const m = NUMBER.exec(s);
  if (m === null) return { value: null, problem: 'not_a_number' };
  const sign = m[1];
  const digits = m[2]!.replace(/\D/g, '');
  const fraction = m[3];
  const whole = Number(digits);
  if (fraction !== undefined && /[1-9]/.test(fraction)) {
    return { value: null, problem: sign === '-' && whole + Number(`0.${fraction}`) > 0 ? 'negative' : 'fractional' };
  }
  if (sign === '-' && whole > 0) return { value: null, problem: 'negative' };
  if (whole > MAX_INT) return { value: null, problem: 'too_large' };
  return { value: whole, problem: null };
}
