// A deterministic, seeded generator of realistic legacy CSVs, existing master records and the ground
// truth that links them (issue 3, item 6). Pure: it yields CSV lines; src/gen/cli.ts writes them.
//
// The world: companies 0..C-1 and people 0..P-1, each fully derived from (seed, index) through its own
// PRNG stream (src/gen/prng.ts), so nothing is stored and memory is constant at any size. Companies
// [0, Cm) and people [0, M) are in the master tables; the others are "new" (truth `new:<k>`, k = index
// minus the master count). A legacy row shows one person at their company through a random "export
// variant": suffix / casing / typo variants of the company name, domains in every form, multi-email
// cells, LinkedIn URL variants, name prefixes / suffixes / typos, title spellings, counts and dates.

import { chance, intBetween, mix32, pick, rngFor, type Rng } from './prng.js';
import {
  AREA_CODES,
  FIRST_NAMES,
  INDUSTRIES,
  LAST_NAMES,
  LEGAL_SUFFIXES,
  NAME_PREFIXES,
  NAME_SUFFIXES,
  NOTES,
  PERSONAL_DOMAINS,
  SYLLABLE_CONSONANTS,
  SYLLABLE_VOWELS,
  TITLES,
  TLDS,
} from './words.js';

export interface GenSpec {
  rows: number;
  masterPeople: number;
  seed: number;
  /** Write the legacy header with alias names ("Company", "Email Address", ...) instead of canonical ones. */
  aliasHeaders?: boolean;
  /** Append hand-made rows showing each matching case (perfect, fuzzy, borderline, new, locked, invalid). */
  showcase?: boolean;
  companyPrefix?: string;
  personPrefix?: string;
  minDigits?: number;
}

export const LEGACY_COLUMNS = [
  'company_name', 'company_domain', 'company_website', 'full_name', 'first_name', 'last_name', 'title', 'email', 'phone',
  'linkedin_url', 'historical_open_count', 'historical_reply_count', 'historical_meeting_count', 'last_engaged_at', 'notes',
] as const;

const ALIAS_HEADERS: Record<(typeof LEGACY_COLUMNS)[number], string> = {
  company_name: 'Company', company_domain: 'Domain', company_website: 'Website', full_name: 'Full Name',
  first_name: 'First Name', last_name: 'Last Name', title: 'Job Title', email: 'Email Address', phone: 'Phone Number',
  linkedin_url: 'LinkedIn', historical_open_count: 'Opens', historical_reply_count: 'Replies',
  historical_meeting_count: 'Meetings', last_engaged_at: 'Last Engaged', notes: 'Notes',
};

export const MASTER_COMPANY_COLUMNS = [
  'company_unique_id', 'company_name', 'domain', 'website_url', 'locked_fields', 'manual_overrides',
  'manually_corrected_domain', 'notes_internal', 'source',
] as const;

export const MASTER_PEOPLE_COLUMNS = [
  'person_unique_id', 'company_unique_id', 'first_name', 'last_name', 'full_name', 'title', 'email', 'phone',
  'linkedin_url', 'locked_fields', 'manual_overrides', 'manually_corrected_email', 'manually_corrected_title',
  'notes_internal', 'source',
] as const;

export const TRUTH_COLUMNS = ['row_index', 'line', 'true_company', 'true_person', 'invalid', 'kind'] as const;

// PRNG stream tags
const T_COMPANY = 1;
const T_PERSON = 2;
const T_ROW = 3;
const T_ROWKIND = 4;
const T_MASTER_C = 5;
const T_MASTER_P = 6;

/** Sizes of the generated world. */
export interface World {
  seed: number;
  M: number; // master people
  Pn: number; // new people (not in master)
  Cm: number; // master companies
  Cn: number; // new companies
  mulMaster: number; // row -> master person bijection multiplier (coprime with M)
  mulNew: number;
  companyPrefix: string;
  personPrefix: string;
  minDigits: number;
}

