// One CSV record -> one normalized row: every field normalized (with the rules that changed it), and the row-level
// validation issues (SPEC §3): errors make the row unusable, warnings say what was dropped or guessed.

import type { CanonicalColumn, Issue, NormalizedRow, Severity, SourceRecord } from '../types.js';
import { normalizeCompanyName } from './company-name.js';
import type { NormalizeContext } from './context.js';
import { parseCount, type CountProblem } from './counts.js';
import { parseEngagedAt } from './date.js';
import { domainOfEmail, isPersonalDomain, normalizeDomain } from './domain.js';
import { normalizeEmails } from './email.js';
import { foldKey } from './key.js';
import { normalizeLinkedin } from './linkedin.js';
import { normalizeNamePart, normalizePersonName } from './person-name.js';
import { normalizePhone } from './phone.js';
import { rowHash } from './row-hash.js';
import { isBlankCell } from './text.js';
import { normalizeTitle } from './title.js';
import { shared } from '../tight.js';
import { Interner } from '../intern.js';

/** Stable issue codes produced here (the CSV reader adds its own). */
export const ROW_ISSUE_CODES = {
  errors: [
    'company_name_missing',
    'company_name_only_suffix',
    'full_name_missing',
    'count_negative',
    'count_fractional',
    'count_not_a_number',
    'count_too_large',
  ],
  warnings: [
    'domain_invalid',
    'domain_personal',
    'email_invalid',
    'email_personal_only',
    'phone_unparseable',
    'phone_not_valid',
    'linkedin_not_profile',
    'date_unparseable',
    'name_split_guessed',
  ],
} as const;

const COUNT_MESSAGES: Record<Exclude<CountProblem, null>, string> = {
  negative: 'is negative; counts must be whole numbers of 0 or more — fix the cell',
  fractional: 'is not a whole number; counts must be whole numbers of 0 or more — fix the cell',
  not_a_number: 'is not a number; counts must be whole numbers of 0 or more (blank = 0) — fix the cell',
  too_large: 'is larger than 2147483647, the largest count that can be stored — fix the cell',
};

const MAX_QUOTED = 80;

/** A cell value quoted for a message, shortened when long. */
function q(value: string): string {
  const v = value.length > MAX_QUOTED ? `${value.slice(0, MAX_QUOTED - 1)}…` : value;
  return `'${v}'`;
}

const blank = isBlankCell;

/**
 * The rules of a field that nothing changed, and the fixed rule lists below: one shared, frozen array
 * each instead of a new array for each of the ~10 such fields of every row (garbage collection is a
 * tenth of the normalization time); frozen so that a consumer that tried to add to one fails loudly
 * instead of changing every row.
 */
const NO_RULES = shared<string>([]);
const DOMAIN_COLUMNS = ['company_domain', 'company_website'] as const;
const COUNT_COLUMNS = ['historical_open_count', 'historical_reply_count', 'historical_meeting_count'] as const;
const COUNT_PARSED = shared(['count.parsed']);
const DATE_UNPARSEABLE = shared(['date.unparseable']);
const DATE_ISO_UTC = shared(['date.iso_utc']);
/** The row's list when nothing was changed, found or dropped: shared, frozen (see NO_RULES). */
const NO_ISSUES = shared<Issue>([]);
const NO_EMAILS = shared<string>([]);

/**
 * 'column:rule' strings, made once each (a row keeps pointers to them, not copies). Looked up by the
 * two strings the normalizers already have, so a lookup builds no string.
 */
const ruleNames = new Map<string, Map<string, string>>();
function ruleName(column: CanonicalColumn, rule: string): string {
  let byRule = ruleNames.get(column);
  if (byRule === undefined) ruleNames.set(column, (byRule = new Map()));
  let s = byRule.get(rule);
  if (s === undefined) {
    byRule.set(rule, (s = `${column}:${rule}`));
    ruleNameOf.set(s, s);
  }
  return s;
}
/** The same strings by themselves (reshareRow: a copy made on another thread -> the one made here). */
const ruleNameOf = new Map<string, string>();

/**
 * Rows share their list of rules: a file has a few hundred distinct combinations, and a list per row
 * cost ~90 bytes (90 MB at 1M rows). Shared lists are frozen, as NO_RULES. Past MAX_RULE_LISTS
 * distinct lists (a hostile file), further ones are kept per row.
 */
