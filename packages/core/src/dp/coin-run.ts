/**
 * Runs of exact coins: whether L independent Bernoulli(q) coins, q = exp(−γ) with rational γ,
 * all fail — a Bernoulli((1 − q)^L) — in expected time that does not grow with L, for any
 * L ≤ 2^(b−1) where b = ⌊γ / ln 2⌋ (so L·q ≤ 1/2). The permute-and-flip percentile
 * (percentile.ts) uses it to pass over astronomically many candidates without visiting them.
 *
 * Exactness (no floating point, no truncated series; CKS = Canonne, Kamath & Steinke 2020):
 * 1. (1 − q)^L = exp(−y) with y = −L·ln(1 − q) = Σ_{k≥1} L·q^k / k, and y ≤ L·q/(1 − q) ≤ 1.
 *    Bernoulli(exp(−y)) for y ∈ [0, 1] is CKS Algorithm 1: draw A_j ~ Bernoulli(y / j),
 *    j = 1, 2, …, until one fails; answer 1 iff the number of draws is odd.
 * 2. Bernoulli(y / j) = Σ_{k≥1} 2^−k · Bernoulli(2^k·L·q^k / (k·j)): pick k with probability
 *    2^−k (fair bits), then flip that coin. Writing q = 2^−b·r with r = exp(−(γ − b·ln 2)) ≤ 1,
 *    2^k·L·q^k / (k·j) = [L·2^(k(1−b)) / (k·j)] · r^k: a rational coin times k independent
 *    r-coins, and the rational factor is ≤ 1 because L ≤ 2^(b−1).
 * 3. An r-coin is CKS Algorithm 1 on x = γ − b·ln 2 ∈ [0, 1]; its Bernoulli(x / j) compares a
 *    uniform number, drawn 32 bits at a time, with rigorous rational bounds on x / j (ln 2 is
 *    bounded through Σ_{i≥1} 1/(i·2^i) with a bounded tail), drawing more bits while the bounds
 *    do not decide: it stops with probability 1 and returns exactly Bernoulli(x / j).
 * b is chosen with an upper bound on ln 2, so b·ln 2 ≤ γ holds for certain (r ≤ 1).
 */
import type { Rng } from "../random/rng.js";
import { bernoulli } from "./exact.js";

/** Bounds lo ≤ 2^bits·ln 2 ≤ lo + bits + 3. */
function ln2Below(bits: number): bigint {
  const one = 1n << BigInt(bits);
  let sum = 0n;
  // Terms i ≤ bits + 2, each rounded down (error < 1 each); the rest sums to less than 1.
  for (let i = 1; i <= bits + 2; i++) sum += (one >> BigInt(i)) / BigInt(i);
  return sum;
}

const bitLength = (x: bigint): number => (x <= 0n ? 0 : x.toString(2).length);

/** Bernoulli(p) for a p known through bounds: lo ≤ 2^bits·p ≤ hi, tightening as bits grow. */
function bernoulliBounded(rng: Rng, bounds: (bits: number) => [bigint, bigint]): boolean {
  let u = 0n;
  for (let bits = 32; ; bits += 32) {
    // U lies in [u, u + 1) / 2^bits.
    u = (u << 32n) | BigInt(rng.nextUint32());
    const [lo, hi] = bounds(bits);
    if (u + 1n <= lo) return true;
    if (u >= hi) return false;
  }
}

/** Bounds on 2^bits · num / 2^exponent. */
function dyadic(num: bigint, exponent: bigint, bits: number): [bigint, bigint] {
  const shift = BigInt(bits) - exponent;
  if (shift >= 0n) return [num << shift, num << shift];
  const lo = num >> -shift;
  return [lo, lo + 1n];
}

/** Coins of probability q = exp(−num/den), and runs of them. */
export class CoinRun {
  /** b = ⌊γ / ln 2⌋ for certain not above γ / ln 2 (q ≤ 2^−b). */
  readonly b: bigint;
  /** The longest run `allFail` accepts: 2^(b−1), or 0 when b = 0. */
  readonly maxRun: bigint;

  constructor(
    private readonly rng: Rng,
    private readonly num: bigint,
    private readonly den: bigint,
  ) {
    if (num < 0n || den <= 0n) throw new RangeError("CoinRun: γ must be a non-negative fraction");
    const bits = 64;
    const ln2High = ln2Below(bits) + BigInt(bits + 3);
    this.b = (num << BigInt(bits)) / (den * ln2High);
    this.maxRun = this.b === 0n ? 0n : 1n << (this.b - 1n);
  }

  /** Bernoulli((1 − q)^length): whether `length` independent q-coins all fail. */
  allFail(length: bigint): boolean {
    if (length === 0n) return true;
    if (length < 0n || length > this.maxRun) throw new RangeError("CoinRun: run too long");
    let j = 1n;
    while (this.yOver(length, j)) j++;
    return j % 2n === 1n;
  }

  /** Bernoulli(y / j), y = −L·ln(1 − q) (item 2). */
  private yOver(length: bigint, j: bigint): boolean {
    let k = 1n;
    while (this.rng.below(2) === 0) k++;
    // L·2^(k(1−b))/(kj) = [L / 2^(b−1)] · 2^(−(k−1)(b−1)) · 1/(kj): three coins, the first
    // two drawn lazily (b may run to thousands of bits when ε is large).
    if (!bernoulliBounded(this.rng, (bits) => dyadic(length, this.b - 1n, bits))) return false;
    if (!bernoulliBounded(this.rng, (bits) => dyadic(1n, (k - 1n) * (this.b - 1n), bits))) {
      return false;
    }
    if (!bernoulli(this.rng, 1n, k * j)) return false;
    for (let i = 0n; i < k; i++) if (!this.r()) return false;
    return true;
  }

  /** Bernoulli(r), r = q·2^b = exp(−x), x = γ − b·ln 2 ∈ [0, 1] (item 3). */
  private r(): boolean {
    let j = 1n;
    while (bernoulliBounded(this.rng, (bits) => this.xOver(j, bits))) j++;
    return j % 2n === 1n;
  }

  /** Bounds on 2^bits·x / j. */
  private xOver(j: bigint, bits: number): [bigint, bigint] {
    // Work at q bits, enough that b times ln 2's error stays below 2^(q − bits).
    const extra = bitLength(this.b) + bitLength(BigInt(bits)) + 8;
    const q = bits + extra;
    const ln2Low = ln2Below(q);
    const ln2High = ln2Low + BigInt(q + 3);
    const scaled = this.num << BigInt(q);
    const gammaLow = scaled / this.den;
    const gammaHigh = (scaled + this.den - 1n) / this.den;
    const xLow = gammaLow - this.b * ln2High;
    const xHigh = gammaHigh - this.b * ln2Low;
    const d = j << BigInt(extra);
    const lo = xLow <= 0n ? 0n : xLow / d;
    const hi = xHigh <= 0n ? 0n : (xHigh + d - 1n) / d;
    return [lo, hi];
  }
}
