/**
 * Exact lookup of reportable combinations, for the aggregate-seeded synthesizer.
 *
 * Guarantee it supports: `find` returns a row only when the queried set is, id for id, a row
 * of the reportable aggregates (hashes only narrow the search; membership is then checked
 * exactly). A synthesizer that admits an attribute only when every sub-combination of up to
 * L attributes it would form is found here therefore never forms an unreported combination.
 *
 * Keys: the hash of a set is the 32-bit sum of a fixed random word per attribute, so it does
 * not depend on order and hash(T ∪ {y}) = hash(T) + mix[y]: the synthesizers hash the subsets
 * of a record once and probe each candidate attribute with one addition. Open addressing in
 * an Int32Array (no Map, no string keys): ~8 bytes per aggregate row.
 */
import type { AggregateTable } from "../../aggregate/aggregate-table.js";
import { NONE } from "../../aggregate/count-partition.js";

/** A fixed pseudo-random 32-bit word per attribute id (murmur3's finaliser). */
function mixWord(a: number): number {
  let h = (a + 0x9e3779b9) | 0;
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

function slotOf(h: number, mask: number): number {
  let x = Math.imul(h ^ (h >>> 15), 0x2c1b3c6d);
  x ^= x >>> 12;
  x = Math.imul(x, 0x297a2d39);
  x ^= x >>> 15;
  return x & mask;
}

export class AggregateIndex {
  /** L: the longest combinations listed. */
  readonly length: number;
  readonly rows: number;
  readonly attrs: Uint32Array;
  readonly counts: Uint32Array;
  /** Number of attributes of each row. */
  readonly rowLength: Uint8Array;
  /** Order-free hash (sum of mix words) of each row. */
  readonly rowHash: Uint32Array;
  /** Row of the single attribute {a}, or -1 when {a} is not reportable. */
  readonly single: Int32Array;
  /** The hash word of each attribute. */
  readonly mix: Uint32Array;
  private readonly slots: Int32Array;
  private readonly mask: number;

  constructor(table: AggregateTable, attributeCount: number) {
    const L = table.length;
    this.length = L;
    this.attrs = table.attrs;
    this.counts = table.counts;
    this.rows = table.counts.length;
    this.mix = new Uint32Array(attributeCount);
    for (let a = 0; a < attributeCount; a++) this.mix[a] = mixWord(a);
    this.single = new Int32Array(attributeCount).fill(-1);
    this.rowLength = new Uint8Array(this.rows);
    this.rowHash = new Uint32Array(this.rows);
    let capacity = 16;
    while (capacity < this.rows * 2) capacity *= 2;
    this.slots = new Int32Array(capacity).fill(-1);
    this.mask = capacity - 1;
    for (let r = 0; r < this.rows; r++) {
      let n = 0;
      let h = 0;
      while (n < L && table.attrs[r * L + n] !== NONE) {
        const a = table.attrs[r * L + n]!;
        if (a >= attributeCount) throw new RangeError(`attribute ${a} outside the schema`);
        h = (h + this.mix[a]!) >>> 0;
        n++;
      }
      this.rowLength[r] = n;
      this.rowHash[r] = h;
      if (n === 1) this.single[table.attrs[r * L]!] = r;
      let s = slotOf(h, this.mask);
      while (this.slots[s]! >= 0) s = (s + 1) & this.mask;
      this.slots[s] = r;
    }
  }

  /**
   * Row of the set made of members[from … from+n) plus `x` and `y` (each -1 for none), whose
   * hash is `h`; -1 when that set is not a reportable combination. The ids must be distinct.
   */
  find(
    h: number,
    members: ArrayLike<number>,
    from: number,
    n: number,
    x: number,
    y: number,
  ): number {
    const size = n + (x >= 0 ? 1 : 0) + (y >= 0 ? 1 : 0);
    if (size > this.length) return -1;
    const { slots, rowHash, rowLength, mask } = this;
    let s = slotOf(h, mask);
    for (;;) {
      const row = slots[s]!;
      if (row < 0) return -1;
      if (rowHash[row] === h && rowLength[row] === size && this.holds(row, members, from, n, x, y))
        return row;
      s = (s + 1) & mask;
    }
  }

  /** Row of the set `ids` (any order, distinct), or -1. */
  findSet(ids: ArrayLike<number>): number {
    let h = 0;
    for (let i = 0; i < ids.length; i++) h = (h + this.mix[ids[i]!]!) >>> 0;
    return this.find(h, ids, 0, ids.length, -1, -1);
  }

  private holds(
    row: number,
    members: ArrayLike<number>,
    from: number,
    n: number,
    x: number,
    y: number,
  ): boolean {
    const base = row * this.length;
    const end = base + this.rowLength[row]!;
    const attrs = this.attrs;
    for (let i = from; i < from + n; i++)
      if (!contains(attrs, base, end, members[i]!)) return false;
    return (x < 0 || contains(attrs, base, end, x)) && (y < 0 || contains(attrs, base, end, y));
  }
}

function contains(attrs: Uint32Array, from: number, to: number, a: number): boolean {
  for (let p = from; p < to; p++) if (attrs[p] === a) return true;
  return false;
}
