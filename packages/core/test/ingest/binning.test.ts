import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  type BinSpec,
  binEdges,
  binIndex,
  binLabels,
  makeBins,
  parseBinSpec,
} from "../../src/ingest/binning.js";
import { userError } from "../user-error.js";

const data = (...values: number[]) => Float64Array.from(values);
const range = (from: number, to: number) =>
  Float64Array.from({ length: to - from + 1 }, (_, i) => from + i);

/** Bin sizes of the values under the given interior edges. */
function groupSizes(edges: readonly number[], values: Float64Array): number[] {
  const sizes: number[] = new Array(edges.length + 1).fill(0);
  for (const v of values) sizes[binIndex(edges, v)]!++;
  return sizes;
}

/** The numbers printed in a label as bin boundaries: `<a`, `a-b`, `a`, `[a,b)`, `a+`. */
function boundaries(label: string): number[] {
  if (label.startsWith("<")) return [Number(label.slice(1))];
  if (label.endsWith("+")) return [Number(label.slice(0, -1))];
  if (label.startsWith("[")) return label.slice(1, -1).split(",").map(Number);
  return label.split("-").map(Number);
}

/**
 * The interval [from, to) a label stands for, read back from the label alone (the reader's
 * view): `<a` → [-∞, a), `a+` → [a, ∞), `[a,b)` → [a, b), `a-b` → [a, b + 1), `a` → [a, a + 1).
 * Undefined when the label is not one of these forms.
 */
function intervalOf(label: string): [number, number] | undefined {
  const num = String.raw`-?\d+(?:\.\d+)?(?:e[+-]?\d+)?`;
  const whole = String.raw`\d+`;
  let m = new RegExp(`^<(${num})$`).exec(label);
  if (m) return [Number.NEGATIVE_INFINITY, Number(m[1])];
  m = new RegExp(`^(${num})\\+$`).exec(label);
  if (m) return [Number(m[1]), Number.POSITIVE_INFINITY];
  m = new RegExp(`^\\[(${num}),(${num})\\)$`).exec(label);
  if (m) return [Number(m[1]), Number(m[2])];
  m = new RegExp(`^(${whole})-(${whole})$`).exec(label);
  if (m) return [Number(m[1]), Number(m[2]) + 1];
  m = new RegExp(`^(${whole})$`).exec(label);
  if (m) return [Number(m[1]), Number(m[1]) + 1];
  return undefined;
}

describe("parseBinSpec", () => {
  it.each<[string, BinSpec]>([
    ["edges:18,25,65", { kind: "edges", edges: [18, 25, 65] }],
    ["edges: 18 , 25.5 ,65 ", { kind: "edges", edges: [18, 25.5, 65] }],
    ["edges:-10,0", { kind: "edges", edges: [-10, 0] }],
    ["edges:40", { kind: "edges", edges: [40] }],
    ["EDGES:1,2", { kind: "edges", edges: [1, 2] }],
    ["width:10", { kind: "width", width: 10 }],
    ["width: 0.5", { kind: "width", width: 0.5 }],
    ["quantiles:4", { kind: "quantiles", count: 4 }],
    [" Quantiles : 2", { kind: "quantiles", count: 2 }],
  ])("reads %j", (spec, expected) => {
    expect(parseBinSpec("age", spec)).toEqual(expected);
  });

  it.each([
    ["edges:", "every edge must be a number"],
    ["edges:18,,25", "every edge must be a number"],
    ["edges:18,x", "every edge must be a number"],
    ["edges:5,3", "strictly increasing"],
    ["edges:5,5", "strictly increasing"],
    ["width:0", "positive number"],
    ["width:-5", "positive number"],
    ["width:", "positive number"],
    ["width:abc", "positive number"],
    ["width:Infinity", "positive number"],
    ["quantiles:1", "from 2 to 1000"],
    ["quantiles:2.5", "from 2 to 1000"],
    ["quantiles:1001", "from 2 to 1000"],
    ["quantiles:", "from 2 to 1000"],
    ["foo:3", 'unknown kind "foo"'],
    ["width10", "colon"],
    ["", "colon"],
  ])("refuses %j, naming the column", (spec, why) => {
    const error = userError(() => parseBinSpec("age at intake", spec));
    expect(error.code).toBe("bad-bin-spec");
    expect(error.message).toContain('column "age at intake"');
    expect(error.message).toContain(`"${spec}"`);
    expect(error.message).toContain(why);
    expect(error.location.column).toBe("age at intake");
    expect(error.hint).toContain("edges:");
  });
});

