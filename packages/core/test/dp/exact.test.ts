import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  bernoulliExpNeg,
  discreteGaussian,
  discreteLaplace,
  isqrt,
  rationalAtLeast,
  rationalAtMost,
  uniformBelow,
} from "../../src/dp/exact.js";
import { normalUpperQuantile } from "../../src/dp/normal.js";
import { seededRng } from "../../src/internal.js";

/** Chi-square statistic of observed counts against a pmf, tails pooled so each bin expects ≥ 5. */
function chiSquare(
  samples: Map<number, number>,
  n: number,
  pmf: (x: number) => number,
): { stat: number; df: number } {
  // Bins: a central run of x with expected ≥ 5, then both tails pooled.
  let lo = 0;
  while (n * pmf(lo - 1) >= 5) lo--;
  let hi = 0;
  while (n * pmf(hi + 1) >= 5) hi++;
  let stat = 0;
  let inside = 0;
  let observedInside = 0;
  for (let x = lo; x <= hi; x++) {
    const e = n * pmf(x);
    const o = samples.get(x) ?? 0;
    stat += ((o - e) * (o - e)) / e;
    inside += e;
    observedInside += o;
  }
  const eTail = n - inside;
  const oTail = n - observedInside;
  if (eTail >= 5) stat += ((oTail - eTail) * (oTail - eTail)) / eTail;
  else if (oTail > 0 && eTail > 0) stat += ((oTail - eTail) * (oTail - eTail)) / eTail;
  return { stat, df: hi - lo + (eTail >= 5 ? 1 : 0) };
}

/** Upper 0.1 % point of chi-square with df degrees of freedom (Wilson–Hilferty). */
function critical(df: number): number {
  const z = normalUpperQuantile(0.001);
  const h = 2 / (9 * df);
  return df * (1 - h + z * Math.sqrt(h)) ** 3;
}

function tally(draw: () => bigint, n: number): Map<number, number> {
  const m = new Map<number, number>();
  for (let i = 0; i < n; i++) {
    const x = Number(draw());
    m.set(x, (m.get(x) ?? 0) + 1);
  }
  return m;
}

const laplacePmf = (scale: number) => (x: number) => {
  const r = Math.exp(-1 / scale);
  return ((1 - r) / (1 + r)) * r ** Math.abs(x);
};

function gaussianPmf(variance: number): (x: number) => number {
  const sigma = Math.sqrt(variance);
  let z = 0;
  const bound = Math.ceil(40 * sigma) + 10;
  for (let x = -bound; x <= bound; x++) z += Math.exp((-x * x) / (2 * variance));
  return (x) => Math.exp((-x * x) / (2 * variance)) / z;
}

describe("exact samplers (fixed test seed)", () => {
  const N = 60_000;
  it("discrete Laplace matches its pmf (chi-square), and the test rejects a 10 % wrong scale", () => {
    for (const [t, s] of [
      [1n, 1n],
      [7n, 2n],
      [50n, 3n],
    ] as const) {
      const rng = seededRng(`dlap-${t}-${s}`);
      const samples = tally(() => discreteLaplace(rng, t, s), N);
      const scale = Number(t) / Number(s);
      const right = chiSquare(samples, N, laplacePmf(scale));
      expect(right.stat).toBeLessThan(critical(right.df));
      const wrong = chiSquare(samples, N, laplacePmf(scale * 1.1));
      expect(wrong.stat).toBeGreaterThan(critical(wrong.df));
    }
  });

  it("discrete Gaussian matches its pmf (chi-square), and the test rejects a 10 % wrong σ", () => {
    for (const variance of [0.3, 2, 37.5, 900]) {
      const rng = seededRng(`dgauss-${variance}`);
      const samples = tally(() => discreteGaussian(rng, rationalAtLeast(variance)), N);
      const right = chiSquare(samples, N, gaussianPmf(variance));
      expect(right.stat).toBeLessThan(critical(right.df));
      const wrong = chiSquare(samples, N, gaussianPmf(variance * 1.21));
      expect(wrong.stat).toBeGreaterThan(critical(wrong.df));
      // Unbiased: the mean is 0 within 4 standard errors.
      let sum = 0;
      for (const [x, c] of samples) sum += x * c;
      expect(Math.abs(sum / N)).toBeLessThan((4 * Math.sqrt(variance)) / Math.sqrt(N));
    }
  });

  it("Bernoulli(exp(−γ)) has the right frequency for γ below, at and above 1", () => {
    for (const [num, den] of [
      [0n, 1n],
      [1n, 3n],
      [1n, 1n],
      [5n, 2n],
      [7n, 1n],
    ] as const) {
      const rng = seededRng(`bexp-${num}/${den}`);
      const n = 40_000;
      let hits = 0;
      for (let i = 0; i < n; i++) if (bernoulliExpNeg(rng, num, den)) hits++;
      const p = Math.exp(-Number(num) / Number(den));
      const se = Math.sqrt((p * (1 - p)) / n);
      expect(Math.abs(hits / n - p)).toBeLessThanOrEqual(4 * se + 1e-12);
    }
  });

  it("uniformBelow is uniform over large BigInt ranges", () => {
    const rng = seededRng("uniform");
    const n = (1n << 70n) + 12345n;
    const buckets = new Array<number>(8).fill(0);
    for (let i = 0; i < 16_000; i++) {
      const x = uniformBelow(rng, n);
      expect(x >= 0n && x < n).toBe(true);
      buckets[Number((x * 8n) / n)]!++;
    }
    for (const b of buckets) expect(Math.abs(b - 2000)).toBeLessThan(4 * Math.sqrt(2000));
  });
});

describe("rational parameters", () => {
  it("round in the safe direction and stay within 2^-40", () => {
    fc.assert(
      fc.property(fc.double({ min: 0, max: 1e9, noNaN: true }), (x) => {
        const up = rationalAtLeast(x);
        const down = rationalAtMost(x);
        const u = Number(up.num) / Number(up.den);
        const d = Number(down.num) / Number(down.den);
        // Compare exactly: num ≥ x·den for up, ≤ for down (x·2^40 is exact in BigInt via parts).
        expect(up.num * 1n >= down.num).toBe(true);
        expect(u - x).toBeGreaterThanOrEqual(-x * 1e-15);
        expect(x - d).toBeGreaterThanOrEqual(-x * 1e-15);
        expect(u - d).toBeLessThanOrEqual(2 ** -39 + x * 1e-15);
      }),
    );
  });
  it("isqrt is the floor of the square root", () => {
    fc.assert(
      fc.property(fc.bigInt({ min: 0n, max: 1n << 200n }), (n) => {
        const r = isqrt(n);
        expect(r * r <= n && (r + 1n) * (r + 1n) > n).toBe(true);
      }),
    );
  });
});
