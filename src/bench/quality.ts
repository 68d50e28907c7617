// Matching quality and speed on the generator's ground truth (issue 4's benchmark), in process:
// read + normalize the legacy CSV, build the index from the master CSVs, match, compare with truth.csv.
//
//   npm run build && node dist/bench/quality.js [--rows 1500 --master-people 1700] [--seed 42]
//
// Person precision = matched-to-existing decisions that chose the true person; recall = rows whose
// true person exists in master that were matched to it; duplicates = people the run would create that
// already exist (in master, or created twice from one file); company false merges = rows resolved to
// an existing company that is not the true one.

import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { loadConfig, PACKAGE_ROOT } from '../config/load.js';
import type { CompanyRecord, MasterSnapshot, PersonRecord } from '../core/types.js';
import { createMatcher } from '../core/match/match-rows.js';
import { decideAll, thresholdsOf } from '../pipeline/decide.js';
import { findDuplicateRows, loadFile, normalizeContextOf } from '../pipeline/prepare.js';
import { silent } from '../pipeline/events.js';
import { startCompanyPrefetch } from '../pipeline/prefetch.js';

function arg(name: string, dflt: string): string {
  const i = process.argv.indexOf(name);
  return i >= 0 ? process.argv[i + 1]! : dflt;
}

const arr = (s: string | undefined): string[] => (s && s.length > 2 ? s.slice(1, -1).split(',').map((x) => x.replace(/^"|"$/g, '')) : []);
const keys = (s: string | undefined): string[] => {
  try {
    const o = JSON.parse(s || '{}') as unknown;
    return o && typeof o === 'object' && !Array.isArray(o) ? Object.keys(o) : [];
  } catch {
    return [];
  }
};
const nul = (s: string | undefined): string | null => (s === undefined || s === '' ? null : s);
const bool = (s: string | undefined): boolean => s === 't' || s === 'true';

export function readMasterCsv(dir: string): MasterSnapshot {
  const c = parse(readFileSync(join(dir, 'master_companies.csv')), { columns: true }) as Record<string, string>[];
  const p = parse(readFileSync(join(dir, 'master_people.csv')), { columns: true }) as Record<string, string>[];
  const companies: CompanyRecord[] = c.map((r) => ({
    id: r.company_unique_id!,
    name: r.company_name!,
    domain: nul(r.domain),
    websiteUrl: nul(r.website_url),
    locks: { lockedFields: arr(r.locked_fields), manualOverrideKeys: keys(r.manual_overrides), manuallyCorrectedDomain: bool(r.manually_corrected_domain) },
  }));
  const people: PersonRecord[] = p.map((r) => ({
    id: r.person_unique_id!,
    companyId: nul(r.company_unique_id),
    firstName: nul(r.first_name),
    lastName: nul(r.last_name),
    fullName: r.full_name!,
    title: nul(r.title),
    email: nul(r.email),
    phone: nul(r.phone),
    linkedinUrl: nul(r.linkedin_url),
    locks: { lockedFields: arr(r.locked_fields), manualOverrideKeys: keys(r.manual_overrides), manuallyCorrectedEmail: bool(r.manually_corrected_email), manuallyCorrectedTitle: bool(r.manually_corrected_title) },
  }));
  return { companies, people };
}

