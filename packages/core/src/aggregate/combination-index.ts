/**
 * Hash indexes over lists of attribute ids kept in typed arrays, for comparing and looking up
 * tables of combinations (evaluation, docs/design.md §6; verification). Millions of combinations never become string keys or Map entries
 * (a V8 Map holds at most 2^24 entries): each index is one Int32Array of slots, open addressing
 * with linear probing, holding row numbers into the caller's arrays.
 *
 * - CombinationIndex: rows of `width` ids, ascending, padded with NONE (an AggregateTable or
 *   the counting engine's list of combinations).
 * - RecordIndex: variable-length rows in CSR form (records of a Dataset or SyntheticData).
 */

import { invariant } from "../errors.js";
import { NONE } from "./count-partition.js";

/** Hash of ids[from … to-1] (32-bit multiply-xorshift mixing; the length is mixed in). */
function hashIds(ids: Uint32Array, from: number, to: number): number {
  let h = 0x811c9dc5 ^ (to - from);
  for (let p = from; p < to; p++) {
    h = Math.imul(h ^ ids[p]!, 0x9e3779b1);
    h ^= h >>> 15;
  }
  h = Math.imul(h ^ (h >>> 13), 0x85ebca6b);
  return (h ^ (h >>> 16)) >>> 0;
}

function equalIds(a: Uint32Array, af: number, at: number, b: Uint32Array, bf: number, bt: number) {
  if (at - af !== bt - bf) return false;
  for (let i = 0; i < at - af; i++) if (a[af + i] !== b[bf + i]) return false;
  return true;
}

function slotCount(rows: number): number {
  let size = 16;
  while (size < rows * 1.5) size *= 2;
  return size;
}

/** End of the ids of row `row` of a NONE-padded table of `width` ids per row. */
export function comboEnd(attrs: Uint32Array, width: number, row: number): number {
  const from = row * width;
  let p = from;
  while (p < from + width && attrs[p] !== NONE) p++;
  return p;
}

/**
 * Finds a combination's row in a NONE-padded table. Rows are expected to be distinct.
 * The slots are cut into one region per first attribute (about 1.5 slots per combination
 * starting with it), so that looking up combinations grouped by first attribute, as the
 * counting engine lists them, stays within a small, cache-friendly part of the table.
 */
export class CombinationIndex {
  private readonly slots: Int32Array;
  /** Region of first attribute a: slots regionStart[a] … regionStart[a+1]-1. */
  private readonly regionStart: Uint32Array;

  constructor(
    private readonly attrs: Uint32Array,
    private readonly width: number,
    rows: number,
  ) {
    let maxFirst = -1;
    for (let r = 0; r < rows; r++) {
      const a = attrs[r * width]!;
      invariant(a !== NONE, "an empty combination in a table of combinations");
      if (a > maxFirst) maxFirst = a;
    }
    const starting = new Uint32Array(maxFirst + 1);
    for (let r = 0; r < rows; r++) starting[attrs[r * width]!]!++;
    this.regionStart = new Uint32Array(maxFirst + 2);
    for (let a = 0; a <= maxFirst; a++) {
      const c = starting[a]!;
      this.regionStart[a + 1] = this.regionStart[a]! + (c === 0 ? 0 : Math.ceil(c * 1.5) + 1);
    }
    this.slots = new Int32Array(this.regionStart[maxFirst + 1]!).fill(-1);
    for (let r = 0; r < rows; r++) {
      const from = r * width;
      const to = comboEnd(attrs, width, r);
      const a = attrs[from]!;
      const start = this.regionStart[a]!;
      const end = this.regionStart[a + 1]!;
      let s = start + Math.floor((hashIds(attrs, from, to) / 4294967296) * (end - start));
      while (this.slots[s] !== -1) s = s + 1 === end ? start : s + 1;
      this.slots[s] = r;
    }
  }

  /** Row holding ids[from … to-1] (ascending), or -1. */
  find(ids: Uint32Array, from: number, to: number): number {
    const { attrs, width, slots, regionStart } = this;
    const a = ids[from]!;
    if (to <= from || a + 1 >= regionStart.length) return -1;
    const start = regionStart[a]!;
    const end = regionStart[a + 1]!;
    if (start === end) return -1;
    let s = start + Math.floor((hashIds(ids, from, to) / 4294967296) * (end - start));
    for (;;) {
      const r = slots[s]!;
      if (r === -1) return -1;
      if (equalIds(attrs, r * width, comboEnd(attrs, width, r), ids, from, to)) return r;
      s = s + 1 === end ? start : s + 1;
    }
  }
}

/**
 * Groups equal records (same attribute set) of a CSR list: `group(r)` is the id of record r's
 * group, `size(g)` its number of records, `find` looks up any attribute list.
 */
export class RecordIndex {
  private readonly slots: Int32Array;
  private readonly mask: number;
  /** First record of each group. */
  private readonly first: Uint32Array;
  private readonly sizes: Uint32Array;
  private readonly groupOf: Uint32Array;
  readonly groups: number;

  constructor(
    private readonly offsets: Uint32Array,
    private readonly attrs: Uint32Array,
    records: number,
  ) {
    const size = slotCount(records);
    this.mask = size - 1;
    this.slots = new Int32Array(size).fill(-1);
    this.first = new Uint32Array(records);
    this.sizes = new Uint32Array(records);
    this.groupOf = new Uint32Array(records);
    let groups = 0;
    for (let r = 0; r < records; r++) {
      const from = offsets[r]!;
      const to = offsets[r + 1]!;
      let s = hashIds(attrs, from, to) & this.mask;
      let g = -1;
      for (;;) {
        const at = this.slots[s]!;
        if (at === -1) break;
        const f = this.first[at]!;
        if (equalIds(attrs, offsets[f]!, offsets[f + 1]!, attrs, from, to)) {
          g = at;
          break;
        }
        s = (s + 1) & this.mask;
      }
      if (g === -1) {
        g = groups++;
        this.slots[s] = g;
        this.first[g] = r;
      }
      this.sizes[g]!++;
      this.groupOf[r] = g;
    }
    this.groups = groups;
  }

  group(record: number): number {
    return this.groupOf[record]!;
  }

  size(group: number): number {
    return this.sizes[group]!;
  }

  /** Group whose records hold exactly ids[from … to-1] (ascending), or -1. */
  find(ids: Uint32Array, from: number, to: number): number {
    const { offsets, attrs, slots, mask, first } = this;
    let s = hashIds(ids, from, to) & mask;
    for (;;) {
      const g = slots[s]!;
      if (g === -1) return -1;
      const f = first[g]!;
      if (equalIds(attrs, offsets[f]!, offsets[f + 1]!, ids, from, to)) return g;
      s = (s + 1) & mask;
    }
  }
}
