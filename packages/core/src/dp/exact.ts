/**
 * Exact sampling for differential privacy (Canonne, Kamath & Steinke, "The Discrete Gaussian
 * for Differential Privacy", 2020): Bernoulli(exp(−γ)) for rational γ, discrete Laplace and
 * discrete Gaussian, all in integer (BigInt) arithmetic over uniform random words — no
 * floating point touches a sample, so nothing leaks through rounding (Mironov 2012).
 *
 * Parameters arrive as doubles; `rationalAtLeast` / `rationalAtMost` turn one into a nearby
 * fraction with a power-of-two denominator, rounded in the direction that keeps the guarantee
 * (more noise, or less ε spent).
 */
import type { Rng } from "../random/rng.js";

/** A non-negative fraction num / den (den > 0). */
export interface Rational {
  num: bigint;
  den: bigint;
}

const SCALE_BITS = 40n;
const SCALE = 1n << SCALE_BITS;

/** A fraction ≥ x (x ≥ 0, finite) with denominator 2^40: used for noise scales and variances. */
export function rationalAtLeast(x: number): Rational {
  if (!(x >= 0 && Number.isFinite(x))) throw new RangeError(`rationalAtLeast(${x})`);
  // x · 2^40 may exceed 2^53: split into integer and fractional parts to stay exact-or-above.
  const whole = Math.floor(x);
  const frac = Math.ceil((x - whole) * 2 ** 40);
  return { num: BigInt(whole) * SCALE + BigInt(frac), den: SCALE };
}

/** A fraction ≤ x (x ≥ 0, finite) with denominator 2^40: used for ε of a mechanism. */
export function rationalAtMost(x: number): Rational {
  if (!(x >= 0 && Number.isFinite(x))) throw new RangeError(`rationalAtMost(${x})`);
  const whole = Math.floor(x);
  const frac = Math.floor((x - whole) * 2 ** 40);
  return { num: BigInt(whole) * SCALE + BigInt(frac), den: SCALE };
}

/** A uniform integer in [0, n) for a BigInt n ≥ 1, by rejection on whole 32-bit words. */
export function uniformBelow(rng: Rng, n: bigint): bigint {
  if (n <= 0n) throw new RangeError("uniformBelow: n must be positive");
  if (n <= 0xffffffffn) return BigInt(rng.below(Number(n)));
  const bits = n.toString(2).length;
  const words = Math.ceil(bits / 32);
  const excess = BigInt(words * 32 - bits);
  for (;;) {
    let x = 0n;
    for (let i = 0; i < words; i++) x = (x << 32n) | BigInt(rng.nextUint32());
    x >>= excess;
    if (x < n) return x;
  }
}

/** Bernoulli(num / den), num ≤ den. */
export function bernoulli(rng: Rng, num: bigint, den: bigint): boolean {
  return uniformBelow(rng, den) < num;
}

/** Bernoulli(exp(−num/den)) for num/den ≥ 0 (CKS 2020, Algorithm 1). */
export function bernoulliExpNeg(rng: Rng, num: bigint, den: bigint): boolean {
  // exp(−γ) = exp(−1)^⌊γ⌋ · exp(−(γ − ⌊γ⌋)).
  while (num > den) {
    if (!bernoulliExpNegUnit(rng, 1n, 1n)) return false;
    num -= den;
  }
  return bernoulliExpNegUnit(rng, num, den);
}

/** Bernoulli(exp(−γ)) for γ = num/den in [0, 1]. */
function bernoulliExpNegUnit(rng: Rng, num: bigint, den: bigint): boolean {
  let k = 1n;
  // Draw A_k ~ Bernoulli(γ/k) until one fails; the number of successes decides.
  while (bernoulli(rng, num, den * k)) k++;
  return k % 2n === 1n;
}

/** Discrete Laplace with scale t/s (P(x) ∝ exp(−|x|·s/t)), s, t ≥ 1 (CKS 2020, Algorithm 2). */
export function discreteLaplace(rng: Rng, t: bigint, s: bigint): bigint {
  for (;;) {
    const u = uniformBelow(rng, t);
    if (!bernoulliExpNeg(rng, u, t)) continue;
    let v = 0n;
    while (bernoulliExpNeg(rng, 1n, 1n)) v++;
    const y = (u + t * v) / s;
    const negative = rng.below(2) === 1;
    if (negative && y === 0n) continue;
    return negative ? -y : y;
  }
}

/** Integer square root ⌊√n⌋ of a BigInt n ≥ 0. */
export function isqrt(n: bigint): bigint {
  if (n < 2n) return n;
  // Newton's method from above (2^⌈bits/2⌉ ≥ √n) decreases monotonically to ⌊√n⌋.
  let x = 1n << BigInt(Math.ceil(n.toString(2).length / 2));
  for (;;) {
    const y = (x + n / x) >> 1n;
    if (y >= x) return x;
    x = y;
  }
}

/** Discrete Gaussian with variance parameter σ² = num/den (CKS 2020, Algorithm 3). */
export function discreteGaussian(rng: Rng, variance: Rational): bigint {
  const { num: a, den: b } = variance;
  if (a === 0n) return 0n;
  const t = isqrt(a / b) + 1n;
  for (;;) {
    const y = discreteLaplace(rng, t, 1n);
    const absY = y < 0n ? -y : y;
    // γ = (|Y| − σ²/t)² / (2σ²) = (|Y|·b·t − a)² / (2·a·b·t²).
    const d = absY * b * t - a;
    if (bernoulliExpNeg(rng, d * d, 2n * a * b * t * t)) return y;
  }
}
