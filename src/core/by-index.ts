// Lookup of rows, decisions and row plans by their row index. The pipeline keeps them in file order,
// one per row (items[i].index === i): then the array itself is the lookup, and no Map of a million
// entries (~50-80 MB each, several alive at once during the commit) is built.

/** `index -> item`: the array itself when it is dense and in order, else a Map. */
export function byIndex<T extends { index: number }>(items: readonly T[]): (index: number) => T | undefined {
  for (let i = 0; i < items.length; i++) {
    if (items[i]!.index !== i) {
      const m = new Map(items.map((x) => [x.index, x]));
      return (index) => m.get(index);
    }
  }
  return (index) => items[index];
}
