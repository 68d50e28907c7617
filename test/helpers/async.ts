/** Every item of an async iterable, in order (Array.fromAsync needs Node 22). */
export async function toArray<T>(items: AsyncIterable<T>): Promise<T[]> {
  const out: T[] = [];
  for await (const x of items) out.push(x);
  return out;
}
