import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { buildMasterIndex, emailsOf, masterIndexSteps, type MasterCompanies, type MasterIndex } from '../../../src/core/match/master-index.js';
import { hash32, KeyIndex } from '../../../src/core/match/key-index.js';
import { genericCompanyWords } from '../../../src/core/match/compare.js';
import { BUCKET_SCAN_LIMIT, PeopleBucket, PeopleGroups } from '../../../src/core/match/people-bucket.js';
import { company, ctx, person } from './helpers.js';

describe('KeyIndex', () => {
  /** An index over records that each hold a list of keys, as the matcher's records hold theirs. */
  function indexOver(records: string[][]): KeyIndex {
    return new KeyIndex((i, key) => records[i]!.includes(key));
  }

  it('gives the records of a key in the order added, a record added twice under a key once, and nothing for an unknown key', () => {
    const records = [[], ['b'], ['b'], ['a'], [], [], [], ['b']];
    const k = indexOver(records);
    k.add('a', 3);
    k.add('b', 1);
    k.add('b', 1); // the same record twice counts once
    k.add('b', 7);
    k.add('b', 2);
    expect(k.get('a')).toEqual([3]);
    expect(k.get('b')).toEqual([1, 7, 2]);
    expect(k.get('c')).toEqual([]);
    expect([k.has('a'), k.has('c')]).toEqual([true, false]);
    expect(k.size).toBe(4);
  });

  it('answers two keys with the same hash each with its own records (the record is checked, not the hash)', () => {
    const pair = ['key-901258', 'key-1540052'] as const; // found by hashing key-0, key-1, ... until two collided
    const [a, b] = pair;
    expect(hash32(a)).toBe(hash32(b));
    const k = indexOver([[a], [b], [a, b]]);
    k.add(a, 0);
    k.add(b, 1);
    k.add(a, 2);
    k.add(b, 2);
    expect(k.get(a)).toEqual([0, 2]);
    expect(k.get(b)).toEqual([1, 2]);
  });

  it('answers like a map of lists for any keys and records, across the table growing (fast-check)', () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.string({ maxLength: 3 }), fc.nat(40)), { maxLength: 300 }), (pairs) => {
        const sorted = [...pairs].sort((x, y) => x[1] - y[1]); // records come in number order
        const records: string[][] = Array.from({ length: 41 }, () => []);
        for (const [key, r] of sorted) records[r]!.push(key);
        const k = indexOver(records);
        const model = new Map<string, number[]>();
        for (const [key, r] of sorted) {
          k.add(key, r);
          const list = model.get(key) ?? [];
          if (!list.includes(r)) list.push(r);
          model.set(key, list);
        }
        k.compact();
        for (const [key, list] of model) expect(k.get(key)).toEqual(list);
        expect(k.get('not a key of length 3+')).toEqual([]);
      }),
    );
  });
});

describe('PeopleGroups and PeopleBucket', () => {
  it('give the same candidates for the same members, small companies whole and large ones through their index', () => {
    const keys = Array.from({ length: 300 }, (_, i) => `person ${i % 37} name${i % 11}`);
    const companyOf = (i: number): string | null => (i % 10 === 9 ? null : i < 200 ? 'BIG' : `C${i % 5}`);
    const groups = new PeopleGroups(keys.length, companyOf, (i) => keys[i]!);
    const buckets = new Map<string, PeopleBucket>();
    keys.forEach((key, i) => {
      const c = companyOf(i);
      if (c === null) return;
      if (!buckets.has(c)) buckets.set(c, new PeopleBucket());
      buckets.get(c)!.add(i, key);
    });
    expect(groups.membersOf('BIG')).toEqual(buckets.get('BIG')!.members);
    expect(groups.membersOf('BIG').length).toBeGreaterThan(BUCKET_SCAN_LIMIT);
    for (const c of ['BIG', 'C0', 'C3']) {
      expect(groups.has(c)).toBe(true);
      for (const q of ['person 3 name3', 'persn 12 name1', 'zzz']) expect(groups.candidates(c, q)).toEqual(buckets.get(c)!.candidates(q));
    }
    expect(groups.has('NOBODY')).toBe(false);
    expect(groups.candidates('NOBODY', 'x')).toBeNull();
    expect(groups.membersOf('NOBODY')).toEqual([]);
  });
});

