// A character-trigram inverted index over match keys, for candidate generation (blocking) before
// fuzzball scores anything. Entries are dense integers in insertion order; the index accepts
// insertions at any time (in-file records become candidates for later rows).
//
// Query = prefix filtering + counting + verification:
// 1. the query's distinct grams are sorted by posting-list length (rarest first);
// 2. the lists read are the rarest grams' lists: at least `g - c + 1` of them, where c is the overlap
//    a plausible match must reach (a candidate sharing c grams shares one of those), plus every
//    further list that is short (cheap extra recall); one pass over them counts, for every entry
//    they hold, in how many it appears (ScanCount), and applies the length filter (a fuzzball ratio
//    >= MIN_SCORE needs 2*min(l1,l2)/(l1+l2) >= MIN_SCORE);
// 3. candidates are verified highest count first: the exact overlap is counted against the entry's
//    own gram list, and the Dice coefficient of gram sets ranks them into a bounded top K (ties by
//    entry order). An entry counted n times shares at most n + (lists not read) grams, so once that
//    bound is below the K-th best Dice the rest is skipped: exact, the result is the one a full sort
//    of every candidate gives (the property test's reference). At 416k company keys this verifies
//    ~800 of ~20k candidates per query (2.0-2.3 ms instead of 5.8-5.9 ms verifying them all).
// Nothing here depends on thresholds, so candidate lists can be cached across threshold changes.

/** Lowest similarity the matcher ever needs to know about (review floors below it see no candidate). */
export const MIN_SCORE = 0.5;
/** Length ratio bound implied by MIN_SCORE for ratio-like scores: l2/l1 within [1/R, R]. */
const LEN_RATIO = (2 - MIN_SCORE) / MIN_SCORE;
/** Fraction of the query's grams a candidate is assumed to share at least (prefix length). */
const OVERLAP_FRACTION = 0.34;
/** Posting lists up to this length are always read (beyond the prefix), they are cheap. */
const CHEAP_POSTINGS = 48;
/** The count byte of an entry outside the length filter; also the cap on the lists one query reads. */
const FILTERED = 255;

