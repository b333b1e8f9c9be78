import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  type AggregateTable,
  aggregate,
  type Dataset,
  NONE,
  rowCells,
} from "../../src/internal.js";
import { randomTableArb, readRandomTable, withParameters } from "../random-table.js";
import { bruteCounts, bruteRisk, label, recordLabels, tableToMap } from "./brute-force.js";

const VALUES = ["x", "y", "z", "w,v", "ü"];

/** A random table: 1–4 single-value columns and 0–2 multi-value columns, missing cells included. */
const tableArb = withParameters(
  randomTableArb({
    maxSingles: 4,
    maxMultis: 2,
    minRows: 1,
    maxRows: 40,
    singleValues: VALUES.slice(0, 3),
    multiValues: VALUES,
  }),
  { k: fc.integer({ min: 1, max: 5 }), length: fc.integer({ min: 1, max: 4 }) },
);

describe("counting engine against brute force", () => {
  it("counts every combination exactly and reports exactly {count ≥ k} rounded down", async () => {
    await fc.assert(
      fc.asyncProperty(tableArb, async (t) => {
        const data = readRandomTable(t);
        if (data === undefined) return; // every cell missing: rejected by ingest, tested elsewhere
        if (t.k > data.recordCount) return;
        const result = await aggregate(data, { k: t.k, length: t.length, sensitive: true });
        const expected = bruteCounts(recordLabels(data), result.length);
        expect(tableToMap(data, result.sensitive!)).toEqual(expected);
        const reportable = new Map<string, number>();
        for (const [key, c] of expected)
          if (c >= t.k) reportable.set(key, Math.floor(c / t.k) * t.k);
        expect(tableToMap(data, result.reportable)).toEqual(reportable);
        expect(result.risk.total.combinations).toBe(expected.size);
      }),
      { numRuns: 200 },
    );
  });

  it("gives the same reportable set and risk with or without listing every combination, in any number of tasks", async () => {
    await fc.assert(
      fc.asyncProperty(tableArb, fc.integer({ min: 1, max: 9 }), async (t, tasks) => {
        const data = readRandomTable(t);
        if (data === undefined) return;
        if (t.k > data.recordCount) return;
        const one = await aggregate(data, { k: t.k, length: t.length });
        const many = await aggregate(data, { k: t.k, length: t.length, tasks, sensitive: true });
        expect(many.reportable).toEqual(one.reportable);
        expect(many.risk).toEqual(one.risk);
      }),
      { numRuns: 150 },
    );
  });

  it("matches the brute-force risk analysis per length and per attribute", async () => {
    await fc.assert(
      fc.asyncProperty(tableArb, async (t) => {
        const data = readRandomTable(t);
        if (data === undefined) return;
        if (t.k > data.recordCount) return;
        const { risk, length } = await aggregate(data, { k: t.k, length: t.length });
        const brute = bruteRisk(recordLabels(data), t.k, length);
        expect(risk.byLength.map((l) => l.uniqueRecords)).toEqual(brute.uniqueAt.slice(1));
        expect(risk.byLength.map((l) => l.rareRecords)).toEqual(brute.rareAt.slice(1));
        for (const a of risk.attributes) {
          const col = data.columns.find((c) => c.name === a.column)!;
          const id = col.firstAttribute + col.values.indexOf(a.value);
          const [holders, rare] = brute.attributes.get(label(data, id))!;
          expect([a.records, a.rareRecords]).toEqual([holders, rare]);
        }
      }),
      { numRuns: 200 },
    );
  });

  it("sorts rows by length, count descending, then cells left to right (empty after any value)", async () => {
    const before = (a: string, b: string) => {
      if (a === b) return 0;
      if (a === "") return 1;
      if (b === "") return -1;
      return a < b ? -1 : 1;
    };
    const check = (data: Dataset, table: AggregateTable) => {
      const rows = Array.from({ length: table.counts.length }, (_, i) => {
        const cells = rowCells(data, table, i);
        const ids = table.attrs.subarray(i * table.length, (i + 1) * table.length);
        return { cells, count: table.counts[i]!, length: ids.filter((a) => a !== NONE).length };
      });
      for (let i = 1; i < rows.length; i++) {
        const x = rows[i - 1]!;
        const y = rows[i]!;
        let order = x.length - y.length || y.count - x.count;
        for (let c = 0; order === 0 && c < x.cells.length; c++)
          order = before(x.cells[c]!, y.cells[c]!);
        expect(order).toBeLessThan(0);
      }
    };
    await fc.assert(
      fc.asyncProperty(tableArb, async (t) => {
        const data = readRandomTable(t);
        if (data === undefined || t.k > data.recordCount) return;
        const result = await aggregate(data, { k: t.k, length: t.length, sensitive: true });
        check(data, result.reportable);
        check(data, result.sensitive!);
      }),
      { numRuns: 200 },
    );
  });
});
