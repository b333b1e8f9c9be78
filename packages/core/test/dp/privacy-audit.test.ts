import { describe, expect, it } from "vitest";
import { seededRng } from "../../src/internal.js";
import { marginalsStatistic, recordCountStatistic, sample } from "./dp-audit-scenarios.js";
import { auditSamples, binomialCdf, clopperPearson } from "./privacy-audit.js";

/**
 * The short CI version of `npm run audit:dp` (scripts/audit-dp.ts): each DP counting
 * mechanism on neighbouring data sets (one person added, subject IDs, multi-value cells), the
 * real one must pass and a half-noise mutant must be rejected. False-alarm rate of each audit
 * α = 10^−3 (Clopper–Pearson, see privacy-audit.ts); the seeds are fixed.
 */
const alpha = 1e-3;

describe("Clopper–Pearson bounds", () => {
  it("match known values and bracket the estimate", () => {
    // 0 successes in 100 at 2.5 %: upper bound 1 − 0.025^(1/100) ≈ 0.0362.
    expect(clopperPearson(0, 100, 0.025)[1]).toBeCloseTo(1 - 0.025 ** (1 / 100), 6);
    const [lo, hi] = clopperPearson(30, 100, 0.025);
    expect(lo).toBeGreaterThan(0.2);
    expect(lo).toBeLessThan(0.3);
    expect(hi).toBeGreaterThan(0.3);
    expect(hi).toBeLessThan(0.41);
    expect(binomialCdf(30, 100, lo)).toBeGreaterThan(0.975);
    expect(binomialCdf(30, 100, hi)).toBeCloseTo(0.025, 6);
  });
});

describe("empirical privacy audit (CI version)", () => {
  it("record count, ε_N = 1 on its own: the mechanism passes, half the noise is caught", () => {
    const epsilon = 1;
    const real = sample(recordCountStatistic(500, epsilon, 1), 20_000, [
      seededRng("rc-a"),
      seededRng("rc-b"),
    ]);
    const verdict = auditSamples(...real, { epsilon, delta: 0, alpha });
    // The discrete Laplace is tight: the estimate sits at ε itself.
    expect(verdict.rejected).toBe(false);
    expect(verdict.epsilonEstimate).toBeGreaterThan(0.9);
    const mutant = sample(recordCountStatistic(500, epsilon, 0.5), 20_000, [
      seededRng("rcm-a"),
      seededRng("rcm-b"),
    ]);
    const caught = auditSamples(...mutant, { epsilon, delta: 0, alpha });
    expect(caught.rejected).toBe(true);
    expect(caught.epsilonLow).toBeGreaterThan(epsilon);
  });

  // ε = 3 and δ = 0.01 (stated, not the default δ), 5 % of ρ for the percentiles: where some
  // 30,000 runs can see a half-noise mutant break the promise (its ε_low ≈ 3.1), while the
  // real mechanism's estimate stays near 1.1. 300 people keep a run under a millisecond.
  const settings = { epsilon: 3, delta: 0.01, length: 2, percentile: 50, percentileShare: 0.05 };
  const audit = { epsilon: 3, delta: 0.01, alpha, selectionShare: 0.1 };
  it("DP marginals, the sum of the person's noisy counts: the mechanism passes", () => {
    const runs = sample(marginalsStatistic(300, settings, 1), 5_000, [
      seededRng("dm-a"),
      seededRng("dm-b"),
    ]);
    const verdict = auditSamples(...runs, audit);
    expect(verdict.rejected).toBe(false);
    expect(verdict.epsilonLow).toBeLessThan(3);
  }, 120_000);
  it("DP marginals: a mutant with half the noise is rejected", () => {
    const runs = sample(marginalsStatistic(300, settings, 0.5), 33_000, [
      seededRng("dmm-a"),
      seededRng("dmm-b"),
    ]);
    const verdict = auditSamples(...runs, audit);
    expect(verdict.rejected).toBe(true);
  }, 180_000);
});
