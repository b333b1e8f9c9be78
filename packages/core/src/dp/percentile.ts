/**
 * The DP percentile of docs/design.md §5 (how many combinations a record may contribute), chosen by
 * permute-and-flip (McKenna & Sheldon 2020) — the ε-DP exponential-mechanism family member
 * that is never less accurate than the exponential mechanism, and equals report-noisy-max with
 * exponential noise (Ding et al. 2021) — sampled exactly: each coin is Bernoulli(exp(−γ)) with
 * rational γ.
 *
 * Guarantee: ε-DP. Privacy unit: one record (one person after subject merging). Sensitivity of
 * the utility: 1. Reference: McKenna & Sheldon, "Permute-and-Flip: A new mechanism for
 * differentially private selection", NeurIPS 2020, Theorem 1. Cost: ε of this selection.
 *
 * Candidates are 0 … upper (upper from the schema, never from the data). The utility of c is
 * −|#{records contributing ≤ c} − p·n|, whose sensitivity is 1 (one person more or less moves
 * the count by at most 1 and p·n by p < 1), minus c/(upper + 1): a data-independent term
 * (so the sensitivity stays 1) that breaks ties — every c between two contribution counts
 * ranks the same — towards the smaller bound, which needs less noise.
 *
 * Work: near-linear in the records, never in upper (which may be astronomically large, e.g.
 * C(3000, 3) ≈ 4.5·10^9 at L = 3). The sampler below has exactly permute-and-flip's law:
 * 1. Permute-and-flip visits the candidates in a uniformly random order and stops at the first
 *    whose coin A_c ~ Bernoulli(q_c), q_c = exp(−ε·(u* − u_c)/2), comes up. Since the coins are
 *    independent of the order, this is the first element of S = {c : A_c = 1} in a uniformly
 *    random order π independent of S (the best candidate has q = 1, so S ≠ ∅).
 * 2. The "body" 0 … m (m the largest contribution count seen, at most upper) is flipped
 *    candidate by candidate: S_B = S ∩ body, m + 1 coins (m is a count some record holds).
 * 3. Beyond m every candidate has the same count term, so u_c = u_tail − (t_c − t_{m+1}) with
 *    t_c = ⌊c·2^40/(upper + 1)⌋; A_c is then the product of an envelope coin of constant
 *    probability q̄ = q_{m+1} and an independent thinning coin exp(−ε·(t_c − t_{m+1})/2) (units
 *    of 2^−40 record): the product has probability q_c, as required.
 * 4. π restricted to the tail and S_B is uniform (dropping the rejected body candidates from a
 *    uniform order leaves a uniform order). The number R of tail candidates before the first
 *    member of S_B is the smallest slot of a uniformly random |S_B|-subset of the
 *    |tail| + |S_B| slots (Floyd's algorithm), and that member is uniform over S_B.
 * 5. Those R tail candidates are scanned in order: envelope coins are identically distributed,
 *    so whole runs are passed at once with an exact Bernoulli((1 − q̄)^L) (coin-run.ts), and in a
 *    run that holds an envelope success, the first one's offset i has probability ∝ (1 − q̄)^i:
 *    drawn by proposing i uniformly and accepting with Bernoulli((1 − q̄)^i). Only a candidate
 *    whose envelope coin came up needs an identity: uniform among the tail candidates not yet
 *    named (those passed over unnamed are a uniformly random subset of the unnamed ones); its
 *    thinning coin decides. The first tail candidate so accepted is the answer; if none is
 *    among the R, the answer is the member of S_B from 4.
 * Each step samples the conditional law of permute-and-flip's run exactly, so the output has
 * permute-and-flip's distribution (checked against the dense sampler in the tests).
 */
import type { Rng } from "../random/rng.js";
import { CoinRun } from "./coin-run.js";
import { bernoulliExpNeg, rationalAtMost, uniformBelow } from "./exact.js";

export interface PercentileOptions {
  /** The percentile, 0 < p ≤ 100 (default 99). */
  percentile: number;
  /** Largest candidate (inclusive), from the schema; may exceed 2^53 as a bigint. */
  upper: number | bigint;
  /** ε of this selection. */
  epsilon: number;
}

/**
 * An ε-DP choice of the p-th percentile of `values` (each in 0 … upper; larger ones count as
 * upper). A choice above 2^53 is returned rounded to a double: post-processing of the choice.
 */
