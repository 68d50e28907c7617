import { describe, expect, it } from 'vitest';
import { buildMasterIndex, KeyIndex } from '../../../src/core/match/master-index.js';
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
