// A character-trigram inverted index over match keys, for candidate generation (blocking) before
// fuzzball scores anything. Entries are dense integers in insertion order; the index accepts
// insertions at any time (in-file records become candidates for later rows).
//
// Query = prefix filtering + verification:
// 1. the query's distinct grams are sorted by posting-list length (rarest first);
// 2. candidates are the union of the postings of the rarest grams: at least `g - c + 1` of them, where
//    c is the overlap a plausible match must reach (a candidate sharing c grams shares one of those),
//    plus every further gram whose list is short (cheap extra recall);
// 3. each candidate's exact overlap is counted against its own gram list (no scan of frequent lists);
// 4. a length filter (a fuzzball ratio >= MIN_SCORE needs 2*min(l1,l2)/(l1+l2) >= MIN_SCORE) and the
//    Dice coefficient of gram sets rank the candidates; the top K are returned, ties by entry order.
// Nothing here depends on thresholds, so candidate lists can be cached across threshold changes.

/** Lowest similarity the matcher ever needs to know about (review floors below it see no candidate). */
export const MIN_SCORE = 0.5;
/** Length ratio bound implied by MIN_SCORE for ratio-like scores: l2/l1 within [1/R, R]. */
const LEN_RATIO = (2 - MIN_SCORE) / MIN_SCORE;
/** Fraction of the query's grams a candidate is assumed to share at least (prefix length). */
const OVERLAP_FRACTION = 0.34;
/** Posting lists up to this length are always read (beyond the prefix), they are cheap. */
const CHEAP_POSTINGS = 48;

class IntVec {
  data: Int32Array;
  length = 0;
  constructor(capacity = 16) {
    this.data = new Int32Array(capacity);
  }
  push(v: number): void {
    if (this.length === this.data.length) {
      const next = new Int32Array(this.data.length * 2);
      next.set(this.data);
      this.data = next;
    }
    this.data[this.length++] = v;
  }
}

/** Distinct trigrams of a key padded with one space on each side, packed into numbers (48 bits). */
export function trigrams(key: string): number[] {
  const s = ` ${key} `;
  const out: number[] = [];
  const seen = new Set<number>();
  for (let i = 0; i + 3 <= s.length; i++) {
    const g = s.charCodeAt(i) * 4294967296 + s.charCodeAt(i + 1) * 65536 + s.charCodeAt(i + 2);
    if (!seen.has(g)) {
      seen.add(g);
      out.push(g);
    }
  }
  return out;
}

export interface GramHit {
  entry: number;
  overlap: number;
  dice: number;
}

export class GramIndex {
  private readonly gramIds = new Map<number, number>();
  private postings: IntVec[] = [];
  /** Gram ids of every entry, concatenated; entry e owns gramPool[gramStart[e] .. gramStart[e+1]). */
  private gramPool = new IntVec(1024);
  private gramStart = new IntVec(256);
  private lengths = new IntVec(256);
  private seen = new Int32Array(256);
  private mark = new Int32Array(256);
  private stamp = 0;

  constructor() {
    this.gramStart.push(0);
  }

  get size(): number {
    return this.lengths.length;
  }

  /** Adds a key; returns its entry number (0, 1, 2... in insertion order). */
  add(key: string): number {
    const entry = this.lengths.length;
    for (const g of trigrams(key)) {
      let id = this.gramIds.get(g);
      if (id === undefined) {
        id = this.postings.length;
        this.gramIds.set(g, id);
        this.postings.push(new IntVec(4));
      }
      this.postings[id]!.push(entry);
      this.gramPool.push(id);
    }
    this.gramStart.push(this.gramPool.length);
    this.lengths.push(key.length);
    return entry;
  }

