/**
 * The DP percentile of DESIGN §5 (how many combinations a record may contribute), chosen by
 * permute-and-flip (McKenna & Sheldon 2020) — the ε-DP exponential-mechanism family member
 * that is never less accurate than the exponential mechanism, and equals report-noisy-max with
 * exponential noise — sampled exactly: each coin is Bernoulli(exp(−γ)) with rational γ.
 *
 * Candidates are 0 … upper (upper from the schema, never from the data). The utility of c is
 * −|#{records contributing ≤ c} − p·n|, whose sensitivity is 1 (one person more or less moves
 * the count by at most 1 and p·n by p < 1), minus c/(upper + 1): a data-independent term
 * (so the sensitivity stays 1) that breaks ties — every c between two contribution counts
 * ranks the same — towards the smaller bound, which needs less noise.
 */
import type { Rng } from "../random/rng.js";
import { bernoulliExpNeg, rationalAtMost } from "./exact.js";

export interface PercentileOptions {
  /** The percentile, 0 < p ≤ 100 (DESIGN default 99). */
  percentile: number;
  /** Largest candidate (inclusive), from the schema. */
  upper: number;
  /** ε of this selection. */
  epsilon: number;
}

/** An ε-DP choice of the p-th percentile of `values` (each in 0 … upper). */
export function dpPercentile(
  rng: Rng,
  values: ArrayLike<number>,
  options: PercentileOptions,
): number {
  const { upper } = options;
  const histogram = new Float64Array(upper + 1);
  for (let i = 0; i < values.length; i++) histogram[Math.min(values[i]!, upper)]!++;
  // Utilities in units of 2^-40 of a record: u(c) = −|2^40·cum(c) − P·n|, P = p/100 as a
  // fraction of 2^40 (rounded down), so every γ below is an exact fraction.
  const share = rationalAtMost(options.percentile / 100);
  const target = share.num * BigInt(values.length);
  const utilities: bigint[] = new Array(upper + 1);
  let cumulative = 0n;
  let best = -1n;
  for (let c = 0; c <= upper; c++) {
    cumulative += BigInt(histogram[c]!);
    const gap = cumulative * share.den - target;
    const u = (gap < 0n ? gap : -gap) - (BigInt(c) * share.den) / BigInt(upper + 1);
    utilities[c] = u;
    if (best === -1n || u > best) best = u;
  }
  return permuteAndFlip(rng, utilities, best, share.den, options.epsilon);
}

/**
 * Permute-and-flip over integer utilities with sensitivity `sensitivity`: visit the candidates
 * in random order and take candidate r with probability exp(ε·(u_r − u*) / (2·sensitivity)).
 */
export function permuteAndFlip(
  rng: Rng,
  utilities: bigint[],
  best: bigint,
  sensitivity: bigint,
  epsilon: number,
): number {
  const eps = rationalAtMost(epsilon);
  const order = Array.from(utilities, (_, i) => i);
  for (let i = 0; i < order.length; i++) {
    // Draw the next candidate of a random permutation lazily (Fisher–Yates step).
    const j = i + rng.below(order.length - i);
    [order[i], order[j]] = [order[j]!, order[i]!];
    const r = order[i]!;
    const gap = best - utilities[r]!;
    // γ = ε·gap / (2·sensitivity); the best candidate (γ = 0) always stops the loop.
    if (bernoulliExpNeg(rng, eps.num * gap, eps.den * 2n * sensitivity)) return r;
  }
  throw new Error("permute-and-flip: no candidate accepted (unreachable)");
}
