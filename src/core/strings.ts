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

/**
 * A copy of `s` that shares nothing with the string it came from, flat and in one byte per
 * character when every character fits (V8 keeps a substring of 13 characters or more as a view
 * into its parent: a cell of the CSV reader's 1 MB chunk would keep the whole chunk alive, and a
 * run keeps some cell of nearly every chunk — the decoded file, 0.3 GB at 1M rows, measured as
 * external memory). Strings under 13 characters are copies already and are returned as they are.
 *
 * A JSON round trip: ~0.2 us for a 20-character string and 40 bytes, exact for every string (lone
 * surrogates included). Concatenating and slicing again (' ' + s).slice(1), used before, is as fast
 * but gives a view into a one-character-longer copy (96 bytes from a two-byte chunk); a Buffer round
 * trip would turn lone surrogates into U+FFFD.
 */
export function ownString(s: string): string {
  return s.length < 13 ? s : (JSON.parse(JSON.stringify(s)) as string);
}

/**
 * The size of the pieces text is built, written and read in when it is dropped as soon as it is
 * used (COPY text, the decision spill, the reports): under V8's large-object size (128 KB), even
 * at two bytes a character. A larger string is allocated in the large-object space, which only a
 * full collection empties: with 1 MB pieces the commit's log step at 1M rows piled up ~200 MB of
 * dead pieces between two (V8's heap spaces, 1-second samples). A smaller one is allocated in the
 * young generation and is gone at the next scavenge.
 */
export const PIECE_CHARS = 1 << 15;
