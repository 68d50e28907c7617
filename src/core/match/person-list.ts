// The people of an EntityTables (master-index.ts), by record number, packed: the master part's and
// the per-run overlay's (the people a file creates, added as rows are decided).
//
// PackedPeople keeps no PersonEntry: the fields that repeat across people (name keys, company ids,
// first and last names, titles: interned, core/intern.ts) in columns, a pointer each, and the ones that
// hardly repeat (id, email, LinkedIn URL, full name) as UTF-8 (PackedStrings). A person is made into a
// new PersonEntry when read whole (at); the candidate rules read single fields (nameKey, companyId,
// email, linkedin) without one. At 200k master people an entry was ~250 bytes of heap.

import { PackedStrings } from '../bytes.js';
import type { PersonEntry } from './master-index.js';

export interface PersonList extends Iterable<PersonEntry> {
  readonly length: number;
  /** Person i whole (a new object each call). */
  at(i: number): PersonEntry;
  push(p: PersonEntry): number;
  nameKey(i: number): string;
  companyId(i: number): string | null;
  /** Whether `email` is one of person i's addresses. */
  hasEmail(i: number, email: string): boolean;
  linkedin(i: number): string | null;
  /** Drops spare capacity once no more people come. */
  compact(): void;
}

/** PackedStrings' fields of a person. */
const ID = 0;
const EMAIL = 1;
const LINKEDIN = 2;

export class PackedPeople implements PersonList {
  readonly #text = new PackedStrings(4);
  readonly #nameKey: string[] = [];
  readonly #companyId: (string | null)[] = [];
  readonly #firstKey: (string | null)[] = [];
  readonly #lastKey: (string | null)[] = [];
  readonly #title: (string | null)[] = [];
  readonly #titleKey: (string | null)[] = [];
  /** People with more than one address: the further ones (most have none here). */
  readonly #otherEmails = new Map<number, readonly string[]>();

  get length(): number {
    return this.#text.length;
  }

  push(p: PersonEntry): number {
    const i = this.#text.push([p.id, p.email, p.linkedin, p.fullName]);
    this.#nameKey.push(p.nameKey);
    this.#companyId.push(p.companyId);
    this.#firstKey.push(p.firstKey);
    this.#lastKey.push(p.lastKey);
    this.#title.push(p.title);
    this.#titleKey.push(p.titleKey);
    if (p.otherEmails !== null) this.#otherEmails.set(i, [...p.otherEmails]);
    return i;
  }

  at(i: number): PersonEntry {
    if (!(i >= 0 && i < this.length)) this.#missing(i);
    const [id, email, linkedin, fullName] = this.#text.all(i);
    return {
      id: id!,
      companyId: this.#companyId[i]!,
      fullName: fullName!,
      nameKey: this.#nameKey[i]!,
      firstKey: this.#firstKey[i]!,
      lastKey: this.#lastKey[i]!,
      email: email!,
      otherEmails: this.#otherEmails.get(i) ?? null,
      linkedin: linkedin!,
      title: this.#title[i]!,
      titleKey: this.#titleKey[i]!,
    };
  }

  nameKey(i: number): string {
    return this.#nameKey[i] ?? this.#missing(i);
  }

  companyId(i: number): string | null {
    return i >= 0 && i < this.length ? this.#companyId[i]! : this.#missing(i);
  }

  hasEmail(i: number, email: string): boolean {
    return this.#text.get(i, EMAIL) === email || (this.#otherEmails.get(i)?.includes(email) ?? false);
  }

  linkedin(i: number): string | null {
    return this.#text.get(i, LINKEDIN);
  }

  /** Person i's id (without making the whole entry). */
  id(i: number): string {
    return this.#text.get(i, ID)!;
  }

  compact(): void {
    this.#text.compact();
  }

  #missing(i: number): never {
    throw new RangeError(`no person ${i} (${this.length} people)`);
  }

  *[Symbol.iterator](): Iterator<PersonEntry> {
    for (let i = 0; i < this.length; i++) yield this.at(i);
  }
}

