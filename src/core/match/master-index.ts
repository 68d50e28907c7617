// The master snapshot in match form: every stored value normalized with the same functions as the
// input rows (stored values may be messy: "ACME CORP, INC.", "WWW.ACME.COM", "John.Smith@ACME.com"),
// exact-key maps for the perfect rules, a trigram index over distinct company keys for fuzzy names,
// and people grouped by company.
//
// Entries are sorted by id before indexing, so the order of the snapshot never changes a decision.
// Records that rows of the file will create are added to a per-run overlay (MatchIndex), never to the
// master part, so the matcher can be run again with other thresholds or review choices.

import type { CompanyRecord, MasterSnapshot, PersonRecord } from '../types.js';
import { runToEnd } from '../steps.js';
import type { NormalizeContext } from '../normalize/context.js';
import { normalizeCompanyName } from '../normalize/company-name.js';
import { isPersonalDomain, normalizeDomain, domainOfEmail } from '../normalize/domain.js';
import { normalizeEmails } from '../normalize/email.js';
import { foldKey } from '../normalize/key.js';
import { normalizeLinkedin } from '../normalize/linkedin.js';
import { normalizePersonName } from '../normalize/person-name.js';
import { normalizeTitle } from '../normalize/title.js';
import { FieldInterner } from '../intern.js';
import { GramIndex } from './gram-index.js';
import { genericCompanyWords } from './compare.js';
import { PeopleBucket, PeopleGroups } from './people-bucket.js';
import { KeyIndex } from './key-index.js';
import { PackedPeople, type PersonList } from './person-list.js';
import { PackedCompanies, type CompanyList } from './company-list.js';
import { appended } from '../tight.js';

/** A company in match form (master or provisional). */
export interface CompanyEntry {
  id: string;
  name: string; // normalized display name
  key: string; // match key
  domain: string | null; // normalized registrable domain, never a personal email domain
  website: string | null;
}

/** A person in match form (master or provisional). */
export interface PersonEntry {
  id: string;
  companyId: string | null;
  fullName: string; // normalized display name
  nameKey: string;
  firstKey: string | null;
  lastKey: string | null;
  /** The preferred email (the first of the cell's valid addresses), or null; see emailsOf. */
  email: string | null;
  /** The cell's further addresses, null when it had at most one (most people: no list kept per person). */
  otherEmails: readonly string[] | null;
  linkedin: string | null;
  title: string | null;
  titleKey: string | null;
}

/** Every valid address of a person, preferred first. */
export function emailsOf(p: Pick<PersonEntry, 'email' | 'otherEmails'>): readonly string[] {
  return p.otherEmails !== null ? [p.email!, ...p.otherEmails] : p.email !== null ? [p.email] : [];
}

/** The email, otherEmails pair of a person entry for a list of addresses (preferred first). */
export function emailFields(emails: readonly string[]): Pick<PersonEntry, 'email' | 'otherEmails'> {
  return { email: emails[0] ?? null, otherEmails: emails.length > 1 ? emails.slice(1) : null };
}

/** Key of the "email domain + first + last name" rule. */
export function domainNameKey(domain: string, firstKey: string, lastKey: string): string {
  return `${domain}|${firstKey}|${lastKey}`;
}

function byId<T extends { id: string }>(a: T, b: T): number {
  return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}

export function companyEntryOf(c: CompanyRecord, ctx: NormalizeContext): CompanyEntry {
  const name = normalizeCompanyName(c.name, ctx);
  let domain = c.domain ? normalizeDomain(c.domain, ctx).value : null;
  if (domain === null && c.websiteUrl) domain = normalizeDomain(c.websiteUrl, ctx).value;
  if (domain !== null && isPersonalDomain(domain, ctx)) domain = null;
  return { id: c.id, name: name.value, key: name.key, domain, website: c.websiteUrl };
}

