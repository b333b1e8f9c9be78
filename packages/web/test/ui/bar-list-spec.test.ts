/** Bar lists: percentages on a 0–100 scale, or, when all are small, on the largest with the scale said. */
import { describe, expect, it } from "vitest";
import { barListSpec, MIN_BAR } from "../../src/ui/bar-list-spec.js";

const items = (...values: number[]) => values.map((value, i) => ({ label: `v${i}`, value }));

describe("bar lists of percentages", () => {
  it("scale small percentages to the largest and say so, so that 0.3 % is not a sliver", () => {
    const spec = barListSpec("Risk", items(0.3, 0.15, 0), "percent");
    expect(spec.rows.map((r) => r.width)).toEqual([1, 0.5, 0]);
    expect(spec.scale).toBe("Bars to scale: the longest is 0.3 %.");
  });

  it("keep the 0–100 scale when some percentage is large, and never hide a value above 0", () => {
    const spec = barListSpec("Risk", items(80, 40, 0.01), "percent");
    expect(spec.rows.map((r) => r.width)).toEqual([0.8, 0.4, MIN_BAR]);
    expect(spec.scale).toBeUndefined();
  });

  it("scale to a given maximum, or to the largest value", () => {
    expect(barListSpec("n", items(5, 10), 20).rows.map((r) => r.width)).toEqual([0.25, 0.5]);
    expect(barListSpec("n", items(5, 10)).rows.map((r) => r.width)).toEqual([0.5, 1]);
  });
});
