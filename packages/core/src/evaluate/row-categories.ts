/**
 * Rows as one category per column, for k-marginal: the records of a Dataset (or synthetic
 * records in its attribute-id space) become a rows × columns grid of small integers.
 *
 * A cell's *value code* is its value's index in the column's sorted values; a multi-value cell
 * holding several values is one code of its own per distinct set (shared by the real and the
 * synthetic side). A per-column mapping then turns codes into categories (identity, or the
 * percentile bins of a numeric column). −1 marks a blank cell.
 */
import type { Dataset } from "../ingest/types.js";

export interface RowCategories {
  rows: number;
  /** rows × columns value codes, −1 for a blank cell. */
  codes: Int32Array;
  /** 1 when the row has no blank cell. */
  complete: Uint8Array;
  completeRows: number;
  /** 1 when every cell of the row is blank. */
  empty: Uint8Array;
  emptyRows: number;
}

export class ColumnCategories {
  private readonly mapping: (Int32Array | undefined)[];
  private readonly sets: Map<string, number>[];
  private readonly codeCount: number[];

  constructor(private readonly data: Dataset) {
    this.mapping = data.columns.map(() => undefined);
    this.sets = data.columns.map(() => new Map());
    this.codeCount = data.columns.map((c) => c.values.length);
  }

  /** Value code of a cell holding the attributes ids[from … to-1] of column c. */
  code(c: number, ids: Uint32Array, from: number, to: number): number {
    const first = this.data.columns[c]!.firstAttribute;
    if (to - from === 1) return ids[from]! - first;
    const key = Array.from(ids.subarray(from, to)).join(",");
    let code = this.sets[c]!.get(key);
    if (code === undefined) {
      code = this.codeCount[c]!++;
      this.sets[c]!.set(key, code);
    }
    return code;
  }

  /** Maps the value codes of column c (single-value) to `categories`. */
  remap(c: number, categories: Int32Array): void {
    this.mapping[c] = categories;
  }

  /** Number of categories of column c (an upper bound on category + 1). */
  count(c: number): number {
    const m = this.mapping[c];
    if (m === undefined) return this.codeCount[c]!;
    let max = -1;
    for (let i = 0; i < m.length; i++) max = Math.max(max, m[i]!);
    return max + 1;
  }

  /** The rows × columns categories of one side. */
  finish(side: RowCategories): Int32Array {
    const C = this.data.columns.length;
    const out = new Int32Array(side.codes.length);
    for (let i = 0; i < out.length; i++) {
      const v = side.codes[i]!;
      const m = this.mapping[i % C];
      out[i] = v < 0 || m === undefined ? v : m[v]!;
    }
    return out;
  }
}

export function columnCategories(data: Dataset): ColumnCategories {
  return new ColumnCategories(data);
}

/** Value codes of records given in CSR form (attribute ids ascending, so columns in order). */
export function rowCategories(
  data: Dataset,
  offsets: Uint32Array,
  attrs: Uint32Array,
  categories: ColumnCategories,
  rows = data.recordCount,
): RowCategories {
  const C = data.columns.length;
  const column = data.attributeColumn;
  const codes = new Int32Array(rows * C).fill(-1);
  const complete = new Uint8Array(rows);
  const empty = new Uint8Array(rows);
  let completeRows = 0;
  let emptyRows = 0;
  for (let r = 0; r < rows; r++) {
    const end = offsets[r + 1]!;
    let cells = 0;
    let p = offsets[r]!;
    while (p < end) {
      const c = column[attrs[p]!]!;
      let q = p + 1;
      while (q < end && column[attrs[q]!] === c) q++;
      codes[r * C + c] = categories.code(c, attrs, p, q);
      cells++;
      p = q;
    }
    if (cells === C) {
      complete[r] = 1;
      completeRows++;
    }
    if (cells === 0) {
      empty[r] = 1;
      emptyRows++;
    }
  }
  return { rows, codes, complete, completeRows, empty, emptyRows };
}