export function personEntryOf(p: PersonRecord, ctx: NormalizeContext): PersonEntry {
  const n = normalizePersonName(p.fullName, ctx);
  const firstKey = p.firstName ? foldKey(p.firstName) : n.firstName ? foldKey(n.firstName) : null;
  const lastKey = p.lastName ? foldKey(p.lastName) : n.lastName ? foldKey(n.lastName) : null;
  const { email, otherEmails } = emailFields(p.email ? normalizeEmails(p.email, ctx).all : []);
  const linkedin = p.linkedinUrl ? normalizeLinkedin(p.linkedinUrl).value : null;
  const title = p.title && p.title.trim().length > 0 ? normalizeTitle(p.title, ctx).value || null : null;
  return {
    id: p.id,
    companyId: p.companyId,
    fullName: n.fullName,
    nameKey: n.key,
    firstKey: firstKey || null,
    lastKey: lastKey || null,
    email,
    otherEmails,
    linkedin,
    title,
    titleKey: title ? foldKey(title) : null,
  };
}

/** The "email domain + first + last" keys of a person: one per non-personal email domain. */
export function domainNameKeysOf(
  domains: Iterable<string>,
  firstKey: string | null,
  lastKey: string | null,
  ctx: NormalizeContext,
): string[] {
  if (!firstKey || !lastKey) return [];
  const out: string[] = [];
  for (const d of domains) {
    if (isPersonalDomain(d, ctx)) continue;
    const k = domainNameKey(d, firstKey, lastKey);
    if (!out.includes(k)) out.push(k);
  }
  return out;
}

export function emailDomains(emails: readonly string[]): string[] {
  const out: string[] = [];
  for (const e of emails) {
    const d = domainOfEmail(e);
    if (d !== null && !out.includes(d)) out.push(d);
  }
  return out;
}

/** A person's "email domain + first + last" keys (master-index's rule over the person's own emails). */
function domainNameKeysOfPerson(p: PersonEntry, ctx: NormalizeContext): string[] {
  return domainNameKeysOf(emailDomains(emailsOf(p)), p.firstKey, p.lastKey, ctx);
}

/**
 * Exact-key indexes shared by the master part and the per-run overlay. Each index checks a hit against
 * the record (key-index.ts). The overlay groups its people by company as they come (`groupPeople`);
 * the master part groups them once, after the last (PeopleGroups, buildMasterIndex).
 */
export class EntityTables {
  /** The records packed (company-list.ts, person-list.ts), the master part's and the overlay's alike. */
  readonly companies: CompanyList = new PackedCompanies();
  readonly people: PersonList = new PackedPeople();
  readonly companyByDomain = new KeyIndex((i, key) => this.companies.domain(i) === key);
  readonly personByEmail = new KeyIndex((i, key) => this.people.hasEmail(i, key));
  readonly personByLinkedin = new KeyIndex((i, key) => this.people.linkedin(i) === key);
  readonly personByDomainName = new KeyIndex((i, key) => domainNameKeysOfPerson(this.people.at(i), this.ctx).includes(key));
  readonly peopleByCompany = new Map<string, PeopleBucket>();

  constructor(
    private readonly ctx: NormalizeContext,
    private readonly groupPeople = true,
  ) {}

  addCompany(c: CompanyEntry): number {
    const i = this.companies.push(c);
    if (c.domain !== null) this.companyByDomain.add(c.domain, i);
    return i;
  }

  addPerson(p: PersonEntry): number {
    const i = this.people.push(p);
    if (p.email !== null) this.personByEmail.add(p.email, i);
    if (p.otherEmails !== null) for (const e of p.otherEmails) this.personByEmail.add(e, i);
    if (p.linkedin !== null) this.personByLinkedin.add(p.linkedin, i);
    for (const k of domainNameKeysOfPerson(p, this.ctx)) this.personByDomainName.add(k, i);
    if (this.groupPeople && p.companyId !== null) {
      let bucket = this.peopleByCompany.get(p.companyId);
      if (bucket === undefined) {
        bucket = new PeopleBucket();
        this.peopleByCompany.set(p.companyId, bucket);
      }
      bucket.add(i, p.nameKey);
    }
    return i;
  }

  /** Drops the indexes' spare capacity once no more records come (the master part). */
  compact(): void {
    for (const k of [this.companyByDomain, this.personByEmail, this.personByLinkedin, this.personByDomainName]) k.compact();
    this.companies.compact();
    this.people.compact();
  }
}

