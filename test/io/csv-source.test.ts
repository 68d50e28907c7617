import { mkdtempSync, mkdirSync, writeFileSync, chmodSync, createWriteStream, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { once } from 'node:events';
import { afterAll, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { parse as parseSync } from 'csv-parse/sync';
import { stringify } from 'csv-stringify/sync';
import { openCsv, type CsvSource } from '../../src/io/csv-source.js';
import { CsvTokenizer, type RawRecord } from '../../src/io/csv-tokenizer.js';
import { CsvUnusableError } from '../../src/errors.js';
import type { SourceRecord } from '../../src/core/types.js';

const dir = mkdtempSync(join(tmpdir(), 'csv-source-'));
let n = 0;
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const ALIASES: Record<string, string[]> = {
  company_name: ['company', 'company name'],
  company_website: ['website'],
  email: ['email address', 'e-mail'],
  linkedin_url: ['linkedin'],
  full_name: ['name', 'full name'],
};
const OPTS = { headerAliases: ALIASES, maxRecordBytes: 1024 * 1024 };

function file(content: string | Buffer, name = `f${n++}.csv`): string {
  const p = join(dir, name);
  writeFileSync(p, content);
  return p;
}

async function all(src: CsvSource): Promise<SourceRecord[]> {
  const out: SourceRecord[] = [];
  for await (const r of src.records()) out.push(r);
  return out;
}

async function read(content: string | Buffer, opts = OPTS): Promise<{ src: CsvSource; rows: SourceRecord[] }> {
  const src = await openCsv(file(content), opts);
  return { src, rows: await all(src) };
}

async function unusable(p: Promise<unknown>): Promise<CsvUnusableError> {
  try {
    await p;
  } catch (err) {
    expect(err).toBeInstanceOf(CsvUnusableError);
    expect((err as CsvUnusableError).exitCode).toBe(3);
    return err as CsvUnusableError;
  }
  throw new Error('expected CsvUnusableError');
}

const codes = (r: SourceRecord) => r.issues.map((i) => i.code);

describe('openCsv: well-formed input', () => {
  it('reads a plain UTF-8 file with LF', async () => {
    const { src, rows } = await read('company_name,full_name,email\nAcme,John Smith,j@acme.com\nBeta,Jane Doe,\n');
    expect(src.encoding).toBe('utf-8');
    expect(src.headers).toEqual(['company_name', 'full_name', 'email']);
    expect(rows).toHaveLength(2);
    expect(rows[0]).toMatchObject({ index: 0, line: 2, values: { company_name: 'Acme', full_name: 'John Smith', email: 'j@acme.com' }, issues: [] });
    expect(rows[1]).toMatchObject({ index: 1, line: 3, values: { company_name: 'Beta', full_name: 'Jane Doe', email: '' } });
  });

  it('strips a UTF-8 BOM and reads CRLF line ends', async () => {
    const { src, rows } = await read('\uFEFFcompany_name,full_name\r\nAcme,John Smith\r\n"Beta, Inc.",Jane\r\n');
    expect(src.encoding).toBe('utf-8-bom');
    expect(src.headers).toEqual(['company_name', 'full_name']);
    expect(src.headerMap.company_name).toBe('company_name');
    expect(rows.map((r) => [r.line, r.values.company_name, r.values.full_name])).toEqual([
      [2, 'Acme', 'John Smith'],
      [3, 'Beta, Inc.', 'Jane'],
    ]);
  });

  it('gives the start line of each record, counting multi-line quoted fields (LF and CRLF)', async () => {
    for (const eol of ['\n', '\r\n']) {
      const text = [
        'company_name,full_name,notes',
        'Acme,John,"first line',
        'second line',
        'third, with comma"',
        'Beta,Jane,"one""quote"',
        '',
        'Gamma,"Multi',
        'Name",x',
        'Delta,Dan,last',
      ].join(eol);
      const { rows } = await read(text);
      expect(rows.map((r) => r.line)).toEqual([2, 5, 7, 9]);
      expect(rows[0].values.notes).toBe(`first line${eol}second line${eol}third, with comma`);
      expect(rows[1].values.notes).toBe('one"quote');
      expect(rows[2].values.full_name).toBe(`Multi${eol}Name`);
      expect(rows[3].values.notes).toBe('last');
    }
  });

  it('maps aliases case-, space-, underscore- and hyphen-insensitively and keeps unknown columns in raw', async () => {
    const { src, rows } = await read('Company Name,FULL-NAME,Email Address,LinkedIn,Website,Favourite Colour\nAcme,John,j@acme.com,li,acme.com,blue\n');
    expect(src.headerMap).toEqual({
      company_name: 'Company Name',
      full_name: 'FULL-NAME',
      email: 'Email Address',
      linkedin_url: 'LinkedIn',
      company_website: 'Website',
    });
    expect(src.unknownHeaders).toEqual(['Favourite Colour']);
    expect(src.fileIssues.map((i) => i.code)).toContain('unknown_column');
    expect(rows[0].raw).toEqual({
      'Company Name': 'Acme',
      'FULL-NAME': 'John',
      'Email Address': 'j@acme.com',
      LinkedIn: 'li',
      Website: 'acme.com',
      'Favourite Colour': 'blue',
    });
    expect(rows[0].values).toEqual({ company_name: 'Acme', full_name: 'John', email: 'j@acme.com', linkedin_url: 'li', company_website: 'acme.com' });
  });

  it('maps the bare alias "Company"', async () => {
    const { src } = await read('Company,Name\nAcme,John\n');
    expect(src.headerMap).toEqual({ company_name: 'Company', full_name: 'Name' });
  });

  it('keeps an SQL-looking header as an unknown column, verbatim', async () => {
    const header = '"a"";DROP TABLE x;--"';
    const { src, rows } = await read(`company_name,full_name,${header}\nAcme,John,1\n`);
    expect(src.unknownHeaders).toEqual(['a";DROP TABLE x;--']);
    expect(rows[0].raw['a";DROP TABLE x;--']).toBe('1');
  });

  it('reads a header-only file as 0 rows with a warning', async () => {
    const { src, rows } = await read('company_name,full_name\n');
    expect(rows).toEqual([]);
    expect(src.fileIssues.map((i) => i.code)).toContain('no_data_rows');
  });

  it('skips blank lines and reports rows of only empty cells', async () => {
    const { src, rows } = await read('company_name,full_name\n\nAcme,John\n,\n  ,  \nBeta,Jane\n\n');
    expect(rows.map((r) => r.line)).toEqual([3, 6]);
    const skipped = src.fileIssues.find((i) => i.code === 'blank_rows_skipped');
    expect(skipped?.message).toContain('2 rows');
    expect(skipped?.line).toBe(4);
  });

  it('reads a last record without a final newline and a CR-only file', async () => {
    expect((await read('company_name,full_name\nAcme,John')).rows.map((r) => r.values.full_name)).toEqual(['John']);
    const { rows } = await read('company_name,full_name\rAcme,John\rBeta,Jane\r');
    expect(rows.map((r) => [r.line, r.values.full_name])).toEqual([
      [2, 'John'],
      [3, 'Jane'],
    ]);
  });

  it('re-reads the file on every records() call and reports progress in bytes', async () => {
    const src = await openCsv(file('company_name,full_name\nAcme,John\n'), OPTS);
    expect((await all(src)).length).toBe(1);
    expect((await all(src)).length).toBe(1);
    expect(src.bytesRead()).toBe(src.bytesTotal);
  });
});

describe('openCsv: unusable files (exit 3)', () => {
  it('refuses a missing file, a directory and an unreadable file', async () => {
    expect((await unusable(openCsv(join(dir, 'nope.csv'), OPTS))).message).toMatch(/nope\.csv does not exist/);
    const d = join(dir, 'adir');
    mkdirSync(d);
    expect((await unusable(openCsv(d, OPTS))).message).toMatch(/is a directory/);
    if (process.getuid?.() !== 0) {
      const p = file('company_name,full_name\n');
      chmodSync(p, 0o000);
      expect((await unusable(openCsv(p, OPTS))).message).toMatch(/permission denied/);
    }
  });

  it('refuses an empty file and a file of only a BOM or blank lines', async () => {
    expect((await unusable(openCsv(file(''), OPTS))).message).toMatch(/is empty/);
    expect((await unusable(openCsv(file('\uFEFF'), OPTS))).message).toMatch(/is empty/);
    expect((await unusable(openCsv(file('\n\n\r\n'), OPTS))).message).toMatch(/is empty/);
  });

  it('refuses a binary file and an .xlsx workbook', async () => {
    const bin = Buffer.alloc(2048);
    for (let i = 0; i < bin.length; i++) bin[i] = (i * 7919) % 256;
    expect((await unusable(openCsv(file(bin), OPTS))).message).toMatch(/not a text CSV file/);
    const xlsx = Buffer.concat([Buffer.from([0x50, 0x4b, 0x03, 0x04]), Buffer.alloc(100, 1)]);
    const err = await unusable(openCsv(file(xlsx, 'book.xlsx'), OPTS));
    expect(err.message).toMatch(/ZIP archive/);
    expect(err.message).toMatch(/export the sheet as CSV/);
  });

  it('names the missing required columns and lists the headers found', async () => {
    const err = await unusable(openCsv(file('Organisation Name,Person,email\nAcme,John,x\n'), OPTS));
    expect(err.message).toContain('required columns missing: company_name, full_name');
    expect(err.message).toContain('Headers found: "Organisation Name", "Person", "email"');
    expect(err.hint).toMatch(/header_aliases/);
  });

  it('refuses two headers mapping to one canonical column, naming both', async () => {
    const err = await unusable(openCsv(file('company_name,full_name,Email,Email Address\nA,B,c,d\n'), OPTS));
    expect(err.message).toContain('"Email" and "Email Address" both map to email');
  });

  it('renames an exact duplicate unknown header with a warning', async () => {
    const { src, rows } = await read('company_name,full_name,tag,tag,\nAcme,John,a,b,c\n');
    expect(src.headers).toEqual(['company_name', 'full_name', 'tag', 'tag (2)', 'column_5']);
    expect(src.fileIssues.map((i) => i.code)).toEqual(expect.arrayContaining(['duplicate_header', 'empty_header']));
    expect(rows[0].raw).toMatchObject({ tag: 'a', 'tag (2)': 'b', column_5: 'c' });
  });

  it('stops with the line of a stray quote in a 10,000-line file (quote never closed)', async () => {
    const lines = ['company_name,full_name,email,title,notes'];
    for (let i = 2; i <= 10_000; i++) lines.push(i === 3 ? `Acme,"John Smith,j@acme.com,CEO,n` : `Co ${i},Person ${i},p${i}@x.com,VP,note`);
    const src = await openCsv(file(lines.join('\n') + '\n'), OPTS);
    const err = await unusable(all(src));
    expect(err.message).toMatch(/line 3: a quote opened here is never closed/);
    expect(err.hint).toMatch(/line 3/);
  });

  it('stops when a stray quote is closed much later and swallows rows in between', async () => {
    const lines = ['company_name,full_name,email,title,notes'];
    for (let i = 2; i <= 200; i++) {
      if (i === 3) lines.push(`Acme,"John Smith,j@acme.com,CEO,n`);
      else if (i === 150) lines.push(`Co,Person,p@x.com,VP,a"`);
      else lines.push(`Co ${i},Person ${i},p${i}@x.com,VP,note`);
    }
    const err = await unusable(all(await openCsv(file(lines.join('\n') + '\n'), OPTS)));
    expect(err.message).toMatch(/line 3: a quote opened here/);
    expect(err.message).toMatch(/look like rows/);
  });

  it('stops when a stray quote swallows rows of a narrow three-column file', async () => {
    const csv = 'company_name,full_name,email\nCompany 2,Person 2,p2@x.com\nCompany 3,"Person 3,p3@x.com\nCompany 4,Person 4,p4@x.com\nCompany 5,Person 5,p5@x.com\nCompany 6,Person 6",p6@x.com\nCompany 7,Person 7,p7@x.com\n';
    const err = await unusable(all(await openCsv(file(csv), OPTS)));
    expect(err.message).toMatch(/line 3: a quote opened here/);
  });

  it('still reads a narrow file whose multi-line note has commas', async () => {
    const { rows } = await read('company_name,full_name,notes\nAcme,Ann,"met at conf, liked demo\nfollow up, next week, maybe\ncall, then"\nBeta,Bob,x\n');
    expect(rows).toHaveLength(2);
  });
});

describe('openCsv: bad rows are rejected one by one, never dropped', () => {
  it('flags ragged rows with expected and found counts, keeps extra values', async () => {
    const { rows } = await read('company_name,full_name,email\nAcme,John\nBeta,Jane,j@b.com,EXTRA\nGamma,Gus,g@c.com,\nDelta,Dan,d@d.com\n');
    expect(rows).toHaveLength(4);
    expect(codes(rows[0])).toEqual(['ragged_row']);
    expect(rows[0].issues[0]).toMatchObject({ line: 2, severity: 'error' });
    expect(rows[0].issues[0].message).toContain('2 fields where the header has 3');
    expect(rows[0].raw).toEqual({ company_name: 'Acme', full_name: 'John', email: '' });
    expect(codes(rows[1])).toEqual(['ragged_row']);
    expect(rows[1].issues[0].message).toContain('4 fields where the header has 3');
    expect(rows[1].raw.__extra_1).toBe('EXTRA');
    expect(rows[2].issues).toMatchObject([{ code: 'ragged_row_extra_empty', severity: 'warning' }]);
    expect(rows[3].issues).toEqual([]);
  });

  it('rejects a row with a NUL byte and writes it as the text \\u0000', async () => {
    const { rows } = await read('company_name,full_name\nAc\0me,John\nBeta,Jane\n');
    expect(rows[0].issues).toMatchObject([{ code: 'nul_byte', line: 2, column: 'company_name', severity: 'error' }]);
    expect(rows[0].raw.company_name).toBe('Ac\\u0000me');
    expect(rows[0].values.company_name).toBe('Ac\\u0000me');
    expect(rows[1].issues).toEqual([]);
  });

  it('reads a Windows-1252 file with a warning (é stays é, € and curly quotes decoded)', async () => {
    const bytes = Buffer.concat([
      Buffer.from('company_name,full_name,notes\n'),
      Buffer.from([0x43, 0x61, 0x66, 0xe9, 0x2c, 0x52, 0x65, 0x6e, 0xe9, 0x2c, 0x80, 0x35, 0x20, 0x93, 0x6f, 0x6b, 0x94, 0x0a]),
    ]);
    const { src, rows } = await read(bytes);
    expect(src.encoding).toBe('windows-1252');
    expect(src.fileIssues.map((i) => i.code)).toContain('encoding_detected');
    expect(rows[0].values).toEqual({ company_name: 'Café', full_name: 'René', notes: '€5 “ok”' });
    expect(JSON.stringify(rows)).not.toContain('\uFFFD');
  });

  it('reads UTF-16LE and UTF-16BE files with a BOM', async () => {
    const text = 'company_name,full_name\r\nZürich AG,Jürgen 😀\r\n';
    const le = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')]);
    const r1 = await read(le);
    expect(r1.src.encoding).toBe('utf-16le');
    expect(r1.rows[0].values).toEqual({ company_name: 'Zürich AG', full_name: 'Jürgen 😀' });
    const be = Buffer.from(le);
    be.swap16();
    const r2 = await read(be);
    expect(r2.src.encoding).toBe('utf-16be');
    expect(r2.rows[0].values).toEqual({ company_name: 'Zürich AG', full_name: 'Jürgen 😀' });
  });

  it('reads UTF-16LE without a BOM from its byte pattern', async () => {
    const { src, rows } = await read(Buffer.from('company_name,full_name\nAcme,John\n', 'utf16le'));
    expect(src.encoding).toBe('utf-16le');
    expect(src.fileIssues.map((i) => i.code)).toContain('encoding_detected');
    expect(rows[0].values.full_name).toBe('John');
  });

  it('rejects rows with damaged UTF-8 or an encoded lone surrogate in a UTF-8 file, storing no U+FFFD', async () => {
    const bytes = Buffer.concat([
      Buffer.from('company_name,full_name\nZürich AG,Jürgen\nMünchen GmbH,Jörg\nBad,'),
      Buffer.from([0xed, 0xa0, 0x80]), // CESU-8 lone surrogate
      Buffer.from('\nAlso bad,'),
      Buffer.from([0xc3]), // truncated sequence
      Buffer.from('x\nGood,Ünal\n'),
    ]);
    const { src, rows } = await read(bytes);
    expect(src.encoding).toBe('utf-8');
    expect(src.fileIssues.map((i) => i.code)).toContain('encoding_invalid_bytes');
    expect(rows.map((r) => codes(r))).toEqual([[], [], ['invalid_encoding'], ['invalid_encoding'], []]);
    expect(rows[2].raw.full_name).toContain('\\ufffd');
    expect(rows[4].values.full_name).toBe('Ünal');
    expect(JSON.stringify(rows)).not.toContain('\uFFFD');
  });

  it('rejects a lone surrogate in a UTF-16 file, storing no U+FFFD', async () => {
    const body = Buffer.from('company_name,full_name\nAcme,John\nBad,X\nGood,Y\n', 'utf16le');
    // replace the "X" (code unit 0x0058) with a lone high surrogate 0xD800
    const at = body.indexOf(Buffer.from('X', 'utf16le'));
    body.writeUInt16LE(0xd800, at);
    const { rows } = await read(Buffer.concat([Buffer.from([0xff, 0xfe]), body]));
    expect(rows.map((r) => codes(r))).toEqual([[], ['invalid_encoding'], []]);
    expect(JSON.stringify(rows)).not.toContain('\uFFFD');
  });

  it('rejects a 10 MB field as record_too_large, cuts it, and keeps the rows around it', async () => {
    const p = join(dir, 'big.csv');
    const out = createWriteStream(p);
    out.write('company_name,full_name,notes\nAcme,John,small\nBig,Bob,"');
    const block = 'x'.repeat(1024 * 1024);
    for (let i = 0; i < 10; i++) if (!out.write(block)) await once(out, 'drain');
    out.write('"\nBeta,Jane,fine\nHuge,Hal,' + 'y'.repeat(2 * 1024 * 1024) + '\nGamma,Gus,end\n');
    out.end();
    await once(out, 'finish');
    const rows = await all(await openCsv(p, OPTS));
    expect(rows.map((r) => [r.line, r.values.company_name, codes(r)])).toEqual([
      [2, 'Acme', []],
      [3, 'Big', ['record_too_large']],
      [4, 'Beta', []],
      [5, 'Huge', ['record_too_large']],
      [6, 'Gamma', []],
    ]);
    expect(rows[1].raw.notes.length).toBeLessThan(10_000);
    expect(rows[1].raw.notes.endsWith('…[truncated]')).toBe(true);
    expect(rows[1].issues[0].message).toMatch(/over the limit of 1048576/);
  });

  it('keeps text after a closing quote and warns', async () => {
    const { rows } = await read('company_name,full_name\n"Big" Corp,John\nAcme,Jane 5" tall\n');
    expect(rows[0].values.company_name).toBe('Big" Corp');
    expect(rows[0].issues).toMatchObject([{ code: 'malformed_quote', column: 'company_name', severity: 'warning' }]);
    expect(rows[1].values.full_name).toBe('Jane 5" tall');
    expect(rows[1].issues).toEqual([]);
  });

  it('refuses a header row longer than the limit without reading the whole file', async () => {
    const err = await unusable(openCsv(file('a'.repeat(5000) + '\nx\n'), { ...OPTS, maxRecordBytes: 1000 }));
    expect(err.message).toMatch(/longer than 1000 characters/);
  });
});

describe('CsvTokenizer', () => {
  function tokenize(text: string, chunk: number): RawRecord[] {
    const t = new CsvTokenizer({ maxRecordChars: 1 << 20 });
    const out: RawRecord[] = [];
    for (let i = 0; i < text.length; i += chunk) t.push(text.slice(i, i + chunk), out);
    t.end(out);
    return out;
  }

  it('agrees with csv-parse on every well-formed input, whatever the chunk size', () => {
    const cell = fc.oneof(
      fc.string({ unit: fc.constantFrom('a', 'b', ' ', ',', '"', '\n', '\r\n', 'é', '😀'), maxLength: 8 }),
      fc.string({ maxLength: 5 }),
    );
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 4 }).chain((w) => fc.array(fc.array(cell, { minLength: w, maxLength: w }), { minLength: 1, maxLength: 6 })),
        fc.boolean(),
        fc.integer({ min: 1, max: 7 }),
        (rows, crlf, chunk) => {
          const text = stringify(rows, { record_delimiter: crlf ? 'windows' : 'unix', quoted_match: /[\r\n]/ });
          const expected = parseSync(text, { relax_column_count: true, skip_empty_lines: false }) as string[][];
          const got = tokenize(text, chunk).map((r) => r.fields);
          expect(got).toEqual(expected);
        },
      ),
      { numRuns: 300 },
    );
  });

  it('gives start and end lines with quoted line breaks split across chunks', () => {
    const text = 'a,"x\r\ny"\r\nb,c\r\n"\n\n",d\n';
    for (const chunk of [1, 2, 3, 100]) {
      expect(tokenize(text, chunk).map((r) => [r.startLine, r.endLine])).toEqual([
        [1, 2],
        [3, 3],
        [4, 6],
      ]);
    }
  });
});
