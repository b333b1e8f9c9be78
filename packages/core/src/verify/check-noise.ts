/**
 * Was noise added? (issue 11 defect 5b.) With the sensitive input at hand, `verify` of a DP
 * release compares the published length-1 counts with the true ones. Noise cannot be proven —
 * any published numbers could have come from the mechanism — but counts that agree with the
 * truth far more often, or far more closely, than noise of the stated σ allows are found
 * inconsistent with the statement. Two tests, each with a false-alarm rate ≤ ALPHA:
 *
 * Which counts (chosen from the data and the manifest, never from the published values):
 * every attribute v whose true count, less the records holding v that had to drop some of
 * their length-1 contributions (more than Δ_1 of them), is at least τ_1 + 1 + 8·s, where
 * s = σ_1·√Δ_1 is the noise's standard deviation and τ_1 the length-1 threshold
 * (thresholdLength1). Such a count is measured with its own independent noise Z_v (discrete
 * Gaussian of variance ≥ s², dp/exact.ts), is never capped (it has no sub-combination) and is
 * dropped — and so possibly re-inserted — only if Z_v ≤ −8s, which happens with probability
 * ≤ e^(−32) ≈ 1.3e-14 (the discrete Gaussian is sub-Gaussian, Canonne, Kamath & Steinke 2020,
 * Prop. 19). The published count is then T'_v + Z_v, where T'_v ≤ T_v is the count after the
 * contribution bound: the residual r_v = published − T_v = Z_v − d_v with d_v = T_v − T'_v ≥ 0
 * independent of Z_v.
 *
 * 1. Equal counts: X = #{v : r_v = 0}. P(r_v = 0) = P(Z_v = d_v) ≤ P(Z_v = 0) = p_0 (the
 *    discrete Gaussian is largest at 0; a larger variance only lowers p_0), independently
 *    given the d's, so X is dominated by Binomial(m, p_0). Flag when P(Bin(m, p_0) ≥ X) ≤ ALPHA.
 * 2. Residual variance: S = Σ r_v². For any λ > 0, P(S ≤ t) ≤ e^(λt)·Π E[e^(−λ r_v²)] (Chernoff)
 *    and E[e^(−λ(Z − d)²)] ≤ E[e^(−λZ²)] = M(λ) for every integer d (the convolution of two
 *    symmetric log-concave sequences is largest at 0). Flag when min_λ e^(λS)·M(λ)^m ≤ ALPHA.
 *
 * ALPHA = 4.5e-7 each: with the drops above, the chance that an honest release is flagged is at
 * most 2·4.5e-7 + m·1.3e-14 ≤ 1e-6 for any m ≤ MAX_TESTED (verify tests at most that many).
 */
import { thresholdLength1 } from "../dp/accounting.js";
import type { Dataset } from "../ingest/types.js";
import type { DpManifest } from "../release/manifest.js";
import type { Violations } from "./release-cells.js";

/** False-alarm rate of each of the two tests. */
export const ALPHA = 4.5e-7;
/** At most this many counts are tested (the largest margins first). */
export const MAX_TESTED = 1_000_000;
/** Margin above the threshold, in standard deviations of the noise. */
const MARGIN = 8;

export interface NoiseCheck {
  /** Counts tested (0: the test could not run; see `unchecked`). */
  tested: number;
  /** Published counts equal to the true count, among those. */
  equal: number;
  /** Why the test could not run, in plain words. */
  unchecked?: string;
}

/**
 * Tests the published length-1 counts (`published`: attribute id → count, absent when not
 * published) against the truth in `data`.
 */
export function checkNoise(
  data: Dataset,
  m: DpManifest,
  published: ReadonlyMap<number, number>,
  v: Violations,
): NoiseCheck {
  const { sigmas, contributionBounds } = m.privacy.split.noise;
  const bound = contributionBounds?.[0];
  const sigma = sigmas[0];
  if (bound === undefined || sigma === undefined) {
    return {
      tested: 0,
      equal: 0,
      unchecked:
        "manifest.json does not record the contribution bounds Δ (made by an older CommonGround), so the noise of the counts cannot be tested",
    };
  }
  if (bound === 0) {
    return { tested: 0, equal: 0, unchecked: "Δ_1 is 0: no length-1 count was measured" };
  }
  const s = sigma * Math.sqrt(bound);
  const bar = thresholdLength1(sigma, bound, m.privacy.delta) + 1 + MARGIN * s;
  const lowest = lowestCounts(data, bound);
  const tested: number[] = [];
  for (let a = 0; a < lowest.length; a++) if (lowest[a]! >= bar) tested.push(a);
  tested.sort((x, y) => lowest[y]! - lowest[x]! || x - y);
  tested.length = Math.min(tested.length, MAX_TESTED);
  if (tested.length === 0) {
    return {
      tested: 0,
      equal: 0,
      unchecked: `no value is held by enough records (at least ${Math.ceil(bar)}) for the noise to be tested`,
    };
  }
  const truth = trueCounts(data);
  let equal = 0;
  let squares = 0;
  let present = 0;
  for (const a of tested) {
    const p = published.get(a);
    if (p === undefined) continue;
    present++;
    const r = p - truth[a]!;
    if (r === 0) equal++;
    squares += r * r;
  }
  const p0 = zeroProbability(s * s);
  const equalP = binomialUpperTail(tested.length, p0, equal);
  if (equalP <= ALPHA) {
    v.add(
      "noise",
      `aggregates.csv: ${equal} of the ${tested.length} counts of single values held by many records are exactly the true counts. With noise of the stated size (standard deviation ${round(s)}) that happens with a probability below ${equalP.toExponential(1)}: the counts do not carry the noise the manifest states.`,
    );
  }
  const varianceP = chernoffLowerTail(s * s, present, squares);
  if (varianceP <= ALPHA) {
    v.add(
      "noise",
      `aggregates.csv: the counts of single values held by many records differ from the true counts by ${round(Math.sqrt(squares / Math.max(present, 1)))} on average (root mean square), where noise of the stated size differs by about ${round(s)}. That happens with a probability below ${varianceP.toExponential(1)}: the counts do not carry the noise the manifest states.`,
    );
  }
  return { tested: tested.length, equal };
}

