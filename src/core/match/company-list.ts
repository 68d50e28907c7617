// The companies of an EntityTables (master-index.ts), by record number: objects for the per-run
// overlay, packed for the master part (as person-list.ts keeps people): the match key in a column
// (the same string as the master's distinct keys), id, name, domain and website as UTF-8. A company
// is made into a new CompanyEntry when read whole (at). At 416k master companies an entry was ~230
// bytes of heap, and the matcher's map of them by id ~40 more (now an index: MasterIndex.companyIds).

import { PackedStrings } from '../bytes.js';
import type { CompanyEntry } from './master-index.js';

export interface CompanyList extends Iterable<CompanyEntry> {
  readonly length: number;
  /** Company i whole (PackedCompanies: a new object each call). */
  at(i: number): CompanyEntry;
  push(c: CompanyEntry): number;
  id(i: number): string;
  key(i: number): string;
  domain(i: number): string | null;
  /** Drops spare capacity once no more companies come. */
  compact(): void;
}

export class CompanyArray implements CompanyList {
  readonly #items: CompanyEntry[] = [];

  get length(): number {
    return this.#items.length;
  }

  at(i: number): CompanyEntry {
    const c = this.#items[i];
    if (c === undefined) throw new RangeError(`no company ${i} (${this.#items.length} companies)`);
    return c;
  }

  push(c: CompanyEntry): number {
    return this.#items.push(c) - 1;
  }

  id(i: number): string {
    return this.at(i).id;
  }

  key(i: number): string {
    return this.at(i).key;
  }

  domain(i: number): string | null {
    return this.at(i).domain;
  }

  compact(): void {}

  [Symbol.iterator](): Iterator<CompanyEntry> {
    return this.#items[Symbol.iterator]();
  }
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
    if (!(i >= 0 && i < this.length)) throw new RangeError(`no company ${i} (${this.length} companies)`);
    const [id, name, domain, website] = this.#text.all(i);
    return { id: (this.#ids[i] ??= id!), name: name!, key: this.#key[i]!, domain, website };
  }

  id(i: number): string {
    return (this.#ids[i] ??= this.#text.get(i, ID)!);
  }

  key(i: number): string {
    const k = this.#key[i];
    if (k === undefined) throw new RangeError(`no company ${i} (${this.length} companies)`);
    return k;
  }

  domain(i: number): string | null {
    return this.#text.get(i, DOMAIN);
  }

  compact(): void {
    this.#text.compact();
  }

  *[Symbol.iterator](): Iterator<CompanyEntry> {
    for (let i = 0; i < this.length; i++) yield this.at(i);
  }
}