const PRIMES = [7919, 104729, 1299709, 15485863, 32452843, 49979687];
function gcd(a: number, b: number): number {
  while (b) [a, b] = [b, a % b];
  return a;
}
function coprimeMultiplier(n: number): number {
  return PRIMES.find((p) => gcd(p % n || n, n) === 1 && p % n !== 0) ?? 1;
}

export function planWorld(spec: GenSpec): World {
  const M = Math.max(1, Math.floor(spec.masterPeople));
  const rows = Math.max(0, Math.floor(spec.rows));
  const Pn = Math.max(1, Math.ceil(rows * 0.3));
  return {
    seed: spec.seed >>> 0,
    M,
    Pn,
    Cm: Math.max(1, Math.round(M / 2.4)),
    Cn: Math.max(1, Math.ceil(Pn / 3)),
    mulMaster: coprimeMultiplier(M),
    mulNew: coprimeMultiplier(Pn),
    companyPrefix: spec.companyPrefix ?? '04.04.02.04.30000',
    personPrefix: spec.personPrefix ?? '04.04.02.04.20000',
    minDigits: spec.minDigits ?? 3,
  };
}

export function masterId(prefix: string, n: number, minDigits: number): string {
  return `${prefix}.${String(n).padStart(minDigits, '0')}`;
}

// ---------------------------------------------------------------- companies

export interface Company {
  index: number;
  brand: string; // 'Kavorinu'
  industry: string; // 'Logistics'
  name: string; // 'Kavorinu Logistics'
  domain: string; // 'kavorinu.com'
}

function capitalize(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}

/** A unique invented brand word per index (a bijection of the index onto 4 syllables). */
function brandOf(w: World, k: number): string {
  const x = ((Math.imul(k + 1, 0x2c1b3c6d) ^ mix32(w.seed, 77)) & 0xffffff) >>> 0;
  let s = '';
  for (let i = 0; i < 4; i++) {
    const syl = (x >>> (6 * i)) & 63;
    s += SYLLABLE_CONSONANTS[syl >> 2] + SYLLABLE_VOWELS[syl & 3];
  }
  return capitalize(s);
}

function isPairHead(w: World, k: number): boolean {
  return k % 2 === 0 && rngFor(w.seed, T_COMPANY, k)() < 0.08;
}

export function companyOf(w: World, k: number): Company {
  const r = rngFor(w.seed, T_COMPANY, k);
  r(); // the pair draw (isPairHead)
  const industryIdx = Math.floor(r() * INDUSTRIES.length);
  const tld = pick(r, TLDS);
  // similar but distinct: an odd company after a pair head shares its brand, not its industry or domain
  if (k % 2 === 1 && isPairHead(w, k - 1)) {
    const head = companyOf(w, k - 1);
    const industry = INDUSTRIES[(INDUSTRIES.indexOf(head.industry) + 1 + (industryIdx % (INDUSTRIES.length - 1))) % INDUSTRIES.length];
    const domain = `${head.brand}${industry.replace(/[^A-Za-z]/g, '')}.${tld}`.toLowerCase();
    return { index: k, brand: head.brand, industry, name: `${head.brand} ${industry}`, domain };
  }
  const brand = brandOf(w, k);
  const industry = INDUSTRIES[industryIdx];
  return { index: k, brand, industry, name: `${brand} ${industry}`, domain: `${brand.toLowerCase()}.${tld}` };
}

export function companyTruthId(w: World, k: number): string {
  return k < w.Cm ? masterId(w.companyPrefix, k + 1, w.minDigits) : `new:${k - w.Cm}`;
}

// ---------------------------------------------------------------- people

export interface Person {
  index: number;
  company: number;
  first: string;
  last: string;
  titleIdx: number;
  emailLocal: string;
  personalEmail: string;
  phone: string; // 10 digits
  slug: string; // linkedin slug
  locked: boolean;
}

export function asciiFold(s: string): string {
  return s
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/ø/g, 'o')
    .replace(/Ø/g, 'O')
    .replace(/[^A-Za-z]/g, '');
}

