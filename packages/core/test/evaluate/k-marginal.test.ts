/**
 * k-marginal and the SDNist percentile bins on hand-computed cases: missing cells (whole row
 * vs pair), a numeric column, multi-value cells, identical data.
 */
import { describe, expect, it } from "vitest";
import { kMarginal, percentileBins, readDatasetFromText } from "../../src/index.js";
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
    const data = readDatasetFromText(`V\n${values.join("\n")}\n`);
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
