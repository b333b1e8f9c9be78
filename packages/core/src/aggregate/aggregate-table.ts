/**
 * Tables of counted combinations: the reportable aggregates (count ≥ k, rounded down to a
 * multiple of k; docs/design.md §3) and the exact sensitive aggregates, sorted and written in the wide
 * CSV form of docs/design.md §7.
 */

import type { Dataset } from "../ingest/types.js";
import { GrowableUint32 } from "../util/growable.js";
import { NONE, type PartialCounts } from "./count-partition.js";

/** Combinations with their (possibly rounded) counts: `length` attribute ids per row, padded with NONE. */
export interface AggregateTable {
  length: number;
  attrs: Uint32Array;
  counts: Uint32Array;
}

/** floor(count / k) * k. */
export function floorK(count: number, k: number): number {
  return Math.floor(count / k) * k;
}

/** The reportable aggregates: every combination with count ≥ k, count rounded down to a multiple of k, sorted. */
export function reportableAggregates(
  data: Dataset,
  counts: PartialCounts,
  k: number,
  length: number,
): AggregateTable {
  return selectAndSort(data, counts, length, (c) => (c >= k ? floorK(c, k) : -1));
}

/** Every listed combination with its exact count, sorted (sensitive: private folder only). */
export function sensitiveAggregates(
  data: Dataset,
  counts: PartialCounts,
  length: number,
): AggregateTable {
  return selectAndSort(data, counts, length, (c) => c);
}

/**
 * A sorted table from listed combinations: `attrs` holds `length` ids per combination (padded
 * with NONE), `counts` their published counts; combinations with a count of 0 are left out.
 */
export function tableOf(
  data: Dataset,
  attrs: Uint32Array,
  counts: Uint32Array,
  length: number,
): AggregateTable {
  const listed = { comboAttrs: attrs, comboCounts: counts } as PartialCounts;
  return selectAndSort(data, listed, length, (c) => (c > 0 ? c : -1));
}

function selectAndSort(
  data: Dataset,
  counts: PartialCounts,
  length: number,
  report: (count: number) => number,
): AggregateTable {
  const total = counts.comboCounts.length;
  const value = new Uint32Array(total);
  const picked = new GrowableUint32(1024);
  for (let i = 0; i < total; i++) {
    const v = report(counts.comboCounts[i]!);
    if (v >= 0) {
      picked.push(i);
      value[i] = v;
    }
  }
  const src = counts.comboAttrs;
  const lengths = new Uint8Array(total);
  for (let r = 0; r < picked.length; r++) {
    const i = picked.data[r]!;
    let l = 0;
    while (l < length && src[i * length + l] !== NONE) l++;
    lengths[i] = l;
  }
  const rows = data.columns.some((c) => c.kind === "multi")
    ? comparatorSort(data, picked.toArray(), src, length, lengths, value)
    : radixSort(data, picked.toArray(), src, length, lengths, value);
  const attrs = new Uint32Array(rows.length * length);
  const out = new Uint32Array(rows.length);
  for (let i = 0; i < rows.length; i++) {
    const r = rows[i]!;
    attrs.set(src.subarray(r * length, (r + 1) * length), i * length);
    out[i] = value[r]!;
  }
  return { length, attrs, counts: out };
}

function comparatorSort(
  data: Dataset,
  rows: Uint32Array,
  src: Uint32Array,
  length: number,
  lengths: Uint8Array,
  value: Uint32Array,
): Uint32Array {
  const cells = new CellComparer(data, src, length);
  const list = Array.from(rows);
  list.sort(
    (x, y) =>
      lengths[x]! - lengths[y]! ||
      value[y]! - value[x]! ||
      cells.compare(x, y, lengths[x]!, lengths[y]!),
  );
  return Uint32Array.from(list);
}

/**
 * The same order in linear time when every column is single-value: then the cells of two
 * combinations of equal length compare as their ascending attribute-id lists (ids follow the
 * columns, then the values' string order, and a value in an earlier column sorts before an
 * empty cell). Stable counting-sort passes, least significant key first: attribute ids from
 * the last position to the first, then count (descending), then length.
 */
