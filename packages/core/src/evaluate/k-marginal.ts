/**
 * k-marginal, the fidelity score of NIST's CRC benchmark, computed as SDNist v2.x does
 * (sdnist/metrics/kmarginal.py, class KMarginal): for every pair of columns, the densities of
 * the pair's value combinations are counted in the real and in the synthetic rows (each side
 * divided by its own number of scored rows), and
 *   score = 1000 · (1 − mean over pairs of ½ Σ |real density − synthetic density|),
 * the same number as SDNist's (2 − mean Σ|…|) · 500. SDNist reports it truncated to an integer.
 *
 * Missing cells, three ways (docs/design.md §6):
 * - `missing: "category"` (the evaluation's headline): every row is scored in every pair and a
 *   blank cell is the category "missing", on both sides. This is SDNist's score when missing cells
 *   are coded as a token that it keeps (the NIST excerpts' `N`), except that a real record with
 *   no value at all is left out (`emptyRealRows`): a synthetic record always holds a value, so
 *   no release could match such records, and they say nothing about any pair.
 * - `missing: "row"` (default): SDNist's validation (sdnist/report/dataset/validate.py) drops
 *   every row with a blank cell from both data sets before scoring, so only complete rows are
 *   scored (report the shares of complete rows beside the score).
 * - `missing: "pair"`: a row is left out of a pair only when one of that pair's two cells is blank.
 * Numeric columns are cut into percentile bins (percentile-bins.ts) of the real values that are
 * scored (complete rows for "row", every non-blank cell otherwise); a blank cell is never binned.
 * A cell of a multi-value column counts as one category: the set of its values (the empty set is
 * a blank cell).
 */
import { UserError } from "../errors.js";
import type { Dataset } from "../ingest/types.js";
import type { SyntheticData } from "../synthesize/synthetic-data.js";
import { percent } from "./compare-combinations.js";
import { type PercentileBins, percentileBins } from "./percentile-bins.js";
import { columnCategories, type RowCategories, rowCategories } from "./row-categories.js";

/** How k-marginal treats a blank cell; see the comment at the top of this file. */
export type KMarginalMissing = "category" | "row" | "pair";

export interface KMarginalOptions {
  /** "category" (a blank cell is the value "missing"), "row" (SDNist: complete rows only, default) or "pair". */
  missing?: KMarginalMissing;
}

/** A pair of columns and the total-variation distance between its real and synthetic distributions. */
export interface PairDistance {
  columns: [string, string];
  /** 0 (the same distribution) … 1 (nothing in common). */
  distance: number;
}

/** How many of the most different pairs a result lists. */
export const WORST_PAIRS = 5;

export interface KMarginalResult {
  /** 0 … 1000; null with fewer than two columns. */
  score: number | null;
  missing: KMarginalMissing;
  pairs: number;
  realRows: number;
  syntheticRows: number;
  /** Real records without any value, left out of the score with `missing: "category"`. */
  emptyRealRows: number;
  /** Rows without a blank cell, and their % of all rows, in the real and the synthetic data. */
  completeRealRows: number;
  completeRealPercent: number;
  completeSyntheticRows: number;
  completeSyntheticPercent: number;
  /** Per column: 1000 · (1 − mean distance over the pairs it belongs to). */
  columns: { name: string; score: number | null }[];
  /** The WORST_PAIRS pairs with the largest distance, largest first (ties in column order). */
  worstPairs: PairDistance[];
  numeric: PercentileBins[];
}

/** Cells of a pair up to which counts are kept in dense arrays (else keys are sorted). */
const DENSE_CELLS = 1 << 22;