describe("binLabels", () => {
  it("labels whole, non-negative edges with inclusive ranges and open outer bins", () => {
    expect(binLabels([18, 25, 65])).toEqual(["<18", "18-24", "25-64", "65+"]);
    expect(binLabels([0, 18])).toEqual(["<0", "0-17", "18+"]);
  });

  it("labels a bin of one whole number by that number", () => {
    expect(binLabels([18, 19, 20])).toEqual(["<18", "18", "19", "20+"]);
  });

  it("uses interval notation for every bin when an edge is fractional", () => {
    expect(binLabels([18.5, 25, 65])).toEqual(["<18.5", "[18.5,25)", "[25,65)", "65+"]);
    expect(binLabels([1.5, 2.5])).toEqual(["<1.5", "[1.5,2.5)", "2.5+"]);
  });

  it("uses interval notation when an edge is negative (no ambiguous -5--1)", () => {
    expect(binLabels([-10, 0])).toEqual(["<-10", "[-10,0)", "0+"]);
    expect(binLabels([-5, 0, 10])).toEqual(["<-5", "[-5,0)", "[0,10)", "10+"]);
  });

  it("uses interval notation beyond the exactly representable whole numbers", () => {
    expect(binLabels([0, 2 ** 53])).toEqual(["<0", "[0,9007199254740992)", "9007199254740992+"]);
  });

  it("handles one edge and no edges", () => {
    expect(binLabels([40])).toEqual(["<40", "40+"]);
    expect(binLabels([-0.5])).toEqual(["<-0.5", "-0.5+"]);
    expect(binLabels([])).toEqual(["all values"]);
  });

  it("gives distinct ASCII labels that read back as exactly their intervals", () => {
    const edgeLists = fc.oneof(
      fc.uniqueArray(fc.integer({ min: 0, max: 200 }), { minLength: 1, maxLength: 8 }),
      fc.uniqueArray(fc.integer({ min: -200, max: 200 }), { minLength: 1, maxLength: 8 }),
      fc.uniqueArray(
        fc.integer({ min: -20_000, max: 20_000 }).map((c) => c / 100),
        { minLength: 1, maxLength: 8 },
      ),
    );
    fc.assert(
      fc.property(edgeLists, (raw) => {
        const edges = [...raw].sort((a, b) => a - b);
        const labels = binLabels(edges);
        expect(new Set(labels).size).toBe(labels.length);
        for (const label of labels) expect(label).toMatch(/^[\x21-\x7e]+$/);
        const bounds = [Number.NEGATIVE_INFINITY, ...edges, Number.POSITIVE_INFINITY];
        labels.forEach((label, i) => {
          expect(intervalOf(label), label).toEqual([bounds[i], bounds[i + 1]]);
        });
      }),
      { numRuns: 300 },
    );
  });
});

describe("binIndex", () => {
  const edges = [18, 25, 65];

  it("puts a value exactly on an edge into the upper bin ([a, b))", () => {
    expect(binIndex(edges, 18)).toBe(1);
    expect(binIndex(edges, 25)).toBe(2);
    expect(binIndex(edges, 65)).toBe(3);
  });

  it("uses the open outer bins below the first and from the last edge", () => {
    expect(binIndex(edges, -1e9)).toBe(0);
    expect(binIndex(edges, 17.999)).toBe(0);
    expect(binIndex(edges, 24.999)).toBe(1);
    expect(binIndex(edges, 1e9)).toBe(3);
    expect(binIndex([], 5)).toBe(0);
  });

  it("agrees with a linear scan", () => {
    fc.assert(
      fc.property(
        fc.uniqueArray(fc.integer({ min: -50, max: 50 }), { maxLength: 10 }),
        fc.double({ min: -60, max: 60, noNaN: true }),
        (raw, v) => {
          const sorted = [...raw].sort((a, b) => a - b);
          expect(binIndex(sorted, v)).toBe(sorted.filter((e) => e <= v).length);
        },
      ),
    );
  });
});

