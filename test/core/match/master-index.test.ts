import { describe, expect, it } from 'vitest';
import { buildMasterIndex, KeyIndex, masterIndexSteps, type MasterIndex } from '../../../src/core/match/master-index.js';
import { company, ctx, person } from './helpers.js';

describe('KeyIndex', () => {
  it('gives the records of a key in the order added, one record bare or many, and nothing for an unknown key', () => {
    const k = new KeyIndex();
    k.add('a', 3);
    k.add('b', 1);
    k.add('b', 1); // the same record twice in a row counts once
    k.add('b', 7);
    k.add('b', 2);
    expect(k.get('a')).toEqual([3]);
    expect(k.get('b')).toEqual([1, 7, 2]);
    expect(k.get('c')).toEqual([]);
    expect([k.has('a'), k.has('c')]).toEqual([true, false]);
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
    const ids = (xs: readonly number[]) => xs.map((i) => t.people[i]!.id);
    expect(t.companyByDomain.get('acme.com').map((i) => t.companies[i]!.id)).toEqual(['C1']);
    expect(ids(t.personByEmail.get('john.smith@acme.com'))).toEqual(['P1']);
    expect(ids(t.personByEmail.get('john@gmail.com'))).toEqual(['P1']);
    expect(ids(t.personByLinkedin.get('https://www.linkedin.com/in/annlee'))).toEqual(['P2']);
    expect(ids(t.personByDomainName.get('acme.com|john|smith'))).toEqual(['P1']);
    expect(t.personByDomainName.has('gmail.com|john|smith')).toBe(false); // personal domains are not company keys
    expect(ids(t.peopleByCompany.get('C1')!.members)).toEqual(['P1', 'P2']);
    expect(t.people[0]!.emails).toEqual(['john.smith@acme.com', 'john@gmail.com']);
    expect(t.people[2]!.emails).toEqual([]);
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
      expect(index.tables).toEqual(whole.tables);
      expect(index.companyKeys).toEqual(whole.companyKeys);
      expect(index.companiesOfKey).toEqual(whole.companiesOfKey);
      expect(index.companyKeyIds).toEqual(whole.companyKeyIds);
      expect(index.companyKeys.map((k) => index.companyKeyGrams.query(k, 3))).toEqual(whole.companyKeys.map((k) => whole.companyKeyGrams.query(k, 3)));
    }
  });
});
