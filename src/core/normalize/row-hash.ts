// The seed's dedup key: MD5 over the row's raw values in canonical column order.

import { createHash } from 'node:crypto';
import { CANONICAL_COLUMNS, type CanonicalColumn } from '../types.js';

const SEPARATOR = '\u001f'; // ASCII unit separator: cannot be typed into a CSV cell by accident

/** MD5 (hex) of the raw values in canonical column order, joined by U+001F; a missing column is ''. */
export function rowHash(values: Partial<Record<CanonicalColumn, string>>): string {
  let joined = '';
  for (let i = 0; i < CANONICAL_COLUMNS.length; i++) {
    if (i > 0) joined += SEPARATOR;
    joined += values[CANONICAL_COLUMNS[i]!] ?? '';
  }
  return createHash('md5').update(joined, 'utf8').digest('hex');
}
