// Phone: E.164 through libphonenumber-js with the "max" metadata (the full validity patterns: valid
// vs merely possible is reported to the operator, so the strict patterns are worth their ~150 KB).
//
// Accepted: every number libphonenumber-js calls POSSIBLE (right length for its country), so the seed's
// `(555) 123-4567` -> `+15551234567` holds; `valid: false` marks a possible but not valid number (the
// row validator warns and keeps it). Extensions (x123, ext. 123, #123) are kept apart; several numbers
// in one cell (`;` `,` `/` `|` "or" newline) are split: the first is the value, the rest `others`.
// An international prefix `00` is read as `+` (`0044 20 ...`); vanity letters are mapped to digits
// (`1-800-FLOWERS`).
//
// Speed: libphonenumber-js compiles its patterns on every call (~20 us a number). Plain NANP numbers
// (10 digits, optionally +1/1, no letters) take a fast path that applies the SAME metadata patterns,
// compiled once; test/core/normalize/phone.test.ts checks that both paths agree.

import { Metadata, parsePhoneNumberFromString, type CountryCode } from 'libphonenumber-js/max';
import type { NormalizeContext } from './context.js';

export interface PhoneResult {
  value: string | null; // E.164
  ext: string | null;
  others: string[]; // further numbers of the cell, E.164
  valid: boolean; // false when the value is only possible (or null)
  rules: string[];
}

