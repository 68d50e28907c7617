// Maps a CSV header row to the canonical columns (SPEC §3). Pure.
//
// A header matches a canonical column when its key equals the key of the column's name or of one of
// its aliases (config/normalization_rules.json `header_aliases`); the key ignores case, spaces,
// underscores and hyphens ("Company Name" = "company_name" = "COMPANY-NAME"; "E-mail" = "email").

import { CANONICAL_COLUMNS, REQUIRED_COLUMNS, type CanonicalColumn, type Issue } from '../core/types.js';

export interface HeaderMapping {
  /** The header row as read (trimmed); duplicates and blanks renamed so that every name is unique. */
  headers: string[];
  /** For each position of the header row: the canonical column it feeds, or null (an unknown column). */
  columns: Array<CanonicalColumn | null>;
  /** canonical -> original header */
  headerMap: Partial<Record<CanonicalColumn, string>>;
  unknownHeaders: string[];
  /** Required canonical columns no header maps to. */
  missing: CanonicalColumn[];
  /** Two or more headers that map to the same canonical column. */
  conflicts: Array<{ column: CanonicalColumn; headers: string[] }>;
  /** Warnings about the header row (renamed blank or duplicate headers, unknown columns). */
  issues: Issue[];
}

export function headerKey(header: string): string {
  return header.normalize('NFKC').toLowerCase().replace(/[\s_\-]+/gu, '');
}

/** key -> canonical column; the canonical names win over aliases, earlier aliases over later ones. */
export function buildAliasIndex(headerAliases: Record<string, string[]>): Map<string, CanonicalColumn> {
  const index = new Map<string, CanonicalColumn>();
  for (const col of CANONICAL_COLUMNS) index.set(headerKey(col), col);
  for (const col of CANONICAL_COLUMNS) {
    for (const alias of headerAliases[col] ?? []) {
      const key = headerKey(alias);
      if (key !== '' && !index.has(key)) index.set(key, col);
    }
  }
  return index;
}

function cleanHeader(h: string): string {
  return h.replace(/^\uFEFF+/u, '').trim();
}

export function mapHeaders(row: string[], headerAliases: Record<string, string[]>): HeaderMapping {
  const index = buildAliasIndex(headerAliases);
  const headers: string[] = [];
  const columns: Array<CanonicalColumn | null> = [];
  const issues: Issue[] = [];
  const seen = new Set<string>();
  const byColumn = new Map<CanonicalColumn, string[]>();
  const unknownHeaders: string[] = [];

  row.forEach((original, i) => {
    let name = cleanHeader(original);
    if (name === '') {
      name = `column_${i + 1}`;
      issues.push({
        code: 'empty_header',
        line: 1,
        column: name,
        severity: 'warning',
        message: `header ${i + 1} is blank; its values are kept as "${name}" in the log and not imported`,
      });
    }
    if (seen.has(name)) {
      let k = 2;
      while (seen.has(`${name} (${k})`)) k++;
      const renamed = `${name} (${k})`;
      issues.push({
        code: 'duplicate_header',
        line: 1,
        column: renamed,
        severity: 'warning',
        message: `the header "${name}" appears more than once; column ${i + 1} is kept as "${renamed}"`,
      });
      name = renamed;
    }
    seen.add(name);
    headers.push(name);
    const col = index.get(headerKey(cleanHeader(original))) ?? null;
    columns.push(col);
    if (col) byColumn.set(col, [...(byColumn.get(col) ?? []), name]);
    else unknownHeaders.push(name);
  });

  const headerMap: Partial<Record<CanonicalColumn, string>> = {};
  const conflicts: HeaderMapping['conflicts'] = [];
  for (const [col, names] of byColumn) {
    headerMap[col] = names[0];
    if (names.length > 1) conflicts.push({ column: col, headers: names });
  }
  for (const name of unknownHeaders) {
    issues.push({
      code: 'unknown_column',
      line: 1,
      column: name,
      severity: 'warning',
      message: `the column "${name}" is not one the tool imports; its values are kept in the log (source_data) only`,
    });
  }
  const missing = REQUIRED_COLUMNS.filter((c) => !headerMap[c]);
  return { headers, columns, headerMap, unknownHeaders, missing, conflicts, issues };
}
