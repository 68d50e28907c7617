// Encoding detection and streaming decoders for CSV input (SPEC §3).
//
// Decision, per file, before any record is read:
//   1. A BOM decides: UTF-8 BOM -> 'utf-8-bom', FF FE -> 'utf-16le', FE FF -> 'utf-16be'.
//   2. Without a BOM, the first 8 KB are sniffed: a known binary signature (ZIP/XLSX, old XLS, PDF,
//      images, gzip) or many NUL / control bytes -> binary (the caller refuses the file); NUL bytes on
//      every other position -> UTF-16 without BOM.
//   3. Otherwise the whole file is checked for valid UTF-8 in one streaming pass (buffer.isUtf8 per
//      1 MB chunk, an incomplete multi-byte tail carried to the next chunk: ~GB/s, bounded memory).
//      Valid -> 'utf-8'. Invalid -> a second pass counts valid multi-byte sequences, UTF-8-shaped but
//      invalid ones (encoded surrogates, overlongs) and stray bytes: mostly stray bytes -> the file is
//      Windows-1252 (a file-level warning says so); mostly UTF-8 -> 'utf-8' and the few damaged rows
//      are rejected one by one ("mixed" mode: each record holding a decoder replacement character gets
//      a row error; U+FFFD is never stored).
// UTF-16 files are checked for lone surrogates the same way (a fatal streaming decoder pass).
//
// Node 20's non-streaming TextDecoder('windows-1252') decodes as ISO-8859-1 (0x80 -> U+0080, not
// '€'), so Windows-1252 is decoded here with its own table.

import { createReadStream } from 'node:fs';
import type { FileHandle } from 'node:fs/promises';
import { isUtf8 } from 'node:buffer';

export type CsvEncoding = 'utf-8' | 'utf-8-bom' | 'utf-16le' | 'utf-16be' | 'windows-1252';

export interface EncodingReport {
  encoding: CsvEncoding;
  /** Bytes of the BOM to skip at the start of the file. */
  bomLength: number;
  /** True when the encoding was guessed (no BOM and not valid UTF-8, or UTF-16 without BOM). */
  guessed: boolean;
  /** UTF-8 / UTF-16 file with some invalid sequences: records holding U+FFFD get a row error. */
  mixedInvalid: boolean;
  /** Number of invalid sequences found (mixed mode) or stray bytes (Windows-1252). */
  invalidCount: number;
  /** False when the file provably holds no NUL byte (lets the reader skip a per-field check). */
  mayHaveNul: boolean;
}

export type SniffResult =
  | { kind: 'text'; encoding: CsvEncoding | null; bomLength: number; guessed: boolean }
  | { kind: 'binary'; reason: string };

const SAMPLE_BYTES = 8192;
const CHUNK_BYTES = 1 << 20;

const SIGNATURES: Array<{ bytes: number[]; what: string }> = [
  { bytes: [0x50, 0x4b, 0x03, 0x04], what: 'a ZIP archive (an .xlsx workbook is one): export the sheet as CSV' },
  { bytes: [0xd0, 0xcf, 0x11, 0xe0], what: 'an old Excel (.xls) or Office file: export the sheet as CSV' },
  { bytes: [0x25, 0x50, 0x44, 0x46], what: 'a PDF document' },
  { bytes: [0x89, 0x50, 0x4e, 0x47], what: 'a PNG image' },
  { bytes: [0xff, 0xd8, 0xff], what: 'a JPEG image' },
  { bytes: [0x47, 0x49, 0x46, 0x38], what: 'a GIF image' },
  { bytes: [0x1f, 0x8b], what: 'a gzip archive: decompress it first' },
  { bytes: [0x53, 0x51, 0x4c, 0x69, 0x74, 0x65], what: 'an SQLite database' },
];

function startsWith(buf: Buffer, bytes: number[]): boolean {
  if (buf.length < bytes.length) return false;
  return bytes.every((b, i) => buf[i] === b);
}

