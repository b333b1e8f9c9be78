/**
 * k-marginal and the SDNist percentile bins on hand-computed cases: missing cells (a value of
 * their own, whole row, or pair), a numeric column, multi-value cells, identical data, the most
 * different pairs and the shares of blank cells.
 */
import { describe, expect, it } from "vitest";
import {
  kMarginal,
  missingShares,
  percentileBins,
  readDatasetFromText,
} from "../../src/internal.js";
import { syntheticFromLists } from "../../src/synthesize/synthetic-data.js";
import { userError } from "../user-error.js";
import { copyOf, syntheticRows } from "./brute-evaluate.js";

describe("k-marginal", () => {
  it("is 1000 · (1 − total-variation distance) for two columns", () => {
    const data = readDatasetFromText("A,B\na,x\na,y\nb,x\nb,y\n");
    // Real: each of the 4 cells 1/4. Synthetic: (a,x) only. TVD = ½(3/4 + 3·1/4) = 3/4.
    const result = kMarginal(
      data,
      syntheticRows(data, [
        ["a", "x"],
        ["a", "x"],
      ]),
    );
    expect(result.score).toBeCloseTo(250, 9);
    expect(result.pairs).toBe(1);
  });

  it("averages the pairs; a row with a blank cell is left out whole (SDNist) or per pair", () => {
    const data = readDatasetFromText("A,B,C\na,x,p\na,y,p\nb,x,\n");
    const syn = syntheticRows(data, [
      ["a", "x", "p"],
      ["b", "x", "p"],
      ["b", "y", ""],
    ]);
    // Whole rows: real rows 1–2, synthetic rows 1–2.
    // AB: real (a,x) ½ (a,y) ½; syn (a,x) ½ (b,x) ½ → TVD ½. AC: real (a,p) 1; syn (a,p) ½ (b,p) ½ → ½.
    // BC: real (x,p) ½ (y,p) ½; syn (x,p) 1 → ½. Mean ½ → 500.
    const row = kMarginal(data, syn);
    expect(row.score).toBeCloseTo(500, 9);
    expect([row.completeRealRows, row.completeSyntheticRows]).toEqual([2, 2]);
    expect(row.completeSyntheticPercent).toBeCloseTo(200 / 3, 9);
    // Per pair: AB uses all 3 rows on both sides: real (a,x)(a,y)(b,x) ⅓ each; syn (a,x)(b,x)(b,y)
    // → TVD ⅓. AC and BC use the rows with C: as above, ½ and ½. Mean 4/9.
    const pair = kMarginal(data, syn, [], { missing: "pair" });
    expect(pair.score).toBeCloseTo(1000 * (1 - 4 / 9), 9);
    expect(pair.columns.map((c) => c.score)).toEqual([
      expect.closeTo(1000 * (1 - (1 / 3 + 1 / 2) / 2), 9),
      expect.closeTo(1000 * (1 - (1 / 3 + 1 / 2) / 2), 9),
      expect.closeTo(500, 9),
    ]);
  });

  it('counts a blank cell as the value "missing" in every pair with missing: "category"', () => {
    const data = readDatasetFromText("A,B,C\na,x,p\na,y,p\nb,x,\n");
    const syn = syntheticRows(data, [
      ["a", "x", "p"],
      ["b", "x", "p"],
      ["b", "y", ""],
    ]);
    // Every row in every pair, ∅ = missing. AB: real (a,x)(a,y)(b,x) ⅓ each; syn (a,x)(b,x)(b,y)
    // → TVD ⅓. AC: real (a,p) ⅔ (b,∅) ⅓; syn (a,p)(b,p)(b,∅) ⅓ each → ½(⅓ + ⅓) = ⅓.
    // BC: real (x,p)(y,p)(x,∅) ⅓ each; syn (x,p) ⅔ (y,∅) ⅓ → ½(⅓ + ⅓ + ⅓ + ⅓) = ⅔. Mean 4/9.
    const result = kMarginal(data, syn, [], { missing: "category" });
    expect(result.missing).toBe("category");
    expect(result.score).toBeCloseTo(1000 * (1 - 4 / 9), 9);
    expect(result.columns.map((c) => c.score)).toEqual([
      expect.closeTo(1000 * (1 - 1 / 3), 9),
      expect.closeTo(1000 * (1 - (1 / 3 + 2 / 3) / 2), 9),
      expect.closeTo(1000 * (1 - (1 / 3 + 2 / 3) / 2), 9),
    ]);
    // Largest distance first; AB and AC tie at ⅓ and keep the column order.
    expect(result.worstPairs).toEqual([
      { columns: ["B", "C"], distance: expect.closeTo(2 / 3, 9) },
      { columns: ["A", "B"], distance: expect.closeTo(1 / 3, 9) },
      { columns: ["A", "C"], distance: expect.closeTo(1 / 3, 9) },
    ]);
    expect([result.completeRealPercent, result.completeSyntheticPercent]).toEqual([
      expect.closeTo(200 / 3, 9),
      expect.closeTo(200 / 3, 9),
    ]);
  });

  it("sees where missing cells fall together with other values, which complete rows hide", () => {
    // B is blank exactly when A = b in the real data; the synthetic data has the same share of
    // blanks in B (½) and the same complete rows, but puts one blank beside a.
    const data = readDatasetFromText("A,B\na,x\na,x\nb,\nb,\n");
    const syn = syntheticRows(data, [
      ["a", "x"],
      ["a", "x"],
      ["a", ""],
      ["b", ""],
    ]);
    // Real (a,x) ½ (b,∅) ½; synthetic (a,x) ½ (a,∅) ¼ (b,∅) ¼ → TVD ½(0 + ¼ + ¼) = ¼.
    const category = kMarginal(data, syn, [], { missing: "category" });
    expect(category.score).toBeCloseTo(750, 9);
    expect(category.worstPairs).toEqual([{ columns: ["A", "B"], distance: 0.25 }]);
    // Complete rows: (a,x) only on both sides.
    const rows = kMarginal(data, syn, [], { missing: "row" });
    expect(rows.score).toBe(1000);
    expect([rows.completeRealPercent, rows.completeSyntheticPercent]).toEqual([50, 50]);
    expect(missingShares(data, syn)).toEqual([
      { name: "A", realPercent: 0, syntheticPercent: 0 },
      { name: "B", realPercent: 50, syntheticPercent: 50 },
    ]);
  });

  it("bins a numeric column over its non-blank real values and keeps a blank cell missing", () => {
    const data = readDatasetFromText("AGE,S\n1,m\n2,m\n,f\n3,f\n");
    // Real values 1, 2, 3 (the blank is not ranked): percentiles ⅓ ⅔ 1 → bins 6, 13, 19.
    const syn = syntheticRows(data, [
      ["1", "m"],
      ["", "m"],
      ["3", "f"],
      ["3", "f"],
    ]);
    const result = kMarginal(data, syn, ["AGE"], { missing: "category" });
    expect(result.numeric).toEqual([{ column: "AGE", bins: [6, 13, 19], upperEdges: [1, 2, 3] }]);
    // Real (6,m)(13,m)(∅,f)(19,f) ¼ each; synthetic (6,m) ¼ (∅,m) ¼ (19,f) ½
    // → TVD ½(0 + ¼ + ¼ + ¼ + ¼) = ½.
    expect(result.score).toBeCloseTo(500, 9);
    expect(kMarginal(data, copyOf(data), ["AGE"], { missing: "category" }).score).toBe(1000);
  });

  it("counts an empty multi-value cell as missing, and leaves out real records with no value", () => {
    const data = readDatasetFromText("M,S\na;b,x\n,x\na,y\n,\n", { multiValue: { M: ";" } });
    expect(kMarginal(data, copyOf(data), [], { missing: "category" }).score).toBe(1000);
    // The fourth record holds nothing: left out. Real ({a;b},x)(∅,x)(a,y) ⅓ each; synthetic
    // (∅,x) ⅔ (a,y) ⅓ → TVD ⅓.
    const syn = syntheticRows(data, [
      ["", "x"],
      ["", "x"],
      ["a", "y"],
    ]);
    const result = kMarginal(data, syn, [], { missing: "category" });
    expect(result.score).toBeCloseTo(1000 * (1 - 1 / 3), 9);
    expect(result.emptyRealRows).toBe(1);
    // By pair, only the rows with both cells: real ({a;b},x)(a,y) ½ each; synthetic (a,y) → ½.
    expect(kMarginal(data, syn, [], { missing: "pair" }).score).toBeCloseTo(500, 9);
    expect(missingShares(data, syn)).toEqual([
      { name: "M", realPercent: 50, syntheticPercent: expect.closeTo(200 / 3, 9) },
      { name: "S", realPercent: 25, syntheticPercent: 0 },
    ]);
  });

  it("lists the five most different pairs, the largest distance first", () => {
    const data = readDatasetFromText("A,B,C,D\n0,0,0,0\n1,1,1,\n");
    const syn = syntheticRows(data, [
      ["0", "0", "0", ""],
      ["1", "1", "0", ""],
    ]);
    // Two rows a side, ½ each: a pair's distance is ½ per real point the synthetic side misses.
    // AB: (0,0)(1,1) both kept → 0. AC, BC: (1,0) instead of (1,1) → ½. AD, BD: (0,∅) instead
    // of (0,0) → ½. CD: (0,∅)(0,∅) against (0,0)(1,∅) → 1. Mean 3/6.
    const result = kMarginal(data, syn, [], { missing: "category" });
    expect(result.score).toBeCloseTo(500, 9);
    expect(result.pairs).toBe(6);
    expect(result.worstPairs).toEqual([
      { columns: ["C", "D"], distance: 1 },
      { columns: ["A", "C"], distance: 0.5 },
      { columns: ["A", "D"], distance: 0.5 },
      { columns: ["B", "C"], distance: 0.5 },
      { columns: ["B", "D"], distance: 0.5 },
    ]);
  });

  it("bins a numeric column by the real data's average percentile ranks and maps synthetic values by upper edges", () => {
    const data = readDatasetFromText("AGE,S\n1,m\n2,m\n2,f\n3,f\n10,m\nN,f\n");
    // Numeric real values 1, 2, 2, 3, 10 (N is a category): average ranks 1, 2.5, 2.5, 4, 5 of 5
    // → percentiles .2 .5 .5 .8 1 → bins 4, 10, 10, 16, 19 (1 → 19); upper edges 1, 2, 3, 10.
    const result = kMarginal(data, copyOf(data), ["AGE"]);
    expect(result.numeric).toEqual([
      { column: "AGE", bins: [4, 10, 16, 19], upperEdges: [1, 2, 3, 10] },
    ]);
    expect(result.score).toBe(1000);
    // Synthetic 1 → bin 4 (≤ 1); 3 → 16; 10 → 19. Pairs (AGE, S): real (4,m)(10,m)(10,f)(16,f)(19,m)(N,f)
    // each 1/6 except (10,·) … synthetic rows (1,m)(3,f)(10,m)(N,f) → (4,m)(16,f)(19,m)(N,f) ¼ each.
    // Real: (4,m) 1/6, (10,m) 1/6, (10,f) 1/6, (16,f) 1/6, (19,m) 1/6, (N,f) 1/6.
    // TVD = ½(4·(¼ − 1/6) + 2·1/6) = ½(1/3 + 1/3) = 1/3.
    const syn = syntheticRows(data, [
      ["1", "m"],
      ["3", "f"],
      ["10", "m"],
      ["N", "f"],
    ]);
    expect(kMarginal(data, syn, ["AGE"]).score).toBeCloseTo(1000 * (1 - 1 / 3), 9);
    // Without binning every value is its own category: the same here, as no two values share a bin.
    expect(kMarginal(data, syn).score).toBeCloseTo(1000 * (1 - 1 / 3), 9);
  });

  it("cuts 1 … 100 into twenty bins of five, the maximum into bin 19", () => {
    const values = Array.from({ length: 100 }, (_, i) => String(i + 1));
    const data = readDatasetFromText(`V\n${values.join("\n")}\n`, { keepIdentifiers: ["V"] });
    const column = data.columns[0]!;
    const held = new Array<number>(column.values.length).fill(1);
    const { bins, categories } = percentileBins(column, held);
    expect(bins.bins).toEqual(Array.from({ length: 20 }, (_, i) => i));
    expect(bins.upperEdges).toEqual([...Array.from({ length: 19 }, (_, i) => 5 * i + 4), 100]);
    const binOf = (v: string) => categories[column.values.indexOf(v)];
    expect([binOf("1"), binOf("4"), binOf("5"), binOf("94"), binOf("95"), binOf("100")]).toEqual([
      0, 0, 1, 18, 19, 19,
    ]);
  });

  it("treats a multi-value cell as one category (its set of values)", () => {
    const text = "M,S\na;b,x\na,x\nb,y\n";
    const data = readDatasetFromText(text, { multiValue: { M: ";" } });
    expect(kMarginal(data, copyOf(data)).score).toBe(1000);
    // Synthetic (a,x)(a,x)(b,y): real {a;b}x ⅓, a x ⅓, b y ⅓ → syn a x ⅔, b y ⅓ → TVD ⅓.
    const syn = syntheticRows(data, [
      ["a", "x"],
      ["a", "x"],
      ["b", "y"],
    ]);
    expect(kMarginal(data, syn).score).toBeCloseTo(1000 * (1 - 1 / 3), 9);
  });

  it("scores an empty synthetic set 500 as SDNist does, and needs two columns", () => {
    const data = readDatasetFromText("A,B\na,x\nb,y\n");
    expect(kMarginal(data, syntheticFromLists([])).score).toBeCloseTo(500, 9);
    const one = readDatasetFromText("A\na\nb\n");
    expect(kMarginal(one, copyOf(one)).score).toBeNull();
  });

  it("rejects an unknown numeric column and a multi-value one", () => {
    const data = readDatasetFromText("A,M\n1,a;b\n", { multiValue: { M: ";" } });
    expect(userError(() => kMarginal(data, copyOf(data), ["AGE"])).code).toBe("unknown-column");
    expect(userError(() => kMarginal(data, copyOf(data), ["M"])).code).toBe("invalid-option");
  });
});
