// Matching benchmark on a seeded synthetic world with ground truth (the generator in src/gen will give
// a richer one; this keeps the matcher measurable on its own).
//
//   node dist/bench/match.js [--sizes small,100k,1m] [--seed 7] [--config FILE]
//
// Prints per scenario: index build time, match time (first run), re-run time with other thresholds
// (memoized: no fuzzball work), person precision / recall against the truth, duplicates that would be
// created, fallout rate, company false merges, and the trigram index's recall of the true best company
// candidate against a brute-force scan over every master key.

import { loadConfig } from '../config/load.js';
import { companyNameScore } from '../core/match/compare.js';
import { COMPANY_TOP_K, createMatcher } from '../core/match/match-rows.js';
import { createNormalizeContext } from '../core/normalize/context.js';
import { normalizeRecord } from '../core/normalize/row.js';
import type { CanonicalColumn, CompanyRecord, MasterSnapshot, NormalizedRow, PersonRecord, Thresholds } from '../core/types.js';

import { mulberry32, type Rng } from '../gen/prng.js';

const pick = <T>(r: Rng, xs: ArrayLike<T>): T => xs[Math.floor(r() * xs.length)]!;

const CONS = 'bdfgklmnprstvzch';
const VOW = 'aeiou';
const WORDS = ['Systems', 'Labs', 'Solutions', 'Partners', 'Capital', 'Health', 'Energy', 'Digital', 'Foods', 'Logistics', 'Media', 'Robotics', 'Analytics', 'Bank', 'Insurance', 'Motors', 'Pharma', 'Studios'];
const SUFFIXES = ['', '', ' Inc', ' Inc.', ' LLC', ' Corp', ' Corporation', ', Inc.', ' Ltd', ' Group', ' Co.'];
const FIRST = ['James', 'Mary', 'John', 'Patricia', 'Robert', 'Jennifer', 'Michael', 'Linda', 'William', 'Elizabeth', 'David', 'Barbara', 'Richard', 'Susan', 'Joseph', 'Jessica', 'Thomas', 'Sarah', 'Charles', 'Karen', 'Chris', 'Nancy', 'Daniel', 'Lisa', 'Matthew', 'Betty', 'Anthony', 'Margaret', 'Mark', 'Sandra', 'Donald', 'Ashley', 'Steven', 'Kimberly', 'Paul', 'Emily', 'Andrew', 'Donna', 'Joshua', 'Michelle', 'Kenneth', 'Carol', 'Kevin', 'Amanda', 'Brian', 'Melissa', 'George', 'Deborah', 'Timothy', 'Stephanie', 'Ronald', 'Rebecca', 'Jason', 'Sharon', 'Edward', 'Laura', 'Jeffrey', 'Cynthia', 'Ryan', 'Amy', 'José', 'Zoë', 'Siobhan', 'Raj', 'Wei', 'Aisha'];
const LAST = ['Smith', 'Johnson', 'Williams', 'Brown', 'Jones', 'Garcia', 'Miller', 'Davis', 'Rodriguez', 'Martinez', 'Hernandez', 'Lopez', 'Gonzalez', 'Wilson', 'Anderson', 'Thomas', 'Taylor', 'Moore', 'Jackson', 'Martin', 'Lee', 'Perez', 'Thompson', 'White', 'Harris', 'Sanchez', 'Clark', 'Ramirez', 'Lewis', 'Robinson', 'Walker', 'Young', 'Allen', 'King', 'Wright', 'Scott', 'Torres', 'Nguyen', 'Hill', 'Flores', 'Green', 'Adams', 'Nelson', 'Baker', 'Hall', 'Rivera', 'Campbell', 'Mitchell', 'Carter', 'Roberts', "O'Brien", 'McDonald', 'Müller', 'van der Berg', 'Kowalski', 'Nakamura', 'Okafor', 'Haddad', 'Petrov', 'Larsen'];
const TITLES = ['VP Sales', 'CEO', 'CTO', 'Director of Marketing', 'Sales Manager', 'HR Lead', 'Engineer', 'CFO', 'Account Executive', 'Head of Operations'];

function word(r: Rng, syll: number): string {
  let w = '';
  for (let i = 0; i < syll; i++) w += pick(r, CONS) + pick(r, VOW) + (r() < 0.3 ? pick(r, CONS) : '');
  return w[0]!.toUpperCase() + w.slice(1);
}

