import { describe, expect, it } from "vitest";
import { dpAggregates } from "../../src/dp/dp-aggregates.js";
import { readDatasetFromText, seededRng } from "../../src/internal.js";

/**
 * Issue 11, defect 9: the DP percentile allocated arrays of U_l = C(attributes, l) entries, so
 * a multi-value column of ~700 values at L = 3 (SDS style) took several GB, and ~3,000 a
 * RangeError. Its work now follows the records, not U_l (see also percentile.test.ts, which
 * runs the percentile itself over C(3000, 3) and 10^30 candidates).
 */
describe("DP aggregates with a wide multi-value column (U_3 in the tens of millions)", () => {
  it("700 values at L = 3: U_3 = C(702, 3), in seconds and bounded memory", () => {
    const values = 700;
    const lines = ["s,t,m"];
    // Each record holds three neighbouring values; every record twice, so each value is held
    // by 6 records and survives length 1 at this ε.
    for (let copy = 0; copy < 2; copy++) {
      for (let i = 0; i < values; i++) {
        const held = [i, (i + 1) % values, (i + 2) % values].map((v) => `v${v}`).join(";");
        lines.push(`${i % 2 === 0 ? "a" : "b"},${i % 3},${held}`);
      }
    }
    // Ten records (< 1 %) hold six values: the 99th percentile of contributions stays below
    // the largest count (had it equalled it, every candidate above would tie with it).
    for (let i = 0; i < 10; i++) lines.push("a,0,v0;v1;v2;v3;v4;v5");
    const data = readDatasetFromText(lines.join("\n"), { multiValue: { m: ";" } });
    const heap = process.memoryUsage().heapUsed;
    const start = performance.now();
    const dp = dpAggregates(data, {
      epsilon: 1e7,
      delta: 1e-6,
      length: 3,
      fabrication: { mode: "minimise" },
      rng: seededRng("wide"),
    });
    const seconds = (performance.now() - start) / 1000;
    // Every value survives length 1 at this ε: U_3 = C(2 single columns + 700 values, 3).
    expect(dp.ranges[2]).toBe((702 * 701 * 700) / 6);
    // All but ten records hold C(5, 3) = 10 triples at most, the ten C(8, 3) = 56: at this ε
    // the choice ties between the 99th percentile and 55 (same rank), never the tail.
    expect(dp.contributions[2]).toBeGreaterThanOrEqual(1);
    expect(dp.contributions[2]).toBeLessThanOrEqual(55);
    expect(seconds).toBeLessThan(30);
    expect(process.memoryUsage().heapUsed - heap).toBeLessThan(400 * 2 ** 20);
  });
});