async function main(): Promise<void> {
  const rows = Number(arg('--rows', '1500'));
  const masterPeople = Number(arg('--master-people', '1700'));
  const seed = arg('--seed', '42');
  const dir = join(PACKAGE_ROOT, '.bench', `gen-${rows}-${masterPeople}${seed === '42' ? '' : `-s${seed}`}`);
  if (!existsSync(join(dir, 'truth.csv'))) {
    mkdirSync(dir, { recursive: true });
    const r = spawnSync(process.execPath, [join(PACKAGE_ROOT, 'dist', 'gen', 'cli.js'), '--rows', String(rows), '--master-people', String(masterPeople), '--seed', seed, '--out', dir], { stdio: 'inherit' });
    if (r.status !== 0) throw new Error('generator failed');
  }
  const resolved = loadConfig(arg('--config', join(PACKAGE_ROOT, 'config', 'backfill_config.json')));
  const ctx = normalizeContextOf(resolved);
  let t = performance.now();
  const file = await loadFile(join(dir, 'legacy.csv'), resolved, ctx, silent);
  const readMs = performance.now() - t;
  const master = readMasterCsv(dir);
  t = performance.now();
  const matcher = createMatcher(master, ctx);
  const indexMs = performance.now() - t;
  const duplicates = findDuplicateRows(file.rows.heads(), new Set());
  const prep = { file, master, duplicates, matcher, ctx };
  t = performance.now();
  // As the pipeline does (RunSession.prepare): distinct company keys' master candidates on a worker thread alongside the row loop.
  const started = startCompanyPrefetch(matcher, [...file.rows].filter((r) => !duplicates.has(r.index)));
  const decided = decideAll(prep, thresholdsOf(resolved), new Map());
  const prefetch = await started.stop();
  const matchMs = performance.now() - t;
  t = performance.now();
  decideAll(prep, { ...thresholdsOf(resolved), companyAuto: 0.92 }, new Map());
  const rematchMs = performance.now() - t;

  const truth = parse(readFileSync(join(dir, 'truth.csv')), { columns: true }) as Record<string, string>[];
  const isMaster = (id: string): boolean => !id.startsWith('new:');
  let matchedExisting = 0;
  let matchedCorrect = 0;
  let existingTruth = 0;
  let recalled = 0;
  let createdExisting = 0;
  let falseMerges = 0;
  const falseMergeExamples: unknown[] = [];
  let processed = 0;
  let unresolved = 0;
  const provByTruth = new Map<string, Set<string>>();
  for (const d of decided.decisions) {
    const tr = truth[d.index]!;
    if (d.status === 'invalid' || d.status === 'duplicate') continue;
    processed++;
    if (d.status === 'unresolved') {
      unresolved++;
      if (isMaster(tr.true_person!)) existingTruth++;
      continue;
    }
    const c = d.company!;
    const p = d.person!;
    if (c.targetId && isMaster(c.targetId) && c.targetId !== tr.true_company) {
      falseMerges++;
      const row = file.rows.at(d.index);
      if (falseMergeExamples.length < 10) {
        falseMergeExamples.push({ line: row.line, company: row.companyName, domain: row.domain, rule: c.rule, chosen: c.best?.label ?? c.targetId, truth: tr.true_company });
      }
    }
    if (isMaster(tr.true_person!)) existingTruth++;
    if (p.outcome === 'matched' && p.targetId && isMaster(p.targetId)) {
      matchedExisting++;
      if (p.targetId === tr.true_person) matchedCorrect++;
    }
    if (isMaster(tr.true_person!) && p.targetId === tr.true_person) recalled++;
    if (p.targetId && !isMaster(p.targetId)) {
      if (isMaster(tr.true_person!)) createdExisting++;
      else {
        const s = provByTruth.get(tr.true_person!) ?? new Set<string>();
        s.add(p.targetId);
        provByTruth.set(tr.true_person!, s);
      }
    }
  }
  let inFileDupes = 0;
  for (const s of provByTruth.values()) inFileDupes += s.size - 1;
  const out = {
    rows,
    master_people: masterPeople,
    master_companies: master.companies.length,
    read_normalize_ms: Math.round(readMs),
    index_ms: Math.round(indexMs),
    match_ms: Math.round(matchMs),
    prefetched_company_keys: prefetch.keys,
    prefetched_on_worker: prefetch.onWorker,
    rematch_ms: Math.round(rematchMs),
    person_precision: +(matchedCorrect / Math.max(1, matchedExisting)).toFixed(4),
    person_recall_existing: +(recalled / Math.max(1, existingTruth)).toFixed(4),
    duplicates_created: createdExisting + inFileDupes,
    duplicates_of_master: createdExisting,
    duplicates_in_file: inFileDupes,
    fallout_rate: +(unresolved / Math.max(1, processed)).toFixed(4),
    company_false_merges: falseMerges,
    false_merge_examples: falseMergeExamples,
    counts: decided.match.counts,
    fallout_reasons: (() => {
      const m: Record<string, number> = {};
      for (const d of decided.decisions) {
        if (d.status !== 'unresolved') continue;
        const e = d.company?.outcome === 'borderline' ? d.company : d.person;
        const k = `${e?.entity}:${e?.rule}`;
        m[k] = (m[k] ?? 0) + 1;
      }
      return m;
    })(),
    fallout_examples: decided.decisions.filter((d) => d.status === 'unresolved').slice(0, Number(arg('--examples', '0'))).map((d) => {
      const e = d.company?.outcome === 'borderline' ? d.company : d.person;
      return { line: d.line, truth: truth[d.index]?.true_company + ' ' + truth[d.index]?.kind, reason: e?.reason, compared: e?.compared, best: e?.best && { id: e.best.id, label: e.best.label, score: e.best.score, values: e.best.values }, runner: e?.runnerUp && { id: e.runnerUp.id, label: e.runnerUp.label, score: e.runnerUp.score } };
    }),
    heap_mb: Math.round(process.memoryUsage().heapUsed / 1048576),
    rss_peak_mb: Math.round(process.resourceUsage().maxRSS / 1024),
  };
  process.stdout.write(JSON.stringify(out, null, 2) + '\n');
}

if (process.argv[1]?.endsWith('quality.js')) {
  main().catch((err) => {
    process.stderr.write(`${(err as Error).stack}\n`);
    process.exit(1);
  });
}
