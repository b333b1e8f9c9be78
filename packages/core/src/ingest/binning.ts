/**
 * Numeric binning (docs/design.md §2): `edges:18,25,65`, `width:10`, `quantiles:5`.
 *
 * Bins are half-open intervals [a, b). The outermost bins are always open-ended (`<18`, `65+`),
 * so that no label prints one person's exact minimum or maximum.
 *
 * Labels follow from the edges alone, never from the data (one person's fractional value must
 * not change a public label), and are ASCII:
 * - every edge a whole number from 0 up to 2^53: `<18`, `18-24` (meaning 18 ≤ x < 25, so a value
 *   of 24.5 is in it too), `25` for a bin holding one whole number, `65+`;
 * - otherwise (some edge fractional or negative): `<-5`, `[-5,0)`, `[0,18.5)`, `18.5+`, so that
 *   no label reads like `-5--1`.
 *
 * Edges computed from the data never print one person's exact value:
 * - `width:w`: the edges are the multiples of w strictly between the data's minimum and maximum
 *   (the outer bins stay open), so an edge tells only which multiple of w lies above the minimum;
 * - `quantiles:q`: each cut (the value at rank i·n/q) is rounded to the nearest multiple of the
 *   *quantile step*: the largest power of ten not above (max − min) / (10·q), a tenth of an
 *   average group's width, and never below 1e-300. A cut moves by at most 1/20 of that width;
 *   an edge equals an input value only when that value is itself a multiple of the step (incomes
 *   with cents get edges rounded to whole hundreds or thousands, not anyone's income). Rounded
 *   cuts that coincide, that leave the open interval (min, max), or that would make a group with
 *   no value are dropped, so edges stay strictly increasing and every group holds data.
 */
import { UserError } from "../errors.js";
import type { BinInfo } from "./types.js";

export type BinSpec =
  | { kind: "edges"; edges: number[] }
  | { kind: "width"; width: number }
  | { kind: "quantiles"; count: number };

/** Parses `edges:a,b,c`, `width:w` or `quantiles:q`; throws a UserError naming the column. */
export function parseBinSpec(column: string, spec: string): BinSpec {
  const bad = (why: string) =>
    new UserError(
      "bad-bin-spec",
      `The binning "${spec}" for column "${column}" is not valid: ${why}.`,
      { column },
      'Use edges:18,25,65 (cut points), width:10 (equal width) or quantiles:5 (equal-sized groups), e.g. --bin "age=edges:18,25,65".',
    );
  const colon = spec.indexOf(":");
  if (colon < 0) throw bad("it needs a kind and a value separated by a colon");
  const kind = spec.slice(0, colon).trim().toLowerCase();
  const rest = spec.slice(colon + 1).trim();
  if (kind === "edges") {
    const parts = rest.split(",").map((p) => p.trim());
    const edges = parts.map(Number);
    if (parts.some((p) => p === "") || edges.some((e) => !Number.isFinite(e))) {
      throw bad("every edge must be a number");
    }
    for (let i = 1; i < edges.length; i++) {
      if (edges[i]! <= edges[i - 1]!) throw bad("edges must be strictly increasing");
    }
    return { kind: "edges", edges };
  }
  if (kind === "width") {
    const width = Number(rest);
    if (rest === "" || !Number.isFinite(width) || width <= 0) {
      throw bad("the width must be a positive number");
    }
    return { kind: "width", width };
  }
  if (kind === "quantiles") {
    const count = Number(rest);
    if (!Number.isInteger(count) || count < 2 || count > 1000) {
      throw bad("the number of quantiles must be a whole number from 2 to 1000");
    }
    return { kind: "quantiles", count };
  }
  throw bad(`unknown kind "${kind}"`);
}

