// The people of one company, for fuzzy person matching inside the resolved company. A small company is
// scanned whole; past BUCKET_SCAN_LIMIT members a trigram index over the name keys is built (once) and
// only its top candidates are scored, so a company with 50,000 people does not cost 50,000 comparisons
// per row.

import { GramIndex } from './gram-index.js';
import { tight } from '../tight.js';

export const BUCKET_SCAN_LIMIT = 64;
export const BUCKET_TOP_K = 32;

export class PeopleBucket {
  members: number[] = [];
  private keys: string[] = [];
  private gram: GramIndex | null = null;

  add(member: number, nameKey: string): void {
    this.members.push(member);
    this.keys.push(nameKey);
    if (this.gram !== null) this.gram.add(nameKey);
  }

  /** Drops the lists' spare capacity once no more members come (the master part: ~400k buckets; tight.ts). */
  compact(): void {
    this.members = tight(this.members);
    this.keys = tight(this.keys);
  }

  /** Members worth scoring against a name key, in member order. */
  candidates(nameKey: string): number[] {
    if (this.members.length <= BUCKET_SCAN_LIMIT) return this.members;
    if (this.gram === null) {
      this.gram = new GramIndex();
      for (const k of this.keys) this.gram.add(k);
    }
    const hits = this.gram.query(nameKey, BUCKET_TOP_K);
    const out = hits.map((h) => this.members[h.entry]!);
    // Exact key equality is always a candidate (namesakes must be seen to be detected as a near tie).
    for (let i = 0; i < this.keys.length; i++) if (this.keys[i] === nameKey && !out.includes(this.members[i]!)) out.push(this.members[i]!);
    return out.sort((a, b) => a - b);
  }
}
