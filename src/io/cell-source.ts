import { stat } from 'node:fs/promises';
import { byIndex } from '../core/by-index.js';
import { rowHash } from '../core/normalize/row-hash.js';
import { EXIT, UserError } from '../errors.js';
import type { CsvSource } from './csv-source.js';

// The original cells of a row (every column, as read: what backfill_log.source_data stores and the
// fallout report repeats), from memory or read again from the file.
//
// A --yes run does not keep them: at 1M rows they are ~440 bytes a row (0.44 GB) from the read to
// the commit, and only the commit's log step and the fallout rows need them. The log step reads
// the file again while the server takes the COPY (at 1M rows it makes the step ~19 s longer, most
// of it garbage collection on the main thread's large heap: README, session 10), and checks each
// record against the row it planned: the same row hash (MD5 of the canonical cells), in the same
// place, and the file's size and modification time as when it was first read. A file changed in
// between stops the commit (rollback, exit 1) instead of logging cells that were not the ones
// imported.

export type Cells = Record<string, string>;

/** What identifies a row of the file: its index and the hash of its canonical cells. */
export interface RowKey {
  index: number;
  hash: string;
}

export interface CellSource {
  /** The cells of `rows` (ascending index order, each row of the file at most once), in that order. */
  cellsOf(rows: readonly RowKey[]): AsyncIterable<Cells>;
}

/** Cells kept on the rows themselves (`source`): the wizard's, and any caller that kept them. */
export function memoryCells(all: readonly { index: number; source: Cells | null }[]): CellSource {
  const at = byIndex(all);
  return {
    async *cellsOf(rows) {
      for (const r of rows) {
        const cells = at(r.index)?.source;
        if (!cells) throw new Error(`row ${r.index}: its cells were not kept and no file was given to read them from`);
        yield cells;
      }
    },
  };
}

export class FileChangedError extends UserError {
  constructor(path: string, what: string) {
    super(
      `${path} changed while it was being imported (${what}); nothing was written`,
      EXIT.failed,
      'leave the file unchanged until the run ends (or import a copy of it), then run again',
    );
    this.name = 'FileChangedError';
  }
}

export interface FileIdentity {
  size: number;
  mtimeMs: number;
}

/** The file's size and modification time; null when it is not a regular file (a pipe cannot be read twice). */
export async function fileIdentity(path: string): Promise<FileIdentity | null> {
  const st = await stat(path);
  return st.isFile() ? { size: st.size, mtimeMs: st.mtimeMs } : null;
}

/**
 * Cells read again from the file (`open` opens it as the first read did: same header aliases and
 * record limit, hence the same records). Throws FileChangedError when the file is not the one read.
 */
export function fileCells(path: string, open: () => Promise<CsvSource>, identity: FileIdentity): CellSource {
  const check = async (): Promise<void> => {
    let now: FileIdentity | null;
    try {
      now = await fileIdentity(path);
    } catch {
      throw new FileChangedError(path, 'it can no longer be read');
    }
    if (now === null || now.size !== identity.size || now.mtimeMs !== identity.mtimeMs) throw new FileChangedError(path, 'its size or modification time differs');
  };
  return {
    async *cellsOf(rows) {
      if (rows.length === 0) return;
      await check();
      let k = 0;
      for await (const rec of (await open()).records()) {
        const want = rows[k]!;
        if (rec.index < want.index) continue;
        if (rec.index > want.index) break;
        if (rowHash(rec.values) !== want.hash) throw new FileChangedError(path, `line ${rec.line} is not the row that was read there`);
        yield rec.raw;
        if (++k === rows.length) break;
      }
      if (k < rows.length) throw new FileChangedError(path, `it has fewer rows than the ${rows[rows.length - 1]!.index + 1} read`);
      await check();
    },
  };
}

/** The cells of `rows` by index (a few rows: the fallout's). */
export async function cellMap(source: CellSource, rows: readonly RowKey[]): Promise<Map<number, Cells>> {
  const out = new Map<number, Cells>();
  let k = 0;
  for await (const cells of source.cellsOf(rows)) out.set(rows[k++]!.index, cells);
  return out;
}
