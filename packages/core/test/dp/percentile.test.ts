import { describe, expect, it } from "vitest";
import { dpPercentile, permuteAndFlip } from "../../src/dp/percentile.js";
import { seededRng } from "../../src/internal.js";

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

/**
 * The dense sampler this module had before the sparse one (every candidate's utility in one
 * array, then `permuteAndFlip`): the reference the sparse sampler must match in law.
 */
function densePercentile(
  rng: ReturnType<typeof seededRng>,
  values: ArrayLike<number>,
  percentile: number,
  upper: number,
  epsilon: number,
): number {
  const den = 1n << 40n;
  const share = BigInt(Math.floor((percentile / 100) * 2 ** 40));
  const histogram = new Array<number>(upper + 1).fill(0);
  for (let i = 0; i < values.length; i++) histogram[Math.min(values[i]!, upper)]!++;
  const target = share * BigInt(values.length);
  const utilities: bigint[] = [];
  let cumulative = 0n;
  for (let c = 0; c <= upper; c++) {
    cumulative += BigInt(histogram[c]!);
    const gap = cumulative * den - target;
    utilities.push((gap < 0n ? gap : -gap) - (BigInt(c) * den) / BigInt(upper + 1));
  }
  let best = utilities[0]!;
  for (const u of utilities) if (u > best) best = u;
  return permuteAndFlip(rng, utilities, best, den, epsilon);
}

/**
 * Permute-and-flip's exact law: P(c) = q_c · E[1/(1 + |S∖{c}|)] = q_c ∫₀¹ Π_{d≠c} (1 − q_d + q_d·x) dx.
 */
function exactLaw(values: number[], percentile: number, upper: number, epsilon: number): number[] {
  const n = values.length;
  const utilities: number[] = [];
  let cumulative = 0;
  for (let c = 0; c <= upper; c++) {
    cumulative += values.filter((v) => Math.min(v, upper) === c).length;
    utilities.push(-Math.abs(cumulative - (percentile / 100) * n) - c / (upper + 1));
  }
  const best = Math.max(...utilities);
  const q = utilities.map((u) => Math.exp((epsilon * (u - best)) / 2));
  return q.map((qc, c) => {
    let poly = [1];
    q.forEach((qd, d) => {
      if (d === c) return;
      const next = new Array<number>(poly.length + 1).fill(0);
      poly.forEach((a, i) => {
        next[i]! += a * (1 - qd);
        next[i + 1]! += a * qd;
      });
      poly = next;
    });
    return qc * poly.reduce((s, a, i) => s + a / (i + 1), 0);
  });
}

/** χ² of observed counts against expected probabilities, bins with expectation < 5 pooled. */
function chiSquare(observed: number[], expected: number[], draws: number) {
  let stat = 0;
  let bins = 0;
  let poolObserved = 0;
  let poolExpected = 0;
  observed.forEach((o, i) => {
    const e = expected[i]! * draws;
    if (e < 5) {
      poolObserved += o;
      poolExpected += e;
      return;
    }
    stat += (o - e) ** 2 / e;
    bins++;
  });
  if (poolExpected > 0) {
    stat += (poolObserved - poolExpected) ** 2 / Math.max(poolExpected, 1e-9);
    bins++;
  }
  // The 0.9999 quantile of χ²(bins − 1), Wilson–Hilferty.
  const df = bins - 1;
  const z = 3.719;
  const critical = df * (1 - 2 / (9 * df) + z * Math.sqrt(2 / (9 * df))) ** 3;
  return { stat, critical, df };
}