function radixSort(
  data: Dataset,
  rows: Uint32Array,
  src: Uint32Array,
  length: number,
  lengths: Uint8Array,
  value: Uint32Array,
): Uint32Array {
  const attributes = data.attributeColumn.length;
  let from: Uint32Array = rows;
  let to: Uint32Array = new Uint32Array(rows.length);
  const pass = (buckets: number, key: (row: number) => number) => {
    const start = new Uint32Array(buckets + 1);
    for (let i = 0; i < from.length; i++) start[key(from[i]!) + 1]!++;
    for (let b = 0; b < buckets; b++) start[b + 1]! += start[b]!;
    for (let i = 0; i < from.length; i++) {
      const r = from[i]!;
      to[start[key(r)]!++] = r;
    }
    [from, to] = [to, from];
  };
  for (let p = length - 1; p >= 0; p--) {
    pass(attributes + 1, (r) => {
      const a = src[r * length + p]!;
      return a === NONE ? attributes : a;
    });
  }
  let maxValue = 0;
  for (let i = 0; i < from.length; i++) maxValue = Math.max(maxValue, value[from[i]!]!);
  pass(maxValue + 1, (r) => maxValue - value[r]!);
  pass(length + 1, (r) => lengths[r]!);
  return from;
}

/**
 * Orders combinations by their cells left to right (JavaScript's default string order, an empty
 * cell after any value). Within a column, attribute ids follow the values' string order, so a
 * single value compares by id; several values of a multi-value column compare as joined text.
 */
class CellComparer {
  constructor(
    private readonly data: Dataset,
    private readonly attrs: Uint32Array,
    private readonly length: number,
  ) {}

  compare(x: number, y: number, lx: number, ly: number): number {
    const { attrs, length, data } = this;
    const col = data.attributeColumn;
    let i = x * length;
    let j = y * length;
    const ei = i + lx;
    const ej = j + ly;
    while (i < ei || j < ej) {
      const ci = i < ei ? col[attrs[i]!]! : Number.MAX_SAFE_INTEGER;
      const cj = j < ej ? col[attrs[j]!]! : Number.MAX_SAFE_INTEGER;
      if (ci !== cj) return ci < cj ? -1 : 1; // the combination with a value in the earlier column first
      let ni = i;
      while (ni < ei && col[attrs[ni]!] === ci) ni++;
      let nj = j;
      while (nj < ej && col[attrs[nj]!] === cj) nj++;
      if (ni - i === 1 && nj - j === 1) {
        if (attrs[i] !== attrs[j]) return attrs[i]! < attrs[j]! ? -1 : 1;
      } else {
        const a = this.cell(i, ni);
        const b = this.cell(j, nj);
        if (a !== b) return a < b ? -1 : 1;
      }
      i = ni;
      j = nj;
    }
    return 0;
  }

  private cell(from: number, to: number): string {
    return cellText(this.data, this.attrs, from, to);
  }
}

/** The text of one cell: a value, or several values of a multi-value column sorted and joined. */
export function cellText(
  data: Dataset,
  attrs: ArrayLike<number>,
  from: number,
  to: number,
): string {
  const column = data.columns[data.attributeColumn[attrs[from]!]!]!;
  const values: string[] = [];
  for (let p = from; p < to; p++) values.push(column.values[attrs[p]! - column.firstAttribute]!);
  return values.join(column.delimiter ?? "");
}

/** The cells of row `i` of a table, one per column ("" where the column is not in the combination). */
export function rowCells(data: Dataset, table: AggregateTable, i: number): string[] {
  const cells = new Array<string>(data.columns.length).fill("");
  const { attrs, length } = table;
  let p = i * length;
  const end = p + length;
  while (p < end && attrs[p] !== NONE) {
    const c = data.attributeColumn[attrs[p]!]!;
    let q = p;
    while (q < end && attrs[q] !== NONE && data.attributeColumn[attrs[q]!] === c) q++;
    cells[c] = cellText(data, attrs, p, q);
    p = q;
  }
  return cells;
}