function typo(s: string, r: Rng): string {
  const i = 1 + Math.floor(r() * (s.length - 1));
  const c = pick(r, 'abcdefghiklmnoprstuvwy');
  const k = r();
  if (k < 0.35) return s.slice(0, i) + c + s.slice(i + 1);
  if (k < 0.6) return s.slice(0, i) + s.slice(i + 1);
  if (k < 0.85) return s.slice(0, i) + c + s.slice(i);
  return i + 1 < s.length ? s.slice(0, i) + s[i + 1] + s[i] + s.slice(i + 2) : s;
}

interface WorldCompany {
  name: string;
  domain: string;
  inMaster: boolean;
  masterDomain: boolean; // the master row has its domain
}
interface WorldPerson {
  company: number;
  first: string;
  last: string;
  email: string | null;
  linkedin: string | null;
  title: string;
  inMaster: boolean;
}

interface Scenario {
  name: string;
  companies: number;
  people: number;
  rows: number;
}

const SCENARIOS: Record<string, Scenario> = {
  small: { name: '1.5k rows vs ~1.7k master records', companies: 900, people: 1400, rows: 1500 },
  '100k': { name: '100k rows vs ~100k master records', companies: 45000, people: 110000, rows: 100000 },
  '1m': { name: '1M rows vs ~1M master records', companies: 400000, people: 1000000, rows: 1000000 },
};

function buildWorld(s: Scenario, seed: number) {
  const r = mulberry32(seed);
  const companies: WorldCompany[] = [];
  const names = new Set<string>();
  while (companies.length < s.companies) {
    const base = word(r, 2 + Math.floor(r() * 2));
    const name = r() < 0.55 ? `${base} ${pick(r, WORDS)}` : base;
    if (names.has(name.toLowerCase())) continue;
    names.add(name.toLowerCase());
    const domain = `${name.toLowerCase().replace(/[^a-z]/g, '')}.${pick(r, ['com', 'com', 'io', 'net', 'co.uk'])}`;
    companies.push({ name, domain, inMaster: r() < 0.75, masterDomain: r() < 0.8 });
  }
  const people: WorldPerson[] = [];
  const handles = new Set<string>();
  for (let i = 0; i < s.people; i++) {
    const company = Math.floor(r() * companies.length);
    const first = pick(r, FIRST);
    const last = pick(r, LAST);
    const c = companies[company]!;
    let handle = `${first}.${last}`.toLowerCase().replace(/[^a-z.]/g, '');
    if (handles.has(`${handle}@${c.domain}`)) handle += i;
    handles.add(`${handle}@${c.domain}`);
    people.push({
      company,
      first,
      last,
      email: r() < 0.85 ? `${handle}@${c.domain}` : null,
      linkedin: r() < 0.6 ? `https://www.linkedin.com/in/${handle.replace('.', '-')}-${i.toString(36)}` : null,
      title: pick(r, TITLES),
      inMaster: c.inMaster && r() < 0.7,
    });
  }
  return { companies, people };
}

function buildMaster(world: ReturnType<typeof buildWorld>, r: Rng): { master: MasterSnapshot; companyId: (string | null)[]; personId: (string | null)[] } {
  const locks = { lockedFields: [], manualOverrideKeys: [] };
  const companies: CompanyRecord[] = [];
  const companyId: (string | null)[] = [];
  world.companies.forEach((c, i) => {
    if (!c.inMaster) return companyId.push(null);
    const id = `04.04.02.04.30000.${String(i + 1).padStart(6, '0')}`;
    companyId.push(id);
    const messy = r() < 0.3 ? `${c.name.toUpperCase()}${pick(r, SUFFIXES).toUpperCase()}` : `${c.name}${pick(r, SUFFIXES)}`;
    companies.push({ id, name: messy, domain: c.masterDomain ? (r() < 0.2 ? `WWW.${c.domain.toUpperCase()}` : c.domain) : null, websiteUrl: null, locks });
  });
  const people: PersonRecord[] = [];
  const personId: (string | null)[] = [];
  world.people.forEach((p, i) => {
    if (!p.inMaster) return personId.push(null);
    const id = `04.04.02.04.20000.${String(i + 1).padStart(7, '0')}`;
    personId.push(id);
    people.push({
      id,
      companyId: companyId[p.company]!,
      firstName: p.first,
      lastName: p.last,
      fullName: r() < 0.2 ? `${p.first} ${p.last}`.toUpperCase() : `${p.first} ${p.last}`,
      title: p.title,
      email: p.email && r() < 0.8 ? (r() < 0.2 ? p.email.toUpperCase() : p.email) : null,
      phone: null,
      linkedinUrl: p.linkedin && r() < 0.7 ? p.linkedin : null,
      locks,
    });
  });
  return { master: { companies, people }, companyId, personId };
}