  /** Top `k` entries by gram overlap (Dice), after the length filter. Deterministic. */
  query(key: string, k: number): GramHit[] {
    if (k <= 0) return [];
    const grams = trigrams(key);
    const ids: number[] = [];
    for (const g of grams) {
      const id = this.gramIds.get(g);
      if (id !== undefined) ids.push(id);
    }
    if (ids.length === 0) return [];
    this.ensureScratch();
    const stamp = ++this.stamp;
    for (const id of ids) this.mark[id] = stamp;
    ids.sort((a, b) => this.postings[a]!.length - this.postings[b]!.length || a - b);

    const g = grams.length;
    const minOverlap = Math.max(1, Math.floor(g * OVERLAP_FRACTION));
    const prefix = Math.max(1, g - minOverlap + 1);
    const qLen = key.length;
    const minLen = qLen / LEN_RATIO;
    const maxLen = qLen * LEN_RATIO;
    // Candidates are verified as they are found and kept in a bounded, sorted top-k (dice desc, entry
    // asc): no per-candidate object and no sort of the whole candidate set (a common company word
    // can bring tens of thousands of candidates for one query at 1M records).
    const pool = this.gramPool.data;
    const start = this.gramStart.data;
    const lengths = this.lengths.data;
    const seen = this.seen;
    const mark = this.mark;
    const topEntry: number[] = [];
    const topOverlap: number[] = [];
    const topDice: number[] = [];
    for (let i = 0; i < ids.length; i++) {
      const list = this.postings[ids[i]!]!;
      if (i >= prefix && list.length > CHEAP_POSTINGS) break;
      if (topEntry.length === k) {
        // An entry first seen in list i shares at most m = (lists left) grams with the query, so its
        // Dice is at most 2m / (g + m): once that is below the k-th best, no later list can change
        // the result (exact, not a heuristic).
        const m = ids.length - i;
        if ((2 * m) / (g + m) < topDice[k - 1]!) break;
      }
      const data = list.data;
      for (let j = 0; j < list.length; j++) {
        const e = data[j]!;
        if (seen[e] === stamp) continue;
        seen[e] = stamp;
        const len = lengths[e]!;
        if (len < minLen || len > maxLen) continue;
        const a = start[e]!;
        const b = start[e + 1]!;
        if (topEntry.length === k) {
          // First seen in list i: it shares at most min(lists left, its own grams) with the query.
          // Below the k-th best even then: skip the verification (exact, as above).
          const most = Math.min(ids.length - i, b - a);
          if ((2 * most) / (g + (b - a)) < topDice[k - 1]!) continue;
        }
        let overlap = 0;
        for (let x = a; x < b; x++) if (mark[pool[x]!] === stamp) overlap++;
        const dice = (2 * overlap) / (g + (b - a));
        let n = topEntry.length;
        if (n === k) {
          const ld = topDice[n - 1]!;
          if (dice < ld || (dice === ld && e > topEntry[n - 1]!)) continue;
          n--; // the last one drops out
        } else {
          topEntry.push(0);
          topOverlap.push(0);
          topDice.push(0);
        }
        // Insertion into the sorted top-k.
        let p = n;
        while (p > 0 && (topDice[p - 1]! < dice || (topDice[p - 1] === dice && topEntry[p - 1]! > e))) {
          topEntry[p] = topEntry[p - 1]!;
          topOverlap[p] = topOverlap[p - 1]!;
          topDice[p] = topDice[p - 1]!;
          p--;
        }
        topEntry[p] = e;
        topOverlap[p] = overlap;
        topDice[p] = dice;
      }
    }
    const hits: GramHit[] = new Array(topEntry.length);
    for (let i = 0; i < topEntry.length; i++) hits[i] = { entry: topEntry[i]!, overlap: topOverlap[i]!, dice: topDice[i]! };
    return hits;
  }

  private ensureScratch(): void {
    if (this.seen.length < this.size) {
      const next = new Int32Array(Math.max(this.size, this.seen.length * 2));
      next.set(this.seen);
      this.seen = next;
    }
    if (this.mark.length < this.postings.length) {
      const next = new Int32Array(Math.max(this.postings.length, this.mark.length * 2));
      next.set(this.mark);
      this.mark = next;
    }
  }
}
