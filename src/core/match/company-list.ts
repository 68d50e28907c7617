// The companies of an EntityTables (master-index.ts), by record number, packed (the master part's
// and the per-run overlay's, as person-list.ts keeps people): the match key in a column
// (the same string as the master's distinct keys), id, name, domain and website as UTF-8. A company
// is made into a new CompanyEntry when read whole (at). At 416k master companies an entry was ~230
// bytes of heap, and the matcher's map of them by id ~40 more (now an index: MasterIndex.companyIds).

import { PackedStrings } from '../bytes.js';
import type { CompanyEntry } from './master-index.js';

export interface CompanyList extends Iterable<CompanyEntry> {
  readonly length: number;
  /** Company i whole (a new object each call). */
  at(i: number): CompanyEntry;
  push(c: CompanyEntry): number;
  id(i: number): string;
  key(i: number): string;
  domain(i: number): string | null;
  /** Drops spare capacity once no more companies come. */
  compact(): void;
}

/** PackedStrings' fields of a company. */
const ID = 0;
const DOMAIN = 2;

export class PackedCompanies implements CompanyList {
  readonly #text = new PackedStrings(4);
  readonly #key: string[] = [];
  /**
   * Each company's id string once read: a company is read for many rows, and each decision, row
   * plan and update keeps its id (at 1M rows a new string per read was ~1M strings, ~40 MB, for
   * ~0.45M companies). A slot a company, filled when first read.
   */
  readonly #ids: (string | undefined)[] = [];

  get length(): number {
    return this.#text.length;
  }

  push(c: CompanyEntry): number {
    this.#key.push(c.key);
    this.#ids.push(undefined);
    return this.#text.push([c.id, c.name, c.domain, c.website]);
  }

  at(i: number): CompanyEntry {
    if (!(i >= 0 && i < this.length)) this.#missing(i);
    const [id, name, domain, website] = this.#text.all(i);
    return { id: (this.#ids[i] ??= id!), name: name!, key: this.#key[i]!, domain, website };
  }

  id(i: number): string {
    return (this.#ids[i] ??= this.#text.get(i, ID)!);
  }

  key(i: number): string {
    return this.#key[i] ?? this.#missing(i);
  }

  domain(i: number): string | null {
    return this.#text.get(i, DOMAIN);
  }

  compact(): void {
    this.#text.compact();
  }

  #missing(i: number): never {
    throw new RangeError(`no company ${i} (${this.length} companies)`);
  }

  *[Symbol.iterator](): Iterator<CompanyEntry> {
    for (let i = 0; i < this.length; i++) yield this.at(i);
  }
}