const SPLIT_MANY = /\s*(?:[;|\n]|,(?!\s*(?:ext|x|#))|\s\/\s|\bor\b|\band\b)\s*/i;
const EXTENSION = /\s*[,;]?\s*(?:extension|ext\.?|ext:|ex\.?|x\.?|#)\s*:?\s*(\d{1,7})\s*#?\s*$/i;
const EXT_PIECE = /^(?:extension|ext|x|#)\.?\s*:?\s*\d{1,7}$/i;
const LABEL = /^(?:\(\s*[a-z]{1,8}\.?\s*\)|[^\d+(])*/i;
const TRAILING = /[^\p{L}\d)]+$/u;
const TRAILING_WORDS = /(?:\s+[([]?[\p{L}.]+[)\]]?)+\s*$/u; // "555-123-4567 (cell)", "... work"
const ONLY_PUNCT = /^[\d\s().\-+/]+$/;
const NON_DIGIT = /\D/g;
const LETTERS = /\p{L}/u;
const NANP_NATIONAL = /^[2-9]\d{9}$/;
const DIGIT_COUNT = /\d/g;
const KEYPAD: Record<string, string> = {
  a: '2', b: '2', c: '2', d: '3', e: '3', f: '3', g: '4', h: '4', i: '4', j: '5', k: '5', l: '5',
  m: '6', n: '6', o: '6', p: '7', q: '7', r: '7', s: '7', t: '8', u: '8', v: '8', w: '9', x: '9', y: '9', z: '9',
};

// ---- NANP fast path: libphonenumber's country detection + validity, with patterns compiled once ----

interface TypePattern {
  re: RegExp;
  lengths: number[] | null;
}
interface Plan {
  leadingDigits: RegExp | null;
  national: RegExp;
  types: TypePattern[];
}
interface RuntimeType {
  pattern(): string;
  possibleLengths(): number[] | undefined;
}
interface RuntimeMetadata {
  selectNumberingPlan(country: string): void;
  numberingPlan: {
    leadingDigits(): string | undefined;
    nationalNumberPattern(): string;
    type(t: string): RuntimeType | undefined;
  };
  getCountryCodesForCallingCode(code: string): string[] | undefined;
}

const TYPES = ['FIXED_LINE', 'MOBILE', 'PREMIUM_RATE', 'TOLL_FREE', 'SHARED_COST', 'VOIP', 'PERSONAL_NUMBER', 'PAGER', 'UAN', 'VOICEMAIL'];

let nanpPlans: Plan[] | null | undefined; // undefined: not built yet; null: unavailable (use the library)

function buildNanpPlans(): Plan[] | null {
  try {
    const md = new (Metadata as unknown as new () => RuntimeMetadata)();
    const countries = md.getCountryCodesForCallingCode('1');
    if (!countries || countries.length === 0) return null;
    return countries.map((c) => {
      md.selectNumberingPlan(c);
      const plan = md.numberingPlan;
      const ld = plan.leadingDigits();
      const types: TypePattern[] = [];
      for (const t of TYPES) {
        const def = plan.type(t);
        const p = def?.pattern();
        if (def && p) types.push({ re: new RegExp(`^(?:${p})$`), lengths: def.possibleLengths() ?? null });
      }
      return { leadingDigits: ld ? new RegExp(`^(?:${ld})`) : null, national: new RegExp(`^(?:${plan.nationalNumberPattern()})$`), types };
    });
  } catch {
    return null;
  }
}

function hasType(plan: Plan, nn: string): boolean {
  if (!plan.national.test(nn)) return false;
  for (const t of plan.types) {
    if (t.lengths !== null && !t.lengths.includes(nn.length)) continue;
    if (t.re.test(nn)) return true;
  }
  return false;
}

/** libphonenumber-js's isValid() for a +1 number, without per-call regex compilation; null when unavailable. */
export function nanpIsValid(national: string): boolean | null {
  if (nanpPlans === undefined) nanpPlans = buildNanpPlans();
  if (nanpPlans === null) return null;
  for (const plan of nanpPlans) {
    if (plan.leadingDigits !== null) {
      if (plan.leadingDigits.test(national)) return hasType(plan, national);
    } else if (hasType(plan, national)) {
      return true;
    }
  }
  return false;
}

const NANP_REGIONS = new Set(['US', 'CA', 'AG', 'AI', 'AS', 'BB', 'BM', 'BS', 'DM', 'DO', 'GD', 'GU', 'JM', 'KN', 'KY', 'LC', 'MP', 'MS', 'PR', 'SX', 'TC', 'TT', 'VC', 'VG', 'VI']);

interface OnePhone {
  e164: string;
  ext: string | null;
  valid: boolean;
}

/** Parses one number (extension already separated); null when not a possible number. */
function parseOne(text: string, region: string, rules: string[]): OnePhone | null {
  let s = text;
  if (ONLY_PUNCT.test(s) && NANP_REGIONS.has(region)) {
    const digits = s.replace(NON_DIGIT, '');
    const plus = s.trimStart().startsWith('+');
    let national: string | null = null;
    if (!plus && digits.length === 10) national = digits;
    else if (digits.length === 11 && digits[0] === '1') national = digits.slice(1);
    if (national !== null && NANP_NATIONAL.test(national)) {
      const valid = nanpIsValid(national);
      if (valid !== null) return { e164: `+1${national}`, ext: null, valid };
    }
  }
  if (LETTERS.test(s)) {
    const letters = s.replace(/[^a-z]/gi, '').length;
    const digits = (s.match(DIGIT_COUNT) ?? []).length;
    if (letters < 3 || digits < 3) return null;
    s = s.replace(/[a-z]/gi, (c) => KEYPAD[c.toLowerCase()] ?? c);
    rules.push('phone.vanity_letters');
  }
  if (s.startsWith('00')) {
    s = '+' + s.slice(2);
    rules.push('phone.international_prefix_00');
  }
  const pn = parsePhoneNumberFromString(s, region as CountryCode);
  if (!pn || !pn.isPossible()) return null;
  const digitCount = pn.number.length - 1;
  if (digitCount > 15) return null;
  return { e164: pn.number, ext: pn.ext ?? null, valid: pn.isValid() };
}

// Most cells are one number written with digits and ( ) . - + and spaces only, optionally followed
// by " x123": e.g. "(415) 560-4718", "+1 303 255 1738", "858-272-0107 x425". For such a cell the
// splitting, extension, label and trailing-word regexes of normalizePhoneGeneral provably change
// nothing but cutting off the " x123" (no separator, letter or keyword; it starts with a digit, "+"
// or "(" and ends with a digit), so the number goes straight to parseOne. Same result in under half
// the time; test/core/normalize/phone.test.ts checks both paths agree on generated cells.
const SIMPLE_CELL = /^([+(]?\d[\d(). -]*\d)(?: x(\d{1,7}))?$/;

export function normalizePhone(raw: string, ctx: NormalizeContext): PhoneResult {
  const s = raw.trim();
  const m = SIMPLE_CELL.exec(s);
  if (m === null) return normalizePhoneGeneral(raw, ctx);
  const rules: string[] = [];
  const one = parseOne(m[1]!, ctx.defaultRegion, rules);
  if (one === null) {
    rules.push('phone.unparseable');
    return { value: null, ext: null, others: [], valid: false, rules };
  }
  const ext = m[2] ?? one.ext;
  if (ext !== null) rules.push('phone.extension');
  if (one.e164 !== s) rules.push('phone.e164');
  return { value: one.e164, ext, others: [], valid: one.valid, rules };
}

/** normalizePhone for any cell (exported for the test that checks the fast path against it). */
export function normalizePhoneGeneral(raw: string, ctx: NormalizeContext): PhoneResult {
  const rules: string[] = [];
  const s = raw.trim();
  if (s.length === 0) return { value: null, ext: null, others: [], valid: false, rules };
  // Split a cell holding several numbers; an extension split off by a separator stays with its number.
  const pieces: string[] = [];
  for (const p of s.split(SPLIT_MANY)) {
    if (p.length === 0) continue;
    if (pieces.length > 0 && EXT_PIECE.test(p)) pieces[pieces.length - 1] += ' ' + p;
    else pieces.push(p);
  }
  let value: string | null = null;
  let ext: string | null = null;
  let valid = false;
  const others: string[] = [];
  let failed = 0;
  for (const piece of pieces) {
    let text = piece;
    let pieceExt: string | null = null;
    const m = EXTENSION.exec(text);
    if (m !== null) {
      pieceExt = m[1]!;
      text = text.slice(0, m.index);
    }
    const label = LABEL.exec(text);
    if (label !== null && label[0].length > 0) {
      // "Tel: ", "cell - ", "(m) " before the number.
      text = text.slice(label[0].length);
      if (!rules.includes('phone.label_dropped')) rules.push('phone.label_dropped');
    }
    const words = TRAILING_WORDS.exec(text);
    if (words !== null && /\d/.test(text.slice(0, words.index))) {
      text = text.slice(0, words.index);
      if (!rules.includes('phone.label_dropped')) rules.push('phone.label_dropped');
    }
    text = text.replace(TRAILING, '');
    const one = parseOne(text, ctx.defaultRegion, rules);
    if (one === null) {
      failed++;
      continue;
    }
    if (value === null) {
      value = one.e164;
      ext = pieceExt ?? one.ext;
      valid = one.valid;
    } else if (one.e164 !== value && !others.includes(one.e164)) {
      others.push(one.e164);
    }
  }
  if (pieces.length > 1) rules.push('phone.split');
  if (ext !== null) rules.push('phone.extension');
  if (failed > 0) rules.push(value === null ? 'phone.unparseable' : 'phone.part_unparseable');
  if (value !== null && value !== s) rules.push('phone.e164');
  return { value, ext, others, valid, rules };
}
