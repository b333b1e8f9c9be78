/**
 * Where cells are missing (docs/design.md §6): per column, the share of blank cells in the real and in
 * the synthetic data. A multi-value cell with no value is blank. The column pairs whose joint
 * distributions (a blank cell counted as a value) differ most come from k-marginal's
 * `missing: "category"` result (KMarginalResult.worstPairs).
 */
import type { Dataset } from "../ingest/types.js";
import type { SyntheticData } from "../synthesize/synthetic-data.js";
import { percent } from "./compare-combinations.js";

export interface ColumnMissing {
  name: string;
  /** % of the real records with a blank cell in this column. */
  realPercent: number;
  /** % of the synthetic rows with a blank cell in this column. */
  syntheticPercent: number;
}

/** The share of blank cells per column, real vs synthetic. */
export function missingShares(data: Dataset, synthetic: SyntheticData): ColumnMissing[] {
  const real = blankCells(data, data.recordOffsets, data.recordAttributes, data.recordCount);
  const syn = blankCells(data, synthetic.offsets, synthetic.attrs, synthetic.recordCount);
  return data.columns.map((column, c) => ({
    name: column.name,
    realPercent: percent(real[c]!, data.recordCount),
    syntheticPercent: percent(syn[c]!, synthetic.recordCount),
  }));
}

/** Per column, the number of records (CSR, attribute ids ascending) without a value there. */
function blankCells(data: Dataset, offsets: Uint32Array, attrs: Uint32Array, rows: number) {
  const C = data.columns.length;
  const blank = new Float64Array(C).fill(rows);
  for (let r = 0; r < rows; r++) {
    let last = -1;
    for (let p = offsets[r]!; p < offsets[r + 1]!; p++) {
      const c = data.attributeColumn[attrs[p]!]!;
      if (c !== last) blank[c]!--;
      last = c;
    }
  }
  return blank;
}
