import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  aggregate,
  type Dataset,
  floorK,
  formatCsvRow,
  readDatasetFromText,
  type SyntheticData,
  seededRng,
  synthesize,
} from "../../../src/internal.js";

const VALUES = ["x", "y", "z", "w"];

/** Random tables with missing cells, a multi-value column and (sometimes) subject IDs. */
const tableArb = fc.record({
  singles: fc.integer({ min: 1, max: 4 }),
  rows: fc.array(
    fc.record({
      id: fc.integer({ min: 0, max: 60 }),
      cells: fc.array(fc.constantFrom("", "x", "y", "z"), { minLength: 4, maxLength: 4 }),
      multi: fc.subarray(VALUES),
    }),
    { minLength: 5, maxLength: 80 },
  ),
  subjects: fc.boolean(),
  k: fc.integer({ min: 1, max: 6 }),
  length: fc.integer({ min: 1, max: 4 }),
  seed: fc.integer(),
});

type Table = typeof tableArb extends fc.Arbitrary<infer T> ? T : never;

function read(t: Table): Dataset | undefined {
  const header = [...Array.from({ length: t.singles }, (_, i) => `s${i}`), "m", "id"];
  let text = formatCsvRow(header);
  // With subject IDs, rows of one id must agree on single-value columns: use the first row's cells.
  const first = new Map<number, string[]>();
  for (const r of t.rows) {
    const cells = t.subjects ? (first.get(r.id) ?? r.cells) : r.cells;
    first.set(r.id, cells);
    text += formatCsvRow([...cells.slice(0, t.singles), r.multi.join(";"), `P${r.id}`]);
  }
  try {
    return readDatasetFromText(text, {
      multiValue: { m: ";" },
      ...(t.subjects ? { subjectId: "id" } : { columns: [...header.slice(0, -1)] }),
    });
  } catch {
    return undefined; // every cell missing
  }
}

/** Number of records of `data` holding every attribute of `set`. */
function support(data: Dataset, set: ArrayLike<number>): number {
  let n = 0;
  for (let r = 0; r < data.recordCount; r++) {
    const own = new Set(
      data.recordAttributes.subarray(data.recordOffsets[r]!, data.recordOffsets[r + 1]!),
    );
    if (Array.from(set).every((v) => own.has(v))) n++;
  }
  return n;
}

function records(s: SyntheticData): number[][] {
  return Array.from({ length: s.recordCount }, (_, i) =>
    Array.from(s.attrs.subarray(s.offsets[i]!, s.offsets[i + 1]!)),
  );
}

function attributeCounts(data: Dataset, s: SyntheticData): number[] {
  const counts = new Array<number>(data.attributeColumn.length).fill(0);
  for (const v of s.attrs) counts[v]!++;
  return counts;
}

const MODES = ["row-seeded", "value-seeded", "unseeded"] as const;

describe.each(MODES)("%s synthesis", (mode) => {
  it("never makes a record whose attributes fewer than k real records share, nor an empty one", async () => {
    await fc.assert(
      fc.asyncProperty(tableArb, async (t) => {
        const data = read(t);
        if (!data || t.k > data.recordCount) return;
        const { reportable, length, k } = await aggregate(data, { k: t.k, length: t.length });
        const syn = synthesize(data, { mode, k, length, reportable, rng: seededRng(t.seed) });
        for (const r of records(syn)) {
          expect(r.length).toBeGreaterThan(0);
          expect(support(data, r)).toBeGreaterThanOrEqual(k);
          const columns = r.map((v) => data.attributeColumn[v]!);
          const singles = columns.filter((c) => data.columns[c]!.kind === "single");
          expect(new Set(singles).size).toBe(singles.length);
        }
      }),
      { numRuns: 120 },
    );
  });

  it("gives identical output for the same seed", async () => {
    await fc.assert(
      fc.asyncProperty(tableArb, async (t) => {
        const data = read(t);
        if (!data || t.k > data.recordCount) return;
        const { reportable, length, k } = await aggregate(data, { k: t.k, length: t.length });
        const a = synthesize(data, { mode, k, length, reportable, rng: seededRng(t.seed) });
        const b = synthesize(data, { mode, k, length, reportable, rng: seededRng(t.seed) });
        expect(b).toEqual(a);
      }),
      { numRuns: 40 },
    );
  });
});

