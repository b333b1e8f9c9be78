import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { type Dataset, readDatasetFromText, seededRng } from "../../../src/internal.js";
import { compactRecords } from "../../../src/synthesize/record-based/compact.js";
import { completeRecord } from "../../../src/synthesize/record-based/complete.js";
import { countAttributes } from "../../../src/synthesize/record-based/consolidate.js";
import { SupportIndex } from "../../../src/synthesize/record-based/support-index.js";
import { walk } from "../../../src/synthesize/record-based/walk.js";
import { bruteSupport } from "../../brute.js";
import { randomTableArb, readRandomTable } from "../../random-table.js";

/** At most one value per single-value column. */
function oneValuePerColumn(data: Dataset, set: readonly number[]): boolean {
  const seen = new Set<number>();
  for (const v of set) {
    const c = data.attributeColumn[v]!;
    if (data.columns[c]!.kind !== "single") continue;
    if (seen.has(c)) return false;
    seen.add(c);
  }
  return true;
}

/** Random partial records with support ≥ k: short walks over random candidates. */
function partialRecords(
  data: Dataset,
  index: SupportIndex,
  seed: number,
  count: number,
): number[][] {
  const rng = seededRng(seed);
  const out: number[][] = [];
  for (let i = 0; i < count; i++) {
    const r = rng.below(data.recordCount);
    const own = data.recordAttributes.subarray(data.recordOffsets[r]!, data.recordOffsets[r + 1]!);
    const keep = Array.from(own).filter(() => rng.below(3) > 0);
    const set = walk(index, rng.fork(i), { candidates: keep });
    if (set.length > 0) out.push(set);
  }
  return out;
}

describe("completeRecord", () => {
  it("only adds values, one per empty single-value column, keeping support ≥ k", () => {
    fc.assert(
      fc.property(
        randomTableArb({ maxRows: 80 }),
        fc.integer({ min: 1, max: 5 }),
        fc.integer(),
        (t, k, seed) => {
          const data = readRandomTable(t);
          if (data === undefined) return;
          const index = new SupportIndex(data, k);
          for (const set of partialRecords(data, index, seed, 10)) {
            const done = completeRecord(data, index, seededRng(seed), [...set]);
            expect(set.every((v) => done.includes(v))).toBe(true);
            expect(bruteSupport(data, done)).toBeGreaterThanOrEqual(k);
            expect(oneValuePerColumn(data, done)).toBe(true);
            expect(
              done
                .filter((v) => !set.includes(v))
                .every((v) => data.columns[data.attributeColumn[v]!]!.kind === "single"),
            ).toBe(true);
            // Maximal: no empty single-value column has a value that would keep support ≥ k.
            const filled = new Set(done.map((v) => data.attributeColumn[v]!));
            for (let v = 0; v < data.attributeColumn.length; v++) {
              const c = data.attributeColumn[v]!;
              if (data.columns[c]!.kind !== "single" || filled.has(c)) continue;
              expect(bruteSupport(data, [...done, v])).toBeLessThan(k);
            }
          }
        },
      ),
      { numRuns: 100 },
    );
  });
});

describe("compactRecords", () => {
  it("keeps every attribute count and the guarantee, and never adds records", () => {
    fc.assert(
      fc.property(
        randomTableArb({ maxRows: 80 }),
        fc.integer({ min: 1, max: 5 }),
        fc.integer(),
        (t, k, seed) => {
          const data = readRandomTable(t);
          if (data === undefined) return;
          const index = new SupportIndex(data, k);
          const before = partialRecords(data, index, seed, 30);
          const counts = countAttributes(before, data.attributeColumn.length);
          const after = compactRecords(
            data,
            index,
            seededRng(seed),
            before.map((r) => [...r]),
          );
          expect(after.length).toBeLessThanOrEqual(before.length);
          expect(countAttributes(after, data.attributeColumn.length)).toEqual(counts);
          for (const r of after) {
            expect(r.length).toBeGreaterThan(0);
            expect(r).toEqual([...r].sort((a, b) => a - b));
            expect(bruteSupport(data, r)).toBeGreaterThanOrEqual(k);
            expect(oneValuePerColumn(data, r)).toBe(true);
          }
        },
      ),
      { numRuns: 150 },
    );
  });

  it("moves a fragment's value into the near-complete record that lacks it", () => {
    // Three columns; every record is (a, b, c): {a, b} lacks c, and {c} is a fragment holding it.
    const data = readDatasetFromText("p,q,r\na,b,c\na,b,c\na,b,c\n", {});
    const index = new SupportIndex(data, 3);
    const [a, b, c] = [0, 1, 2];
    const out = compactRecords(data, index, seededRng(1), [[a, b], [c]]);
    expect(out).toEqual([[a, b, c]]);
  });
});
