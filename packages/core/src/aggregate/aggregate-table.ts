/**
 * Tables of counted combinations: the reportable aggregates (count ≥ k, rounded down to a
 * multiple of k; DESIGN §3) and the exact sensitive aggregates, sorted and written in the wide
 * CSV form of DESIGN §7.
 */

import type { Dataset } from "../ingest/types.js";
import { formatCsvCell, formatCsvRow } from "../release/csv-writer.js";
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

function selectAndSort(
  data: Dataset,
  counts: PartialCounts,
  length: number,
  report: (count: number) => number,
): AggregateTable {
  const rows: number[] = [];
  const value = new Uint32Array(counts.comboCounts.length);
  for (let i = 0; i < counts.comboCounts.length; i++) {
    const v = report(counts.comboCounts[i]!);
    if (v >= 0) {
      rows.push(i);
      value[i] = v;
    }
  }
  const src = counts.comboAttrs;
  const len = (i: number) => {
    let l = 0;
    while (l < length && src[i * length + l] !== NONE) l++;
    return l;
  };
  const lengths = new Uint8Array(counts.comboCounts.length);
  for (const i of rows) lengths[i] = len(i);
  const cells = new CellComparer(data, src, length);
  rows.sort(
    (x, y) =>
      lengths[x]! - lengths[y]! ||
      value[y]! - value[x]! ||
      cells.compare(x, y, lengths[x]!, lengths[y]!),
  );
  const attrs = new Uint32Array(rows.length * length);
  const out = new Uint32Array(rows.length);
  rows.forEach((r, i) => {
    attrs.set(src.subarray(r * length, (r + 1) * length), i * length);
    out[i] = value[r]!;
  });
  return { length, attrs, counts: out };
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
function cellText(data: Dataset, attrs: Uint32Array, from: number, to: number): string {
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

/** The wide CSV of DESIGN §7, in chunks of lines (for streaming large tables to disk). */
export function* aggregatesCsv(
  data: Dataset,
  table: AggregateTable,
  chunkRows = 10_000,
): Generator<string> {
  const col = data.attributeColumn;
  // Each value is formatted once; a row is its cells concatenated column by column.
  const formatted = new Array<string>(col.length);
  for (const c of data.columns) {
    c.values.forEach((v, i) => {
      formatted[c.firstAttribute + i] = formatCsvCell(v);
    });
  }
  const { attrs, length } = table;
  const columns = data.columns.length;
  let chunk = formatCsvRow([...data.columns.map((c) => c.name), "count"]);
  for (let i = 0; i < table.counts.length; i++) {
    let line = "";
    let p = i * length;
    const end = p + length;
    for (let c = 0; c < columns; c++) {
      if (c > 0) line += ",";
      if (p >= end || attrs[p] === NONE || col[attrs[p]!] !== c) continue;
      let q = p + 1;
      while (q < end && attrs[q] !== NONE && col[attrs[q]!] === c) q++;
      line += q === p + 1 ? formatted[attrs[p]!] : formatCsvCell(cellText(data, attrs, p, q));
      p = q;
    }
    chunk += `${line},${table.counts[i]}\n`;
    if ((i + 1) % chunkRows === 0) {
      yield chunk;
      chunk = "";
    }
  }
  if (chunk !== "") yield chunk;
}
