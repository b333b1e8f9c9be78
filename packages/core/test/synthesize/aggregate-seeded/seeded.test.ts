/**
 * Aggregate-seeded synthesis: the guarantee (every combination of up to L attributes of every
 * synthetic record is a reportable aggregate row), record shape, determinism, and the
 * attribute totals.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  type AggregateTable,
  aggregate,
  type Dataset,
  formatCsvRow,
  inDatasetIds,
  NONE,
  publishedAggregates,
  readDatasetFromText,
  type SyntheticData,
  seededRng,
  synthesizeAggregateSeeded,
} from "../../../src/internal.js";

const VALUES = ["x", "y", "z", "w"];

/** Synthesizes from the published form of `table`; records in `data`'s ids. */
function run(
  data: Dataset,
  table: AggregateTable,
  options: Parameters<typeof synthesizeAggregateSeeded>[1],
): SyntheticData {
  const published = publishedAggregates(data, table);
  return inDatasetIds(data, published, synthesizeAggregateSeeded(published, options));
}

/** A random table: 1–4 single-value columns, 0–1 multi-value column, missing cells included. */
const tableArb = fc
  .record({
    singles: fc.integer({ min: 1, max: 4 }),
    multi: fc.boolean(),
    rows: fc.integer({ min: 1, max: 60 }),
  })
  .chain(({ singles, multi, rows }) =>
    fc.record({
      singles: fc.constant(singles),
      multi: fc.constant(multi),
      cells: fc.array(
        fc.tuple(
          fc.array(fc.constantFrom("", "", ...VALUES.slice(0, 3)), {
            minLength: singles,
            maxLength: singles,
          }),
          fc.subarray(VALUES),
        ),
        { minLength: rows, maxLength: rows },
      ),
      k: fc.integer({ min: 1, max: 4 }),
      length: fc.integer({ min: 1, max: 4 }),
      seed: fc.integer({ min: 0, max: 1000 }),
      weightPercentile: fc.constantFrom(undefined, 0, 50, 95, 100),
      useSynthesizedCounts: fc.boolean(),
      records: fc.option(fc.integer({ min: 0, max: 80 }), { nil: undefined }),
      fitSweeps: fc.constantFrom(undefined, 0, 1),
      completeRecords: fc.boolean(),
      denseLimit: fc.constantFrom(undefined, 0),
      shareWeight: fc.constantFrom(undefined, 0, 2),
      fitTarget: fc.constantFrom(undefined, "reported" as const),
    }),
  );

function csvOf(t: { singles: number; multi: boolean; cells: [string[], string[]][] }) {
  const header = Array.from({ length: t.singles }, (_, i) => `s${i}`);
  if (t.multi) header.push("m");
  let text = formatCsvRow(header);
  for (const [singles, multi] of t.cells)
    text += formatCsvRow(t.multi ? [...singles, multi.join(";")] : singles);
  const multiValue: Record<string, string> = t.multi ? { m: ";" } : {};
  return { text, multiValue };
}

function read(text: string, multiValue: Record<string, string>): Dataset | undefined {
  try {
    return readDatasetFromText(text, { multiValue });
  } catch {
    return undefined; // every cell missing: refused by ingest (tested there)
  }
}

function rowKeys(table: AggregateTable): Set<string> {
  const keys = new Set<string>();
  for (let r = 0; r < table.counts.length; r++) {
    const ids: number[] = [];
    for (let p = 0; p < table.length; p++) {
      const a = table.attrs[r * table.length + p]!;
      if (a !== NONE) ids.push(a);
    }
    keys.add(ids.join(","));
  }
  return keys;
}

function recordsOf(s: SyntheticData): number[][] {
  const out: number[][] = [];
  for (let r = 0; r < s.recordCount; r++)
    out.push(Array.from(s.attrs.subarray(s.offsets[r]!, s.offsets[r + 1]!)));
  return out;
}

/** Every non-empty subset of `ids` with at most `max` elements (ids ascending ⇒ subsets too). */
function subsets(ids: number[], max: number): number[][] {
  const out: number[][] = [];
  const walk = (from: number, acc: number[]) => {
    if (acc.length > 0) out.push(acc);
    if (acc.length === max) return;
    for (let i = from; i < ids.length; i++) walk(i + 1, [...acc, ids[i]!]);
  };
  walk(0, []);
  return out;
}

