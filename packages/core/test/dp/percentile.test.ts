import { describe, expect, it } from "vitest";
import { dpPercentile, permuteAndFlip } from "../../src/dp/percentile.js";
import { seededRng } from "../../src/index.js";

describe("permute-and-flip", () => {
  it("picks a worse candidate with the exact probability exp(−ε·d/2)/2 of two", () => {
    const rng = seededRng("pf");
    const n = 40_000;
    for (const [epsilon, d] of [
      [1, 1],
      [0.5, 3],
      [2, 0.5],
    ] as const) {
      let worse = 0;
      // Utilities scaled by 2 so that d = 0.5 stays an integer gap.
      for (let i = 0; i < n; i++) {
        if (permuteAndFlip(rng, [0n, BigInt(-2 * d)], 0n, 2n, epsilon) === 1) worse++;
      }
      const p = Math.exp((-epsilon * d) / 2) / 2;
      const se = Math.sqrt((p * (1 - p)) / n);
      expect(Math.abs(worse / n - p)).toBeLessThan(4 * se);
    }
  });
  it("with three candidates, matches the exact permute-and-flip distribution", () => {
    // u = (0, −1, −2), ε = 2, sensitivity 1: coins q1 = e^−1, q2 = e^−2.
    const q1 = Math.exp(-1);
    const q2 = Math.exp(-2);
    // Enumerate the 6 orders: the first accepted coin wins, the best (coin 1) always accepts.
    const orders = [
      [0, 1, 2],
      [0, 2, 1],
      [1, 0, 2],
      [1, 2, 0],
      [2, 0, 1],
      [2, 1, 0],
    ];
    const coin = [1, q1, q2];
    const exact = [0, 0, 0];
    for (const order of orders) {
      let reach = 1 / 6;
      for (const r of order) {
        exact[r]! += reach * coin[r]!;
        reach *= 1 - coin[r]!;
      }
    }
    const rng = seededRng("pf3");
    const n = 60_000;
    const seen = [0, 0, 0];
    for (let i = 0; i < n; i++) seen[permuteAndFlip(rng, [0n, -1n, -2n], 0n, 1n, 2)]!++;
    for (let r = 0; r < 3; r++) {
      const se = Math.sqrt((exact[r]! * (1 - exact[r]!)) / n);
      expect(Math.abs(seen[r]! / n - exact[r]!)).toBeLessThan(4 * se);
    }
  });
});

describe("dpPercentile", () => {
  const values = Uint32Array.from({ length: 1000 }, (_, i) => (i < 990 ? i % 7 : 40));
  it("finds the percentile when ε is large", () => {
    const rng = seededRng("pct");
    // 99 % of 1000 values: the 990 values 0…6 → the 99th percentile is 6.
    for (let i = 0; i < 20; i++) {
      expect(dpPercentile(rng, values, { percentile: 99, upper: 100, epsilon: 1e5 })).toBe(6);
    }
    expect(dpPercentile(rng, values, { percentile: 100, upper: 100, epsilon: 1e5 })).toBe(40);
    // At ε = 50 the rank decides (ties between 6 and 39 lean to the small end).
    const picks = Array.from({ length: 200 }, () =>
      dpPercentile(rng, values, { percentile: 99, upper: 100, epsilon: 50 }),
    );
    expect(picks.every((c) => c >= 6 && c <= 39)).toBe(true);
    expect(picks.filter((c) => c <= 12).length).toBeGreaterThan(120);
  });
  it("stays within the schema's range and spreads out when ε is small", () => {
    const rng = seededRng("pct-small");
    const seen = new Set<number>();
    for (let i = 0; i < 200; i++) {
      const c = dpPercentile(rng, values, { percentile: 99, upper: 100, epsilon: 0.01 });
      expect(c).toBeGreaterThanOrEqual(0);
      expect(c).toBeLessThanOrEqual(100);
      seen.add(c);
    }
    expect(seen.size).toBeGreaterThan(10);
  });
});