describe.each(["row-seeded", "value-seeded"] as const)("%s attribute counts", (mode) => {
  it("equal floor_k(n_v) exactly for every attribute with exactCounts", async () => {
    await fc.assert(
      fc.asyncProperty(tableArb, async (t) => {
        const data = read(t);
        if (!data || t.k > data.recordCount) return;
        const { reportable, length, k } = await aggregate(data, { k: t.k, length: t.length });
        const syn = synthesize(data, {
          mode,
          k,
          length,
          reportable,
          rng: seededRng(t.seed),
          exactCounts: true,
        });
        const counts = attributeCounts(data, syn);
        for (let v = 0; v < counts.length; v++) {
          const n = support(data, [v]);
          expect(counts[v]).toBe(n >= k ? floorK(n, k) : 0);
        }
      }),
      { numRuns: 120 },
    );
  });

  it("by default stay at most floor_k(n_v), in at most floor_k(n) records", async () => {
    await fc.assert(
      fc.asyncProperty(tableArb, async (t) => {
        const data = read(t);
        if (!data || t.k > data.recordCount) return;
        const { reportable, length, k } = await aggregate(data, { k: t.k, length: t.length });
        const syn = synthesize(data, { mode, k, length, reportable, rng: seededRng(t.seed) });
        expect(syn.recordCount).toBeLessThanOrEqual(floorK(data.recordCount, k));
        const counts = attributeCounts(data, syn);
        for (let v = 0; v < counts.length; v++) {
          const n = support(data, [v]);
          expect(counts[v]).toBeLessThanOrEqual(n >= k ? floorK(n, k) : 0);
        }
        for (const r of records(syn)) expect(support(data, r)).toBeGreaterThanOrEqual(k);
      }),
      { numRuns: 120 },
    );
  });
});

describe("value-seeded with oversampling control", () => {
  it("keeps the guarantee and the exact attribute counts", async () => {
    await fc.assert(
      fc.asyncProperty(tableArb, async (t) => {
        const data = read(t);
        if (!data || t.k > data.recordCount) return;
        const { reportable, length, k } = await aggregate(data, { k: t.k, length: t.length });
        const syn = synthesize(data, {
          mode: "value-seeded",
          k,
          length,
          reportable,
          rng: seededRng(t.seed),
          oversamplingRatio: 0.1,
          exactCounts: true,
        });
        const counts = attributeCounts(data, syn);
        for (const r of records(syn)) expect(support(data, r)).toBeGreaterThanOrEqual(k);
        for (let v = 0; v < counts.length; v++) {
          const n = support(data, [v]);
          expect(counts[v]).toBe(n >= k ? floorK(n, k) : 0);
        }
      }),
      { numRuns: 60 },
    );
  });
});

describe("unseeded", () => {
  it("draws floor_k(n) records, dropping only empty ones", async () => {
    const data = readDatasetFromText("a,b\nx,y\nx,y\nx,y\nx,z\nx,z\nx,z\n,\n");
    const { reportable, length } = await aggregate(data, { k: 3, length: 2 });
    const syn = synthesize(data, { mode: "unseeded", k: 3, length, reportable, rng: seededRng(1) });
    expect(syn.recordCount).toBeLessThanOrEqual(6);
    expect(syn.recordCount).toBeGreaterThan(0);
  });
});

describe("row-seeded record count", () => {
  it("does not reveal n: identical records give floor_k(n) synthetic rows, not n", async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.integer({ min: 1, max: 60 }),
        fc.integer({ min: 1, max: 9 }),
        fc.integer(),
        async (n, k, seed) => {
          if (k > n) return;
          const data = readDatasetFromText(`a,b\n${"x,y\n".repeat(n)}`);
          const { reportable, length } = await aggregate(data, { k, length: 2 });
          const syn = synthesize(data, {
            mode: "row-seeded",
            k,
            length,
            reportable,
            rng: seededRng(seed),
          });
          expect(syn.recordCount).toBe(floorK(n, k));
        },
      ),
      { numRuns: 100 },
    );
  });
});