/** Interior cut points of a spec for the given (finite) values. */
export function binEdges(spec: BinSpec, values: Float64Array): number[] {
  if (spec.kind === "edges") return spec.edges.slice();
  let min = Number.POSITIVE_INFINITY;
  let max = Number.NEGATIVE_INFINITY;
  for (const v of values) {
    if (v < min) min = v;
    if (v > max) max = v;
  }
  if (!(min <= max)) return [];
  if (spec.kind === "width") {
    const edges: number[] = [];
    // Multiples of the width strictly inside (min, max), compared after rounding (0.1 * 3 must
    // not land on a minimum of 0.3); the outer bins stay open, so no label prints min or max.
    // At most ~10,000 edges. Counting steps (not testing i * width) also ends the loop for huge
    // values with a tiny width, where the product stops changing.
    const first = Math.floor(min / spec.width);
    for (let step = 0; step <= 10_002; step++) {
      const edge = roundEdge((first + step) * spec.width);
      if (edge >= max) break;
      if (edge > (edges.length > 0 ? edges[edges.length - 1]! : min)) edges.push(edge);
    }
    return edges;
  }
  const sorted = Float64Array.from(values).sort();
  const lowest = sorted[0]!;
  const highest = sorted[sorted.length - 1]!;
  const step = quantileStep(lowest, highest, spec.count);
  const edges: number[] = [];
  let at = 0; // values below the last kept edge: sorted[0 … at)
  for (let i = 1; i < spec.count; i++) {
    const cut = sorted[Math.min(sorted.length - 1, Math.floor((i * sorted.length) / spec.count))]!;
    const e = roundToStep(cut, step);
    // A cut at the minimum would make an empty first bin; one at the maximum a last bin
    // labelled with that maximum.
    if (!(e > lowest && e < highest)) continue;
    if (edges.length > 0 && !(e > edges[edges.length - 1]!)) continue;
    // The group [previous edge, e) must hold a value (rounding can move a cut past its group).
    let next = at;
    while (next < sorted.length && sorted[next]! < e) next++;
    if (next === at) continue;
    at = next;
    edges.push(e);
  }
  return edges;
}

/**
 * The quantile step (see the header): the largest power of ten ≤ (highest − lowest) / (10·count),
 * at least 1e-300. Exported for the tests and the explanation.
 */
export function quantileStep(lowest: number, highest: number, count: number): number {
  // Halves first: the spread of two huge values of opposite signs would overflow.
  const target = (highest / 2 - lowest / 2) / (5 * count);
  if (!(target > 1e-300)) return 1e-300;
  let exponent = Math.floor(Math.log10(target));
  // Math.log10 may be off by one ulp at exact powers of ten.
  if (10 ** (exponent + 1) <= target) exponent++;
  if (10 ** exponent > target) exponent--;
  return 10 ** exponent;
}

/** x rounded to the nearest multiple of a power of ten `step`, printed without float noise. */
function roundToStep(x: number, step: number): number {
  // Below 1, divide by the exact inverse power of ten: 3 / 10 prints 0.3, 3 * 0.1 does not.
  if (step >= 1) return Math.round(x / step) * step + 0; // + 0 turns -0 into 0
  const inverse = 10 ** -Math.round(Math.log10(step));
  return Math.round(x * inverse) / inverse + 0;
}

function roundEdge(x: number): number {
  return Number.parseFloat(x.toPrecision(12));
}

/**
 * Labels of the bins defined by interior edges e_1 < … < e_m: `<e1`, …, `em+` (see the header:
 * whole-number form `18-24` when every edge is a whole number from 0 to 2^53, else `[a,b)`).
 */
export function binLabels(edges: readonly number[]): string[] {
  if (edges.length === 0) return ["all values"];
  const whole = edges.every((e) => Number.isSafeInteger(e) && e >= 0);
  const labels = [`<${fmt(edges[0]!)}`];
  for (let i = 1; i < edges.length; i++) {
    const a = edges[i - 1]!;
    const b = edges[i]!;
    if (whole) labels.push(b - 1 === a ? fmt(a) : `${fmt(a)}-${fmt(b - 1)}`);
    else labels.push(`[${fmt(a)},${fmt(b)})`);
  }
  labels.push(`${fmt(edges[edges.length - 1]!)}+`);
  return labels;
}

function fmt(x: number): string {
  return String(x);
}

/** Index of the bin holding v, for interior edges (binary search; [a, b) intervals). */
export function binIndex(edges: readonly number[], v: number): number {
  let lo = 0;
  let hi = edges.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (v >= edges[mid]!) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/**
 * Builds the BinInfo of a column from its spec and its non-missing numeric values. The values
 * decide only data-derived edges (width, quantiles), never the labels' format.
 */
export function makeBins(specText: string, spec: BinSpec, values: Float64Array): BinInfo {
  const edges = binEdges(spec, values);
  return { spec: specText, edges, labels: binLabels(edges) };
}
