import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { NONE } from "../../src/aggregate/count-partition.js";
import { dpSynthesize, precisionWeights } from "../../src/dp/dp-synthesize.js";
import { readDatasetFromText, seededRng } from "../../src/internal.js";
import { forEachSubset } from "../../src/synthesize/combination-keys.js";
import { randomTableArb, readRandomTable, withParameters } from "../random-table.js";

const arb = withParameters(randomTableArb({ maxSingles: 4, maxMultis: 1, maxRows: 60 }), {
  epsilon: fc.constantFrom(0.1, 1, 10, 1000),
  length: fc.integer({ min: 1, max: 3 }),
  style: fc.constantFrom("fitted", "sds"),
  seed: fc.integer(),
});

describe("DP synthesis", () => {
  it("makes ñ records (at most) and no combination up to the published length outside the DP aggregates", () => {
    fc.assert(
      fc.property(arb, (t) => {
        const data = readRandomTable(t);
        if (data === undefined) return;
        const out = dpSynthesize(data, {
          epsilon: t.epsilon,
          length: t.length,
          style: t.style as "fitted",
          rng: seededRng(t.seed),
        });
        const table = out.aggregates.table;
        expect(out.length).toBe(
          Math.min(t.length, data.columns.length, t.style === "fitted" ? 2 : 9),
        );
        const published = new Set<string>();
        for (let i = 0; i < table.counts.length; i++) {
          const ids: number[] = [];
          for (let p = 0; p < table.length; p++) {
            const a = table.attrs[i * table.length + p]!;
            if (a !== NONE) ids.push(a);
          }
          published.add(ids.join(","));
        }
        const s = out.synthetic;
        expect(s.recordCount).toBeLessThanOrEqual(out.aggregates.noisyRecords);
        for (let r = 0; r < s.recordCount; r++) {
          const record = Array.from(s.attrs.subarray(s.offsets[r]!, s.offsets[r + 1]!));
          expect(record.length).toBeGreaterThan(0);
          forEachSubset(record, out.length, (ids) => {
            expect(published.has(ids.join(","))).toBe(true);
          });
        }
      }),
      { numRuns: 80 },
    );
  });

  it("weighs each length's counts by the inverse of their noise (pairs emphasised twice)", () => {
    fc.assert(
      fc.property(
        fc.array(fc.double({ min: 0.1, max: 100, noNaN: true }), { minLength: 1, maxLength: 4 }),
        fc.array(fc.integer({ min: 0, max: 500 }), { minLength: 4, maxLength: 4 }),
        (sigmas, bounds) => {
          const contributions = bounds.slice(0, sigmas.length);
          const w = precisionWeights({
            split: { sigmas } as never,
            contributions,
          });
          expect(w[0]).toBe(1);
          const sd = (l: number) => sigmas[l]! * Math.sqrt(Math.max(1, contributions[l]!));
          for (let l = 1; l < sigmas.length; l++) {
            expect(w[l]).toBeGreaterThan(0);
            expect(w[l]! * sd(l)).toBeCloseTo(2 * sd(0), 9);
          }
        },
      ),
    );
  });

  it("defaults: the fitted style keeps every positive pair (uncontrolled), sds holds back (balanced)", () => {
    const data = readDatasetFromText("a,b\nx,y\nx,z\n", {});
    const fitted = dpSynthesize(data, { epsilon: 1, length: 2, rng: seededRng(1) });
    const sds = dpSynthesize(data, { epsilon: 1, length: 2, style: "sds", rng: seededRng(1) });
    expect(fitted.fabrication).toEqual({ mode: "uncontrolled" });
    expect(fitted.aggregates.thresholds[1]).toBe(0);
    expect(sds.fabrication).toEqual({ mode: "balanced" });
    expect(sds.aggregates.thresholds[1]).toBeGreaterThan(0);
    const given = dpSynthesize(data, {
      epsilon: 1,
      length: 2,
      fabrication: { mode: "minimise" },
      rng: seededRng(1),
    });
    expect(given.fabrication).toEqual({ mode: "minimise" });
  });
});
