// last_engaged_at: ISO dates and timestamps and the common US forms -> an ISO 8601 UTC timestamp
// (`2024-01-05T00:00:00.000Z`; a date alone is midnight UTC, a time without a zone is read as UTC).
//
// Accepted: `2024-01-05`, `2024/01/05`, `2024-01-05T14:30`, `2024-01-05 14:30:00`, with seconds,
// fractions and a zone (`Z`, `+02:00`, `+0200`); US month-first `1/5/2024`, `01-05-2024`, `1.5.2024`,
// two-digit years `1/5/24` (00-68 -> 20xx, 69-99 -> 19xx, the POSIX strptime pivot); month names
// `Jan 5, 2024`, `January 5 2024`, `5 Jan 2024`, `5-Jan-2024`; each with an optional time
// `3:45 PM`, `15:45`, `15:45:10`. Impossible dates (`2024-02-30`, `13/01/2024`) and years outside
// 1900-2100 are unparseable. Day-first forms (`31/12/2024`) are not guessed: a first number above 12
// is rejected rather than silently swapped.

import { flatString } from '../strings.js';

export interface DateResult {
  value: string | null;
  problem: null | 'unparseable';
}

const ISO = /^(\d{4})[-/](\d{1,2})[-/](\d{1,2})(?:[T\s]+(\d{1,2}):(\d{2})(?::(\d{2})(?:[.,](\d{1,9}))?)?\s*(Z|[+-]\d{2}(?::?\d{2})?)?)?$/i;
const US = /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{2}|\d{4})(?:[T\s,]+(\d{1,2}):(\d{2})(?::(\d{2}))?\s*([ap]\.?m\.?)?)?$/i;
const NAMED_MDY = /^([a-z]{3,9})\.?\s+(\d{1,2})(?:st|nd|rd|th)?,?\s+(\d{4})(?:[\s,]+(?:at\s+)?(\d{1,2}):(\d{2})(?::(\d{2}))?\s*([ap]\.?m\.?)?)?$/i;
const NAMED_DMY = /^(\d{1,2})(?:st|nd|rd|th)?[\s-]+([a-z]{3,9})\.?,?[\s-]+(\d{4})(?:[\s,]+(\d{1,2}):(\d{2})(?::(\d{2}))?\s*([ap]\.?m\.?)?)?$/i;
const MONTHS: Record<string, number> = {
  jan: 1, january: 1, feb: 2, february: 2, mar: 3, march: 3, apr: 4, april: 4, may: 5, jun: 6, june: 6,
  jul: 7, july: 7, aug: 8, august: 8, sep: 9, sept: 9, september: 9, oct: 10, october: 10, nov: 11,
  november: 11, dec: 12, december: 12,
};
const BAD: DateResult = { value: null, problem: 'unparseable' };

function daysIn(year: number, month: number): number {
  if (month === 2) return year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0) ? 29 : 28;
  return month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;
}

function pad2(n: number): string {
  return n < 10 ? `0${n}` : String(n);
}

function pad3(n: number): string {
  return n < 10 ? `00${n}` : n < 100 ? `0${n}` : String(n);
}

function build(
  year: number,
  month: number,
  day: number,
  hour = 0,
  minute = 0,
  second = 0,
  ms = 0,
  offsetMinutes = 0,
): DateResult {
  if (year < 1900 || year > 2100 || month < 1 || month > 12 || day < 1 || day > daysIn(year, month)) return BAD;
  if (hour > 23 || minute > 59 || second > 59) return BAD;
  if (offsetMinutes === 0) {
    // The fields are checked above and the year has four digits, so this is exactly what
    // Date.toISOString() writes, without building a Date (a third of the parse time).
    // Flattened: every row keeps this string (see strings.ts).
    return { value: flatString(`${year}-${pad2(month)}-${pad2(day)}T${pad2(hour)}:${pad2(minute)}:${pad2(second)}.${pad3(ms)}Z`), problem: null };
  }
  const t = Date.UTC(year, month - 1, day, hour, minute, second, ms) - offsetMinutes * 60000;
  return { value: new Date(t).toISOString(), problem: null };
}

function hour12(h: number, ampm: string | undefined): number | null {
  if (ampm === undefined) return h;
  if (h < 1 || h > 12) return null;
  const pm = ampm[0]!.toLowerCase() === 'p';
  return (h % 12) + (pm ? 12 : 0);
}

function namedOrUs(year: number, month: number | undefined, day: number, h?: string, mi?: string, se?: string, ap?: string): DateResult {
  if (month === undefined) return BAD;
  const hour = h === undefined ? 0 : hour12(Number(h), ap);
  if (hour === null) return BAD;
  return build(year, month, day, hour, mi === undefined ? 0 : Number(mi), se === undefined ? 0 : Number(se));
}

export function parseEngagedAt(raw: string): DateResult {
  const s = raw.trim();
  if (s.length === 0) return { value: null, problem: null };
  let m = ISO.exec(s);
  if (m !== null) {
    let offset = 0;
    const z = m[8];
    if (z !== undefined && z.toUpperCase() !== 'Z') {
      const sign = z[0] === '-' ? -1 : 1;
      const digits = z.slice(1).replace(':', '');
      const oh = Number(digits.slice(0, 2));
      const om = digits.length > 2 ? Number(digits.slice(2, 4)) : 0;
      if (oh > 14 || om > 59) return BAD;
      offset = sign * (oh * 60 + om);
    }
    const ms = m[7] === undefined ? 0 : Number(m[7].slice(0, 3).padEnd(3, '0'));
    return build(Number(m[1]), Number(m[2]), Number(m[3]), m[4] === undefined ? 0 : Number(m[4]), m[5] === undefined ? 0 : Number(m[5]), m[6] === undefined ? 0 : Number(m[6]), ms, offset);
  }
  m = US.exec(s);
  if (m !== null) {
    let year = Number(m[3]);
    if (m[3]!.length === 2) year += year <= 68 ? 2000 : 1900;
    return namedOrUs(year, Number(m[1]), Number(m[2]), m[4], m[5], m[6], m[7]);
  }
  m = NAMED_MDY.exec(s);
  if (m !== null) return namedOrUs(Number(m[3]), MONTHS[m[1]!.toLowerCase()], Number(m[2]), m[4], m[5], m[6], m[7]);
  m = NAMED_DMY.exec(s);
  if (m !== null) return namedOrUs(Number(m[3]), MONTHS[m[2]!.toLowerCase()], Number(m[1]), m[4], m[5], m[6], m[7]);
  return BAD;
}