/** Checks the guarantee and the record shape; returns the records. */
function checkRelease(data: Dataset, table: AggregateTable, s: SyntheticData): number[][] {
  const keys = rowKeys(table);
  const records = recordsOf(s);
  for (const rec of records) {
    expect(rec.length).toBeGreaterThan(0);
    for (let i = 1; i < rec.length; i++) expect(rec[i]!).toBeGreaterThan(rec[i - 1]!);
    const perColumn = new Map<number, number>();
    for (const a of rec) {
      const c = data.attributeColumn[a]!;
      perColumn.set(c, (perColumn.get(c) ?? 0) + 1);
    }
    for (const [c, n] of perColumn) if (data.columns[c]!.kind === "single") expect(n).toBe(1);
    for (const sub of subsets(rec, table.length)) {
      if (!keys.has(sub.join(","))) throw new Error(`unreported combination ${sub} in ${rec}`);
    }
  }
  const texts = records.map((r) => r.join(","));
  for (let i = 1; i < records.length; i++) {
    const a = records[i - 1]!;
    const b = records[i]!;
    let cmp = 0;
    for (let p = 0; p < Math.min(a.length, b.length) && cmp === 0; p++) cmp = a[p]! - b[p]!;
    if (cmp === 0) cmp = a.length - b.length;
    if (cmp > 0) throw new Error(`records out of order: ${texts[i - 1]} before ${texts[i]}`);
  }
  return records;
}

describe("synthesizeAggregateSeeded", () => {
  it("forms only reportable combinations of up to L attributes, whatever the options", async () => {
    await fc.assert(
      fc.asyncProperty(tableArb, async (t) => {
        const { text, multiValue } = csvOf(t);
        const data = read(text, multiValue);
        if (data === undefined || t.k > data.recordCount) return;
        const { reportable, length } = await aggregate(data, { k: t.k, length: t.length });
        const options = {
          k: t.k,
          length,
          rng: seededRng(t.seed),
          weightPercentile: t.weightPercentile,
          useSynthesizedCounts: t.useSynthesizedCounts,
          records: t.records,
          fitSweeps: t.fitSweeps,
          completeRecords: t.completeRecords,
          denseLimit: t.denseLimit,
          shareWeight: t.shareWeight,
          fitTarget: t.fitTarget,
          ...(t.seed % 3 === 0 && {
            lengthWeights: Array.from({ length }, (_, i) => 1 + ((t.seed >>> i) & 7)),
          }),
        };
        const s = run(data, reportable, options);
        checkRelease(data, reportable, s);
        if (t.records !== undefined && reportable.counts.length > 0)
          expect(s.recordCount).toBe(t.records);
        const again = run(data, reportable, {
          ...options,
          rng: seededRng(t.seed),
        });
        expect(again).toEqual(s);
        // Hash lookups instead of the dense table change nothing.
        const hashed = run(data, reportable, {
          ...options,
          rng: seededRng(t.seed),
          denseLimit: t.denseLimit === 0 ? undefined : 0,
        });
        expect(hashed).toEqual(s);
      }),
      { numRuns: 200 },
    );
  });

  it("gives different records for different seeds on a non-trivial table", async () => {
    const data = correlatedTable(400, 5);
    const { reportable } = await aggregate(data, { k: 3, length: 3 });
    const a = run(data, reportable, { k: 3, length: 3, rng: seededRng(1) });
    const b = run(data, reportable, { k: 3, length: 3, rng: seededRng(2) });
    checkRelease(data, reportable, a);
    checkRelease(data, reportable, b);
    expect(recordsOf(a)).not.toEqual(recordsOf(b));
  });

  it("uses up exactly the reportable 1-counts when sampling only (as SDS)", async () => {
    const data = correlatedTable(600, 4);
    const { reportable } = await aggregate(data, { k: 5, length: 3 });
    const s = run(data, reportable, {
      k: 5,
      length: 3,
      rng: seededRng("counts"),
      fitSweeps: 0,
      completeRecords: false,
    });
    const { synthetic, target } = attributeTotals(reportable, s);
    expect(synthetic).toEqual(target);
  });

  it("keeps attribute totals close to the reportable 1-counts by default", async () => {
    const data = correlatedTable(3000, 6);
    const k = 5;
    const { reportable } = await aggregate(data, { k, length: 3 });
    const s = run(data, reportable, { k, length: 3, rng: seededRng(7) });
    const { synthetic, target } = attributeTotals(reportable, s);
    let error = 0;
    let total = 0;
    for (const [a, c] of target) {
      const got = synthetic.get(a) ?? 0;
      expect(Math.abs(got - c)).toBeLessThanOrEqual(Math.max(2 * k, 0.1 * c));
      error += Math.abs(got - c);
      total += c;
    }
    expect(error / total).toBeLessThan(0.03);
  });

  it("gathers records into shared attribute sets unless shareWeight is 0", async () => {
    const data = correlatedTable(3000, 6);
    const { reportable } = await aggregate(data, { k: 5, length: 3 });
    const distinct = (shareWeight: number) => {
      const s = run(data, reportable, {
        k: 5,
        length: 3,
        rng: seededRng(3),
        shareWeight,
      });
      checkRelease(data, reportable, s);
      return new Set(recordsOf(s).map((r) => r.join(","))).size;
    };
    expect(distinct(0.3)).toBeLessThan(distinct(0));
  });

  it("makes nothing from empty aggregates and exactly `records` records otherwise", async () => {
    const data = correlatedTable(50, 3);
    const empty: AggregateTable = {
      length: 2,
      attrs: new Uint32Array(0),
      counts: new Uint32Array(0),
    };
    const none = run(data, empty, { k: 5, length: 2, rng: seededRng(1) });
    expect(none.recordCount).toBe(0);
    const { reportable } = await aggregate(data, { k: 2, length: 2 });
    const s = run(data, reportable, {
      k: 2,
      length: 2,
      rng: seededRng(1),
      records: 123,
    });
    expect(s.recordCount).toBe(123);
    checkRelease(data, reportable, s);
  });

  it("refuses invalid options with a clear message", async () => {
    const data = correlatedTable(50, 3);
    const { reportable } = await aggregate(data, { k: 2, length: 2 });
    const attempt = (o: object) => () =>
      run(data, reportable, { k: 2, length: 2, rng: seededRng(1), ...o });
    expect(attempt({ weightPercentile: 101 })).toThrow(/percentile/);
    expect(attempt({ records: -1 })).toThrow(/number of records/);
    expect(attempt({ length: 3 })).toThrow(/reporting length/);
    expect(attempt({ k: 0 })).toThrow(/k must be/);
    expect(attempt({ shareWeight: -1 })).toThrow(/shareWeight/);
    expect(attempt({ fitSweeps: 1.5 })).toThrow(/fitSweeps/);
    expect(attempt({ lengthWeights: [1] })).toThrow(/lengthWeights must hold 2/);
    expect(attempt({ lengthWeights: [1, 0] })).toThrow(/lengthWeights/);
    expect(attempt({ lengthWeights: [1, Number.NaN] })).toThrow(/lengthWeights/);
  });

  it("fits the longer combinations more closely when they weigh more (lengthWeights)", async () => {
    const data = correlatedTable(600, 5);
    const { reportable } = await aggregate(data, { k: 2, length: 2 });
    const pairError = (weights: number[]) => {
      let total = 0;
      for (const seed of [1, 2, 3]) {
        const s = run(data, reportable, {
          k: 2,
          length: 2,
          rng: seededRng(seed),
          lengthWeights: weights,
        });
        total += pairDeviation(reportable, s);
      }
      return total;
    };
    expect(pairError([1, 20])).toBeLessThan(pairError([1, 0.01]));
  });
});

