import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { seededRng } from "../../../src/internal.js";
import {
  countAttributes,
  fillOwed,
  suppressSurplus,
  targetCounts,
} from "../../../src/synthesize/record-based/consolidate.js";
import { SupportIndex } from "../../../src/synthesize/record-based/support-index.js";
import { bruteRows } from "../../brute.js";
import { randomTableArb, readRandomTable } from "../../random-table.js";

const recordsArb = fc.array(fc.uniqueArray(fc.nat({ max: 7 }), { minLength: 1, maxLength: 5 }), {
  maxLength: 40,
});

describe("suppressSurplus", () => {
  it("leaves min(count, target) of each attribute, lower ranks losing first", () => {
    fc.assert(
      fc.property(
        recordsArb,
        fc.array(fc.nat({ max: 10 }), { minLength: 8, maxLength: 8 }),
        fc.array(fc.nat({ max: 3 }), { minLength: 40, maxLength: 40 }),
        fc.integer(),
        (records, targets, ranks, seed) => {
          // Each record also holds its own tag attribute 8 + i (target 1: never suppressed), so
          // survivors can be told apart; an untagged copy checks that empty records are dropped.
          const sorted = records.map((r, i) => [...r].sort((a, b) => a - b).concat(8 + i));
          const width = 8 + sorted.length;
          const target = Uint32Array.from({ length: width }, (_, v) => (v < 8 ? targets[v]! : 1));
          const rank = Uint8Array.from(ranks.slice(0, sorted.length));
          const before = countAttributes(sorted, width);
          const out = suppressSurplus(
            seededRng(seed),
            sorted.map((r) => [...r]),
            target,
            rank,
          );
          const after = countAttributes(out, width);
          for (let v = 0; v < 8; v++) expect(after[v]).toBe(Math.min(before[v]!, target[v]!));
          expect(out).toHaveLength(sorted.length);
          const lost = sorted.map((r, i) => {
            const o = out.find((x) => x.includes(8 + i))!;
            expect(o.every((v) => r.includes(v))).toBe(true);
            return r.filter((v) => !o.includes(v));
          });
          const untagged = suppressSurplus(
            seededRng(seed),
            records.map((r) => [...r].sort((a, b) => a - b)),
            target,
            rank,
          );
          expect(untagged.every((r) => r.length > 0)).toBe(true);
          // Whoever lost v, every holder of a lower rank lost it too.
          for (let v = 0; v < 8; v++) {
            const losers = sorted.flatMap((_, i) => (lost[i]!.includes(v) ? [rank[i]!] : []));
            if (losers.length === 0) continue;
            const highest = Math.max(...losers);
            sorted.forEach((r, i) => {
              if (r.includes(v) && rank[i]! < highest) expect(lost[i]).toContain(v);
            });
          }
        },
      ),
      { numRuns: 300 },
    );
  });
});

describe("fillOwed", () => {
  it("makes, in batches walked together, exactly the records made one walk at a time", () => {
    fc.assert(
      fc.property(
        randomTableArb({ maxSingles: 5, maxMultis: 2, maxRows: 300 }),
        fc.integer({ min: 1, max: 4 }),
        fc.integer(),
        fc.boolean(),
        fc.option(fc.nat({ max: 200 }), { nil: undefined }),
        (t, k, seed, complete, maxRecords) => {
          const data = readRandomTable(t);
          if (data === undefined) return;
          const index = new SupportIndex(data, k);
          const target = targetCounts(index, k);
          const options = {
            ...(complete && { completeIn: data }),
            ...(maxRecords !== undefined && { maxRecords }),
          };
          const batched: number[][] = [];
          fillOwed(index, seededRng(seed), batched, target, options);
          // An oversampling control that accepts everything draws the same, one walk at a time.
          const single: number[][] = [];
          fillOwed(index, seededRng(seed), single, target, { ...options, accept: () => true });
          expect(batched).toEqual(single);
          // Owed units are placed at most once each; every record keeps support ≥ k.
          const counts = countAttributes(batched, target.length);
          if (!complete) {
            for (let v = 0; v < counts.length; v++) {
              expect(counts[v]).toBeLessThanOrEqual(target[v]!);
            }
          }
          for (const r of batched) expect(bruteRows(data, r).length).toBeGreaterThanOrEqual(k);
        },
      ),
      { numRuns: 150 },
    );
  });
});
