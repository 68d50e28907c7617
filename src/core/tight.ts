// Small lists kept per row or per record (a row's actions, a baseline's signals, an update's fields):
// at a million of them the list's spare capacity is what costs. push() on an empty or full array grows
// its store to at least 17 slots (~150 bytes for two items); a list made by slice(), concat() or a
// literal has exactly its length. Measured: two items 184 -> 64 bytes.

/** A copy of `xs` without spare capacity, for a list built with push() that is kept. */
export function tight<T>(xs: T[]): T[] {
  return xs.slice();
}

/** `xs` with `x` appended, as a new list without spare capacity (instead of push on a kept list). */
export function appended<T>(xs: readonly T[], x: T): T[] {
  return xs.concat([x]);
}

/**
 * `xs` frozen, for a list that many rows or records share (an empty list, a common list of rules, an
 * unlocked record's locks): a consumer that tried to add to it fails loudly instead of changing every
 * holder. Typed as the mutable list the holders' fields declare, which is the one place that is cast.
 */
export function shared<T>(xs: T[]): T[] {
  return Object.freeze(xs) as unknown as T[];
}