class IntVec {
  data: Int32Array;
  length = 0;
  constructor(capacity = 16) {
    this.data = new Int32Array(capacity);
  }
  /** A full vector over `data` (a view into shared memory: a frozen index never pushes). */
  static over(data: Int32Array): IntVec {
    const v = new IntVec(0);
    v.data = data;
    v.length = data.length;
    return v;
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

/** `a` when it holds at least n entries, else a new zeroed array of at least n (contents not kept: scratch). */
function atLeast(a: Int32Array<ArrayBuffer>, n: number): Int32Array<ArrayBuffer> {
  return a.length >= n ? a : new Int32Array(Math.max(n, a.length * 2));
}

/**
 * A GramIndex's arrays in shared memory (GramIndex.share): the posting lists one after the other
 * (`postStart[id]` .. `postStart[id + 1]` in `postData`), the packed gram of each id, and the
 * entries' gram lists and key lengths. Passed to a worker thread without a copy.
 */
export interface SharedGrams {
  grams: Float64Array;
  postStart: Int32Array;
  postData: Int32Array;
  gramPool: Int32Array;
  gramStart: Int32Array;
  lengths: Int32Array;
}

function sharedInt32(n: number): Int32Array {
  return new Int32Array(new SharedArrayBuffer(4 * Math.max(1, n)), 0, n);
}

function sharedCopy(v: IntVec): Int32Array {
  const out = sharedInt32(v.length);
  out.set(v.data.subarray(0, v.length));
  return out;
}

export interface GramHit {
  entry: number;
  overlap: number;
  dice: number;
}

export class GramIndex {
  private gramIds = new Map<number, number>();
  private postings: IntVec[] = [];
  /** The shared arrays once the index lives in shared memory (share, fromShared): no more entries. */
  private shared: SharedGrams | null = null;
  /** Gram ids of every entry, concatenated; entry e owns gramPool[gramStart[e] .. gramStart[e+1]). */
  private gramPool = new IntVec(1024);
  private gramStart = new IntVec(256);
  private lengths = new IntVec(256);
  /**
   * Per entry, during one query: how many of the lists read hold it (FILTERED: outside the length
   * filter); 0 between queries. One byte per entry: at 416k keys the array (416 KB) stays in the
   * core's L2 cache, where an Int32Array (1.6 MB) did not; the counting pass is ~18% faster.
   */
  private count = new Uint8Array(256);
  /** Entries touched by the query being answered, and their counts once read (scratch). */
  private cands: Int32Array = new Int32Array(256);
  private counts = new Int32Array(256);
  private byCount = new Int32Array(64);
  private order = new Int32Array(256);
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
    if (this.shared !== null) throw new Error('gram index: shared indexes take no more entries');
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

  /**
   * Moves the index into shared memory and freezes it (no more add): the master's company index, so
   * that the candidate worker queries this one instead of building its own copy (16 MB at 83k keys,
   * heap and typed arrays, so ~80 MB at 416k, on a thread whose memory counts as the process's), and without the lists' spare capacity.
   * Answers every query as before. Shared once: a second call returns the same arrays.
   */
  share(): SharedGrams {
    if (this.shared !== null) return this.shared;
    const n = this.postings.length;
    const postStart = sharedInt32(n + 1);
    let total = 0;
    for (let id = 0; id < n; id++) {
      postStart[id] = total;
      total += this.postings[id]!.length;
    }
    postStart[n] = total;
    const postData = sharedInt32(total);
    for (let id = 0; id < n; id++) postData.set(this.postings[id]!.data.subarray(0, this.postings[id]!.length), postStart[id]!);
    const grams = new Float64Array(new SharedArrayBuffer(8 * Math.max(1, n)), 0, n);
    for (const [g, id] of this.gramIds) grams[id] = g;
    const shared: SharedGrams = { grams, postStart, postData, gramPool: sharedCopy(this.gramPool), gramStart: sharedCopy(this.gramStart), lengths: sharedCopy(this.lengths) };
    this.adopt(shared);
    return shared;
  }

  /** An index over another thread's shared arrays (share): the same answers, nothing copied but the gram map. */
  static fromShared(shared: SharedGrams): GramIndex {
    const index = new GramIndex();
    index.gramIds = new Map(Array.from(shared.grams, (g, id) => [g, id]));
    index.adopt(shared);
    return index;
  }

  private adopt(s: SharedGrams): void {
    const n = s.grams.length;
    this.postings = new Array<IntVec>(n);
    for (let id = 0; id < n; id++) this.postings[id] = IntVec.over(s.postData.subarray(s.postStart[id]!, s.postStart[id + 1]!));
    this.gramPool = IntVec.over(s.gramPool);
    this.gramStart = IntVec.over(s.gramStart);
    this.lengths = IntVec.over(s.lengths);
    this.shared = s;
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
    const start = this.gramStart.data;
    const lengths = this.lengths.data;
    const count = this.count; // all 0 between queries

    // 1. Count (ScanCount): how many of the lists read hold each entry, one increment per posting
    //    (one random access: the count is also the "seen" mark, FILTERED for an entry outside the length
    //    filter). The lists read: the prefix, then further lists while they are short.
    let read = 0;
    let touched = 0;
    let cands: Int32Array = this.cands;
    // A count must stay below FILTERED: a key with more distinct grams than that (a name of ~250+
    // characters) has its commonest lists left unread, as if they were past the prefix.
    for (; read < ids.length && read < FILTERED - 1; read++) {
      const list = this.postings[ids[read]!]!;
      if (read >= prefix && list.length > CHEAP_POSTINGS) break;
      const data = list.data;
      for (let j = 0; j < list.length; j++) {
        const e = data[j]!;
        const c = count[e]!;
        if (c === 0) {
          const len = lengths[e]!;
          count[e] = len < minLen || len > maxLen ? FILTERED : 1;
          if (touched === cands.length) cands = this.growCands();
          cands[touched++] = e;
        } else if (c !== FILTERED) count[e] = c + 1;
      }
    }

    // 2. Candidates by count, highest first (counting sort): the likely best are verified first, so
    //    the k-th best Dice rises early and bounds out the many entries that share one common gram.
    //    Each touched entry's count is read once (and reset to 0 for the next query) into `counts`,
    //    so the passes below read sequential memory, not the large per-entry array.
    const unread = ids.length - read;
    const counts = (this.counts = atLeast(this.counts, touched));
    const byCount = (this.byCount = atLeast(this.byCount, read + 2));
    byCount.fill(0, 0, read + 2);
    let found = 0;
    for (let i = 0; i < touched; i++) {
      const e = cands[i]!;
      const c = count[e] === FILTERED ? -1 : count[e]!;
      count[e] = 0;
      counts[i] = c;
      if (c > 0) {
        byCount[read - c + 1]!++;
        found++;
      }
    }
    for (let c = 1; c < read + 2; c++) byCount[c]! += byCount[c - 1]!;
    const order = (this.order = atLeast(this.order, found));
    for (let i = 0; i < touched; i++) {
      const c = counts[i]!;
      if (c > 0) order[byCount[read - c]!++] = i;
    }

    // 3. Exact Dice of the candidates, in that order, into a bounded sorted top-k (dice desc, entry
    //    asc). An entry counted c times shares at most c + (lists not read) grams with the query, and
    //    at most its own number of grams: when even that bound is below the k-th best, it cannot
    //    enter (exact, not a heuristic), and once it holds for a whole count, for every lower count.
    const pool = this.gramPool.data;
    const mark = this.mark;
    const topEntry: number[] = [];
    const topOverlap: number[] = [];
    const topDice: number[] = [];
    for (let j = 0; j < found; j++) {
      const i = order[j]!;
      const e = cands[i]!;
      const a = start[e]!;
      const b = start[e + 1]!;
      const own = b - a;
      if (topEntry.length === k) {
        const reach = counts[i]! + unread;
        const kth = topDice[k - 1]!;
        if ((2 * reach) / (g + reach) < kth) break; // the best any entry of this count can do
        if ((2 * Math.min(reach, own)) / (g + own) < kth) continue;
      }
      let overlap = 0;
      for (let x = a; x < b; x++) if (mark[pool[x]!] === stamp) overlap++;
      const dice = (2 * overlap) / (g + own);
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
    const hits: GramHit[] = new Array(topEntry.length);
    for (let i = 0; i < topEntry.length; i++) hits[i] = { entry: topEntry[i]!, overlap: topOverlap[i]!, dice: topDice[i]! };
    return hits;
  }

  private growCands(): Int32Array {
    const next = new Int32Array(this.cands.length * 2);
    next.set(this.cands);
    this.cands = next;
    return next;
  }

  private ensureScratch(): void {
    if (this.count.length < this.size) this.count = new Uint8Array(Math.max(this.size, this.count.length * 2));
    if (this.mark.length < this.postings.length) {
      const next = new Int32Array(Math.max(this.postings.length, this.mark.length * 2));
      next.set(this.mark);
      this.mark = next;
    }
  }
}
