import { accessSync, constants, readdirSync, statSync } from 'node:fs';
import { homedir } from 'node:os';
import { basename, dirname, join, resolve, sep } from 'node:path';

// File-system helpers of the file screen: CSVs in a directory, Tab completion, and why a chosen
// file cannot be read.

/** `*.csv` files of `dir`, sorted; an unreadable directory gives none. */
export function csvFilesIn(dir: string): string[] {
  try {
    return readdirSync(dir, { withFileTypes: true })
      .filter((e) => e.isFile() && e.name.toLowerCase().endsWith('.csv'))
      .map((e) => e.name)
      .sort();
  } catch {
    return [];
  }
}

function expandHome(p: string): string {
  return p === '~' || p.startsWith('~/') ? join(homedir(), p.slice(1)) : p;
}

export function resolvePath(p: string, cwd: string): string {
  return resolve(cwd, expandHome(p.trim()));
}

function commonPrefix(a: readonly string[]): string {
  if (a.length === 0) return '';
  let p = a[0]!;
  for (const s of a) while (!s.startsWith(p)) p = p.slice(0, -1);
  return p;
}

export interface Completion {
  value: string; // the input after completion
  candidates: string[]; // names that still match (when more than one)
}

/** Tab completion of a path as typed (relative to `cwd`): directories get a trailing slash. */
export function completePath(typed: string, cwd: string): Completion {
  const endsWithSep = typed.endsWith('/') || typed.endsWith(sep);
  const dirTyped = endsWithSep ? typed : dirname(typed) === '.' && !typed.startsWith('.') ? '' : dirname(typed) + '/';
  const prefix = endsWithSep ? '' : basename(typed);
  const dir = resolvePath(dirTyped || '.', cwd);
  let entries: { name: string; dir: boolean }[];
  try {
    entries = readdirSync(dir, { withFileTypes: true })
      .filter((e) => e.name.startsWith(prefix) && (prefix.startsWith('.') || !e.name.startsWith('.')))
      .map((e) => ({ name: e.name, dir: e.isDirectory() || (e.isSymbolicLink() && isDir(join(dir, e.name))) }))
      .sort((a, b) => (a.name < b.name ? -1 : 1));
  } catch {
    return { value: typed, candidates: [] };
  }
  if (entries.length === 0) return { value: typed, candidates: [] };
  if (entries.length === 1) {
    const e = entries[0]!;
    return { value: dirTyped + e.name + (e.dir ? '/' : ''), candidates: [] };
  }
  const common = commonPrefix(entries.map((e) => e.name));
  return { value: dirTyped + common, candidates: entries.map((e) => e.name + (e.dir ? '/' : '')) };
}

function isDir(p: string): boolean {
  try {
    return statSync(p).isDirectory();
  } catch {
    return false;
  }
}

/** Why `path` cannot be read as a file, in one sentence, or null when it can. */
export function unreadableReason(path: string): string | null {
  let st;
  try {
    st = statSync(path);
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') return `${path}: no such file`;
    if (code === 'EACCES') return `${path}: permission denied (a directory on the way cannot be entered)`;
    if (code === 'ENOTDIR') return `${path}: a part of the path is not a directory`;
    return `${path}: cannot be read (${code ?? (err as Error).message})`;
  }
  if (st.isDirectory()) return `${path} is a directory, not a CSV file`;
  if (!st.isFile()) return `${path} is not a regular file`;
  try {
    accessSync(path, constants.R_OK);
  } catch {
    return `${path}: permission denied (the file is not readable by this user)`;
  }
  return null;
}