/** Rows: each a noisy view of one world person; ~5% of people appear twice. Returns the row's true person. */
function buildRows(world: ReturnType<typeof buildWorld>, n: number, r: Rng): { cells: Partial<Record<CanonicalColumn, string>>[]; truth: number[] } {
  const cells: Partial<Record<CanonicalColumn, string>>[] = [];
  const truth: number[] = [];
  // Existing people are favoured so that recall is measured on many of them.
  const existing = world.people.map((p, i) => (p.inMaster ? i : -1)).filter((i) => i >= 0);
  const fresh = world.people.map((p, i) => (p.inMaster ? -1 : i)).filter((i) => i >= 0);
  for (let k = 0; k < n; k++) {
    const pi = k > 0 && r() < 0.05 ? truth[Math.floor(r() * k)]! : r() < 0.6 ? pick(r, existing) : pick(r, fresh);
    const p = world.people[pi]!;
    const c = world.companies[p.company]!;
    let cname = c.name;
    if (r() < 0.15) cname = typo(cname, r);
    cname += pick(r, SUFFIXES);
    if (r() < 0.2) cname = cname.toUpperCase();
    let full = `${p.first} ${p.last}`;
    if (r() < 0.12) full = typo(full, r);
    if (r() < 0.1) full = full.toLowerCase();
    const row: Partial<Record<CanonicalColumn, string>> = { company_name: cname, full_name: full, title: p.title };
    if (r() < 0.5) row.company_domain = r() < 0.5 ? c.domain : `https://www.${c.domain}/about`;
    if (p.email && r() < 0.75) row.email = r() < 0.2 ? `${p.email}; ${p.first.toLowerCase()}${k}@gmail.com` : p.email;
    else if (r() < 0.2) row.email = `${p.first.toLowerCase()}.${k}@gmail.com`;
    if (p.linkedin && r() < 0.5) row.linkedin_url = r() < 0.5 ? `${p.linkedin}/` : p.linkedin.replace('https://www.', 'http://uk.');
    cells.push(row);
    truth.push(pi);
  }
  return { cells, truth };
}

function ms(t0: bigint): number {
  return Number(process.hrtime.bigint() - t0) / 1e6;
}

/** CPU time (user + system) of this process since `c0`, in ms: less noisy than wall time on a busy machine. */
function cpuMs(c0: NodeJS.CpuUsage): number {
  const c = process.cpuUsage(c0);
  return (c.user + c.system) / 1000;
}

