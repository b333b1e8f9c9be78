/**
 * Rewriting values as they are read (docs/design.md §15): numbers written one way
 * (normalizeNumbers) and values renamed (recode), after missing tokens and before binning.
 * Reading with a recode is reading the file with the values already renamed: checked on random
 * tables against exactly that.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { formatCsvRow, readDatasetFromText } from "../../src/internal.js";
import { randomTableArb, readRandomTable, recordsOf } from "../random-table.js";

describe("number normalisation", () => {
  const text = "year,code\n2016,007\n2016.0,7\n+2016,x\n2.016e3,\n2017,7.50\n";

  it("reads one number written several ways as one value, and leaves text alone", () => {
    const data = readDatasetFromText(text, { normalizeNumbers: ["year", "code"] });
    expect(data.columns[0]!.values).toEqual(["2016", "2017"]);
    expect(data.columns[1]!.values).toEqual(["7", "7.5", "x"]);
  });

  it("is off by default, with a hint when a column writes one number two ways", () => {
    const data = readDatasetFromText(text, {});
    expect(data.columns[0]!.values).toHaveLength(5);
    const hint = data.warnings.find((w) => w.code === "numbers-written-differently");
    expect(hint).toMatchObject({ column: "year", option: "normalizeNumbers" });
    expect(hint!.message).toContain('"2016" and "2016.0"');
  });
});

describe("recoding", () => {
  const text = [
    formatCsvRow(["citizenship", "work", "age"]),
    formatCsvRow(["UA", "farm;MD-work", "17"]),
    formatCsvRow(["MD", "farm", "n/a"]),
    formatCsvRow(["BY", "", "44"]),
    formatCsvRow(["UA", "bar", "70"]),
  ].join("");

  it("renames values in single- and multi-value columns, and before binning", () => {
    const data = readDatasetFromText(text, {
      multiValue: { work: ";" },
      missing: ["n/a"],
      bins: { age: "edges:18,65" },
      recode: {
        citizenship: { MD: "Other", BY: "Other" },
        work: { "MD-work": "other work" },
        age: { "70": "64" },
      },
    });
    expect(data.columns[0]!.values).toEqual(["Other", "UA"]);
    expect(data.columns[1]!.values).toEqual(["bar", "farm", "other work"]);
    expect(recordsOf(data)[3]).toEqual(["age=18-64", "citizenship=UA", "work=bar"]);
    expect(data.warnings.some((w) => w.code === "unused-recode")).toBe(false);
  });

  it("says when a recode matches no cell (a misspelt value)", () => {
    const data = readDatasetFromText(text, { recode: { citizenship: { MDA: "Other" } } });
    expect(data.warnings.find((w) => w.code === "unused-recode")).toMatchObject({
      column: "citizenship",
    });
  });

  it("refuses a recode to nothing, to the missing label, or of a column not in the file", () => {
    expect(() => readDatasetFromText(text, { recode: { citizenship: { MD: " " } } })).toThrow(
      /gives no value/,
    );
    expect(() =>
      readDatasetFromText(text, { recode: { citizenship: { MD: "(missing)" } } }),
    ).toThrow(/label of published missing cells/);
    expect(() => readDatasetFromText(text, { recode: { nosuch: { a: "b" } } })).toThrow(
      /not in the file/,
    );
  });

  it("reads as the file with the values already renamed, for random tables and recodes", () => {
    const values = ["x", "y", "z", "w"];
    const recode = fc.dictionary(fc.constantFrom(...values), fc.constantFrom("x", "y", "Q"));
    fc.assert(
      fc.property(randomTableArb({ maxRows: 30 }), recode, recode, (t, singles, multis) => {
        const byColumn: Record<string, Record<string, string>> = {};
        for (let i = 0; i < t.singles; i++) byColumn[`s${i}`] = singles;
        for (let i = 0; i < t.multis; i++) byColumn[`m${i}`] = multis;
        const renamed = {
          ...t,
          cells: t.cells.map(([s, m]) => [
            s.map((v) => (v === "" ? v : (singles[v] ?? v))),
            m.map((list) => list.map((v) => multis[v] ?? v)),
          ]) as typeof t.cells,
        };
        const read = readRandomTable(t, { recode: byColumn });
        const expected = readRandomTable(renamed);
        if (expected === undefined) {
          expect(read).toBeUndefined();
          return;
        }
        expect(read!.columns.map((c) => c.values)).toEqual(expected.columns.map((c) => c.values));
        expect(recordsOf(read!)).toEqual(recordsOf(expected));
      }),
      { numRuns: 200 },
    );
  });
});
