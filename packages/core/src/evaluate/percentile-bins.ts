/**
 * The 20 percentile bins that NIST's SDNist (v2.x, sdnist/report/dataset/binning.py:
 * percentile_rank_target / percentile_rank_synthetic) cuts numeric columns into before scoring
 * k-marginal, expressed on dictionary-encoded attributes:
 *
 * - A value is numeric when it parses as a finite number; it is truncated toward zero like
 *   pandas' `to_numeric(...).astype(int)`. Other values (NIST's `N`) are not binned: each stays
 *   a category of its own, on both sides.
 * - Real data: pandas `rank(pct=True)` with average ranks over the numeric values of the
 *   scored real rows: a value held by m rows after B smaller ones has rank B + (m + 1) / 2 and
 *   percentile p = rank / N; its bin is ⌊20·p⌋, or 19 when p = 1. Bins can be skipped.
 * - Synthetic data: mapped by the bins' upper edges (the largest real value in each bin): a
 *   value goes to the first bin whose upper edge is ≥ it, values above the last edge to the
 *   last bin. Real values land in their own rank bin under this rule, so both sides can share
 *   one mapping per attribute.
 *   Deviation: SDNist starts its running edge at 0 and tests `bin == 0` before `bin == last`,
 *   so when the real data have no bin 0 (a tie at the minimum covering over 5 % of the rows)
 *   synthetic values ≤ 0 stay unbinned, and when bin 0 is the only bin synthetic values above
 *   its edge do. Here the lowest bin is open below and the highest open above, so a data set
 *   scored against itself always gets 1000. On data with bin 0 and another bin (NIST's AGEP)
 *   both rules give the same bins.
 */
import { UserError } from "../errors.js";
import type { Column } from "../ingest/types.js";

export const PERCENTILE_BINS = 20;

export interface PercentileBins {
  column: string;
  /** Bin numbers present in the real data, ascending (0 … 19, possibly with gaps). */
  bins: number[];
  /** Largest real value of each present bin (same order). */
  upperEdges: number[];
}

/** The number a cell value stands for, truncated to an integer; undefined when not numeric. */
export function numericValue(value: string): number | undefined {
  if (value.trim() === "") return undefined;
  const x = Number(value);
  return Number.isFinite(x) ? Math.trunc(x) : undefined;
}

/**
 * Bins of a numeric column from `held[i]` = number of scored real rows holding the column's
 * value i. Returns the bins and the category of each of the column's values: the bin number
 * for numeric values, PERCENTILE_BINS + j for the j-th non-numeric value.
 */
export function percentileBins(
  column: Column,
  held: ArrayLike<number>,
): { bins: PercentileBins; categories: Int32Array } {
  if (column.kind === "multi") {
    throw new UserError(
      "invalid-option",
      `The column "${column.name}" holds several values per cell, so it cannot be scored as numeric.`,
      { column: column.name },
      "Leave it out of --numeric.",
    );
  }
  const numbers = column.values.map(numericValue);
  const freq = new Map<number, number>();
  let total = 0;
  numbers.forEach((x, i) => {
    if (x === undefined || held[i]! === 0) return;
    freq.set(x, (freq.get(x) ?? 0) + held[i]!);
    total += held[i]!;
  });
  const distinct = [...freq.keys()].sort((a, b) => a - b);
  const bins: number[] = [];
  const upperEdges: number[] = [];
  let before = 0;
  for (const x of distinct) {
    const m = freq.get(x)!;
    const pct = (before + (m + 1) / 2) / total;
    const bin = pct < 1 ? Math.trunc(PERCENTILE_BINS * pct) : PERCENTILE_BINS - 1;
    if (bins.length > 0 && bins[bins.length - 1] === bin) upperEdges[bins.length - 1] = x;
    else {
      bins.push(bin);
      upperEdges.push(x);
    }
    before += m;
  }
  const categories = new Int32Array(column.values.length);
  let other = 0;
  numbers.forEach((x, i) => {
    categories[i] = x === undefined ? PERCENTILE_BINS + other++ : binOf(bins, upperEdges, x);
  });
  return { bins: { column: column.name, bins, upperEdges }, categories };
}

/** First bin whose upper edge is ≥ x, else the last bin (0 when there are no bins). */
function binOf(bins: number[], edges: number[], x: number): number {
  if (bins.length === 0) return 0;
  let lo = 0;
  let hi = edges.length - 1;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (edges[mid]! >= x) hi = mid;
    else lo = mid + 1;
  }
  return bins[lo]!;
}