describe("binEdges", () => {
  it("returns explicit edges unchanged, whatever the data", () => {
    expect(binEdges({ kind: "edges", edges: [18, 25, 65] }, data(30, 31))).toEqual([18, 25, 65]);
    expect(binEdges({ kind: "edges", edges: [18] }, data())).toEqual([18]);
  });

  it("width: multiples of the width strictly inside the data range", () => {
    expect(binEdges({ kind: "width", width: 10 }, data(15, 42, 95))).toEqual([
      20, 30, 40, 50, 60, 70, 80, 90,
    ]);
  });

  it("width: no edge on the exact minimum or maximum of the data", () => {
    expect(binEdges({ kind: "width", width: 10 }, data(20, 55, 90))).toEqual([
      30, 40, 50, 60, 70, 80,
    ]);
    expect(binEdges({ kind: "width", width: 10 }, data(-20, 0))).toEqual([-10]);
  });

  it("width: decimal widths give round edges, none on the data's bounds", () => {
    expect(binEdges({ kind: "width", width: 0.1 }, data(0.3, 0.7))).toEqual([0.4, 0.5, 0.6]);
    expect(binEdges({ kind: "width", width: 0.1 }, data(0.05, 0.32))).toEqual([0.1, 0.2, 0.3]);
  });

  it("width: one bin when the data does not straddle a multiple", () => {
    expect(binEdges({ kind: "width", width: 10 }, data(21, 29))).toEqual([]);
    expect(binEdges({ kind: "width", width: 10 }, data(20, 30))).toEqual([]);
    expect(binEdges({ kind: "width", width: 10 }, data(7))).toEqual([]);
  });

  it("width: a range of more than 10,000 widths ends in one open bin", () => {
    const edges = binEdges({ kind: "width", width: 1 }, data(0, 1e6));
    expect(edges.length).toBeGreaterThan(9_000);
    expect(edges.length).toBeLessThan(11_000);
    expect(edges.every((e, i) => i === 0 || e > edges[i - 1]!)).toBe(true);
  });

  it("width: ends for huge values with a tiny width", () => {
    const edges = binEdges({ kind: "width", width: 0.1 }, data(1e300, 1e300 + 1e285));
    expect(edges.length).toBeLessThan(11_000);
    expect(edges.every((e, i) => e > 1e300 && (i === 0 || e > edges[i - 1]!))).toBe(true);
  });

  it("width and quantiles: no edges for no data", () => {
    expect(binEdges({ kind: "width", width: 10 }, data())).toEqual([]);
    expect(binEdges({ kind: "quantiles", count: 4 }, data())).toEqual([]);
  });

  it("quantiles: roughly equal groups", () => {
    const values = range(1, 100);
    const edges = binEdges({ kind: "quantiles", count: 4 }, values);
    expect(edges).toEqual([26, 51, 76]);
    expect(groupSizes(edges, values)).toEqual([25, 25, 25, 25]);
    const shuffled = Float64Array.from(values).reverse();
    expect(binEdges({ kind: "quantiles", count: 4 }, shuffled)).toEqual(edges);
  });

  it("quantiles: group sizes within one of each other for distinct values", () => {
    const values = range(1, 103);
    const sizes = groupSizes(binEdges({ kind: "quantiles", count: 5 }, values), values);
    expect(sizes).toHaveLength(5);
    expect(Math.max(...sizes) - Math.min(...sizes)).toBeLessThanOrEqual(1);
  });

  it("quantiles: ties never make empty or duplicate bins", () => {
    const values = data(1, 1, 1, 1, 1, 1, 2, 3, 4, 5);
    const edges = binEdges({ kind: "quantiles", count: 4 }, values);
    expect(edges).toEqual([3]);
    expect(groupSizes(edges, values)).toEqual([7, 3]);
  });

  it("quantiles: one bin for a column with one value", () => {
    expect(binEdges({ kind: "quantiles", count: 4 }, data(5, 5, 5))).toEqual([]);
  });

  it("quantiles: more groups than values", () => {
    const values = data(1, 2, 3);
    const edges = binEdges({ kind: "quantiles", count: 10 }, values);
    expect(edges).toEqual([2]);
    expect(groupSizes(edges, values)).toEqual([1, 2]);
  });

  it("quantiles: incomes with cents give rounded edges, none of them anyone's income", () => {
    // 500 incomes from 15,000.01 to about 65,000, every one with cents (no randomness needed).
    const values = Float64Array.from(
      { length: 500 },
      (_, i) => 15_000 + ((i * 7919) % 50_000) + (((i * 37) % 99) + 1) / 100,
    );
    const edges = binEdges({ kind: "quantiles", count: 10 }, values);
    expect(edges).toHaveLength(9);
    const inputs = new Set(values);
    for (const e of edges) {
      expect(inputs.has(e), `edge ${e}`).toBe(false);
      // (max − min) / (10 · 10) ≈ 500: edges are rounded to hundreds.
      expect(e % 100).toBe(0);
    }
    for (const size of groupSizes(edges, values)) expect(Math.abs(size - 50)).toBeLessThan(10);
  });

  it("quantiles: no edge equals an input value unless that value is round at the documented step", () => {
    const cents = fc.array(fc.integer({ min: -5_000_000, max: 5_000_000 }), {
      minLength: 2,
      maxLength: 80,
    });
    fc.assert(
      fc.property(cents, fc.integer({ min: 2, max: 30 }), (raw, count) => {
        const values = Float64Array.from(raw, (c) => c / 100);
        const min = Math.min(...values);
        const max = Math.max(...values);
        const edges = binEdges({ kind: "quantiles", count }, values);
        if (min === max) {
          expect(edges).toEqual([]);
          return;
        }
        // The rule of binning.ts's header: the largest power of ten ≤ (max − min) / (10 · count).
        const target = (max - min) / (10 * count);
        let step = 10 ** Math.floor(Math.log10(target));
        if (step * 10 <= target) step *= 10;
        if (step > target) step /= 10;
        const isMultiple = (x: number) => Math.abs(x / step - Math.round(x / step)) < 1e-6;
        const inputs = new Set(values);
        for (const e of edges) {
          expect(isMultiple(e), `edge ${e}, step ${step}`).toBe(true);
          if (inputs.has(e)) expect(isMultiple(e), `edge ${e} is an input value`).toBe(true);
        }
        const sizes = groupSizes(edges, values);
        expect(sizes.every((n) => n > 0)).toBe(true);
      }),
      { numRuns: 500 },
    );
  });

  it("width: every edge is a multiple of the width, consecutive, whatever the minimum", () => {
    const widths = fc.constantFrom(0.1, 0.25, 1, 2.5, 5, 10, 33, 100);
    const numbers = fc.array(fc.double({ min: -1000, max: 1000, noNaN: true }), {
      minLength: 1,
      maxLength: 40,
    });
    fc.assert(
      fc.property(numbers, widths, (raw, width) => {
        const edges = binEdges({ kind: "width", width }, Float64Array.from(raw));
        edges.forEach((e, i) => {
          const k = Math.round(e / width);
          expect(Math.abs(e - k * width)).toBeLessThan(1e-9 * Math.max(1, Math.abs(e)));
          if (i > 0) expect(Math.round(edges[i - 1]! / width)).toBe(k - 1);
        });
      }),
      { numRuns: 300 },
    );
  });
});

