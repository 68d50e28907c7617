import { describe, expect, it } from 'vitest';
import { normalizeNamePart, normalizePersonName, personKeyFromParts } from '../../../src/core/normalize/person-name.js';
import { testContext } from './helpers.js';

const ctx = testContext();

describe('normalizePersonName', () => {
  it.each([
    ['Mr. JOHN SMITH, Jr.', 'John Smith', 'John', 'Smith'],
    ['RONALD MACDONALD', 'Ronald MacDonald', 'Ronald', 'MacDonald'],
    ['conan o\'brien', "Conan O'Brien", 'Conan', "O'Brien"],
    ["o'brien, conan", "Conan O'Brien", 'Conan', "O'Brien"],
    ['jan van der berg', 'Jan van der Berg', 'Jan', 'van der Berg'],
    ['JAN VAN DER BERG', 'Jan van der Berg', 'Jan', 'van der Berg'],
    ['van der Berg, Jan', 'Jan van der Berg', 'Jan', 'van der Berg'],
    ['Smith Jr., John', 'John Smith', 'John', 'Smith'],
    ['Smith, John', 'John Smith', 'John', 'Smith'],
    ['SMITH, JOHN PAUL', 'John Paul Smith', 'John Paul', 'Smith'],
    ['Robert "Bob" Smith', 'Robert Smith', 'Robert', 'Smith'],
    ['Robert (Bob) Smith', 'Robert Smith', 'Robert', 'Smith'],
    ["Robert 'Bob' Smith", 'Robert Smith', 'Robert', 'Smith'],
    ['Robert \u201cBob\u201d Smith', 'Robert Smith', 'Robert', 'Smith'],
    ['Dr. Jane Doe-Smith PhD', 'Jane Doe-Smith', 'Jane', 'Doe-Smith'],
    ['MARY-KATE OLSEN', 'Mary-Kate Olsen', 'Mary-Kate', 'Olsen'],
    ['JOSÉ GARCÍA', 'José García', 'José', 'García'],
    ['björn ångström', 'Björn Ångström', 'Björn', 'Ångström'],
    ['Cher', 'Cher', 'Cher', null],
    ['William (Bill) Gates III', 'William Gates', 'William', 'Gates'],
    ["D'ANGELO RUSSELL", "D'Angelo Russell", "D'Angelo", 'Russell'],
    ['SEAN MCDONALD', 'Sean McDonald', 'Sean', 'McDonald'],
    ['Sean Mcdonald', 'Sean McDonald', 'Sean', 'McDonald'],
    ['DeShawn Jackson', 'DeShawn Jackson', 'DeShawn', 'Jackson'],
    ['john michael smith', 'John Michael Smith', 'John', 'Smith'],
    ['j. r. r. tolkien', 'J. R. R. Tolkien', 'J.', 'Tolkien'],
    ['Prof. Dr. Hans Müller', 'Hans Müller', 'Hans', 'Müller'],
    ['  jane    doe  ', 'Jane Doe', 'Jane', 'Doe'],
    ['Ludwig van Beethoven', 'Ludwig van Beethoven', 'Ludwig', 'van Beethoven'],
    ['LUIZ DA SILVA', 'Luiz da Silva', 'Luiz', 'da Silva'],
    ['Jane Doe, MBA, CPA', 'Jane Doe', 'Jane', 'Doe'],
    ['ALAN MACK', 'Alan Mack', 'Alan', 'Mack'],
    ['MARIA MACHADO', 'Maria Machado', 'Maria', 'Machado'],
  ])('%j -> %j (first %j, last %j)', (raw, full, first, last) => {
    const r = normalizePersonName(raw, ctx);
    expect([r.fullName, r.firstName, r.lastName]).toEqual([full, first, last]);
  });

  it.each(['', '   ', 'Dr.', 'Jr.', '"Bob"'])('finds no name in %j', (raw) => {
    expect(normalizePersonName(raw, ctx).fullName).toBe('');
  });

  it('folds the key: accents, case and punctuation do not matter', () => {
    expect(normalizePersonName('JOSÉ GARCÍA', ctx).key).toBe('jose garcia');
    expect(normalizePersonName("Conan O'Brien", ctx).key).toBe(normalizePersonName('CONAN OBRIEN', ctx).key);
  });

  it('names the rules that changed the name', () => {
    expect(normalizePersonName('Mr. JOHN SMITH, Jr.', ctx).rules).toEqual(expect.arrayContaining(['name.prefix', 'name.suffix', 'name.case']));
    expect(normalizePersonName('Smith, John', ctx).rules).toContain('name.last_first');
    expect(normalizePersonName('John Smith', ctx).rules).toEqual([]);
  });
});

describe('normalizeNamePart', () => {
  it.each([
    ['JOHN', 'first', 'John'],
    ['van der berg', 'last', 'van der Berg'],
    ['MACDONALD', 'last', 'MacDonald'],
    ['Smith Jr.', 'last', 'Smith'],
    ['Dr. Jane', 'first', 'Jane'],
  ] as const)('%j as %s name -> %j', (raw, part, expected) => {
    expect(normalizeNamePart(raw, ctx, part).value).toBe(expected);
  });
});

describe('personKeyFromParts', () => {
  it('equals the key of the full name', () => {
    expect(personKeyFromParts('José', 'García')).toBe(normalizePersonName('José García', ctx).key);
    expect(personKeyFromParts('Cher', null)).toBe('cher');
  });
});
