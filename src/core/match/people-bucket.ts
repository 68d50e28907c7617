// The people of one company, for fuzzy person matching inside the resolved company. A small company is
// scanned whole; past BUCKET_SCAN_LIMIT members a trigram index over the name keys is built (once) and
// only its top candidates are scored, so a company with 50,000 people does not cost 50,000 comparisons
// per row.
//
// Two shapes with one rule (candidatesAmong): PeopleBucket, one per company, for the people a file
// creates (the overlay grows as rows are decided), and PeopleGroups for the master part, which is
// built once: every person's number in one Int32Array ordered by company, a start offset per company
// (~20 bytes a person instead of ~90 for a bucket object and two lists per company: 70 MB at 1M).

import { GramIndex } from './gram-index.js';

export const BUCKET_SCAN_LIMIT = 64;
export const BUCKET_TOP_K = 32;

/** A company's members (record numbers, ascending) and their name keys, as the candidate rule reads them. */
interface Members {
  readonly length: number;
  member(j: number): number;
  key(j: number): string;
}

/** The trigram index over a company's name keys, in member order. */
function gramOf(m: Members): GramIndex {
  const g = new GramIndex();
  for (let j = 0; j < m.length; j++) g.add(m.key(j));
  return g;
}

/** Members worth scoring against a name key, in member order: all of a small company, else the index's top ones. */
function candidatesAmong(m: Members, nameKey: string, gram: () => GramIndex): number[] {
  if (m.length <= BUCKET_SCAN_LIMIT) {
    const all: number[] = [];
    for (let j = 0; j < m.length; j++) all.push(m.member(j));
    return all;
  }
  const out = gram()
    .query(nameKey, BUCKET_TOP_K)
    .map((h) => m.member(h.entry));
  // Exact key equality is always a candidate (namesakes must be seen to be detected as a near tie).
  for (let j = 0; j < m.length; j++) if (m.key(j) === nameKey && !out.includes(m.member(j))) out.push(m.member(j));
  return out.sort((a, b) => a - b);
}

export class PeopleBucket {
  members: number[] = [];
  private keys: string[] = [];
  private gram: GramIndex | null = null;

  add(member: number, nameKey: string): void {
    this.members.push(member);
    this.keys.push(nameKey);
    if (this.gram !== null) this.gram.add(nameKey);
  }

  /** Members worth scoring against a name key, in member order. */
  candidates(nameKey: string): number[] {
    const m: Members = { length: this.members.length, member: (j) => this.members[j]!, key: (j) => this.keys[j]! };
    return candidatesAmong(m, nameKey, () => (this.gram ??= gramOf(m)));
  }
}

/**
 * The master people grouped by company, built once from every person's company (people without one
 * are in no group). Members of a group are in ascending record number, as PeopleBucket keeps them.
 */
export class PeopleGroups {
  readonly #groupOf = new Map<string, number>();
  readonly #start: Int32Array;
  readonly #members: Int32Array;
  /** Trigram indexes of the groups past BUCKET_SCAN_LIMIT, built the first time one is asked. */
  readonly #grams = new Map<number, GramIndex>();

  /** `companyOf(i)` and `keyOf(i)`: person i's company id (or null) and name key, for i in [0, count). */
  constructor(
    count: number,
    companyOf: (i: number) => string | null,
    private readonly keyOf: (i: number) => string,
  ) {
    const groupOfPerson = new Int32Array(count).fill(-1);
    const sizes: number[] = [];
    for (let i = 0; i < count; i++) {
      const c = companyOf(i);
      if (c === null) continue;
      let g = this.#groupOf.get(c);
      if (g === undefined) {
        g = sizes.length;
        this.#groupOf.set(c, g);
        sizes.push(0);
      }
      groupOfPerson[i] = g;
      sizes[g]!++;
    }
    this.#start = new Int32Array(sizes.length + 1);
    for (let g = 0; g < sizes.length; g++) this.#start[g + 1] = this.#start[g]! + sizes[g]!;
    this.#members = new Int32Array(this.#start[sizes.length]!);
    const next = this.#start.slice(0, sizes.length);
    for (let i = 0; i < count; i++) {
      const g = groupOfPerson[i]!;
      if (g >= 0) this.#members[next[g]!++] = i;
    }
  }

  has(companyId: string): boolean {
    return this.#groupOf.has(companyId);
  }

  /** The record numbers of a company's people, ascending ([] for a company without people). */
  membersOf(companyId: string): number[] {
    const g = this.#groupOf.get(companyId);
    if (g === undefined) return [];
    return Array.from(this.#members.subarray(this.#start[g]!, this.#start[g + 1]!));
  }

  /** Members of a company worth scoring against a name key, in member order; null for a company without people. */
  candidates(companyId: string, nameKey: string): number[] | null {
    const g = this.#groupOf.get(companyId);
    if (g === undefined) return null;
    const from = this.#start[g]!;
    const members = this.#members;
    const keyOf = this.keyOf;
    const m: Members = { length: this.#start[g + 1]! - from, member: (j) => members[from + j]!, key: (j) => keyOf(members[from + j]!) };
    return candidatesAmong(m, nameKey, () => {
      let gram = this.#grams.get(g);
      if (gram === undefined) this.#grams.set(g, (gram = gramOf(m)));
      return gram;
    });
  }
}