function run(s: Scenario, seed: number, configPath: string | undefined): void {
  const resolved = loadConfig(configPath);
  const ctx = createNormalizeContext(resolved);
  const m = resolved.config.matching;
  const thresholds: Thresholds = { companyAuto: m.company_auto, personAuto: m.person_auto, reviewFloor: m.review_floor, nearTieMargin: m.near_tie_margin };
  const r = mulberry32(seed * 31 + 1);
  const world = buildWorld(s, seed);
  const { master, companyId, personId } = buildMaster(world, r);
  const { cells, truth } = buildRows(world, s.rows, r);
  const rows: NormalizedRow[] = cells.map((values, index) =>
    normalizeRecord({ index, line: index + 2, raw: values as Record<string, string>, values, issues: [] }, ctx),
  );

  let t = process.hrtime.bigint();
  let c0 = process.cpuUsage();
  const matcher = createMatcher(master, ctx);
  const buildMs = ms(t);
  const buildCpu = cpuMs(c0);
  t = process.hrtime.bigint();
  c0 = process.cpuUsage();
  const res = matcher.match(rows, thresholds, new Map());
  const matchMs = ms(t);
  const matchCpu = cpuMs(c0);
  const work = matcher.scoreComputations;
  t = process.hrtime.bigint();
  c0 = process.cpuUsage();
  matcher.match(rows, { ...thresholds, companyAuto: 0.85, personAuto: 0.85 }, new Map());
  const rerunMs = ms(t);
  const rerunCpu = cpuMs(c0);
  if (process.env.BENCH_REPEAT) {
    for (let i = 0; i < Number(process.env.BENCH_REPEAT); i++) {
      const t2 = process.hrtime.bigint();
      matcher.match(rows, thresholds, new Map());
      process.stderr.write(`repeat ${i}: ${ms(t2).toFixed(0)} ms\n`);
    }
  }
  const rerunWork = matcher.scoreComputations - work;

  // Quality against the truth.
  let matchedExisting = 0;
  let correct = 0;
  let existingRows = 0;
  let recalled = 0;
  let falseMerges = 0;
  let fallout = 0;
  const createdFor = new Map<number, Set<string>>(); // true person -> provisional ids created for them
  for (let i = 0; i < rows.length; i++) {
    const d = res.decisions[i]!;
    const p = world.people[truth[i]!]!;
    const trueId = personId[truth[i]!]!;
    if (trueId !== null) existingRows++;
    if (d.status !== 'resolved') {
      fallout++;
      continue;
    }
    const cRef = d.company!.targetId!;
    if (!cRef.startsWith('new:') && cRef !== companyId[p.company]) falseMerges++;
    const pRef = d.person!.targetId!;
    if (pRef.startsWith('new:')) {
      let set = createdFor.get(truth[i]!);
      if (!set) createdFor.set(truth[i]!, (set = new Set()));
      set.add(pRef);
    } else {
      matchedExisting++;
      if (pRef === trueId) correct++;
    }
    if (trueId !== null && pRef === trueId) recalled++;
  }
  const falloutRules = new Map<string, number>();
  for (const d of res.decisions) {
    if (d.status !== 'unresolved') continue;
    const e = d.company?.outcome === 'borderline' ? d.company : d.person;
    falloutRules.set(e?.rule ?? '?', (falloutRules.get(e?.rule ?? '?') ?? 0) + 1);
  }
  let duplicates = 0;
  for (const [pi, set] of createdFor) duplicates += set.size - (personId[pi] === null ? 1 : 0);

  // Index recall: for distinct row company keys, does the index return the brute-force best key?
  const keys = [...new Set(rows.map((x) => x.companyKey))].slice(0, s.rows > 10000 ? 400 : 1500);
  const masterKeys = [...new Set(matcher.index.companyKeys)];
  let relevant = 0;
  let kept = 0;
  const tIdx = process.hrtime.bigint();
  for (const k of keys) {
    let best = 0;
    for (const mk of masterKeys) {
      const sc = companyNameScore(k, mk);
      if (sc > best) best = sc;
    }
    if (best < thresholds.reviewFloor) continue;
    relevant++;
    let got = 0;
    for (const h of matcher.index.companyKeyGrams.query(k, COMPANY_TOP_K)) got = Math.max(got, companyNameScore(k, matcher.index.companyKeys[h.entry]!));
    if (got === best) kept++;
  }
  const bruteMs = ms(tIdx);

  const pctS = (a: number, b: number) => (b === 0 ? 'n/a' : `${((100 * a) / b).toFixed(2)}%`);
  const lines = [
    `== ${s.name} (seed ${seed}) — master ${master.companies.length} companies + ${master.people.length} people, ${rows.length} rows`,
    `index build            ${buildMs.toFixed(0)} ms wall, ${buildCpu.toFixed(0)} ms CPU`,
    `match (first run)      ${matchMs.toFixed(0)} ms wall, ${matchCpu.toFixed(0)} ms CPU (${work} fuzzball computations, ${((rows.length / matchMs) * 1000).toFixed(0)} rows/s)`,
    `re-run other thresholds ${rerunMs.toFixed(0)} ms wall, ${rerunCpu.toFixed(0)} ms CPU (${rerunWork} new fuzzball computations)`,
    `person precision       ${pctS(correct, matchedExisting)}  (${matchedExisting - correct} wrong of ${matchedExisting} matched to existing people)`,
    `person recall          ${pctS(recalled, existingRows)}  (rows of existing people resolved to the right person)`,
    `duplicates created     ${duplicates}`,
    `fallout                ${pctS(fallout, rows.length)}  (${fallout} rows; counts ${JSON.stringify({ perfect: res.counts.perfect, autoFuzzy: res.counts.autoFuzzy, borderline: res.counts.borderline, new: res.counts.new })})`,
    `fallout by rule        ${[...falloutRules].sort((a, b) => b[1] - a[1]).map(([k, v]) => `${k} ${v}`).join(', ')}`,
    `company false merges   ${falseMerges}`,
    `index recall           ${pctS(kept, relevant)}  of ${relevant} distinct row keys with a master key >= floor (brute force ${bruteMs.toFixed(0)} ms for ${keys.length} keys)`,
    `heap used              ${(process.memoryUsage().heapUsed / 1e6).toFixed(0)} MB`,
  ];
  process.stdout.write(lines.join('\n') + '\n');
}

function main(): void {
  const argv = process.argv.slice(2);
  const arg = (name: string, dflt: string) => {
    const i = argv.indexOf(name);
    return i >= 0 && argv[i + 1] ? argv[i + 1]! : dflt;
  };
  const seed = Number(arg('--seed', '7'));
  for (const name of arg('--sizes', 'small,100k').split(',')) {
    const s = SCENARIOS[name];
    if (!s) throw new Error(`unknown size ${name} (known: ${Object.keys(SCENARIOS).join(', ')})`);
    run(s, seed, argv.includes('--config') ? arg('--config', '') : undefined);
  }
}

main();