/** The immutable master part: tables plus the company-name trigram index over distinct keys. */
export interface MasterIndex {
  readonly ctx: NormalizeContext;
  readonly tables: EntityTables;
  /** Company id -> its record numbers (the first is the company of that id: ids are unique in the master table). */
  readonly companyIds: KeyIndex;
  /** Distinct company keys, in first-appearance order over companies sorted by id. */
  readonly companyKeys: string[];
  /** Company indexes per distinct key (same order as companyKeys). */
  readonly companiesOfKey: number[][];
  /** Distinct key -> its number in companyKeys (exact-key lookups skip the gram index). */
  readonly companyKeyIds: Map<string, number>;
  readonly companyKeyGrams: GramIndex;
  /** Words common to many master company keys (genericCompanyWords), discounted by the company name score. */
  readonly companyGenericWords: ReadonlySet<string>;
  /** The master people grouped by company (the master tables' peopleByCompany is not filled). */
  readonly peopleGroups: PeopleGroups;
}

/**
 * The company half of a MasterIndex, complete before the first person is indexed: what the company
 * candidate worker needs (src/pipeline/prefetch.ts), so that it can start while the people are
 * indexed (masterIndexSteps' onCompanies).
 */
export type MasterCompanies = Pick<MasterIndex, 'companyKeys' | 'companyKeyIds' | 'companyKeyGrams' | 'companyGenericWords'> & { readonly companyByDomain: KeyIndex };

/** The company half of a built index (what masterIndexSteps hands to onCompanies). */
export function masterCompanies(ix: MasterIndex): MasterCompanies {
  return { ...ix, companyByDomain: ix.tables.companyByDomain };
}

export function buildMasterIndex(master: MasterSnapshot, ctx: NormalizeContext): MasterIndex {
  return runToEnd(masterIndexSteps(master, ctx, Number.POSITIVE_INFINITY));
}

/**
 * buildMasterIndex() in slices: yields the records indexed so far after every `slice` of them, so
 * that a caller can let its event loop turn (prepareMatching in src/pipeline/prepare.ts). The same index
 * whatever the slice. `onCompanies` is called once, when the companies are indexed and before the
 * first person is (the company half never changes after that).
 */
export function* masterIndexSteps(
  master: MasterSnapshot,
  ctx: NormalizeContext,
  slice: number,
  onCompanies?: (companies: MasterCompanies) => void,
): Generator<number, MasterIndex> {
  let done = 0;
  const tables = new EntityTables(ctx, false);
  const companyIds = new KeyIndex((i, id) => tables.companies.id(i) === id);
  const companyKeys: string[] = [];
  const companiesOfKey: number[][] = [];
  const keyId = new Map<string, number>();
  const companyKeyGrams = new GramIndex();
  for (const c of [...master.companies].sort(byId)) {
    if (done > 0 && done % slice === 0) yield done;
    done++;
    const entry = companyEntryOf(c, ctx);
    const i = tables.addCompany(entry);
    companyIds.add(entry.id, i);
    if (entry.key.length === 0) continue;
    let k = keyId.get(entry.key);
    if (k === undefined) {
      k = companyKeys.length;
      keyId.set(entry.key, k);
      companyKeys.push(entry.key);
      companiesOfKey.push([]);
      companyKeyGrams.add(entry.key);
    }
    companiesOfKey[k] = appended(companiesOfKey[k]!, i); // exact length (tight.ts): one list per distinct key
  }
  // Once, here: the matcher and the candidate worker both score with it (a worker that computed its
  // own grew its heap by ~80 MB of word counts at 416k keys).
  const companyGenericWords = genericCompanyWords(companyKeys);
  onCompanies?.({ companyKeys, companyKeyIds: keyId, companyKeyGrams, companyGenericWords, companyByDomain: tables.companyByDomain });
  // Names, titles and company ids repeat across people: one string per value (core/intern.ts).
  const intern = new FieldInterner<PersonEntry>(['companyId', 'fullName', 'nameKey', 'firstKey', 'lastKey', 'title', 'titleKey']);
  for (const p of [...master.people].sort(byId)) {
    if (done > 0 && done % slice === 0) yield done;
    done++;
    tables.addPerson(intern.apply(personEntryOf(p, ctx)));
  }
  tables.compact();
  companyIds.compact();
  const people = tables.people;
  const peopleGroups = new PeopleGroups(people.length, (i) => people.companyId(i), (i) => people.nameKey(i));
  return { ctx, tables, companyIds, companyKeys, companiesOfKey, companyKeyIds: keyId, companyKeyGrams, companyGenericWords, peopleGroups };
}
