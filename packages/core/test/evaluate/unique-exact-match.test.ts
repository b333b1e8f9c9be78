/** Unique exact match on hand-computed cases: copies, duplicates, blank cells, repeated rows. */
import { describe, expect, it } from "vitest";
import { readDatasetFromText, uniqueExactMatch } from "../../src/internal.js";
import { syntheticFromLists } from "../../src/synthesize/synthetic-data.js";
import { copyOf, syntheticRows } from "./brute-evaluate.js";

describe("unique exact match", () => {
  it("is 100 % for a copy of the real data", () => {
    const data = readDatasetFromText("A,B\na,x\na,x\nb,y\nb,\n");
    expect(uniqueExactMatch(data, copyOf(data))).toEqual({
      realRecords: 4,
      uniqueRecords: 2,
      uniquePercent: 50,
      matched: 2,
      matchedPercent: 100,
    });
  });

  it("counts only real records unique in full, matched verbatim (blanks included), once each", () => {
    const data = readDatasetFromText("A,B\na,x\na,x\nb,y\nb,\nc,y\n");
    // Unique: (b,y), (b,·), (c,y). Synthetic (b,y) twice matches one; (a,x) is not unique;
    // (c,·) is not (c,y); (b,x) is not (b,·).
    const syn = syntheticRows(data, [
      ["b", "y"],
      ["b", "y"],
      ["a", "x"],
      ["c", ""],
      ["b", "x"],
    ]);
    const result = uniqueExactMatch(data, syn);
    expect(result.uniqueRecords).toBe(3);
    expect(result.uniquePercent).toBeCloseTo(60, 9);
    expect(result.matched).toBe(1);
    expect(result.matchedPercent).toBeCloseTo(100 / 3, 9);
  });

  it("compares multi-value cells as sets and ignores entirely blank real records", () => {
    const data = readDatasetFromText("M,S\nb;a,x\na,x\n,\nc,\n", { multiValue: { M: ";" } });
    // Unique: ({a,b},x), (a,x), (c,·); the blank record is not counted.
    const syn = syntheticRows(data, [
      ["a;b", "x"],
      ["c", "x"],
    ]);
    const result = uniqueExactMatch(data, syn);
    expect([result.realRecords, result.uniqueRecords, result.matched]).toEqual([4, 3, 1]);
    expect(result.uniquePercent).toBe(75);
  });

  it("is 0 % when nothing is unique or nothing is synthetic", () => {
    const data = readDatasetFromText("A\na\na\n");
    expect(uniqueExactMatch(data, copyOf(data)).matchedPercent).toBe(0);
    const other = readDatasetFromText("A\na\nb\n");
    expect(uniqueExactMatch(other, syntheticFromLists([])).matched).toBe(0);
  });
});