describe("dpPercentile: the sparse sampler has permute-and-flip's law", () => {
  // Body and tail both matter; the last case has an unlikely tail (q̄ < 1/8), scanned in runs.
  const cases = [
    { name: "likely tail", values: [0, 1, 1, 2, 3, 3, 3, 5, 8, 9], p: 90, upper: 24, epsilon: 0.8 },
    { name: "median", values: [0, 0, 1, 2, 2, 4, 4, 4, 6, 6, 7, 7], p: 50, upper: 15, epsilon: 2 },
    {
      name: "unlikely tail, runs",
      values: Array.from({ length: 50 }, (_, i) => i % 11),
      p: 50,
      upper: 200,
      epsilon: 0.3,
    },
  ];
  for (const { name, values, p, upper, epsilon } of cases) {
    it(`${name}: matches the exact law and the dense sampler (χ², fixed seed)`, () => {
      const law = exactLaw(values, p, upper, epsilon);
      expect(law.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 9);
      const draws = 30_000;
      const sparse = new Array<number>(upper + 1).fill(0);
      const dense = new Array<number>(upper + 1).fill(0);
      const rng = seededRng(`law-${name}`);
      for (let i = 0; i < draws; i++) {
        sparse[dpPercentile(rng, values, { percentile: p, upper, epsilon })]!++;
        dense[densePercentile(rng, values, p, upper, epsilon)]!++;
      }
      const a = chiSquare(sparse, law, draws);
      expect(a.df).toBeGreaterThan(3);
      expect(a.stat).toBeLessThan(a.critical);
      const b = chiSquare(dense, law, draws);
      expect(b.stat).toBeLessThan(b.critical);
      // Two-sample: sparse against dense, pooled expectations.
      const pooled = sparse.map((s, i) => (s + dense[i]!) / (2 * draws));
      const c = chiSquare(sparse, pooled, draws);
      expect(c.stat).toBeLessThan(2 * c.critical);
    });
  }
  it("the χ² check fails for a wrong law (it can fail)", () => {
    const { values, p, upper } = cases[0]!;
    const law = exactLaw(values, p, upper, 0.8);
    const rng = seededRng("wrong");
    const seen = new Array<number>(upper + 1).fill(0);
    for (let i = 0; i < 30_000; i++)
      seen[dpPercentile(rng, values, { percentile: p, upper, epsilon: 1.2 })]!++;
    const { stat, critical } = chiSquare(seen, law, 30_000);
    expect(stat).toBeGreaterThan(critical);
  });
});

describe("dpPercentile over astronomically large ranges", () => {
  const counts = (n: number, seed: string) => {
    const rng = seededRng(seed);
    return Uint32Array.from({ length: n }, () => rng.below(40));
  };
  const c3000 = (3000n * 2999n * 2998n) / 6n;
  it("C(3000, 3) candidates and 10^30: fast, small memory, inside the range", () => {
    const rng = seededRng("huge");
    const values = counts(2_000, "huge-values");
    const start = performance.now();
    const heap = process.memoryUsage().heapUsed;
    for (const upper of [c3000, 10n ** 30n]) {
      for (let i = 0; i < 50; i++) {
        const c = dpPercentile(rng, values, { percentile: 99, upper, epsilon: 0.04 });
        expect(c).toBeGreaterThanOrEqual(0);
        expect(c).toBeLessThanOrEqual(Number(upper));
      }
    }
    expect(performance.now() - start).toBeLessThan(5_000);
    expect(process.memoryUsage().heapUsed - heap).toBeLessThan(64 * 2 ** 20);
  });
  it("with few records the tail dominates; with many the percentile wins (runs skipped)", () => {
    const rng = seededRng("huge-regimes");
    // 20 records, ε = 0.04: every candidate's coin is near 1, so a uniform one of 4.5·10^9.
    const few = counts(20, "few");
    const picks = Array.from({ length: 20 }, () =>
      dpPercentile(rng, few, { percentile: 99, upper: c3000, epsilon: 0.04 }),
    );
    expect(picks.filter((c) => c > 1e6).length).toBeGreaterThan(15);
    // 200,000 records, 99.5 % of them spread over 0…999, the rest at 1999: the 99th percentile
    // is near 994 (within ~100 records), and the tail (2000 records off) has coins of e^−38 or
    // less (γ = ε·Δrecords / 2), so its 4.5·10^9 candidates weigh ≈ 10^−7 together.
    const spread = seededRng("many");
    const many = Uint32Array.from({ length: 200_000 }, (_, i) =>
      i < 199_000 ? spread.below(1000) : 1999,
    );
    const start = performance.now();
    for (let i = 0; i < 10; i++) {
      const c = dpPercentile(rng, many, { percentile: 99, upper: c3000, epsilon: 0.04 });
      expect(c).toBeGreaterThanOrEqual(985);
      expect(c).toBeLessThanOrEqual(999);
    }
    expect(performance.now() - start).toBeLessThan(5_000);
  });
});