/** Looks at the first bytes of a file: BOM, binary signatures, NUL patterns. Pure. */
export function sniffSample(sample: Buffer): SniffResult {
  if (startsWith(sample, [0xef, 0xbb, 0xbf])) return { kind: 'text', encoding: 'utf-8-bom', bomLength: 3, guessed: false };
  if (startsWith(sample, [0xff, 0xfe])) return { kind: 'text', encoding: 'utf-16le', bomLength: 2, guessed: false };
  if (startsWith(sample, [0xfe, 0xff])) return { kind: 'text', encoding: 'utf-16be', bomLength: 2, guessed: false };
  for (const sig of SIGNATURES) {
    if (startsWith(sample, sig.bytes)) return { kind: 'binary', reason: `it looks like ${sig.what}` };
  }
  const n = sample.length;
  let nulEven = 0;
  let nulOdd = 0;
  let control = 0;
  for (let i = 0; i < n; i++) {
    const b = sample[i];
    if (b === 0) {
      if (i % 2 === 0) nulEven++;
      else nulOdd++;
    } else if (b < 0x20 && b !== 0x09 && b !== 0x0a && b !== 0x0d && b !== 0x0c && b !== 0x0b && b !== 0x1b) {
      control++;
    }
  }
  const pairs = Math.floor(n / 2);
  if (pairs >= 2) {
    if (nulOdd >= pairs * 0.4 && nulEven <= pairs * 0.05) return { kind: 'text', encoding: 'utf-16le', bomLength: 0, guessed: true };
    if (nulEven >= pairs * 0.4 && nulOdd <= pairs * 0.05) return { kind: 'text', encoding: 'utf-16be', bomLength: 0, guessed: true };
  }
  const nul = nulEven + nulOdd;
  if ((nul >= 4 && nul >= n * 0.002) || (control >= 4 && control >= n * 0.05)) {
    return { kind: 'binary', reason: `its first ${n} bytes hold ${nul} NUL and ${control} other control bytes` };
  }
  return { kind: 'text', encoding: null, bomLength: 0, guessed: false };
}

export async function readSample(fh: FileHandle, bytes = SAMPLE_BYTES): Promise<Buffer> {
  const buf = Buffer.alloc(bytes);
  const { bytesRead } = await fh.read(buf, 0, bytes, 0);
  return buf.subarray(0, bytesRead);
}

/** Length of an incomplete UTF-8 sequence at the end of buf (0..3). */
export function incompleteUtf8Tail(buf: Buffer): number {
  const n = buf.length;
  for (let k = 1; k <= 3 && k <= n; k++) {
    const b = buf[n - k];
    if ((b & 0xc0) === 0x80) continue; // continuation byte: look further back
    if (b < 0xc0) return 0; // ASCII: complete
    const need = b >= 0xf0 ? 4 : b >= 0xe0 ? 3 : 2;
    return k < need ? k : 0;
  }
  return 0;
}

interface Utf8Counts {
  validMulti: number;
  shapedInvalid: number; // UTF-8 shaped but invalid: encoded surrogates, overlongs, > U+10FFFF
  stray: number; // bytes that cannot start or continue a UTF-8 sequence here
}

/** Counts UTF-8 sequences in buf (which must not end inside a sequence unless it is the file's end). */
export function countUtf8(buf: Buffer, acc: Utf8Counts): void {
  const n = buf.length;
  let i = 0;
  while (i < n) {
    const b = buf[i];
    if (b < 0x80) {
      i++;
      continue;
    }
    const need = b >= 0xc0 && b <= 0xdf ? 2 : b >= 0xe0 && b <= 0xef ? 3 : b >= 0xf0 && b <= 0xf7 ? 4 : 0;
    if (need === 0 || i + need > n) {
      acc.stray++;
      i++;
      continue;
    }
    let ok = true;
    for (let k = 1; k < need; k++) if ((buf[i + k] & 0xc0) !== 0x80) ok = false;
    if (!ok) {
      acc.stray++;
      i++;
      continue;
    }
    const b1 = buf[i + 1];
    const invalid =
      (need === 2 && b < 0xc2) ||
      (need === 3 && ((b === 0xe0 && b1 < 0xa0) || (b === 0xed && b1 >= 0xa0))) ||
      (need === 4 && (b > 0xf4 || (b === 0xf0 && b1 < 0x90) || (b === 0xf4 && b1 > 0x8f)));
    if (invalid) acc.shapedInvalid++;
    else acc.validMulti++;
    i += need;
  }
}

async function* chunksOf(path: string, start: number): AsyncGenerator<Buffer> {
  const stream = createReadStream(path, { start, highWaterMark: CHUNK_BYTES });
  try {
    for await (const chunk of stream) yield chunk as Buffer;
  } finally {
    stream.destroy();
  }
}

/** One streaming pass: is the file (from `start`) valid UTF-8? Also reports whether any NUL byte occurs. */
async function scanUtf8(path: string, start: number): Promise<{ valid: boolean; hasNul: boolean }> {
  let carry: Buffer | null = null;
  let valid = true;
  let hasNul = false;
  for await (const chunk of chunksOf(path, start)) {
    if (!hasNul && chunk.indexOf(0) !== -1) hasNul = true;
    if (!valid) continue;
    const buf: Buffer = carry ? Buffer.concat([carry, chunk]) : chunk;
    const tail = incompleteUtf8Tail(buf);
    if (!isUtf8(buf.subarray(0, buf.length - tail))) valid = false;
    carry = tail > 0 ? Buffer.from(buf.subarray(buf.length - tail)) : null;
  }
  if (carry) valid = false; // the file ends inside a multi-byte sequence
  return { valid, hasNul };
}

