import { closeSync, read, writeSync } from 'node:fs';
import { promisify } from 'node:util';
import { StringDecoder } from 'node:string_decoder';
import { textsOf, type DecisionSink, type DecisionTexts, type DecisionTextSource } from '../core/explain.js';
import type { RowDecision } from '../core/types.js';
import { PIECE_CHARS } from '../core/strings.js';
import { openTempFile } from './temp-file.js';

// The texts of a --yes run's resolved decisions (reasons, rules, scores and runner-ups: what the
// log's notes and decisions.csv write of them), on disk instead of in memory from the moment each
// row is decided to the moment the commit and the reports write them (243 MB of file at 1M rows;
// the 1M run's RSS: -170 MB at the end of the match, -410 MB at the commit, where the decisions
// themselves can go too). One JSON line per row, in row order, in a file of the system's temporary
// directory ($TMPDIR) that is unlinked as soon as it is opened: nothing is left behind by a run that
// is killed, and nobody else can open it. Read back twice, in order, by two readers at once (the
// log's COPY and decisions.csv), each at its own position.

const readAt = promisify(read);

/** A spilled row: its index, then DecisionTexts' fields in their order. */
type Line = [number, string, string | null, string | null, string, string | null, string | null, string];

/** Lines are written in pieces of ~32K characters and read back in 32 KB chunks (PIECE_CHARS). */
const FLUSH_CHARS = PIECE_CHARS;
const READ_BYTES = PIECE_CHARS;

export class DecisionSpill implements DecisionSink {
  readonly #fd: number;
  readonly #remove: () => void;
  #pending: string[] = [];
  #pendingChars = 0;
  #bytes = 0;
  #count = 0;
  #last = -1;
  #closed = false;

  private constructor(fd: number, remove: () => void) {
    this.#fd = fd;
    this.#remove = remove;
  }

  /** A new, empty spill in a directory of its own under `parent` (the system's temporary directory). */
  static open(parent?: string): DecisionSpill {
    const { fd, remove } = openTempFile('decisions.jsonl', parent);
    return new DecisionSpill(fd, remove);
  }

  /** Rows spilled so far. */
  get count(): number {
    return this.#count;
  }

  put(index: number, texts: DecisionTexts): void {
    if (this.#closed) throw new Error('decision spill: closed');
    if (index <= this.#last) throw new Error(`decision spill: row ${index} after row ${this.#last} (rows must come in order)`);
    this.#last = index;
    const { explanation, companyRule, companyScore, companyRunnerUp, personRule, personScore, personRunnerUp } = texts;
    const line = JSON.stringify([index, explanation, companyRule, companyScore, companyRunnerUp, personRule, personScore, personRunnerUp] satisfies Line) + '\n';
    this.#pending.push(line);
    this.#pendingChars += line.length;
    this.#count++;
    if (this.#pendingChars >= FLUSH_CHARS) this.#flush();
  }

  #flush(): void {
    if (this.#pending.length === 0) return;
    const buf = Buffer.from(this.#pending.join(''), 'utf8');
    this.#pending = [];
    this.#pendingChars = 0;
    for (let off = 0; off < buf.length; ) off += writeSync(this.#fd, buf, off, buf.length - off, this.#bytes + off);
    this.#bytes += buf.length;
  }

  /** Every row spilled, in order: [row index, texts]. Several readers may read at once. */
  async *entries(): AsyncGenerator<[number, DecisionTexts]> {
    this.#flush();
    const end = this.#bytes;
    const buf = Buffer.allocUnsafe(READ_BYTES);
    const decoder = new StringDecoder('utf8');
    let pos = 0;
    let rest = '';
    while (pos < end) {
      if (this.#closed) throw new Error('decision spill: closed while read');
      const { bytesRead } = await readAt(this.#fd, buf, 0, Math.min(READ_BYTES, end - pos), pos);
      if (bytesRead === 0) throw new Error(`decision spill: ended at byte ${pos} of ${end}`);
      pos += bytesRead;
      const lines = (rest + decoder.write(buf.subarray(0, bytesRead))).split('\n');
      rest = lines.pop()!;
      for (const l of lines) {
        const [index, explanation, companyRule, companyScore, companyRunnerUp, personRule, personScore, personRunnerUp] = JSON.parse(l) as Line;
        yield [index, { explanation, companyRule, companyScore, companyRunnerUp, personRule, personScore, personRunnerUp }];
      }
    }
    if (rest + decoder.end() !== '') throw new Error('decision spill: last line cut short');
  }

  /** Closes and removes the file (idempotent). */
  close(): void {
    if (this.#closed) return;
    this.#closed = true;
    this.#pending = [];
    closeSync(this.#fd);
    this.#remove();
  }
}

/**
 * A spill for a --yes run, or null when none can be made (no writable temporary directory): the run
 * then keeps its decisions' texts in memory, as before spills, after saying so on stderr.
 */
export function openSpillOrWarn(warn: (message: string) => void): DecisionSpill | null {
  try {
    return DecisionSpill.open();
  } catch (err) {
    warn(`backfill-tui: no temporary file for the decisions' texts (${(err as Error).message}); keeping them in memory (set TMPDIR to a writable directory to spill them)\n`);
    return null;
  }
}

/**
 * The texts of rows whose decisions may have been spilled: a spilled row's from the spill (read in
 * step with the rows asked for, which must come in ascending row order), any other's from its
 * decision. A spilled row is one whose decision says so, or whose decision was let go once planned
 * (undefined, pipeline/decide.ts releaseSpilled). A spilled row missing from the spill is an error,
 * never an empty explanation.
 */
export function spilledTexts(decisionAt: (index: number) => RowDecision | undefined, spill: DecisionSpill): DecisionTextSource {
  return {
    async *textsOf(rows) {
      const it = spill.entries();
      try {
        let next = await it.next();
        for (const p of rows) {
          const d = decisionAt(p.index);
          if (d !== undefined && !d.spilled) {
            yield textsOf(p, d);
            continue;
          }
          while (!next.done && next.value[0] < p.index) next = await it.next();
          if (next.done || next.value[0] !== p.index) throw new Error(`row ${p.index}: its decision's texts are not in the spill`);
          yield next.value[1];
        }
      } finally {
        await it.return(undefined);
      }
    },
  };
}