function companyOfPerson(w: World, j: number, r: Rng): number {
  if (j < w.M) return Math.min(w.Cm - 1, Math.floor((j * w.Cm) / w.M));
  return r() < 0.4 ? Math.floor(r() * w.Cm) : w.Cm + Math.min(w.Cn - 1, Math.floor(((j - w.M) * w.Cn) / w.Pn));
}

function baseName(w: World, j: number): [string, string] {
  const r = rngFor(w.seed, T_PERSON, j * 2 + 1);
  return [pick(r, FIRST_NAMES), pick(r, LAST_NAMES)];
}

export function personOf(w: World, j: number): Person {
  const r = rngFor(w.seed, T_PERSON, j * 2);
  const company = companyOfPerson(w, j, r);
  // namesakes: ~3% share the name of another person (usually at another company)
  const P = w.M + w.Pn;
  const [first, last] = chance(r, 0.03) ? baseName(w, (j + 1 + Math.floor(r() * 97)) % P) : baseName(w, j);
  const f = asciiFold(first).toLowerCase();
  const l = asciiFold(last).toLowerCase();
  const pattern = Math.floor(r() * 4);
  const emailLocal = pattern === 0 ? `${f}.${l}` : pattern === 1 ? `${f[0]}${l}` : pattern === 2 ? `${f}${l[0]}` : `${f}_${l}`;
  const personalEmail = `${f}${pick(r, ['', '.', '_'])}${l}${intBetween(r, 1, 99)}@${pick(r, PERSONAL_DOMAINS)}`;
  const phone = `${pick(r, AREA_CODES)}${intBetween(r, 2, 9)}${String(intBetween(r, 0, 999999)).padStart(6, '0')}`;
  return {
    index: j,
    company,
    first,
    last,
    titleIdx: Math.floor(r() * TITLES.length),
    emailLocal,
    personalEmail,
    phone,
    slug: `${f}-${l}-${(j + 4096).toString(36)}`,
    locked: j % 20 === 3,
  };
}

export function personTruthId(w: World, j: number): string {
  return j < w.M ? masterId(w.personPrefix, j + 1, w.minDigits) : `new:${j - w.M}`;
}

// ---------------------------------------------------------------- CSV

