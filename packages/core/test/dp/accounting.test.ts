import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  accuracyWeights,
  checkFabrication,
  defaultDelta,
  fabricationEta,
  splitBudget,
  thresholdLength,
  thresholdLength1,
} from "../../src/dp/accounting.js";
import { normalQuantile, normalUpperQuantile } from "../../src/dp/normal.js";

/** Equal to 6 significant digits. */
function close6(actual: number, expected: number): void {
  expect(Math.abs(actual - expected)).toBeLessThanOrEqual(Math.abs(expected) * 5e-6);
}

describe("the oracle of docs/design.md §5", () => {
  const split = splitBudget({
    epsilon: 4,
    delta: 1e-6,
    length: 3,
    recordsShare: 0.005,
    percentileShare: 0.01,
    accuracy: [1, 1 / 2, 1 / 3],
  });
  it("ρ, ε_Q and σ_l", () => {
    close6(split.rho, 0.240905);
    close6(split.epsilonPercentile, 0.0400753);
    close6(split.sigmas[0]!, 5.41762);
    close6(split.sigmas[1]!, 2.70881);
    close6(split.sigmas[2]!, 1.805873);
    expect(split.epsilonRecords).toBeCloseTo(0.02, 15);
  });
  it("τ_1 with Δ_1 = 10 and τ_2 with η = 0.01, Δ_2 = 5", () => {
    close6(thresholdLength1(split.sigmas[0]!, 10, 1e-6), 92.2575);
    close6(thresholdLength({ etas: { 2: 0.01 } }, 2, 3, split.sigmas[1]!, 5), 15.602);
  });
  it("'long' accuracy mode is the oracle's weights", () => {
    expect(accuracyWeights("long", 3)).toEqual([1, 1 / 2, 1 / 3]);
    expect(accuracyWeights("short", 3)).toEqual([1 / 3, 1 / 2, 1]);
    expect(accuracyWeights("balanced", 3)).toEqual([1, 1, 1]);
  });
});

describe("accounting identities", () => {
  it("spends exactly ε: ρ converts back to ε_M, the parts of ρ add up", () => {
    fc.assert(
      fc.property(
        fc.double({ min: 1e-4, max: 1e4, noNaN: true }),
        fc.double({ min: 1e-15, max: 0.999, noNaN: true }),
        fc.integer({ min: 1, max: 8 }),
        fc.constantFrom("balanced", "long", "short"),
        (epsilon, delta, length, accuracy) => {
          const s = splitBudget({ epsilon, delta, length, accuracy: accuracy as "balanced" });
          const l = Math.log(2 / delta);
          // zCDP → (ε, δ): ρ + 2√(ρ ln(2/δ)) = ε_M.
          const back = s.rho + 2 * Math.sqrt(s.rho * l);
          expect(Math.abs(back - (epsilon - s.epsilonRecords))).toBeLessThanOrEqual(epsilon * 1e-9);
          const percentiles = (length * s.epsilonPercentile ** 2) / 2;
          const noise = s.sigmas.reduce((a, sigma) => a + 1 / (2 * sigma * sigma), 0);
          expect(Math.abs(percentiles + noise - s.rho)).toBeLessThanOrEqual(s.rho * 1e-9);
          for (const sigma of s.sigmas) expect(Number.isFinite(sigma) && sigma > 0).toBe(true);
        },
      ),
    );
  });
  it("is finite at the boundaries: ε tiny or huge, δ near 0 or 1, L = 1", () => {
    for (const [epsilon, delta, length] of [
      [1e-9, 1e-6, 3],
      [1e9, 1e-6, 3],
      [1, 1e-300, 3],
      [1, 0.999999, 3],
      [1, 1e-6, 1],
    ] as const) {
      const s = splitBudget({ epsilon, delta, length });
      expect(s.sigmas).toHaveLength(length);
      expect(s.rho).toBeGreaterThan(0);
      expect(Number.isFinite(s.sigmas[0]!)).toBe(true);
      expect(Number.isFinite(thresholdLength1(s.sigmas[0]!, 10, delta))).toBe(true);
    }
    // Tiny ε: ρ ≈ ε_M² / (4 ln(2/δ)), no cancellation to 0.
    const tiny = splitBudget({ epsilon: 1e-9, delta: 1e-6, length: 3 });
    close6(tiny.rho, 0.995e-9 ** 2 / (4 * Math.log(2e6)));
  });
  it("refuses bad values with a clear message", () => {
    expect(() => splitBudget({ epsilon: 0, delta: 1e-6, length: 3 })).toThrow(
      /epsilon must be a positive number/,
    );
    expect(() => splitBudget({ epsilon: Number.NaN, delta: 1e-6, length: 3 })).toThrow(/epsilon/);
    expect(() => splitBudget({ epsilon: 1, delta: 0, length: 3 })).toThrow(
      /delta must be between 0 and 1/,
    );
    expect(() => splitBudget({ epsilon: 1, delta: 1, length: 3 })).toThrow(/delta/);
    expect(() => splitBudget({ epsilon: 1, delta: 1e-6, length: 3, accuracy: [1, 2] })).toThrow(
      /2 sigma weights are given, but this release measures combinations of 1 to 3 attributes/,
    );
    expect(() => checkFabrication({ etas: { 1: 0.5 } }, 3)).toThrow(/lengths 2…3 only/);
    expect(() => checkFabrication({ etas: { 4: 0.5 } }, 3)).toThrow(/lengths 2…3 only/);
    expect(() => checkFabrication({ etas: { 2: 0 } }, 3)).toThrow(/in \(0, 1\]/);
    expect(() => checkFabrication({ thresholds: { 2: -1 } }, 3)).toThrow(/non-negative/);
    expect(() => checkFabrication({ thresholds: { 2: 5, 3: 0 } }, 3)).not.toThrow();
  });
});