describe("makeBins", () => {
  it("keeps the spec text; the labels follow from the edges alone, never the data", () => {
    const spec = parseBinSpec("age", "edges:18,25,65");
    const expected = {
      spec: "edges:18,25,65",
      edges: [18, 25, 65],
      labels: ["<18", "18-24", "25-64", "65+"],
    };
    expect(makeBins("edges:18,25,65", spec, data(17, 30, 70))).toEqual(expected);
    // One person with a fractional value must not change any public label.
    expect(makeBins("edges:18,25,65", spec, data(17, 30.5, 70))).toEqual(expected);
    expect(makeBins("edges:18,25,65", spec, data(17.5, 30))).toEqual(expected);
    expect(makeBins("edges:18,25,65", spec, data())).toEqual(expected);
  });

  it("width:10 over ages 15–95 gives <20 … 90+", () => {
    const bins = makeBins("width:10", { kind: "width", width: 10 }, data(15, 33, 95));
    expect(bins.labels[0]).toBe("<20");
    expect(bins.labels.at(-1)).toBe("90+");
    expect(bins.labels).toContain("20-29");
  });
});

describe("data-derived bins never print the data's minimum or maximum", () => {
  const numbers = fc.oneof(
    fc.array(fc.integer({ min: -200, max: 200 }), { minLength: 1, maxLength: 60 }),
    fc.array(fc.double({ min: -1000, max: 1000, noNaN: true, noDefaultInfinity: true }), {
      minLength: 1,
      maxLength: 60,
    }),
  );
  const specs = fc.oneof(
    fc.record({
      kind: fc.constant("width" as const),
      width: fc.constantFrom(0.1, 0.25, 1, 2.5, 5, 10, 33, 100),
    }),
    fc.record({ kind: fc.constant("quantiles" as const), count: fc.integer({ min: 2, max: 12 }) }),
  );

  it("holds for random data with width and quantiles", () => {
    fc.assert(
      fc.property(numbers, specs, (raw, spec: BinSpec) => {
        const values = Float64Array.from(raw);
        const min = Math.min(...values);
        const max = Math.max(...values);
        const { edges, labels } = makeBins("x", spec, values);
        const problems: string[] = [];
        edges.forEach((e, i) => {
          if (!(e > min && e < max)) problems.push(`edge ${e} not inside (${min}, ${max})`);
          if (i > 0 && !(e > edges[i - 1]!)) problems.push(`edge ${e} not increasing`);
        });
        expect(problems).toEqual([]);
        expect(labels).toHaveLength(edges.length + 1);
        if (edges.length === 0) {
          expect(labels).toEqual(["all values"]);
          return;
        }
        expect(labels[0]!.startsWith("<")).toBe(true);
        expect(labels.at(-1)!.endsWith("+")).toBe(true);
        for (const label of labels) {
          for (const b of boundaries(label)) {
            if (Number.isNaN(b) || b === min || b === max) problems.push(`label ${label}`);
          }
        }
        expect(problems).toEqual([]);
        const sizes = groupSizes(edges, values);
        expect(sizes[0]).toBeGreaterThan(0);
        expect(sizes.at(-1)).toBeGreaterThan(0);
        if (spec.kind === "quantiles") expect(sizes.every((n) => n > 0)).toBe(true);
      }),
      { numRuns: 500 },
    );
  });
});
