// Lookup of rows, decisions and row plans by their row index. The pipeline keeps them in file order,
// one per row (items[i].index === i): then the array itself is the lookup, and no Map of a million
// entries (~50-80 MB each, several alive at once during the commit) is built. A list may leave a
// row out (undefined at its place: a large run keeps no SourceRow for a clean row, no decision for
// a spilled one), and the lookup says undefined for it.

/** `index -> item`: the array itself when every item sits at its index (or is left out), else a Map. */
export function byIndex<T extends { index: number }>(items: readonly (T | undefined)[]): (index: number) => T | undefined {
  for (let i = 0; i < items.length; i++) {
    const item = items[i];
    if (item !== undefined && item.index !== i) {
      const m = new Map<number, T>();
      for (const x of items) if (x !== undefined) m.set(x.index, x);
      return (index) => m.get(index);
    }
  }
  return (index) => items[index];
}
