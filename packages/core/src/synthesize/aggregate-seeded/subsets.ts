/**
 * Building blocks of the aggregate-seeded synthesizer: the subsets of a record (up to a size)
 * with their rows in the aggregates, and a flat store of synthetic records.
 *
 * Guarantee they support: `SubsetList.fill` lists every subset of the given set up to the
 * given size exactly once, so checking T ∪ {y} for each listed T checks every
 * sub-combination that adding y creates (none is skipped); a subset that is not reportable
 * gets row -1 (never a wrong row).
 */
import type { Extensions } from "./extensions.js";

/** Number of subsets of an m-set with at most `maxSize` elements. */
export function subsetCount(m: number, maxSize: number): number {
  let total = 0;
  let c = 1;
  for (let l = 0; l <= Math.min(m, maxSize); l++) {
    total += c;
    c = (c * (m - l)) / (l + 1);
  }
  return total;
}

/**
 * The subsets of set[0 … m) of size ≤ maxSize, by increasing size, ∅ first, each with its
 * row in the aggregates (-1 when it is not reportable; then so are its supersets).
 */
export class SubsetList {
  count = 0;
  /** Subsets of size s are start[s] … start[s+1] - 1. */
  readonly start: Int32Array;
  rows = new Int32Array(0);
  size = new Uint8Array(0);
  private last = new Int16Array(0);

  constructor(readonly maxSize: number) {
    this.start = new Int32Array(maxSize + 2);
  }

  fill(set: ArrayLike<number>, m: number, ext: Extensions): void {
    const need = subsetCount(m, this.maxSize);
    if (need > this.rows.length) this.grow(need);
    const { rows, size, last, start } = this;
    rows[0] = ext.root;
    size[0] = 0;
    last[0] = -1;
    let count = 1;
    start[0] = 0;
    start[1] = 1;
    for (let s = 1; s <= this.maxSize; s++) {
      const from = start[s - 1]!;
      const to = start[s]!;
      for (let i = from; i < to; i++) {
        const parent = rows[i]!;
        for (let e = last[i]! + 1; e < m; e++) {
          rows[count] = parent < 0 ? -1 : ext.child(parent, set[e]!);
          size[count] = s;
          last[count] = e;
          count++;
        }
      }
      start[s + 1] = count;
    }
    this.count = count;
  }

  private grow(need: number): void {
    const cap = Math.max(need, this.rows.length * 2, 64);
    this.rows = new Int32Array(cap);
    this.size = new Uint8Array(cap);
    this.last = new Int16Array(cap);
  }
}

/** Synthetic records as a flat table: record r holds ids[r*width … r*width + lens[r]), in any order. */
export class RecordStore {
  count = 0;
  ids: Int32Array;
  lens: Uint16Array;

  constructor(
    readonly width: number,
    capacity: number,
  ) {
    const cap = Math.max(16, capacity);
    this.ids = new Int32Array(cap * width);
    this.lens = new Uint16Array(cap);
  }

  push(list: ArrayLike<number>, n: number): void {
    if (this.count === this.lens.length) this.reserve(this.count * 2);
    const base = this.count * this.width;
    for (let i = 0; i < n; i++) this.ids[base + i] = list[i]!;
    this.lens[this.count++] = n;
  }

  /** Makes room for `capacity` records (the arrays are replaced only when they grow). */
  reserve(capacity: number): void {
    if (capacity <= this.lens.length) return;
    const ids = new Int32Array(capacity * this.width);
    ids.set(this.ids);
    this.ids = ids;
    const lens = new Uint16Array(capacity);
    lens.set(this.lens);
    this.lens = lens;
  }

  /** Record r as a sorted plain array. */
  list(r: number): number[] {
    const base = r * this.width;
    return Array.from(this.ids.subarray(base, base + this.lens[r]!)).sort((a, b) => a - b);
  }
}
