/**
 * Finds a combination among the reportable aggregates in constant time, without string keys or
 * a Map (a V8 Map holds at most 2^24 entries; a release may list millions of combinations).
 *
 * The table's rows are `width` ascending attribute ids padded with NONE (an AggregateTable).
 * One Int32Array of slots holds row numbers; open addressing with linear probing.
 */
import { NONE } from "../aggregate/count-partition.js";

/** 32-bit multiply-xorshift hash of `width` ids starting at `from`. */
function hashTuple(ids: Uint32Array, from: number, width: number): number {
  let h = 0x811c9dc5;
  for (let p = from; p < from + width; p++) {
    h = Math.imul(h ^ ids[p]!, 0x9e3779b1);
    h ^= h >>> 15;
  }
  h = Math.imul(h ^ (h >>> 13), 0x85ebca6b);
  return (h ^ (h >>> 16)) >>> 0;
}

export class TupleSet {
  private readonly slots: Int32Array;
  private readonly mask: number;

  constructor(
    private readonly attrs: Uint32Array,
    readonly width: number,
    readonly size: number,
  ) {
    let capacity = 16;
    while (capacity < size * 1.5) capacity *= 2;
    this.slots = new Int32Array(capacity).fill(-1);
    this.mask = capacity - 1;
    for (let row = 0; row < size; row++) {
      let s = hashTuple(attrs, row * width, width) & this.mask;
      while (this.slots[s] !== -1) s = (s + 1) & this.mask;
      this.slots[s] = row;
    }
  }

  /** Row of the combination `key` (`width` ids, ascending, padded with NONE), or -1. */
  find(key: Uint32Array): number {
    const { attrs, width, slots, mask } = this;
    let s = hashTuple(key, 0, width) & mask;
    for (;;) {
      const row = slots[s]!;
      if (row === -1) return -1;
      let p = 0;
      const base = row * width;
      while (p < width && attrs[base + p] === key[p]) p++;
      if (p === width) return row;
      s = (s + 1) & mask;
    }
  }
}

/** Writes `ids[from … to-1]` into `key`, padded with NONE up to its width. */
export function fillKey(key: Uint32Array, ids: ArrayLike<number>, from: number, to: number): void {
  let p = 0;
  for (let i = from; i < to; i++) key[p++] = ids[i]!;
  while (p < key.length) key[p++] = NONE;
}