export function csvCell(v: string): string {
  return /[",\r\n]|^\s|\s$/.test(v) ? `"${v.replace(/"/g, '""')}"` : v;
}

function csvLine(cells: readonly string[]): string {
  return cells.map(csvCell).join(',') + '\n';
}

// ---------------------------------------------------------------- master tables

/** master_companies.csv, header first; blank cells are NULL for COPY ... CSV. */
export function* masterCompanyLines(spec: GenSpec): Generator<string> {
  const w = planWorld(spec);
  yield csvLine(MASTER_COMPANY_COLUMNS);
  for (let k = 0; k < w.Cm; k++) {
    const c = companyOf(w, k);
    const r = rngFor(w.seed, T_MASTER_C, k);
    const u = r();
    const name =
      u < 0.5 ? c.name : u < 0.7 ? `${c.name.toUpperCase()}, INC.` : u < 0.85 ? `${c.name} ${pick(r, ['LLC', 'Inc.', 'Corp', 'Group'])}` : c.name.toLowerCase();
    const d = r();
    const domain = d < 0.7 ? c.domain : d < 0.8 ? c.domain.toUpperCase() : d < 0.9 ? `www.${c.domain}` : '';
    const website = chance(r, 0.5) ? `https://www.${c.domain}` : '';
    const locked = k % 20 === 7;
    const lockKind = k % 3;
    yield csvLine([
      masterId(w.companyPrefix, k + 1, w.minDigits),
      name,
      domain,
      website,
      locked && lockKind === 0 ? '{company_name}' : locked && lockKind === 1 ? '{domain,website_url}' : '{}',
      locked && lockKind === 2 ? JSON.stringify({ company_name: c.name, reason: 'renamed by account owner' }) : '{}',
      locked && lockKind === 1 ? 'true' : 'false',
      chance(r, 0.1) ? 'Key account, handle with care' : '',
      'crm_import',
    ]);
  }
}

/** master_people.csv, header first. */
export function* masterPeopleLines(spec: GenSpec): Generator<string> {
  const w = planWorld(spec);
  yield csvLine(MASTER_PEOPLE_COLUMNS);
  for (let j = 0; j < w.M; j++) {
    const p = personOf(w, j);
    const c = companyOf(w, p.company);
    const r = rngFor(w.seed, T_MASTER_P, j);
    const full = chance(r, 0.1) ? `${p.first} ${p.last}`.toUpperCase() : `${p.first} ${p.last}`;
    const lockKind = j % 4;
    yield csvLine([
      personTruthId(w, j),
      companyTruthId(w, p.company),
      chance(r, 0.9) ? p.first : '',
      chance(r, 0.9) ? p.last : '',
      full,
      chance(r, 0.85) ? TITLES[p.titleIdx][0] : '',
      chance(r, 0.85) ? `${p.emailLocal}@${c.domain}` : '',
      chance(r, 0.5) ? `+1${p.phone}` : '',
      chance(r, 0.6) ? `https://www.linkedin.com/in/${p.slug}` : '',
      p.locked && lockKind === 0 ? '{title}' : p.locked && lockKind === 1 ? '{email,phone}' : '{}',
      p.locked && lockKind === 2 ? JSON.stringify({ title: TITLES[p.titleIdx][0], note: 'confirmed by phone' }) : '{}',
      p.locked && lockKind === 1 ? 'true' : 'false',
      p.locked && lockKind === 3 ? 'true' : 'false',
      chance(r, 0.05) ? 'Do not email: asked to be contacted by phone' : '',
      'crm_import',
    ]);
  }
}

// ---------------------------------------------------------------- legacy rows

function typo(r: Rng, s: string): string {
  if (s.length < 4) return s;
  const i = intBetween(r, 1, s.length - 2);
  const kind = Math.floor(r() * 3);
  if (kind === 0) return s.slice(0, i) + s[i + 1] + s[i] + s.slice(i + 2); // swap
  if (kind === 1) return s.slice(0, i) + s.slice(i + 1); // drop
  return s.slice(0, i) + s[i] + s.slice(i); // double
}

function casing(r: Rng, s: string, pUpper: number, pLower: number): string {
  const u = r();
  return u < pUpper ? s.toUpperCase() : u < pUpper + pLower ? s.toLowerCase() : s;
}

function companyNameVariant(r: Rng, c: Company): string {
  let name = chance(r, 0.05) ? `${typo(r, c.brand)} ${c.industry}` : c.name;
  if (chance(r, 0.6)) {
    const suffix = pick(r, LEGAL_SUFFIXES);
    name = suffix.startsWith(',') ? name + suffix : `${name} ${suffix}`;
  }
  return casing(r, name, 0.1, 0.1);
}

function domainCells(r: Rng, c: Company, workEmail: boolean): [string, string] {
  const u = r();
  let domain = '';
  if (u < 0.3) domain = c.domain;
  else if (u < 0.4) domain = `https://www.${c.domain}`;
  else if (u < 0.5) domain = c.domain.toUpperCase();
  else if (u < 0.6) domain = `www.${c.domain}`;
  else if (u < 0.68) domain = `${c.domain}/about`;
  else if (u < 0.73) domain = `http://${c.domain}:8080/`;
  // else blank: the website, or only the work email, gives the domain
  const v = r();
  let website = '';
  if (v < 0.15) website = `https://www.${c.domain}/`;
  else if (v < 0.25) website = `http://${c.domain}`;
  else if (v < 0.32) website = `www.${capitalize(c.domain)}/contact?utm_source=crm`;
  else if (v < 0.4) website = `HTTPS://WWW.${c.domain.toUpperCase()}`;
  if (!domain && !website && !workEmail) website = c.domain; // keep the company findable
  return [domain, website];
}

function emailCell(r: Rng, p: Person, c: Company): { cell: string; work: boolean } {
  const work = `${p.emailLocal}@${c.domain}`;
  const u = r();
  if (u < 0.6) return { cell: chance(r, 0.1) ? work.toUpperCase() : work, work: true };
  if (u < 0.75) {
    const sep = pick(r, ['; ', ', ', ' | ', ' ', ';']);
    return { cell: chance(r, 0.5) ? `${capitalize(work)}${sep}${p.personalEmail}` : `${p.personalEmail}${sep}${work}`, work: true };
  }
  if (u < 0.82) return { cell: p.personalEmail, work: false };
  if (u < 0.84) return { cell: `${p.emailLocal}@`, work: false }; // broken address
  return { cell: '', work: false };
}

function linkedinCell(r: Rng, p: Person): string {
  if (!chance(r, 0.55)) return '';
  const scheme = pick(r, ['https://', 'http://', '', 'https://']);
  const host = pick(r, ['www.linkedin.com', 'linkedin.com', 'uk.linkedin.com', 'www.LinkedIn.com']);
  const slug = chance(r, 0.15) ? p.slug.replace(/^./, (ch) => ch.toUpperCase()) : p.slug;
  const tail = pick(r, ['', '', '/', '?trk=public_profile', '/en', '/de/', '?originalSubdomain=uk']);
  return `${scheme}${host}/in/${slug}${tail}`;
}

function phoneCell(r: Rng, p: Person): string {
  if (!chance(r, 0.65)) return '';
  const a = p.phone.slice(0, 3);
  const b = p.phone.slice(3, 6);
  const d = p.phone.slice(6);
  return pick(r, [`(${a}) ${b}-${d}`, `${a}.${b}.${d}`, `+1 ${a} ${b} ${d}`, `${a}-${b}-${d} x${intBetween(r, 10, 999)}`, `1${p.phone}`, `${a}-${b}-${d}`]);
}

function dateCell(r: Rng): string {
  if (chance(r, 0.25)) return '';
  const y = intBetween(r, 2019, 2025);
  const m = intBetween(r, 1, 12);
  const d = intBetween(r, 1, 28);
  const mm = String(m).padStart(2, '0');
  const dd = String(d).padStart(2, '0');
  return pick(r, [`${y}-${mm}-${dd}`, `${m}/${d}/${y}`, `${y}-${mm}-${dd}T${String(intBetween(r, 0, 23)).padStart(2, '0')}:15:00Z`, `${mm}/${dd}/${y}`, `${y}-${mm}-${dd} 09:30`]);
}

function notesCell(r: Rng): string {
  const u = r();
  if (u < 0.85) return '';
  if (u < 0.99) return pick(r, NOTES);
  return `${pick(r, NOTES)}\nSecond line: "${pick(r, NOTES)}"`;
}

/** The cells of one legacy row showing person p at company c. */
function renderRow(r: Rng, p: Person, c: Company): string[] {
  const email = emailCell(r, p, c);
  const [domain, website] = domainCells(r, c, email.work);
  let first = p.first;
  let last = p.last;
  if (chance(r, 0.04)) last = typo(r, last);
  else if (chance(r, 0.03)) first = typo(r, first);
  const noLast = chance(r, 0.03);
  let full = noLast ? first : `${first} ${last}`;
  if (chance(r, 0.05)) full = `${pick(r, NAME_PREFIXES)} ${full}`;
  if (chance(r, 0.05)) {
    const s = pick(r, NAME_SUFFIXES);
    full = s.startsWith(',') ? full + s : `${full} ${s}`;
  }
  full = casing(r, full, 0.05, 0.04);
  const split = chance(r, 0.4);
  const title = chance(r, 0.9) ? pick(r, TITLES[p.titleIdx]) : '';
  const opens = chance(r, 0.4) ? 0 : intBetween(r, 1, 40);
  const replies = chance(r, 0.7) ? 0 : intBetween(r, 1, 6);
  const meetings = chance(r, 0.85) ? 0 : intBetween(r, 1, 3);
  const blankCounts = chance(r, 0.05);
  return [
    companyNameVariant(r, c),
    domain,
    website,
    full,
    split ? casing(r, first, 0.05, 0.05) : '',
    split && !noLast ? last : '',
    title,
    email.cell,
    phoneCell(r, p),
    linkedinCell(r, p),
    blankCounts ? '' : String(opens),
    blankCounts ? '' : String(replies),
    blankCounts ? '' : String(meetings),
    dateCell(r),
    notesCell(r),
  ];
}

type Kind = 'master_person' | 'new_person' | 'repeat' | 'duplicate' | 'invalid';

function basePersonOfRow(w: World, row: number): number {
  const v = rngFor(w.seed, T_ROWKIND, row * 2 + 1)();
  if (v < 0.3) return w.M + ((row * w.mulNew + 17) % w.Pn);
  return (row * w.mulMaster + 11) % w.M;
}

export interface LegacyLine {
  /** The CSV text of the record (with its newline); '' for the header's truth. */
  csv: string;
  /** The truth.csv line for the record. */
  truth: string;
}

function corrupt(r: Rng, cells: string[]): void {
  const u = r();
  if (u < 0.45) {
    cells[3] = '';
    cells[4] = '';
    cells[5] = '';
  } else if (u < 0.8) cells[10 + Math.floor(r() * 3)] = String(-intBetween(r, 1, 9));
  else if (u < 0.9) cells[11] = pick(r, ['2.5', 'ten', '99999999999']);
  else cells[0] = '';
}

/** legacy.csv and truth.csv in step: the first item is both headers. */
export function* legacyLines(spec: GenSpec): Generator<LegacyLine> {
  const w = planWorld(spec);
  const header = spec.aliasHeaders ? LEGACY_COLUMNS.map((c) => ALIAS_HEADERS[c]) : [...LEGACY_COLUMNS];
  yield { csv: csvLine(header), truth: csvLine(TRUTH_COLUMNS) };
  let line = 2;
  let prev: { csv: string; company: string; person: string; invalid: boolean } | null = null;
  const rows = Math.max(0, Math.floor(spec.rows));
  const emit = (index: number, csv: string, company: string, person: string, invalid: boolean, kind: string): LegacyLine => {
    const out = { csv, truth: csvLine([String(index), String(line), company, person, invalid ? 'true' : 'false', kind]) };
    line += csv.length - csv.replaceAll('\n', '').length; // the record's newlines, its terminator included
    return out;
  };
  for (let i = 0; i < rows; i++) {
    const r = rngFor(w.seed, T_ROW, i);
    const u = rngFor(w.seed, T_ROWKIND, i * 2)();
    if (prev && u < 0.02) {
      yield emit(i, prev.csv, prev.company, prev.person, prev.invalid, 'duplicate');
      continue;
    }
    let kind: Kind;
    let j: number;
    if (i > 0 && u >= 0.035 && u < 0.085) {
      kind = 'repeat';
      j = basePersonOfRow(w, i - 1 - Math.floor(r() * Math.min(i, 50)));
    } else {
      j = basePersonOfRow(w, i);
      kind = u < 0.035 ? 'invalid' : j < w.M ? 'master_person' : 'new_person';
    }
    const p = personOf(w, j);
    const cells = renderRow(r, p, companyOf(w, p.company));
    if (kind === 'invalid') corrupt(r, cells);
    const csv = csvLine(cells);
    const company = companyTruthId(w, p.company);
    const person = personTruthId(w, j);
    prev = { csv, company, person, invalid: kind === 'invalid' };
    yield emit(i, csv, company, person, kind === 'invalid', kind);
  }
  if (spec.showcase) {
    let i = rows;
    for (const s of showcaseRows(w)) {
      yield emit(i++, csvLine(s.cells), s.company, s.person, s.invalid, s.kind);
    }
  }
}

interface ShowcaseRow {
  kind: string;
  cells: string[];
  company: string;
  person: string;
  invalid: boolean;
}

/** Hand-made rows, one per matching case, built on the generated master records. */
function showcaseRows(w: World): ShowcaseRow[] {
  const out: ShowcaseRow[] = [];
  const row = (o: Partial<Record<(typeof LEGACY_COLUMNS)[number], string>>): string[] => LEGACY_COLUMNS.map((c) => o[c] ?? '');
  const at = (j: number) => {
    const p = personOf(w, Math.min(j, w.M - 1));
    return { p, c: companyOf(w, p.company) };
  };
  // perfect: exact domain, work email and LinkedIn of a master person
  {
    const { p, c } = at(1);
    out.push({
      kind: 'showcase_perfect',
      cells: row({ company_name: c.name, company_domain: c.domain, full_name: `${p.first} ${p.last}`, title: TITLES[p.titleIdx][0], email: `${p.emailLocal}@${c.domain}`, linkedin_url: `https://www.linkedin.com/in/${p.slug}`, historical_open_count: '12', historical_reply_count: '2', historical_meeting_count: '1', last_engaged_at: '2025-06-30' }),
      company: companyTruthId(w, p.company),
      person: personTruthId(w, p.index),
      invalid: false,
    });
  }
  // fuzzy: company only by its name with a legal suffix, person by a name with one typo, no email
  {
    const { p, c } = at(6);
    out.push({
      kind: 'showcase_fuzzy',
      cells: row({ company_name: `${c.name.toUpperCase()}, INC.`, full_name: `${p.first} ${typo(rngFor(w.seed, 99, 1), p.last)}`, title: TITLES[p.titleIdx][1] ?? '', historical_open_count: '4' }),
      company: companyTruthId(w, p.company),
      person: personTruthId(w, p.index),
      invalid: false,
    });
  }
  // borderline: a typo in the brand and a cut industry word: name similarity between the review floor and the auto threshold (~0.81 here)
  {
    const { p, c } = at(11);
    out.push({
      kind: 'showcase_borderline',
      cells: row({ company_name: `${typo(rngFor(w.seed, 99, 2), c.brand)} ${c.industry.slice(0, 3)}`, full_name: `${p.first.slice(0, 1)}. ${p.last}`, historical_reply_count: '1' }),
      company: companyTruthId(w, p.company),
      person: personTruthId(w, p.index),
      invalid: false,
    });
  }
  // new: a company and a person that exist nowhere else
  {
    const c = companyOf(w, w.Cm + w.Cn + 7);
    out.push({
      kind: 'showcase_new',
      cells: row({ company_name: `${c.name} LLC`, company_website: `https://www.${c.domain}/`, full_name: 'Dr. Ngozi Okafor-Bennett, PhD', title: 'Chief Human Resources Officer', email: `ngozi@${c.domain}; ngozi.ob@gmail.com`, phone: '(415) 555-0199', historical_open_count: '30', historical_reply_count: '5', historical_meeting_count: '2', last_engaged_at: '11/02/2025' }),
      company: `new:${w.Cn}`,
      person: `new:${w.Pn}`,
      invalid: false,
    });
  }
  // locked: a master person whose title / email a human corrected, with different incoming values
  {
    const { p, c } = at(3);
    out.push({
      kind: 'showcase_locked',
      cells: row({ company_name: c.name, company_domain: c.domain, full_name: `${p.first} ${p.last}`, title: 'Intern', email: `${p.emailLocal}@${c.domain}`, phone: '212-555-0142', linkedin_url: `https://www.linkedin.com/in/${p.slug}/`, historical_open_count: '3' }),
      company: companyTruthId(w, p.company),
      person: personTruthId(w, p.index),
      invalid: false,
    });
  }
  // invalid: no name; a negative count
  {
    const { p, c } = at(8);
    out.push({ kind: 'showcase_invalid', cells: row({ company_name: c.name, company_domain: c.domain, email: `${p.emailLocal}@${c.domain}` }), company: companyTruthId(w, p.company), person: personTruthId(w, p.index), invalid: true });
    out.push({ kind: 'showcase_invalid', cells: row({ company_name: c.name, full_name: `${p.first} ${p.last}`, historical_open_count: '-4' }), company: companyTruthId(w, p.company), person: personTruthId(w, p.index), invalid: true });
  }
  return out;
}