/** k-marginal of `synthetic` against `data`; `numericColumns` are binned into 20 percentiles. */
export function kMarginal(
  data: Dataset,
  synthetic: SyntheticData,
  numericColumns: string[] = [],
  options: KMarginalOptions = {},
): KMarginalResult {
  const missing = options.missing ?? "row";
  const C = data.columns.length;
  for (const name of numericColumns) {
    if (!data.columns.some((c) => c.name === name)) {
      throw new UserError(
        "unknown-column",
        `The numeric column "${name}" is not among the columns (${data.columns.map((c) => c.name).join(", ")}).`,
        { column: name },
      );
    }
  }
  const categories = columnCategories(data);
  const real = rowCategories(data, data.recordOffsets, data.recordAttributes, categories);
  const numeric: PercentileBins[] = [];
  for (const name of new Set(numericColumns)) {
    const c = data.columns.findIndex((col) => col.name === name);
    const column = data.columns[c]!;
    // Rank over the real values that are scored: of complete rows, or every non-blank cell.
    const held = new Float64Array(column.values.length);
    for (let r = 0; r < real.rows; r++) {
      if (missing === "row" && real.complete[r] === 0) continue;
      const v = real.codes[r * C + c]!;
      if (v >= 0) held[v]!++;
    }
    const bins = percentileBins(column, held);
    numeric.push(bins.bins);
    categories.remap(c, bins.categories);
  }
  const syn = rowCategories(
    data,
    synthetic.offsets,
    synthetic.attrs,
    categories,
    synthetic.recordCount,
  );
  const realSide = {
    rows: real,
    categories: categories.finish(real),
    keys: new Float64Array(real.rows),
  };
  const synSide = {
    rows: syn,
    categories: categories.finish(syn),
    keys: new Float64Array(syn.rows),
  };
  const counts = data.columns.map((_, c) => categories.count(c));
  const how = { wholeRows: missing === "row", blankIsCategory: missing === "category", C };
  const colSum = new Float64Array(C);
  const colN = new Float64Array(C);
  const distances: PairDistance[] = [];
  let total = 0;
  let pairs = 0;
  for (let a = 0; a < C; a++) {
    for (let b = a + 1; b < C; b++) {
      const count = { a: counts[a]!, b: counts[b]! };
      const d = pairDistance(realSide, synSide, a, b, count, how);
      distances.push({ columns: [data.columns[a]!.name, data.columns[b]!.name], distance: d });
      total += d;
      pairs++;
      colSum[a]! += d;
      colSum[b]! += d;
      colN[a]!++;
      colN[b]!++;
    }
  }
  return {
    score: pairs === 0 ? null : 1000 * (1 - total / pairs),
    missing,
    pairs,
    realRows: real.rows,
    syntheticRows: syn.rows,
    emptyRealRows: real.emptyRows,
    completeRealRows: real.completeRows,
    completeRealPercent: percent(real.completeRows, real.rows),
    completeSyntheticRows: syn.completeRows,
    completeSyntheticPercent: percent(syn.completeRows, syn.rows),
    columns: data.columns.map((col, c) => ({
      name: col.name,
      score: colN[c] === 0 ? null : 1000 * (1 - colSum[c]! / colN[c]!),
    })),
    // Array.prototype.sort is stable: equal distances keep the column order.
    worstPairs: distances.sort((x, y) => y.distance - x.distance).slice(0, WORST_PAIRS),
    numeric,
  };
}

/** One side (real or synthetic) of the comparison, with a reusable buffer for pair keys. */
interface Side {
  rows: RowCategories;
  categories: Int32Array;
  keys: Float64Array;
}

/**
 * Total-variation distance between the (a, b) distributions of the real and synthetic rows.
 * Category counts.a (counts.b) of column a (b) stands for a blank cell when blanks are a category.
 */
function pairDistance(
  real: Side,
  syn: Side,
  a: number,
  b: number,
  counts: { a: number; b: number },
  how: { wholeRows: boolean; blankIsCategory: boolean; C: number },
): number {
  const count = { a: counts.a + 1, b: counts.b + 1 };
  const keys = (side: Side): Float64Array => {
    const { rows, categories, keys: out } = side;
    let n = 0;
    for (let r = 0; r < rows.rows; r++) {
      if (how.wholeRows && rows.complete[r] === 0) continue;
      if (how.blankIsCategory && rows.empty[r] === 1) continue;
      let x = categories[r * how.C + a]!;
      let y = categories[r * how.C + b]!;
      if (x < 0 || y < 0) {
        if (!how.blankIsCategory) continue;
        if (x < 0) x = counts.a;
        if (y < 0) y = counts.b;
      }
      out[n++] = x * count.b + y;
    }
    return out.subarray(0, n);
  };
  const rk = keys(real);
  const sk = keys(syn);
  const nr = rk.length;
  const ns = sk.length;
  // Densities are count / rows on each side, as pandas computes them.
  const term = (cr: number, cs: number) => Math.abs((nr && cr / nr) - (ns && cs / ns));
  const cells = count.a * count.b;
  let sum = 0;
  if (cells <= Math.min(DENSE_CELLS, Math.max(1 << 16, 4 * (nr + ns)))) {
    const cr = new Float64Array(cells);
    const cs = new Float64Array(cells);
    for (let i = 0; i < nr; i++) cr[rk[i]!]!++;
    for (let i = 0; i < ns; i++) cs[sk[i]!]!++;
    for (let i = 0; i < cells; i++) sum += term(cr[i]!, cs[i]!);
  } else {
    rk.sort();
    sk.sort();
    let i = 0;
    let j = 0;
    while (i < nr || j < ns) {
      const key = Math.min(i < nr ? rk[i]! : Infinity, j < ns ? sk[j]! : Infinity);
      let cr = 0;
      let cs = 0;
      while (i < nr && rk[i] === key) {
        cr++;
        i++;
      }
      while (j < ns && sk[j] === key) {
        cs++;
        j++;
      }
      sum += term(cr, cs);
    }
  }
  return sum / 2;
}
