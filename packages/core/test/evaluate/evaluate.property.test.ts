/**
 * Property tests of the evaluation on random small tables (missing cells, multi-value columns,
 * a column with numeric values) and random synthetic records: every metric against a
 * brute-force computation, ranges, and the scores of a copy of the real data.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  aggregate,
  type Dataset,
  evaluateRelease,
  kMarginal,
  missingShares,
  uniqueExactMatch,
} from "../../src/internal.js";
import { syntheticFromLists } from "../../src/synthesize/synthetic-data.js";
import { bruteCounts, recordLabels, tableToMap } from "../aggregate/brute-force.js";
import { readRandomTable } from "../random-table.js";
import {
  bruteCompare,
  bruteKMarginal,
  brutePairDistances,
  cellTexts,
  copyOf,
  syntheticLabels,
} from "./brute-evaluate.js";

const SINGLE = ["", "1", "2", "10", "x"];
const MULTI = ["a", "b", "c"];

const caseArb = fc
  .record({
    singles: fc.integer({ min: 1, max: 3 }),
    multis: fc.integer({ min: 0, max: 1 }),
    rows: fc.integer({ min: 1, max: 30 }),
    synRows: fc.integer({ min: 0, max: 30 }),
  })
  .chain((s) =>
    fc.record({
      singles: fc.constant(s.singles),
      multis: fc.constant(s.multis),
      cells: fc.array(
        fc.tuple(
          fc.array(fc.constantFrom(...SINGLE), { minLength: s.singles, maxLength: s.singles }),
          fc.array(fc.subarray(MULTI), { minLength: s.multis, maxLength: s.multis }),
        ),
        { minLength: s.rows, maxLength: s.rows },
      ),
      // Per synthetic row and column: 0 = blank, else a value picked by remainder (multi: a bit mask).
      synthetic: fc.array(
        fc.array(fc.integer({ min: 0, max: 30 }), {
          minLength: s.singles + s.multis,
          maxLength: s.singles + s.multis,
        }),
        { minLength: s.synRows, maxLength: s.synRows },
      ),
      k: fc.integer({ min: 1, max: 4 }),
      length: fc.integer({ min: 1, max: 3 }),
      numeric: fc.boolean(),
    }),
  );

type Case = typeof caseArb extends fc.Arbitrary<infer T> ? T : never;

function synthesize(data: Dataset, t: Case) {
  return syntheticFromLists(
    t.synthetic.map((choices) =>
      choices.flatMap((choice, c) => {
        const column = data.columns[c]!;
        const n = column.values.length;
        if (choice === 0 || n === 0) return [];
        if (column.kind === "single") return [column.firstAttribute + (choice % n)];
        return column.values
          .map((_, i) => i)
          .filter((i) => (choice >> i) & 1)
          .map((i) => column.firstAttribute + i);
      }),
    ),
  );
}

const within = (x: number, lo: number, hi: number) => x >= lo - 1e-9 && x <= hi + 1e-9;

describe("evaluation against brute force", () => {
  it("computes every comparison metric of REP and SYN exactly", async () => {
    await fc.assert(
      fc.asyncProperty(caseArb, async (t) => {
        const data = readRandomTable(t);
        if (data === undefined || t.k > data.recordCount) return;
        const syn = synthesize(data, t);
        const { reportable, length } = await aggregate(data, { k: t.k, length: t.length });
        const e = await evaluateRelease(data, syn, reportable, {
          k: t.k,
          length,
          target: "synthetic",
        });
        const sen = bruteCounts(recordLabels(data), length);
        const targets = [
          [e.reportable, tableToMap(data, reportable)],
          [e.synthetic!.combinations, bruteCounts(syntheticLabels(data, syn), length)],
        ] as const;
        for (const [got, map] of targets) {
          const want = bruteCompare(sen, map, t.k, length);
          want.byLength.forEach((w, i) => {
            const g = got.byLength[i]!;
            expect([g.suppressed, g.fabricated, g.rareLeaked]).toEqual([
              w.suppressed,
              w.fabricated,
              w.rareLeaked,
            ]);
            expect(g.meanAbsoluteError).toBeCloseTo(w.meanAbsoluteError, 9);
            expect(g.meanProportionalError).toBeCloseTo(w.meanProportionalError, 9);
          });
          expect(got.byBucket.map((b) => [b.from, b.combinations])).toEqual(
            want.byBucket.map((b) => [b.from, b.combinations]),
          );
          got.byBucket.forEach((b, i) => {
            expect(b.meanProportionalError).toBeCloseTo(want.byBucket[i]!.meanProportionalError, 9);
          });
          expect(got.combinations).toBe(map.size);
          for (const x of [
            got.suppressedPercent,
            got.fabricatedPercent,
            got.keptFrequentPercent,
            got.rareLeakedPercent,
          ]) {
            expect(within(x, 0, 100)).toBe(true);
          }
        }
        expect(e.reportable.fabricated + e.reportable.rareLeaked).toBe(0);
        const frequent = [...sen.values()].filter((c) => c >= t.k).length;
        expect(e.reportable.keptFrequentPercent).toBe(frequent > 0 ? 100 : 0);
        expect(e.summary.length).toBeGreaterThan(0);
      }),
      { numRuns: 150 },
    );
  });

  it("computes k-marginal as SDNist does, in [0, 1000], and 1000 for the data against itself", () => {
    fc.assert(
      fc.property(caseArb, (t) => {
        const data = readRandomTable(t);
        if (data === undefined) return;
        const syn = synthesize(data, t);
        const numeric = t.numeric ? ["s0"] : [];
        const real = cellTexts(data, data.recordOffsets, data.recordAttributes, data.recordCount);
        const fake = cellTexts(data, syn.offsets, syn.attrs, syn.recordCount);
        for (const missing of ["category", "row", "pair"] as const) {
          const got = kMarginal(data, syn, numeric, { missing });
          const want = bruteKMarginal(real, fake, t.numeric ? [0] : [], missing);
          if (want === null) expect(got.score).toBeNull();
          else {
            expect(got.score).toBeCloseTo(want, 9);
            expect(within(got.score!, 0, 1000)).toBe(true);
          }
          // The five most different pairs: largest distance first, ties in column order.
          const pairs = brutePairDistances(real, fake, t.numeric ? [0] : [], missing) ?? [];
          const worst = pairs
            .map((p, i) => ({ ...p, i }))
            .sort((x, y) => y.distance - x.distance || x.i - y.i)
            .slice(0, 5);
          expect(got.worstPairs.map((p) => p.distance)).toEqual(
            worst.map((p) => expect.closeTo(p.distance, 9)),
          );
          for (let i = 1; i < got.worstPairs.length; i++) {
            expect(got.worstPairs[i - 1]!.distance).toBeGreaterThanOrEqual(
              got.worstPairs[i]!.distance,
            );
          }
          const self = kMarginal(data, copyOf(data), numeric, { missing }).score;
          expect(self).toBe(data.columns.length < 2 ? null : 1000);
        }
      }),
      { numRuns: 300 },
    );
  });

  it("scores a blank cell as a value only when there is one: without blanks, all modes agree", () => {
    fc.assert(
      fc.property(caseArb, (drawn) => {
        // The same tables with every blank cell filled in, real and synthetic.
        const t: Case = {
          ...drawn,
          cells: drawn.cells.map(([singles, multis]) => [
            singles.map((v) => (v === "" ? "x" : v)),
            multis.map((m) => (m.length === 0 ? ["a"] : m)),
          ]),
          synthetic: drawn.synthetic.map((row) => row.map((choice) => choice || 1)),
        };
        const data = readRandomTable(t);
        if (data === undefined) return;
        const syn = synthesize(data, t);
        // A multi-value pick outside the column's values still leaves a cell blank: skip those.
        const fake = cellTexts(data, syn.offsets, syn.attrs, syn.recordCount);
        if (fake.some((row) => row.includes(""))) return;
        const numeric = t.numeric ? ["s0"] : [];
        const category = kMarginal(data, syn, numeric, { missing: "category" });
        for (const missing of ["row", "pair"] as const) {
          const plain = kMarginal(data, syn, numeric, { missing });
          if (category.score === null) expect(plain.score).toBeNull();
          else expect(category.score).toBeCloseTo(plain.score!, 9);
        }
        expect(category.completeRealPercent).toBe(100);
        expect(missingShares(data, syn).every((c) => c.realPercent === 0)).toBe(true);
      }),
      { numRuns: 200 },
    );
  });

  it("counts the blank cells of each column, real and synthetic, as the cell texts show them", () => {
    fc.assert(
      fc.property(caseArb, (t) => {
        const data = readRandomTable(t);
        if (data === undefined) return;
        const syn = synthesize(data, t);
        const real = cellTexts(data, data.recordOffsets, data.recordAttributes, data.recordCount);
        const fake = cellTexts(data, syn.offsets, syn.attrs, syn.recordCount);
        const share = (rows: string[][], c: number) =>
          rows.length === 0 ? 0 : (100 * rows.filter((r) => r[c] === "").length) / rows.length;
        expect(missingShares(data, syn)).toEqual(
          data.columns.map((column, c) => ({
            name: column.name,
            realPercent: expect.closeTo(share(real, c), 9),
            syntheticPercent: expect.closeTo(share(fake, c), 9),
          })),
        );
      }),
      { numRuns: 200 },
    );
  });

  it("counts unique exact matches as a brute-force search does; a copy reproduces every unique record", () => {
    fc.assert(
      fc.property(caseArb, (t) => {
        const data = readRandomTable(t);
        if (data === undefined) return;
        const syn = synthesize(data, t);
        const key = (labels: string[]) => labels.join("|");
        const real = recordLabels(data).map(key);
        const fake = new Set(syntheticLabels(data, syn).map(key));
        const unique = real.filter((r) => r !== "" && real.indexOf(r) === real.lastIndexOf(r));
        const got = uniqueExactMatch(data, syn);
        expect(got.uniqueRecords).toBe(unique.length);
        expect(got.matched).toBe(unique.filter((u) => fake.has(u)).length);
        expect(within(got.matchedPercent, 0, 100)).toBe(true);
        expect(uniqueExactMatch(data, copyOf(data)).matchedPercent).toBe(
          unique.length > 0 ? 100 : 0,
        );
      }),
      { numRuns: 200 },
    );
  });
});