async function countUtf8File(path: string, start: number): Promise<Utf8Counts> {
  const acc: Utf8Counts = { validMulti: 0, shapedInvalid: 0, stray: 0 };
  let carry: Buffer | null = null;
  for await (const chunk of chunksOf(path, start)) {
    const buf: Buffer = carry ? Buffer.concat([carry, chunk]) : chunk;
    const tail = incompleteUtf8Tail(buf);
    countUtf8(buf.subarray(0, buf.length - tail), acc);
    carry = tail > 0 ? Buffer.from(buf.subarray(buf.length - tail)) : null;
  }
  if (carry) countUtf8(carry, acc);
  return acc;
}

/** True when the UTF-16 file decodes without lone surrogates (fatal streaming decoder). */
async function scanUtf16(path: string, start: number, encoding: 'utf-16le' | 'utf-16be'): Promise<boolean> {
  const decoder = new TextDecoder(encoding, { fatal: true, ignoreBOM: true });
  try {
    for await (const chunk of chunksOf(path, start)) decoder.decode(chunk, { stream: true });
    decoder.decode();
    return true;
  } catch {
    return false;
  }
}

/** Decides the file's encoding (see the header of this module). Reads the file once or twice, streaming. */
export async function detectEncoding(path: string, sniff: Extract<SniffResult, { kind: 'text' }>): Promise<EncodingReport> {
  const { bomLength } = sniff;
  if (sniff.encoding === 'utf-16le' || sniff.encoding === 'utf-16be') {
    const valid = await scanUtf16(path, bomLength, sniff.encoding);
    return { encoding: sniff.encoding, bomLength, guessed: sniff.guessed, mixedInvalid: !valid, invalidCount: valid ? 0 : 1, mayHaveNul: true };
  }
  const { valid, hasNul } = await scanUtf8(path, bomLength);
  const utf8: CsvEncoding = sniff.encoding === 'utf-8-bom' ? 'utf-8-bom' : 'utf-8';
  if (valid) return { encoding: utf8, bomLength, guessed: false, mixedInvalid: false, invalidCount: 0, mayHaveNul: hasNul };
  const c = await countUtf8File(path, bomLength);
  if (sniff.encoding !== 'utf-8-bom' && c.stray > 0 && c.stray >= c.validMulti + c.shapedInvalid) {
    return { encoding: 'windows-1252', bomLength, guessed: true, mixedInvalid: false, invalidCount: c.stray, mayHaveNul: hasNul };
  }
  return { encoding: utf8, bomLength, guessed: false, mixedInvalid: true, invalidCount: c.stray + c.shapedInvalid, mayHaveNul: hasNul };
}

// Windows-1252 bytes 0x80..0x9F (undefined ones map to the C1 control of the same value, as WHATWG does).
const CP1252_HIGH = [
  0x20ac, 0x81, 0x201a, 0x192, 0x201e, 0x2026, 0x2020, 0x2021, 0x2c6, 0x2030, 0x160, 0x2039, 0x152, 0x8d, 0x17d, 0x8f,
  0x90, 0x2018, 0x2019, 0x201c, 0x201d, 0x2022, 0x2013, 0x2014, 0x2dc, 0x2122, 0x161, 0x203a, 0x153, 0x9d, 0x17e, 0x178,
].map((cp) => String.fromCharCode(cp));

export function decodeWindows1252(buf: Buffer): string {
  const latin1 = buf.toString('latin1');
  return latin1.replace(/[\x80-\x9f]/g, (ch) => CP1252_HIGH[ch.charCodeAt(0) - 0x80]);
}

export interface StreamDecoder {
  write(chunk: Buffer): string;
  end(): string;
}

/** A stateful decoder for chunks of the file after its BOM. */
export function createDecoder(encoding: CsvEncoding): StreamDecoder {
  if (encoding === 'windows-1252') return { write: decodeWindows1252, end: () => '' };
  const label = encoding === 'utf-8-bom' ? 'utf-8' : encoding;
  const decoder = new TextDecoder(label, { fatal: false, ignoreBOM: true });
  return {
    write: (chunk) => decoder.decode(chunk, { stream: true }),
    end: () => decoder.decode(),
  };
}