const round = (x: number) => String(Number(x.toPrecision(3)));

/** True count of each attribute. */
function trueCounts(data: Dataset): Uint32Array {
  const counts = new Uint32Array(data.attributeColumn.length);
  for (const a of data.recordAttributes) counts[a]!++;
  return counts;
}

/**
 * A lower bound of each attribute's count after the contribution bound: its true count less
 * the records holding it that contribute more than Δ_1 length-1 counts (their attributes and
 * one "no value" per empty single-value column, as dp-aggregates.ts measures them).
 */
function lowestCounts(data: Dataset, bound: number): Float64Array {
  const { recordOffsets: off, recordAttributes: attrs, attributeColumn: col } = data;
  const lowest = new Float64Array(data.attributeColumn.length);
  const singles = data.columns.filter((c) => c.kind === "single").length;
  const seen = new Uint8Array(data.columns.length);
  for (let r = 0; r < data.recordCount; r++) {
    seen.fill(0);
    let filledSingles = 0;
    for (let e = off[r]!; e < off[r + 1]!; e++) {
      const c = col[attrs[e]!]!;
      if (data.columns[c]!.kind === "single" && seen[c] === 0) filledSingles++;
      seen[c] = 1;
    }
    const contributions = off[r + 1]! - off[r]! + (singles - filledSingles);
    if (contributions > bound) continue;
    for (let e = off[r]!; e < off[r + 1]!; e++) lowest[attrs[e]!]!++;
  }
  return lowest;
}

/** P(Z = 0) for the discrete Gaussian of variance parameter σ²: 1 / Σ_k e^(−k²/2σ²). */
export function zeroProbability(variance: number): number {
  let sum = 1;
  for (let k = 1; ; k++) {
    const term = 2 * Math.exp((-k * k) / (2 * variance));
    sum += term;
    if (term < 1e-18 * sum) break;
  }
  return 1 / sum;
}

/** E[e^(−λZ²)] for that discrete Gaussian. */
function laplaceOfSquare(variance: number, lambda: number): number {
  let num = 1;
  let den = 1;
  for (let k = 1; ; k++) {
    const g = 2 * Math.exp((-k * k) / (2 * variance));
    den += g;
    num += g * Math.exp(-lambda * k * k);
    if (g < 1e-18 * den) break;
  }
  return num / den;
}

/** P(Binomial(n, p) ≥ x), summed in log space. */
export function binomialUpperTail(n: number, p: number, x: number): number {
  if (x <= 0) return 1;
  if (x > n) return 0;
  const logP = Math.log(p);
  const logQ = Math.log1p(-p);
  // log C(n, j) by running sums.
  let logC = 0;
  for (let j = 1; j <= x; j++) logC += Math.log((n - j + 1) / j);
  let total = 0;
  for (let j = x; j <= n; j++) {
    const term = Math.exp(logC + j * logP + (n - j) * logQ);
    total += term;
    if (term < 1e-300 || (j > n * p && term < total * 1e-17)) break;
    logC += Math.log((n - j) / (j + 1));
  }
  return Math.min(1, total);
}

/**
 * A bound on P(Σ r² ≤ squares) over `m` residuals of noise of that variance (Chernoff, see the
 * module comment), minimised over λ on a grid: every λ gives a valid bound.
 */
export function chernoffLowerTail(variance: number, m: number, squares: number): number {
  if (m === 0) return 1;
  let best = 0;
  for (let j = -20; j <= 40; j++) {
    const lambda = 2 ** (j / 2) / variance;
    const log = lambda * squares + m * Math.log(laplaceOfSquare(variance, lambda));
    best = Math.min(best, log);
  }
  return Math.exp(best);
}
