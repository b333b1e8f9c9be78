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

/** The numbers printed in a label as bin boundaries: `<a`, `a–b`, `a`, `a to <b`, `a+`. */
function boundaries(label: string): number[] {
  if (label.startsWith("<")) return [Number(label.slice(1))];
  if (label.endsWith("+")) return [Number(label.slice(0, -1))];
  const parts = label.includes(" to <") ? label.split(" to <") : label.split("–");
  return parts.map(Number);
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
  it("labels integer data with inclusive ranges and open outer bins", () => {
    expect(binLabels([18, 25, 65], true)).toEqual(["<18", "18–24", "25–64", "65+"]);
  });

  it("labels non-integer data with half-open ranges", () => {
    expect(binLabels([18, 25, 65], false)).toEqual(["<18", "18 to <25", "25 to <65", "65+"]);
  });

  it("uses half-open ranges for non-integer edges even with integer data", () => {
    expect(binLabels([1.5, 2.5], true)).toEqual(["<1.5", "1.5 to <2.5", "2.5+"]);
  });

  it("labels a bin of one integer by that integer", () => {
    expect(binLabels([18, 19, 20], true)).toEqual(["<18", "18", "19", "20+"]);
  });

  it("handles one edge, negative edges and no edges", () => {
    expect(binLabels([40], true)).toEqual(["<40", "40+"]);
    expect(binLabels([-10, 0], true)).toEqual(["<-10", "-10–-1", "0+"]);
    expect(binLabels([], true)).toEqual(["all values"]);
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
});

describe("makeBins", () => {
  it("keeps the spec text and picks the label style from the data", () => {
    const spec = parseBinSpec("age", "edges:18,25,65");
    expect(makeBins("edges:18,25,65", spec, data(17, 30, 70))).toEqual({
      spec: "edges:18,25,65",
      edges: [18, 25, 65],
      labels: ["<18", "18–24", "25–64", "65+"],
    });
    expect(makeBins("edges:18,25,65", spec, data(17.5, 30)).labels).toEqual([
      "<18",
      "18 to <25",
      "25 to <65",
      "65+",
    ]);
  });

  it("width:10 over ages 15–95 gives <20 … 90+", () => {
    const bins = makeBins("width:10", { kind: "width", width: 10 }, data(15, 33, 95));
    expect(bins.labels[0]).toBe("<20");
    expect(bins.labels.at(-1)).toBe("90+");
    expect(bins.labels).toContain("20–29");
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