export function dpPercentile(
  rng: Rng,
  values: ArrayLike<number>,
  options: PercentileOptions,
): number {
  const upper = BigInt(options.upper);
  if (upper < 0n) throw new RangeError(`dpPercentile: upper ${upper} < 0`);
  const size = upper + 1n;
  let largest = 0;
  for (let i = 0; i < values.length; i++) if (values[i]! > largest) largest = values[i]!;
  // The body 0 … top (item 2).
  const top = BigInt(largest) < upper ? largest : Number(upper);
  const histogram = new Float64Array(top + 1);
  for (let i = 0; i < values.length; i++) histogram[Math.min(values[i]!, top)]!++;
  // Utilities in units of 2^-40 of a record: u(c) = −|2^40·cum(c) − P·n| − t_c, P = p/100 as a
  // fraction of 2^40 (rounded down), so every γ below is an exact fraction.
  const share = rationalAtMost(options.percentile / 100);
  const n = BigInt(values.length);
  const target = share.num * n;
  const tie = (c: bigint) => (c * share.den) / size;
  const distance = (cumulative: bigint) => {
    const gap = cumulative * share.den - target;
    return gap < 0n ? -gap : gap;
  };
  const body: bigint[] = new Array(top + 1);
  let cumulative = 0n;
  let best: bigint | undefined;
  for (let c = 0; c <= top; c++) {
    cumulative += BigInt(histogram[c]!);
    const u = -distance(cumulative) - tie(BigInt(c));
    body[c] = u;
    if (best === undefined || u > best) best = u;
  }
  const tailStart = BigInt(top) + 1n;
  const tailSize = size - tailStart;
  const tailTop = -distance(n) - tie(tailStart);
  if (tailSize > 0n && tailTop > best!) best = tailTop;
  const eps = rationalAtMost(options.epsilon);
  // γ = ε·(u* − u) / (2·2^40) = eps.num·(u* − u) / scale.
  const scale = eps.den * 2n * share.den;
  const accepted: number[] = [];
  for (let c = 0; c <= top; c++) {
    if (bernoulliExpNeg(rng, eps.num * (best! - body[c]!), scale)) accepted.push(c);
  }
  if (tailSize === 0n) return accepted[rng.below(accepted.length)]!;
  // Item 4.
  const before =
    accepted.length === 0
      ? tailSize
      : smallestOfRandomSubset(rng, tailSize + BigInt(accepted.length), accepted.length);
  const hit = scanTail(rng, {
    start: tailStart,
    size: tailSize,
    envelope: eps.num * (best! - tailTop),
    thinning: (c) => eps.num * (tie(c) - tie(tailStart)),
    scale,
    length: before,
  });
  if (hit !== undefined) return Number(hit);
  if (accepted.length === 0) throw new Error("dpPercentile: no candidate accepted (unreachable)");
  return accepted[rng.below(accepted.length)]!;
}

/** The smallest element of a uniformly random k-subset of 0 … slots − 1 (Floyd's algorithm). */
function smallestOfRandomSubset(rng: Rng, slots: bigint, k: number): bigint {
  const chosen = new Set<bigint>();
  let smallest = slots;
  for (let j = slots - BigInt(k); j < slots; j++) {
    const t = uniformBelow(rng, j + 1n);
    const pick = chosen.has(t) ? j : t;
    chosen.add(pick);
    if (pick < smallest) smallest = pick;
  }
  return smallest;
}

interface Tail {
  start: bigint;
  size: bigint;
  /** Numerator of the envelope's γ (over `scale`). */
  envelope: bigint;
  /** Numerator of candidate c's thinning γ (over `scale`). */
  thinning: (c: bigint) => bigint;
  scale: bigint;
  /** How many tail candidates to scan. */
  length: bigint;
}

/** Item 5: the first accepted tail candidate among the next `length` in random order. */
function scanTail(rng: Rng, tail: Tail): bigint | undefined {
  const run = new CoinRun(rng, tail.envelope, tail.scale);
  const named = new Set<bigint>();
  let left = tail.length;
  while (left > 0n) {
    let skip = 0n;
    if (run.maxRun < 4n) {
      // A likely envelope coin (q̄ > 1/8): one candidate at a time.
      if (!bernoulliExpNeg(rng, tail.envelope, tail.scale)) {
        left -= 1n;
        continue;
      }
    } else {
      // bigints: Math.min does not apply.
      let chunk = left;
      if (chunk > run.maxRun) chunk = run.maxRun;
      if (run.allFail(chunk)) {
        left -= chunk;
        continue;
      }
      do skip = uniformBelow(rng, chunk);
      while (!run.allFail(skip));
    }
    left -= skip + 1n;
    let c: bigint;
    do c = tail.start + uniformBelow(rng, tail.size);
    while (named.has(c));
    if (bernoulliExpNeg(rng, tail.thinning(c), tail.scale)) return c;
    named.add(c);
  }
  return undefined;
}

/**
 * Permute-and-flip over integer utilities with sensitivity `sensitivity`: visit the candidates
 * in random order and take candidate r with probability exp(ε·(u_r − u*) / (2·sensitivity)).
 * The dense form, for small candidate lists.
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
