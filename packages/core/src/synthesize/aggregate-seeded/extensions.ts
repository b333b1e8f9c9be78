/**
 * The one-attribute extensions of every reportable combination T: the reportable rows T ∪ {y}.
 * `child(T, y)` answers "is T ∪ {y} reportable, and which row is it" — the question the
 * aggregate-seeded synthesizer asks millions of times. When the table is small enough
 * (rows shorter than L × attributes ≤ DENSE_LIMIT) the answer is one read in a dense table,
 * slot by slot contiguous over y; otherwise an exact hash lookup. Lists of the extensions of
 * each row (ascending y) serve to enumerate candidates.
 *
 * Guarantee it supports: `child` returns a row only for a reportable combination T ∪ {y}
 * (dense entries are filled from the aggregates' own rows, the hash path checks membership
 * exactly), and -1 otherwise.
 */
import type { AggregateIndex } from "./lookup.js";

/** Most entries of the dense table (Int32: 4 bytes each). */
export const DENSE_LIMIT = 1 << 24;

export class Extensions {
  /** Dense slot of each row shorter than L (and of the root), or -1. */
  private readonly slot: Int32Array;
  /** dense[slot(T) * A + y] = row of T ∪ {y} or -1; undefined when too large. */
  readonly dense: Int32Array | undefined;
  /** With the dense table: bit y of row T's `words` words is set iff child(T, y) ≥ 0. */
  readonly bits: Uint32Array | undefined;
  readonly words: number;
  private readonly A: number;
  /** Index of the empty combination (its extensions are the single attributes). */
  readonly root: number;
  /** Extensions of parent p are entries start[p] … start[p+1] - 1. */
  readonly start: Int32Array;
  /** The added attribute y of each entry, ascending within a parent. */
  readonly attr: Int32Array;
  /** The row T ∪ {y} of each entry. */
  readonly row: Int32Array;

  constructor(
    private readonly index: AggregateIndex,
    denseLimit = DENSE_LIMIT,
  ) {
    const { rows, rowLength, attrs, length: L, mix, rowHash } = index;
    this.root = rows;
    const A = mix.length;
    this.A = A;
    this.words = (A + 31) >>> 5;
    let entries = 0;
    for (let r = 0; r < rows; r++) entries += rowLength[r]!;
    const parent = new Int32Array(entries);
    const added = new Int32Array(entries);
    const child = new Int32Array(entries);
    const others = new Int32Array(L);
    let e = 0;
    for (let r = 0; r < rows; r++) {
      const n = rowLength[r]!;
      for (let p = 0; p < n; p++) {
        const y = attrs[r * L + p]!;
        let q = 0;
        for (let i = 0; i < n; i++) if (i !== p) others[q++] = attrs[r * L + i]!;
        const h = (rowHash[r]! - mix[y]!) >>> 0;
        const par = n === 1 ? rows : index.find(h, others, 0, n - 1, -1, -1);
        if (par < 0) continue; // not downward closed here: the entry is never needed
        parent[e] = par;
        added[e] = y;
        child[e++] = r;
      }
    }
    // Counting sort by attribute, then a stable one by parent.
    const byAttr = countingOrder(
      added,
      e,
      mix.length,
      Int32Array.from({ length: e }, (_, i) => i),
    );
    const order = countingOrder(parent, e, rows + 1, byAttr);
    this.start = new Int32Array(rows + 2);
    for (let i = 0; i < e; i++) this.start[parent[i]! + 1]!++;
    for (let p = 0; p <= rows; p++) this.start[p + 1]! += this.start[p]!;
    this.attr = new Int32Array(e);
    this.row = new Int32Array(e);
    for (let i = 0; i < e; i++) {
      this.attr[i] = added[order[i]!]!;
      this.row[i] = child[order[i]!]!;
    }
    this.slot = new Int32Array(rows + 1).fill(-1);
    let parents = 1;
    this.slot[rows] = 0;
    for (let r = 0; r < rows; r++) if (rowLength[r]! < L) this.slot[r] = parents++;
    if (parents * A <= denseLimit) {
      const dense = new Int32Array(parents * A).fill(-1);
      for (let p = 0; p <= rows; p++) {
        const base = this.slot[p]! * A;
        if (base < 0) continue;
        for (let e = this.start[p]!; e < this.start[p + 1]!; e++)
          dense[base + this.attr[e]!] = this.row[e]!;
      }
      this.dense = dense;
      const bits = new Uint32Array(parents * this.words);
      for (let p = 0; p <= rows; p++) {
        const base = this.slot[p]! * this.words;
        if (base < 0) continue;
        for (let e = this.start[p]!; e < this.start[p + 1]!; e++) {
          const y = this.attr[e]!;
          bits[base + (y >>> 5)]! |= 1 << (y & 31);
        }
      }
      this.bits = bits;
    }
  }

  /**
   * Where row T's entries start in `dense` (dense[base + y] = child(T, y)), or -1 when there is
   * no dense table or T has L attributes.
   */
  denseBase(t: number): number {
    const s = this.slot[t]!;
    return this.dense === undefined || s < 0 ? -1 : s * this.A;
  }

  /** Where row T's words start in `bits`, or -1 (no dense table, or T has L attributes). */
  bitsBase(t: number): number {
    const s = this.slot[t]!;
    return this.bits === undefined || s < 0 ? -1 : s * this.words;
  }

  /** Row of T ∪ {y} for the row (or root) T, or -1 when not reportable. y must not be in T. */
  child(t: number, y: number): number {
    if (this.dense !== undefined) {
      const s = this.slot[t]!;
      return s < 0 ? -1 : this.dense[s * this.A + y]!;
    }
    const ix = this.index;
    if (t === this.root) return ix.single[y]!;
    const h = (ix.rowHash[t]! + ix.mix[y]!) >>> 0;
    return ix.find(h, ix.attrs, t * ix.length, ix.rowLength[t]!, y, -1);
  }

  /** First entry of parent p whose attribute is ≥ a (binary search). */
  lowerBound(p: number, a: number): number {
    let lo = this.start[p]!;
    let hi = this.start[p + 1]!;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (this.attr[mid]! < a) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }
}

/** Stable counting sort of `items` by key[item], keys in [0, buckets). */
function countingOrder(key: Int32Array, n: number, buckets: number, items: Int32Array): Int32Array {
  const start = new Int32Array(buckets + 1);
  for (let i = 0; i < n; i++) start[key[i]! + 1]!++;
  for (let b = 0; b < buckets; b++) start[b + 1]! += start[b]!;
  const out = new Int32Array(n);
  for (let i = 0; i < n; i++) {
    const item = items[i]!;
    out[start[key[item]!]!++] = item;
  }
  return out;
}
