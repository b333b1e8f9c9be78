import { describe, expect, it } from "vitest";
import { CoinRun } from "../../src/dp/coin-run.js";
import { seededRng } from "../../src/internal.js";

/** γ as a fraction over 2^40 (the denominator the DP code uses). */
const D = 1n << 40n;
const fraction = (gamma: number) => BigInt(Math.round(gamma * 2 ** 40));

describe("CoinRun", () => {
  it("chooses b with 2^b ≤ 1/q < 2^(b+1)", () => {
    const rng = seededRng("b");
    expect(new CoinRun(rng, 0n, D).b).toBe(0n);
    expect(new CoinRun(rng, fraction(0.69), D).b).toBe(0n);
    expect(new CoinRun(rng, fraction(0.7), D).b).toBe(1n);
    expect(new CoinRun(rng, fraction(3), D).b).toBe(4n);
    expect(new CoinRun(rng, fraction(50.5), D).maxRun).toBe(1n << 71n);
  });
  it("refuses runs longer than 2^(b−1)", () => {
    const run = new CoinRun(seededRng("long"), fraction(3), D);
    expect(() => run.allFail(9n)).toThrow(RangeError);
  });
  for (const [gamma, length] of [
    [3, 8n],
    [3, 1n],
    [6.2, 100n],
    [50.5, 1n << 71n],
    [50.5, 1n << 66n],
  ] as const) {
    it(`all ${length} coins of q = e^−${gamma} fail with probability (1 − q)^L`, () => {
      const rng = seededRng(`run-${gamma}-${length}`);
      const run = new CoinRun(rng, fraction(gamma), D);
      const q = Math.exp(-Number(fraction(gamma)) / 2 ** 40);
      const p = Math.exp(Number(length) * Math.log1p(-q));
      const n = 20_000;
      let fails = 0;
      for (let i = 0; i < n; i++) if (run.allFail(length)) fails++;
      const se = Math.sqrt((p * (1 - p)) / n);
      expect(Math.abs(fails / n - p)).toBeLessThan(4 * se + 1e-9);
    });
  }
});
