/**
 * The showcase's table of reportable aggregates (pure): every row of aggregates.csv as a
 * combination of (column, value) pairs with its count, in file order; and the rows a filter
 * keeps, in a chosen order. Filters: text (every word must occur in some "column: value" of the
 * row, case-insensitively), one column or one value of a column, a length. Sorting: file order
 * (length, then count descending), count, or length; ties keep file order.
 */
import { InternalError } from "@commonground/core/internal";
import type { ReleaseView } from "../explore/release-view.js";
import { tableLabel } from "../explore/unknown.js";

export interface AggregateRows {
  size: number;
  /** Row i's attribute ids: ids[offsets[i] … offsets[i+1]-1], ascending. */
  offsets: Uint32Array;
  ids: Uint32Array;
  counts: Float64Array;
  /** Lower-case "column: value" text of each row's pairs, joined by "\n", for the text filter. */
  search: string[];
}

/** The view's reportable aggregates as rows, in aggregates.csv's order. */
export function aggregateRows(o: { view: ReleaseView }): AggregateRows {
  const { view } = o;
  const size = view.aggregates.size;
  const offsets = new Uint32Array(size + 1);
  const counts = new Float64Array(size);
  const lists: number[][] = [];
  let total = 0;
  let i = 0;
  // The Map keeps the file's order: the view inserts its rows in order.
  for (const [key, count] of view.aggregates) {
    const ids = key.split(",").map(Number);
    lists.push(ids);
    total += ids.length;
    counts[i] = count;
    offsets[++i] = total;
  }
  const ids = new Uint32Array(total);
  lists.forEach((list, r) => {
    ids.set(list, offsets[r]);
  });
  const labels = attributeLabels(view).map((l) => l.toLowerCase());
  const search = lists.map((list) => list.map((id) => labels[id]).join("\n"));
  return { size, offsets, ids, counts, search };
}

/** "column: value" of every attribute id of the view ("Unknown (missing)" for missing cells). */
export function attributeLabels(view: ReleaseView): string[] {
  return view.columns.flatMap((c) => c.values.map((v) => `${c.name}: ${tableLabel(c, v)}`));
}

export interface AggregateFilter {
  /** Words that must all occur (case-insensitive); "" keeps every row. */
  text: string;
  /** Keep rows holding this column (null: any). */
  column: number | null;
  /** With a column: keep rows holding this value of it (index into its values; null: any). */
  value: number | null;
  /** Keep rows of this length (null: any). */
  length: number | null;
}

export const NO_FILTER: AggregateFilter = { text: "", column: null, value: null, length: null };

export type SortKey = "file" | "count" | "length";

export interface AggregateSort {
  by: SortKey;
  descending: boolean;
}

export const FILE_ORDER: AggregateSort = { by: "file", descending: false };

export interface SelectRowsOptions {
  view: ReleaseView;
  rows: AggregateRows;
  filter: AggregateFilter;
  sort: AggregateSort;
}

/** Indices of the rows the filter keeps, in the sort's order. */
export function selectRows(o: SelectRowsOptions): Uint32Array {
  const { view, rows, filter } = o;
  const words = filter.text.toLowerCase().split(/\s+/).filter(Boolean);
  const column = filter.column === null ? undefined : view.columns[filter.column];
  if (filter.column !== null && column === undefined) {
    throw new InternalError(`No column ${filter.column} in the view`);
  }
  const wanted =
    column !== undefined && filter.value !== null ? column.firstAttribute + filter.value : -1;
  const keep: number[] = [];
  for (let r = 0; r < rows.size; r++) {
    const from = rows.offsets[r]!;
    const to = rows.offsets[r + 1]!;
    if (filter.length !== null && to - from !== filter.length) continue;
    if (column !== undefined && !holds(rows, from, to, view, filter.column!, wanted)) continue;
    if (words.length > 0) {
      const text = rows.search[r]!;
      if (!words.every((w) => text.includes(w))) continue;
    }
    keep.push(r);
  }
  const out = Uint32Array.from(keep);
  if (o.sort.by === "file") return o.sort.descending ? out.reverse() : out;
  const sign = o.sort.descending ? -1 : 1;
  const key =
    o.sort.by === "count"
      ? (r: number) => rows.counts[r]!
      : (r: number) => rows.offsets[r + 1]! - rows.offsets[r]!;
  return out.sort((a, b) => sign * (key(a) - key(b)) || a - b);
}

function holds(
  rows: AggregateRows,
  from: number,
  to: number,
  view: ReleaseView,
  column: number,
  wanted: number,
): boolean {
  for (let p = from; p < to; p++) {
    const id = rows.ids[p]!;
    if (wanted >= 0 ? id === wanted : view.attributeColumn[id] === column) return true;
  }
  return false;
}
