/**
 * evaluateRelease on a hand-computed case (REP and SYN against SEN, k = 2, L = 2), on a copy of
 * the real data, and its option checks.
 */
import { describe, expect, it } from "vitest";
import { bucketOf } from "../../src/evaluate/compare-combinations.js";
import {
  aggregate,
  evaluateRelease,
  readDatasetFromText,
  syntheticFromLists,
} from "../../src/internal.js";
import { copyOf, syntheticRows } from "./brute-evaluate.js";

// SEN (L = 2): a 3, b 1, x 2, y 1, (a,x) 2, (a,y) 1. Rare (< 2): b, y, (a,y).
const TEXT = "A,B\na,x\na,x\na,y\nb,\n";

describe("evaluateRelease", () => {
  it("compares the reportable aggregates and the synthetic records with the sensitive counts", async () => {
    const data = readDatasetFromText(TEXT);
    const { reportable } = await aggregate(data, { k: 2, length: 2 });
    // SYN: a 2, b 1, x 1, y 2, (a,x) 1, (a,y) 1, (b,y) 1 (fabricated).
    const syn = syntheticRows(data, [
      ["a", "x"],
      ["a", "y"],
      ["b", "y"],
    ]);
    const e = await evaluateRelease(data, syn, reportable, { k: 2, length: 2 });
    expect(e.sensitive).toEqual({
      combinations: 6,
      rare: 3,
      byLength: [
        { length: 1, combinations: 4, rare: 2 },
        { length: 2, combinations: 2, rare: 1 },
      ],
    });

    // REP: a 2, x 2, (a,x) 2.
    const r = e.reportable;
    expect([r.combinations, r.suppressed, r.suppressedPercent, r.fabricated]).toEqual([
      3, 3, 50, 0,
    ]);
    expect([r.rareLeaked, r.keptFrequent, r.keptFrequentPercent]).toEqual([0, 3, 100]);
    // Per length, over SEN ∪ REP (missing = 0): l1 |2−3| + 0 + 1 + 1 = 3 over 4; l2 0 + 1 over 2.
    expect(r.byLength.map((l) => l.meanAbsoluteError)).toEqual([0.75, 0.5]);
    expect(r.meanAbsoluteError).toBeCloseTo(4 / 6, 12);
    // Proportional: l1 (1/3 + 0 + 1 + 1) / 4; l2 (0 + 1) / 2; all six SEN counts are below 10.
    expect(r.byLength[0]!.meanProportionalError).toBeCloseTo(7 / 12, 12);
    expect(r.byLength[1]!.meanProportionalError).toBeCloseTo(0.5, 12);
    expect(r.byBucket).toEqual([
      { from: 1, to: 10, combinations: 6, meanProportionalError: expect.closeTo(5 / 9, 12) },
    ]);
    expect(r.byLength.map((l) => [l.suppressed, l.suppressedPercent])).toEqual([
      [2, 50],
      [1, 50],
    ]);

    const s = e.synthetic!;
    expect([s.records, s.expansion, s.completeRows, s.completePercent]).toEqual([3, 0.75, 3, 100]);
    const c = s.combinations;
    expect([c.combinations, c.suppressed, c.fabricated]).toEqual([7, 0, 1]);
    expect(c.fabricatedPercent).toBeCloseTo(100 / 7, 12);
    expect(c.byLength.map((l) => [l.fabricated, l.targetCombinations])).toEqual([
      [0, 4],
      [1, 3],
    ]);
    // l1: 1 + 0 + 1 + 1 over 4; l2: |1−2| + 0 + 1 (fabricated) over 3.
    expect(c.byLength[0]!.meanAbsoluteError).toBeCloseTo(0.75, 12);
    expect(c.byLength[1]!.meanAbsoluteError).toBeCloseTo(2 / 3, 12);
    // l1: (1/3 + 0 + 1/2 + 1) / 4; l2: (1/2 + 0) / 2.
    expect(c.byLength[0]!.meanProportionalError).toBeCloseTo(11 / 24, 12);
    expect(c.byLength[1]!.meanProportionalError).toBeCloseTo(1 / 4, 12);
    // Every rare SEN combination (b, y, (a,y)) appears in the synthetic records.
    expect([c.rareLeaked, c.rareLeakedPercent]).toEqual([3, 100]);
    expect(c.byLength.map((l) => l.rareLeaked)).toEqual([2, 1]);
    expect(c.frequentMeanProportionalError).toBeCloseTo((1 / 3 + 1 / 2 + 1 / 2) / 3, 12);
    // k-marginal, a blank cell as a value: real (a,x) ½ (a,y) ¼ (b,∅) ¼; synthetic ⅓ each of
    // (a,x)(a,y)(b,y) → TVD ½(1/6 + 1/12 + ¼ + ⅓) = 5/12.
    expect(s.kMarginal.missing).toBe("category");
    expect(s.kMarginal.score).toBeCloseTo(1000 * (1 - 5 / 12), 9);
    // On complete rows: real (a,x) ⅔ (a,y) ⅓; synthetic ⅓ each of (a,x)(a,y)(b,y) → TVD ⅓.
    const rows = s.kMarginalCompleteRows;
    expect(rows.missing).toBe("row");
    expect(rows.score).toBeCloseTo(1000 * (1 - 1 / 3), 9);
    expect([rows.completeRealPercent, rows.completeSyntheticPercent]).toEqual([75, 100]);
    expect(s.missingness).toEqual({
      columns: [
        { name: "A", realPercent: 0, syntheticPercent: 0 },
        { name: "B", realPercent: 25, syntheticPercent: 0 },
      ],
      worstPairs: [{ columns: ["A", "B"], distance: expect.closeTo(5 / 12, 9) }],
    });
    // Unique real records: (a,y) and (b); (a,y) is reproduced.
    expect([s.uniqueExactMatch.uniqueRecords, s.uniqueExactMatch.matched]).toEqual([2, 1]);
    expect(e.summary.join(" ")).toContain("3 combinations that fewer than 2 people share");
    expect(e.summary).toEqual(
      expect.arrayContaining([
        "k-marginal 583 of 1000 with a missing cell counted as a value of its own (1000: every pair of columns, empty cells included, is distributed exactly as in the real data).",
        "k-marginal on complete rows only (NIST SDNist's rule for empty cells) is 666 of 1000; complete rows are 75.0 % of the real records and 100.0 % of the synthetic rows, so it describes only those.",
        "Empty cells per column: the share differs most in B, empty in 25.0 % of the real records and 0.0 % of the synthetic rows.",
        "The pairs of columns, empty cells included, that differ most from the real data are A with B (0.42), on a scale from 0 (the same) to 1 (nothing in common).",
      ]),
    );
    expect(JSON.parse(JSON.stringify(e))).toEqual(e);
  });

  it("speaks of noisy counts, not of k, for a DP release", async () => {
    const data = readDatasetFromText(TEXT);
    const { dpSynthesize, seededRng } = await import("../../src/internal.js");
    const out = dpSynthesize(data, { epsilon: 5, length: 2, rng: seededRng(1) });
    const e = await evaluateRelease(data, out.synthetic, out.aggregates.table, {
      model: "differential-privacy",
      k: 1,
      length: out.length,
    });
    const text = e.summary.join(" ");
    expect(e.model).toBe("differential-privacy");
    expect(text).toContain("The DP aggregates list");
    expect(text).not.toMatch(/multiple of|at least 1 person|check the release with verify/);
    expect(e.summary.some((l) => l.startsWith("k-marginal"))).toBe(true);
  });

  it("finds nothing suppressed or fabricated in a copy of the real data", async () => {
    const data = readDatasetFromText("A,B,C\na,x,1\na,y,2\nb,x,3\nb,x,3\n");
    const { reportable } = await aggregate(data, { k: 1, length: 3 });
    const e = await evaluateRelease(data, copyOf(data), reportable, {
      k: 1,
      length: 3,
      numeric: ["C"],
    });
    for (const t of [e.reportable, e.synthetic!.combinations]) {
      expect([t.suppressed, t.fabricated, t.meanAbsoluteError, t.meanProportionalError]).toEqual([
        0, 0, 0, 0,
      ]);
      expect(t.keptFrequentPercent).toBe(100);
    }
    expect(e.synthetic!.kMarginal.score).toBe(1000);
    expect(e.synthetic!.kMarginalCompleteRows.score).toBe(1000);
    expect(e.synthetic!.missingness.worstPairs.map((p) => p.distance)).toEqual([0, 0, 0]);
    expect(e.synthetic!.uniqueExactMatch.matchedPercent).toBe(100);
    expect(e.summary.some((line) => line.startsWith("k-marginal 1000 of 1000"))).toBe(true);
    expect(e.summary).toContain("No cell is empty, in the real or in the synthetic data.");
  });

  it("says how many real records hold no value at all and were left out of k-marginal", async () => {
    const data = readDatasetFromText("A,B\na,x\na,x\nb,\n,\n");
    const { reportable } = await aggregate(data, { k: 1, length: 2 });
    const e = await evaluateRelease(data, copyOf(data), reportable, { k: 1, length: 2 });
    const s = e.synthetic!;
    // The copy lacks the empty record (a synthetic row always holds a value); scores are 1000.
    expect([s.records, s.kMarginal.emptyRealRows, s.kMarginal.score]).toEqual([3, 1, 1000]);
    expect(e.summary).toContain(
      "k-marginal 1000 of 1000 with a missing cell counted as a value of its own (1000: every pair of columns, empty cells included, is distributed exactly as in the real data; the 1 real record with no value at all is left out, as a synthetic row always holds one).",
    );
    expect(s.missingness.columns).toEqual([
      { name: "A", realPercent: 25, syntheticPercent: 0 },
      { name: "B", realPercent: 50, syntheticPercent: expect.closeTo(100 / 3, 9) },
    ]);
  });

  it("gives the same evaluation from precomputed sensitive aggregates", async () => {
    const data = readDatasetFromText(TEXT);
    const { reportable, sensitive } = await aggregate(data, { k: 2, length: 2, sensitive: true });
    const syn = syntheticRows(data, [["b", "y"]]);
    const counted = await evaluateRelease(data, syn, reportable, { k: 2, length: 2 });
    const given = await evaluateRelease(data, syn, reportable, { k: 2, length: 2, sensitive });
    expect(given).toEqual(counted);
  });

  it("evaluates the aggregates alone, and clamps L to the columns", async () => {
    const data = readDatasetFromText(TEXT);
    const { reportable } = await aggregate(data, { k: 2, length: 2 });
    const e = await evaluateRelease(data, copyOf(data), reportable, {
      k: 2,
      length: 5,
      target: "aggregates",
    });
    expect(e.synthetic).toBeUndefined();
    expect(e.length).toBe(2);
    expect(e.warnings.map((w) => w.code)).toEqual(["length-clamped"]);
    expect(e.summary).toHaveLength(1);
  });

  it("refuses to evaluate synthetic records that are not there", async () => {
    const data = readDatasetFromText(TEXT);
    const { reportable } = await aggregate(data, { k: 2, length: 2 });
    const error = await evaluateRelease(data, undefined, reportable, {
      k: 2,
      length: 2,
      target: "synthetic",
    }).catch((e: unknown) => e);
    expect(error).toMatchObject({ name: "UserError", code: "invalid-option" });
  });

  it("counts single-value rows as fragments and names them, with one meaning of unique", async () => {
    // Real: 20 records of (x, 1) and 20 of (y, 2); synthetic: 10 whole records and 6 rows
    // holding one value (3 of column a, 3 of column b).
    const data = readDatasetFromText(`a,b\n${"x,1\n".repeat(20)}${"y,2\n".repeat(20)}`);
    const id = (column: number, value: string) =>
      data.columns[column]!.firstAttribute + data.columns[column]!.values.indexOf(value);
    const lists = [
      ...Array.from({ length: 10 }, () => [id(0, "x"), id(1, "1")]),
      ...Array.from({ length: 3 }, () => [id(0, "y")]),
      ...Array.from({ length: 3 }, () => [id(1, "2")]),
    ];
    const synthetic = syntheticFromLists(lists);
    const { reportable } = await aggregate(data, { k: 5, length: 2 });
    const e = await evaluateRelease(data, synthetic, reportable, { k: 5, length: 2 });
    expect(e.synthetic!.singleValueRows).toBe(6);
    const text = e.summary.join("\n");
    expect(text).toContain("6 rows (37.5 %) hold a value in one column only: fragments");
    expect(text).toContain("1 is best");
    // No real record is unique as a whole here (each has 19 twins).
    expect(text).toContain("No real record is unique as a whole");
  });

  it("buckets sensitive counts as below 10, [10, 20), [20, 40), …", () => {
    expect([1, 9, 10, 19, 20, 39, 40, 79, 80, 1000].map(bucketOf)).toEqual([
      0, 0, 1, 1, 2, 2, 3, 3, 4, 7,
    ]);
  });
});
