import { describe, expect, it } from "vitest";
import { compareNatural, numericKey, orderValues } from "../../src/explore/value-order.js";

describe("numericKey", () => {
  it("reads numbers and bin labels", () => {
    expect(numericKey("2019")).toEqual([2019, 0]);
    expect(numericKey("-3.5")).toEqual([-3.5, 0]);
    expect(numericKey("<18")).toEqual([18, -1]);
    expect(numericKey("18–24")).toEqual([18, 0]);
    expect(numericKey("18-24")).toEqual([18, 0]);
    expect(numericKey("25 to <35")).toEqual([25, 0]);
    expect(numericKey("65+")).toEqual([65, 0]);
  });

  it("reads the interval labels of fractional or negative edges", () => {
    expect(numericKey("[18.5,25)")).toEqual([18.5, 0]);
    expect(numericKey("[-5,0)")).toEqual([-5, 0]);
    expect(numericKey("<-5")).toEqual([-5, -1]);
    expect(numericKey("-0.5+")).toEqual([-0.5, 0]);
    expect(orderValues({ values: ["25+", "[-5,18.5)", "<-5", "[18.5,25)"] })).toEqual([
      "<-5",
      "[-5,18.5)",
      "[18.5,25)",
      "25+",
    ]);
  });

  it("leaves other text alone", () => {
    expect(numericKey("Female")).toBeUndefined();
    expect(numericKey("18 years")).toBeUndefined();
    expect(numericKey("")).toBeUndefined();
    expect(numericKey("1e999")).toBeUndefined();
  });
});

describe("compareNatural", () => {
  it("puts numbers first, in numeric order, then text with digit runs as numbers", () => {
    const sorted = ["b", "10", "item10", "2", "A", "item2", "<2"].sort(compareNatural);
    expect(sorted).toEqual(["<2", "2", "10", "A", "b", "item2", "item10"]);
  });

  it("is a total order (ties broken by code units)", () => {
    expect(compareNatural("a", "A")).not.toBe(0);
    expect(Math.sign(compareNatural("a", "A"))).toBe(-Math.sign(compareNatural("A", "a")));
  });
});

describe("orderValues", () => {
  it("orders bin labels numerically even without the manifest's bins", () => {
    expect(orderValues({ values: ["65+", "18–24", "<18", "25–64"] })).toEqual([
      "<18",
      "18–24",
      "25–64",
      "65+",
    ]);
  });

  it("follows the manifest's bin labels, dropping absent ones", () => {
    expect(
      orderValues({
        values: ["b", "a", "c"],
        binLabels: ["c", "x", "a", "b"],
        reportedAlone: ["a"],
      }),
    ).toEqual(["c", "a", "b"]);
  });

  it("puts values reported alone first, in the file's order, then the rest naturally", () => {
    expect(
      orderValues({
        values: ["Male", "Other", "Female", "Unknown", "Aa"],
        reportedAlone: ["Female", "Male"],
      }),
    ).toEqual(["Female", "Male", "Aa", "Other", "Unknown"]);
  });

  it("ignores the aggregates' order for numeric columns and in natural order", () => {
    expect(orderValues({ values: ["2020", "2002", "2010"], reportedAlone: ["2020"] })).toEqual([
      "2002",
      "2010",
      "2020",
    ]);
    expect(
      orderValues({ values: ["b", "a"], reportedAlone: ["b", "a"], order: "natural" }),
    ).toEqual(["a", "b"]);
  });
});

describe("a column's published missing cells", () => {
  it("come after every other value, whatever the order", () => {
    const values = ["b", "(missing)", "a"];
    // Without the manifest's missingLabel, "(missing)" is a value like any other.
    expect(orderValues({ values, reportedAlone: ["(missing)", "b"] })).toEqual([
      "(missing)",
      "b",
      "a",
    ]);
    expect(
      orderValues({ values, reportedAlone: ["(missing)", "b"], missingLabel: "(missing)" }),
    ).toEqual(["b", "a", "(missing)"]);
    expect(orderValues({ values: ["10", "(missing)", "2"], missingLabel: "(missing)" })).toEqual([
      "2",
      "10",
      "(missing)",
    ]);
    expect(
      orderValues({
        values: ["(missing)", "65+", "<18"],
        binLabels: ["<18", "18-64", "65+"],
        missingLabel: "(missing)",
      }),
    ).toEqual(["<18", "65+", "(missing)"]);
    expect(orderValues({ values: ["b", "a"], missingLabel: "(missing)" })).toEqual(["a", "b"]);
  });
});
