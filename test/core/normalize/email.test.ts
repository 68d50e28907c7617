import { describe, expect, it } from 'vitest';
import { isValidEmail, normalizeEmails } from '../../../src/core/normalize/email.js';
import { testContext } from './helpers.js';

const ctx = testContext();

describe('normalizeEmails', () => {
  it.each([
    ['John.Smith@acme.com; jsmith@gmail.com', 'john.smith@acme.com', ['john.smith@acme.com', 'jsmith@gmail.com']],
    ['jsmith@gmail.com; John.Smith@acme.com', 'john.smith@acme.com', ['john.smith@acme.com', 'jsmith@gmail.com']],
    ['JOHN@ACME.COM', 'john@acme.com', ['john@acme.com']],
    ['a@acme.com, b@acme.com', 'a@acme.com', ['a@acme.com', 'b@acme.com']],
    ['a@acme.com|b@acme.com', 'a@acme.com', ['a@acme.com', 'b@acme.com']],
    ['a@acme.com b@acme.com', 'a@acme.com', ['a@acme.com', 'b@acme.com']],
    ['a@acme.com\nb@acme.com', 'a@acme.com', ['a@acme.com', 'b@acme.com']],
    ['a@acme.com;;  ;b@acme.com;', 'a@acme.com', ['a@acme.com', 'b@acme.com']],
    ['John Smith <John@Acme.com>', 'john@acme.com', ['john@acme.com']],
    ['"Smith, John" <john@acme.com>', 'john@acme.com', ['john@acme.com']],
    ['mailto:john@acme.com', 'john@acme.com', ['john@acme.com']],
    ['MAILTO:john@acme.com', 'john@acme.com', ['john@acme.com']],
    ['<john@acme.com>', 'john@acme.com', ['john@acme.com']],
    ['(john@acme.com)', 'john@acme.com', ['john@acme.com']],
    ['john@acme.com.', 'john@acme.com', ['john@acme.com']],
    ['john@acme.com; JOHN@acme.com', 'john@acme.com', ['john@acme.com']],
    ['john+crm@acme.com', 'john+crm@acme.com', ['john+crm@acme.com']],
    ["o'brien@acme.ie", "o'brien@acme.ie", ["o'brien@acme.ie"]],
    ['jürgen@müller.de', 'jürgen@müller.de', []], // local part must be ASCII (no SMTPUTF8 addresses)
    ['info@müller.de', 'info@müller.de', ['info@müller.de']],
    ['john@acme.co.uk; j@yahoo.co.uk; j@hotmail.com', 'john@acme.co.uk', ['john@acme.co.uk', 'j@yahoo.co.uk', 'j@hotmail.com']],
    ['j@gmail.com; j2@outlook.com', 'j@gmail.com', ['j@gmail.com', 'j2@outlook.com']],
    ['foo@; john@acme.com', 'john@acme.com', ['john@acme.com']],
    ['john@acme', null, []],
    ['john.@acme.com', null, []],
    ['.john@acme.com', null, []],
    ['jo..hn@acme.com', null, []],
    ['john@-acme.com', null, []],
    ['john@acme.c', null, []],
    ['john at acme dot com', null, []],
  ])('%j -> preferred %j, all %j', (raw, preferred, all) => {
    const r = normalizeEmails(raw, ctx);
    if (all.length > 0) {
      expect(r.preferred).toBe(preferred);
    } else {
      expect(r.preferred).toBeNull();
    }
    expect(r.all).toEqual(all);
  });

  it('lists each invalid address once, as written', () => {
    expect(normalizeEmails('foo@; john@acme.com; foo@', ctx).invalid).toEqual(['foo@']);
    expect(normalizeEmails('john at acme dot com', ctx).invalid).toEqual(['john at acme dot com']);
  });

  it('marks a cell with only personal addresses', () => {
    expect(normalizeEmails('jsmith@gmail.com', ctx).personalOnly).toBe(true);
    expect(normalizeEmails('jsmith@gmail.com; j@acme.com', ctx).personalOnly).toBe(false);
    expect(normalizeEmails('', ctx).personalOnly).toBe(false);
  });

  it('names the rules: split, lower case, work preferred', () => {
    expect(normalizeEmails('jsmith@gmail.com; John.Smith@acme.com', ctx).rules).toEqual(
      expect.arrayContaining(['email.split', 'email.lower_case', 'email.work_preferred']),
    );
  });
});

describe('isValidEmail', () => {
  it('rejects addresses longer than RFC 5321 allows', () => {
    expect(isValidEmail(`${'a'.repeat(65)}@acme.com`)).toBe(false);
    expect(isValidEmail(`${'a'.repeat(64)}@acme.com`)).toBe(true);
    expect(isValidEmail(`a@${'b'.repeat(250)}.com`)).toBe(false);
  });
});
