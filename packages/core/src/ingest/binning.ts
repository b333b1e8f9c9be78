/**
 * Numeric binning (DESIGN §2): `edges:18,25,65`, `width:10`, `quantiles:5`.
 *
 * Bins are half-open intervals [a, b). The outermost bins are always open-ended (`<18`, `65+`),
 * so that no label prints one person's exact minimum or maximum. Labels are readable:
 * integer data gets `18–24`; otherwise `18 to <25`.
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
  const edges: number[] = [];
  for (let i = 1; i < spec.count; i++) {
    const e = sorted[Math.min(sorted.length - 1, Math.floor((i * sorted.length) / spec.count))]!;
    // A cut at the minimum would make an empty first bin; one at the maximum a last bin
    // labelled with that maximum.
    if (e > sorted[0]! && e < sorted[sorted.length - 1]!) {
      if (edges.length === 0 || e > edges[edges.length - 1]!) edges.push(e);
    }
  }
  return edges;
}

function roundEdge(x: number): number {
  return Number.parseFloat(x.toPrecision(12));
}

/** Labels of the bins defined by interior edges e_1 < … < e_m: `<e1`, `e1–e2`, …, `em+`. */
export function binLabels(edges: readonly number[], integerData: boolean): string[] {
  if (edges.length === 0) return ["all values"];
  const labels = [`<${fmt(edges[0]!)}`];
  for (let i = 1; i < edges.length; i++) {
    const a = edges[i - 1]!;
    const b = edges[i]!;
    if (integerData && Number.isInteger(a) && Number.isInteger(b)) {
      labels.push(b - 1 === a ? fmt(a) : `${fmt(a)}–${fmt(b - 1)}`);
    } else {
      labels.push(`${fmt(a)} to <${fmt(b)}`);
    }
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

/** Builds the BinInfo of a column from its spec and its non-missing numeric values. */
export function makeBins(specText: string, spec: BinSpec, values: Float64Array): BinInfo {
  const edges = binEdges(spec, values);
  let integerData = true;
  for (const v of values) {
    if (!Number.isInteger(v)) {
      integerData = false;
      break;
    }
  }
  return { spec: specText, edges, labels: binLabels(edges, integerData) };
}