const ruleLists = new Map<string, string[]>();
const MAX_RULE_LISTS = 10_000;
function internRules(applied: string[]): string[] {
  const key = applied.join('\n');
  let list = ruleLists.get(key);
  if (list === undefined) {
    list = shared(applied.slice());
    if (ruleLists.size < MAX_RULE_LISTS) ruleLists.set(key, list);
  }
  return list;
}

export function normalizeRecord(rec: SourceRecord, ctx: NormalizeContext): NormalizedRow {
  const v = rec.values;
  const issues: Issue[] = rec.issues.slice();
  let hasError = false;
  for (const i of issues) if (i.severity === 'error') hasError = true;
  let applied: string[] = NO_RULES;
  const add = (code: string, column: CanonicalColumn | null, severity: Severity, message: string): void => {
    if (severity === 'error') hasError = true;
    issues.push({ code, line: rec.line, column, severity, message });
  };
  /** Records the rules that changed a field of the file (the normalized value itself is on the row). */
  const trace = (column: CanonicalColumn, rules: readonly string[]): void => {
    if (rules.length === 0 || v[column] === undefined) return;
    if (applied === NO_RULES) applied = [];
    for (const r of rules) applied.push(ruleName(column, r));
  };

  // Company name (required).
  let companyName = '';
  let companyKey = '';
  if (blank(v.company_name)) {
    add('company_name_missing', 'company_name', 'error', 'company_name is empty; the row cannot be imported — fill in the company name');
  } else {
    const cn = normalizeCompanyName(v.company_name!, ctx);
    companyName = cn.value;
    companyKey = cn.key;
    if (cn.value === '') {
      add(
        'company_name_only_suffix',
        'company_name',
        'error',
        `company name ${q(v.company_name!.trim())} is only a legal suffix, no name is left; the row cannot be imported — write the company's real name`,
      );
    }
    trace('company_name', cn.rules);
  }

  // Emails first: the domain may come from the preferred work address.
  let email: string | null = null;
  let emails: string[] = NO_EMAILS;
  if (!blank(v.email)) {
    const er = normalizeEmails(v.email!, ctx);
    email = er.preferred;
    emails = er.all.length > 0 ? er.all.slice() : NO_EMAILS; // exact length (a pushed-to array keeps spare slots)
    for (const bad of er.invalid) {
      add('email_invalid', 'email', 'warning', `email ${q(bad)} is not a valid address; it was dropped — fix the cell to keep it`);
    }
    if (er.personalOnly) {
      add(
        'email_personal_only',
        'email',
        'warning',
        `only a personal address (${er.all.join(', ')}) is given; it is kept for the person but never used as the company domain — add a work address to match by domain`,
      );
    }
    trace('email', er.rules);
  }

  // Domain: company_domain, else company_website, else the preferred work email.
  let domain: string | null = null;
  let domainSource: NormalizedRow['domainSource'] = null;
  for (const column of DOMAIN_COLUMNS) {
    const raw = v[column];
    if (blank(raw)) continue;
    const d = normalizeDomain(raw!, ctx);
    if (d.value === null) {
      add('domain_invalid', column, 'warning', `${column} ${q(raw!.trim())} has no usable domain; it was not used — write a domain such as acme.com`);
    } else if (d.rules.includes('domain.personal')) {
      // normalizeDomain adds 'domain.personal' exactly when isPersonalDomain(d.value, ctx) holds.
      add('domain_personal', column, 'warning', `${column} ${q(raw!.trim())} is a personal email domain; it was not used as the company domain — write the company's own domain`);
    } else if (domain === null) {
      domain = d.value;
      domainSource = column;
    }
    trace(column, d.rules);
  }
  if (domain === null && email !== null) {
    for (const address of emails) {
      const d = domainOfEmail(address);
      if (d !== null && !isPersonalDomain(d, ctx)) {
        domain = d;
        domainSource = 'email';
        break;
      }
    }
  }
  const website = blank(v.company_website) ? null : v.company_website!.trim();

  // Person name: full_name (required), or built from first + last.
  let fullName = '';
  let nameKey = '';
  let firstName: string | null = null;
  let lastName: string | null = null;
  const firstCol = blank(v.first_name) ? null : normalizeNamePart(v.first_name!, ctx, 'first');
  const lastCol = blank(v.last_name) ? null : normalizeNamePart(v.last_name!, ctx, 'last');
  if (firstCol !== null) trace('first_name', firstCol.rules);
  if (lastCol !== null) trace('last_name', lastCol.rules);
  const pn = blank(v.full_name) ? null : normalizePersonName(v.full_name!, ctx);
  if (pn !== null && pn.fullName !== '') {
    fullName = pn.fullName;
    nameKey = pn.key;
    firstName = firstCol?.value ?? pn.firstName;
    lastName = lastCol?.value ?? pn.lastName;
    trace('full_name', pn.rules);
    const guessed = firstCol?.value == null || lastCol?.value == null;
    if (guessed && !pn.rules.includes('name.last_first')) {
      const words = fullName.split(' ').filter((w) => !ctx.nameParticles.has(w.toLowerCase()));
      if (words.length >= 3) {
        add(
          'name_split_guessed',
          'full_name',
          'warning',
          `full name ${q(fullName)} has more than two words; it was split as first ${q(firstName ?? '')} and last ${q(lastName ?? '')} — fill first_name and last_name to be exact`,
        );
      }
    }
  } else if ((firstCol?.value ?? null) !== null || (lastCol?.value ?? null) !== null) {
    firstName = firstCol?.value ?? null;
    lastName = lastCol?.value ?? null;
    fullName = [firstName, lastName].filter((x) => x !== null).join(' ');
    nameKey = foldKey(fullName);
    trace('full_name', [...(pn?.rules ?? []), 'name.built_from_parts']);
  } else {
    const what = blank(v.full_name) ? 'full_name is empty' : `full name ${q(v.full_name!.trim())} has no name left after removing titles`;
    add('full_name_missing', 'full_name', 'error', `${what} and no first or last name is given; the row cannot be imported — fill in the person's name`);
    trace('full_name', pn?.rules ?? NO_RULES);
  }

  // Title.
  let title: string | null = null;
  if (!blank(v.title)) {
    const t = normalizeTitle(v.title!, ctx);
    title = t.value;
    trace('title', t.rules);
  }

  // Phone.
  let phone: string | null = null;
  let phoneExt: string | null = null;
  if (!blank(v.phone)) {
    const p = normalizePhone(v.phone!, ctx);
    phone = p.value;
    phoneExt = p.ext;
    if (p.value === null) {
      add('phone_unparseable', 'phone', 'warning', `phone ${q(v.phone!.trim())} is not a phone number that can be dialled; it was dropped — write it with its area code (and +country code outside ${ctx.defaultRegion})`);
    } else {
      if (p.rules.includes('phone.part_unparseable')) {
        add('phone_unparseable', 'phone', 'warning', `part of phone ${q(v.phone!.trim())} is not a phone number; only ${[p.value, ...p.others].join(', ')} was kept — fix the cell to keep the rest`);
      }
      if (!p.valid) {
        add('phone_not_valid', 'phone', 'warning', `phone ${q(v.phone!.trim())} has the right length but is not an assigned number range (${p.value}); it was kept — check the number`);
      }
    }
    trace('phone', p.rules);
  }

  // LinkedIn.
  let linkedinUrl: string | null = null;
  if (!blank(v.linkedin_url)) {
    const l = normalizeLinkedin(v.linkedin_url!);
    linkedinUrl = l.value;
    if (l.value === null) {
      const why = l.rules.includes('linkedin.not_profile') ? 'is a LinkedIn page but not a person profile' : 'is not a LinkedIn URL';
      add('linkedin_not_profile', 'linkedin_url', 'warning', `linkedin_url ${q(v.linkedin_url!.trim())} ${why}; it was dropped — use the profile URL (linkedin.com/in/...)`);
    }
    trace('linkedin_url', l.rules);
  }

  // Counts.
  const counts = [0, 0, 0];
  for (let i = 0; i < 3; i++) {
    const column = COUNT_COLUMNS[i]!;
    const raw = v[column];
    if (raw === undefined) continue;
    const c = parseCount(raw);
    if (c.problem !== null) {
      add(`count_${c.problem}`, column, 'error', `${column} ${q(raw.trim())} ${COUNT_MESSAGES[c.problem]}`);
      trace(column, [`count.${c.problem}`]);
    } else {
      counts[i] = c.value!;
      trace(column, raw === String(c.value) ? NO_RULES : COUNT_PARSED);
    }
  }

  // Last engagement date.
  let lastEngagedAt: string | null = null;
  if (v.last_engaged_at !== undefined) {
    const d = parseEngagedAt(blank(v.last_engaged_at) ? '' : v.last_engaged_at);
    lastEngagedAt = d.value;
    if (d.problem !== null) {
      add('date_unparseable', 'last_engaged_at', 'warning', `last_engaged_at ${q(v.last_engaged_at.trim())} is not a date that can be read; it was dropped — write it as YYYY-MM-DD or M/D/YYYY`);
    }
    trace('last_engaged_at', d.problem !== null ? DATE_UNPARSEABLE : d.value === null ? NO_RULES : DATE_ISO_UTC);
  }

  const notes = blank(v.notes) ? null : v.notes!.trim();

  return {
    index: rec.index,
    line: rec.line,
    hash: rowHash(v),
    source: rec.raw,
    valid: !hasError,
    issues: issues.length > 0 ? issues : NO_ISSUES,
    companyName,
    companyKey,
    domain,
    domainSource,
    website,
    fullName,
    firstName,
    lastName,
    nameKey,
    title,
    email,
    emails,
    phone,
    phoneExt,
    linkedinUrl,
    opens: counts[0]!,
    replies: counts[1]!,
    meetings: counts[2]!,
    lastEngagedAt,
    notes,
    companyNameRaw: v.company_name ?? null,
    fullNameRaw: v.full_name ?? null,
    domainRaw: domainSource !== null ? (v[domainSource] ?? null) : null,
    rules: applied === NO_RULES ? NO_RULES : internRules(applied),
  };
}

