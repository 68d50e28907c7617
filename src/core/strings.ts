// String representation matters at a million rows. V8 keeps a string built with + or a template
// literal as a tree of its pieces (a 32-byte node per join) until something reads it character by
// character; a 24-character ISO timestamp built from 13 pieces costs ~310 bytes as a tree and ~50
// flat (measured). The run keeps such strings for every row (dates, decision reasons), so they are
// flattened once, when made.

/**
 * The same string, flattened in place: reading a character makes V8 flatten the tree into one
 * sequential string, and the collector then drops the tree's nodes. Costs one copy of the string.
 */
export function flatString(s: string): string {
  s.charCodeAt(0);
  return s;
}