describe('buildMasterIndex', () => {
  it('finds people by every exact key and groups them by company, whatever the order of the snapshot', () => {
    const companies = [company('C2', 'Globex', 'globex.com'), company('C1', 'Acme Inc', 'acme.com')];
    const people = [
      person('P2', 'C1', 'Ann Lee', { email: 'ann@acme.com', linkedinUrl: 'linkedin.com/in/annlee' }),
      person('P1', 'C1', 'John Smith', { email: 'John.Smith@ACME.com; john@gmail.com' }),
      person('P3', 'C2', 'Bob Day'),
    ];
    const ix = buildMasterIndex({ companies, people }, ctx());
    const t = ix.tables;
    const ids = (xs: readonly number[]) => xs.map((i) => t.people.at(i).id);
    expect(t.companyByDomain.get('acme.com').map((i) => t.companies.at(i).id)).toEqual(['C1']);
    expect(ids(t.personByEmail.get('john.smith@acme.com'))).toEqual(['P1']);
    expect(ids(t.personByEmail.get('john@gmail.com'))).toEqual(['P1']);
    expect(ids(t.personByLinkedin.get('https://www.linkedin.com/in/annlee'))).toEqual(['P2']);
    expect(ids(t.personByDomainName.get('acme.com|john|smith'))).toEqual(['P1']);
    expect(t.personByDomainName.has('gmail.com|john|smith')).toBe(false); // personal domains are not company keys
    expect(ids(ix.peopleGroups.membersOf('C1'))).toEqual(['P1', 'P2']);
    expect(ids(ix.peopleGroups.membersOf('C2'))).toEqual(['P3']);
    expect(emailsOf(t.people.at(0))).toEqual(['john.smith@acme.com', 'john@gmail.com']);
    expect(emailsOf(t.people.at(1))).toEqual(['ann@acme.com']);
    expect(emailsOf(t.people.at(2))).toEqual([]);
  });
});

describe('masterIndexSteps (the index built in slices, the event loop turning between them)', () => {
  const companies = Array.from({ length: 23 }, (_, i) => company(`C${i}`, `Company ${i % 9} ${i}`, i % 3 === 0 ? null : `c${i}.com`));
  const people = Array.from({ length: 41 }, (_, i) => person(`P${i}`, `C${i % 23}`, `Person ${i % 7} Name${i}`, { email: `p${i}@c${i % 23}.com` }));

  function drain(slice: number): { index: MasterIndex; yields: number[] } {
    const steps = masterIndexSteps({ companies, people }, ctx(), slice);
    const yields: number[] = [];
    for (;;) {
      const r = steps.next();
      if (r.done) return { index: r.value, yields };
      yields.push(r.value);
    }
  }

  it('yields the records indexed so far every `slice` records, and builds the index buildMasterIndex builds', () => {
    const whole = buildMasterIndex({ companies, people }, ctx());
    for (const slice of [1, 5, 10, 64, 1000]) {
      const { index, yields } = drain(slice);
      expect(yields).toEqual(Array.from({ length: Math.ceil(64 / slice) - 1 }, (_, i) => (i + 1) * slice)); // 64 records: every multiple of the slice below 64
      expect([...index.tables.companies]).toEqual([...whole.tables.companies]);
      expect(index.tables.companies.length).toBe(companies.length);
      expect([...index.tables.people]).toEqual([...whole.tables.people]);
      expect(index.tables.people.length).toBe(people.length);
      const t = index.tables;
      const w = whole.tables;
      for (const c of t.companies) {
        if (c.domain !== null) expect(t.companyByDomain.get(c.domain)).toEqual(w.companyByDomain.get(c.domain));
        expect(index.peopleGroups.membersOf(c.id)).toEqual(whole.peopleGroups.membersOf(c.id));
      }
      for (const p of t.people) for (const e of emailsOf(p)) expect(t.personByEmail.get(e)).toEqual(w.personByEmail.get(e));
      expect(index.companyKeys).toEqual(whole.companyKeys);
      expect(index.companiesOfKey).toEqual(whole.companiesOfKey);
      expect(index.companyKeyIds).toEqual(whole.companyKeyIds);
      expect(index.companyKeys.map((k) => index.companyKeyGrams.query(k, 3))).toEqual(whole.companyKeys.map((k) => whole.companyKeyGrams.query(k, 3)));
    }
  });

  it('hands over the company half once, after the last company and before the first person, complete and as the index keeps it', () => {
    const seen: { yieldsBefore: number; keys: number; grams: number }[] = [];
    const yields: number[] = [];
    let half: MasterCompanies | null = null;
    const steps = masterIndexSteps({ companies, people }, ctx(), 5, (c) => {
      half = c;
      seen.push({ yieldsBefore: yields.length, keys: c.companyKeys.length, grams: c.companyKeyGrams.size });
    });
    let r = steps.next();
    while (!r.done) {
      yields.push(r.value);
      r = steps.next();
    }
    const index = r.value;
    expect(seen).toHaveLength(1);
    // 23 companies in slices of 5: four yields (5..20) come before it, none of the people's after it.
    expect(seen[0]!.yieldsBefore).toBe(4);
    expect(seen[0]!.keys).toBe(index.companyKeys.length);
    expect(seen[0]!.grams).toBe(index.companyKeyGrams.size);
    const c = half! as MasterCompanies;
    expect(c.companyKeys).toBe(index.companyKeys);
    expect(c.companyKeyGrams).toBe(index.companyKeyGrams);
    expect(c.companyKeyIds).toBe(index.companyKeyIds);
    expect(c.companyByDomain).toBe(index.tables.companyByDomain);
    // The generic words are computed once, over the complete keys, and handed over with them.
    expect(c.companyGenericWords).toBe(index.companyGenericWords);
    expect(index.companyGenericWords).toEqual(genericCompanyWords(index.companyKeys));
  });
});