describe("fabrication modes", () => {
  it("match docs/design.md §5", () => {
    expect(fabricationEta("uncontrolled", 2, 3)).toBe(1);
    expect(fabricationEta("balanced", 2, 4)).toBe(0.55);
    expect(fabricationEta("balanced", 3, 4)).toBe(1);
    expect(fabricationEta("progressive", 2, 2)).toBe(0.1);
    expect(fabricationEta("progressive", 2, 4)).toBeCloseTo(0.1, 12);
    expect(fabricationEta("progressive", 3, 4)).toBeCloseTo(0.55, 12);
    expect(fabricationEta("progressive", 4, 4)).toBeCloseTo(1, 12);
    expect(fabricationEta("minimise", 3, 3)).toBe(0.01);
    expect(thresholdLength({ mode: "uncontrolled" }, 2, 3, 5, 4)).toBe(0);
    expect(thresholdLength({ thresholds: { 2: 7.5 } }, 2, 3, 5, 4)).toBe(7.5);
  });
  it("default δ = 1/(m ln m), m = max(ñ, 10)", () => {
    close6(defaultDelta(27253), 1 / (27253 * Math.log(27253)));
    expect(defaultDelta(3)).toBe(defaultDelta(10));
  });
});

describe("normal quantile (AS 241)", () => {
  it("matches reference values to 1e-12", () => {
    const table: [number, number][] = [
      [0.5, 0],
      [0.975, 1.959963984540054],
      [0.995, 2.5758293035489004],
      [1e-10, -6.361340902404056],
      [0.8, 0.8416212335729143],
    ];
    for (const [p, x] of table) expect(Math.abs(normalQuantile(p) - x)).toBeLessThan(1e-12);
    expect(Math.abs(normalUpperQuantile(1e-20) - 9.26234008979841)).toBeLessThan(1e-9);
  });
  it("inverts the normal upper tail Q(x) = ½·erfc(x/√2) to 1e-10 relative, down to 1e-300", () => {
    fc.assert(
      fc.property(fc.double({ min: 1e-300, max: 0.5, noNaN: true }), (q) => {
        const x = normalUpperQuantile(q);
        expect(x).toBeGreaterThanOrEqual(0);
        expect(Math.abs(upperTail(x) - q) / q).toBeLessThan(1e-10);
        expect(normalQuantile(q)).toBe(-x);
      }),
    );
  });
});

/** Q(x) = P(Z > x) for x ≥ 0: erf series below 2, erfc continued fraction (Lentz) above. */
function upperTail(x: number): number {
  const z = x / Math.SQRT2;
  if (x < 2) {
    let term = z;
    let sum = z;
    for (let n = 1; n < 200; n++) {
      term *= (-z * z) / n;
      sum += term / (2 * n + 1);
    }
    return 0.5 - sum / Math.sqrt(Math.PI);
  }
  // erfc(z) = exp(−z²)/√π · 1/(z + (1/2)/(z + 1/(z + (3/2)/(z + …)))), by Lentz's method.
  const tiny = 1e-300;
  let f = z;
  let c = z;
  let d = 0;
  for (let n = 1; n < 500; n++) {
    const a = n / 2;
    d = z + a * d;
    d = Math.abs(d) < tiny ? tiny : d;
    c = z + a / c;
    c = Math.abs(c) < tiny ? tiny : c;
    d = 1 / d;
    const delta = c * d;
    f *= delta;
    if (Math.abs(delta - 1) < 1e-16) break;
  }
  return (0.5 * Math.exp(-z * z)) / (Math.sqrt(Math.PI) * f);
}