/** normalizeRecord for a load that does not keep the cells (`source` null): the --yes read, on either thread. */
export function normalizeWithoutCells(rec: SourceRecord, ctx: NormalizeContext): NormalizedRow {
  const row = normalizeRecord(rec, ctx);
  row.source = null;
  return row;
}

const DOMAIN_SOURCES = new Map<string, NormalizedRow['domainSource']>([...DOMAIN_COLUMNS, 'email' as const].map((c) => [c, c]));
/** An issue's code and column: a few dozen strings (columns of the file's own headers included, hence bounded). */
const issueWords = new Interner({ max: 4096, minHitRate: 0 });
const SEVERITIES = new Map<string, Severity>([
  ['error', 'error'],
  ['warning', 'warning'],
]);

/**
 * A row made on another thread (pipeline/parallel-normalize.ts) shares what one made here shares:
 * the transfer copied into each row the shared empty lists, the interned rule lists, the constant
 * strings (domainSource, an issue's severity), and made two strings of a value a row holds twice
 * (a raw cell equal to its normalized value, the preferred email and the first of `emails`). At
 * 200k rows those copies were ~90 bytes a row (843 -> 933, heap after GC).
 */
export function reshareRow(row: NormalizedRow): void {
  row.rules = row.rules.length === 0 ? NO_RULES : internRules(row.rules.map((r) => ruleNameOf.get(r) ?? r));
  if (row.issues.length === 0) row.issues = NO_ISSUES;
  else for (const i of row.issues) {
    i.severity = SEVERITIES.get(i.severity) ?? i.severity;
    i.code = issueWords.of(i.code);
    if (i.column !== null) i.column = issueWords.of(i.column);
  }
  if (row.emails.length === 0) row.emails = NO_EMAILS;
  else if (row.email === row.emails[0]) row.email = row.emails[0]!;
  if (row.domainSource !== null) row.domainSource = DOMAIN_SOURCES.get(row.domainSource) ?? row.domainSource;
  if (row.companyNameRaw === row.companyName) row.companyNameRaw = row.companyName;
  if (row.fullNameRaw === row.fullName) row.fullNameRaw = row.fullName;
  if (row.domainRaw !== null && row.domainRaw === row.domain) row.domainRaw = row.domain;
}