/** Σ |synthetic − reportable| over the reportable pairs of a table of length 2. */
function pairDeviation(table: AggregateTable, s: SyntheticData): number {
  const target = new Map<string, number>();
  for (let r = 0; r < table.counts.length; r++)
    if (table.attrs[r * 2 + 1] !== NONE)
      target.set(`${table.attrs[r * 2]},${table.attrs[r * 2 + 1]}`, table.counts[r]!);
  const synthetic = new Map<string, number>();
  for (let r = 0; r < s.recordCount; r++) {
    const ids = Array.from(s.attrs.subarray(s.offsets[r]!, s.offsets[r + 1]!)).sort(
      (a, b) => a - b,
    );
    for (let i = 0; i < ids.length; i++)
      for (let j = i + 1; j < ids.length; j++) {
        const key = `${ids[i]},${ids[j]}`;
        synthetic.set(key, (synthetic.get(key) ?? 0) + 1);
      }
  }
  let sum = 0;
  for (const [key, count] of target) sum += Math.abs((synthetic.get(key) ?? 0) - count);
  return sum;
}

/** Reportable 1-count and synthetic count of every reportable attribute. */
function attributeTotals(table: AggregateTable, s: SyntheticData) {
  const target = new Map<number, number>();
  for (let r = 0; r < table.counts.length; r++) {
    const L = table.length;
    if (L === 1 || table.attrs[r * L + 1] === NONE)
      target.set(table.attrs[r * L]!, table.counts[r]!);
  }
  const synthetic = new Map<number, number>();
  for (const a of s.attrs) synthetic.set(a, (synthetic.get(a) ?? 0) + 1);
  return { synthetic, target };
}

/** A table with dependent columns and some missing cells, from a fixed seed. */
function correlatedTable(rows: number, columns: number): Dataset {
  const rng = seededRng(`table-${rows}-${columns}`);
  const header = Array.from({ length: columns }, (_, i) => `c${i}`);
  let text = formatCsvRow(header);
  for (let r = 0; r < rows; r++) {
    const base = rng.below(4);
    const cells = header.map((_, c) => {
      if (rng.below(20) === 0) return "";
      const v = rng.below(3) === 0 ? rng.below(5) : (base + c) % 5;
      return `v${v}`;
    });
    text += formatCsvRow(cells);
  }
  return readDatasetFromText(text);
}
