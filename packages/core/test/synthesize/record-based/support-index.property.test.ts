import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { SupportIndex } from "../../../src/synthesize/record-based/support-index.js";
import { bruteRows } from "../../brute.js";
import { randomTableArb, readRandomTable } from "../../random-table.js";

describe("SupportIndex", () => {
  it("rows, rowsAfter and extensions agree with brute force, cached or not", () => {
    fc.assert(
      fc.property(
        randomTableArb({ maxSingles: 4, maxMultis: 2, maxRows: 120 }),
        fc.integer({ min: 1, max: 4 }),
        fc.array(fc.nat(), { minLength: 1, maxLength: 12 }),
        (t, k, picks) => {
          const data = readRandomTable(t);
          if (data === undefined) return;
          const a = data.attributeColumn.length;
          // Caching every set exercises the cached-prefix paths; a tiny budget the uncached ones.
          const index = new SupportIndex(data, k, {
            cacheFrom: 1,
            ...(picks[0]! % 3 === 0 && { budget: 1e-6 }),
          });
          // Grow a set attribute by attribute, checking every step twice (cold, then cached).
          const set: number[] = [];
          let parent: Uint32Array | undefined;
          for (const p of picks) {
            const v = p % a;
            if (set.includes(v)) continue;
            const next = [...set, v].sort((x, y) => x - y);
            const expected = bruteRows(data, next);
            expect(Array.from(index.rows(next))).toEqual(expected);
            expect(Array.from(index.rowsAfter(parent, next, v))).toEqual(expected);
            if (parent) expect(Array.from(index.intersect(parent, v))).toEqual(expected);
            for (let round = 0; round < 2; round++) {
              const ext = index.extensions(next);
              expect(ext.size).toBe(expected.length);
              const want: [number, number][] = [];
              for (let w = 0; w < a; w++) {
                if (next.includes(w)) continue;
                const s = bruteRows(data, [...next, w]).length;
                if (s >= k) want.push([w, s]);
              }
              expect(Array.from(ext.ids, (w, i) => [w, ext.supports[i]!])).toEqual(want);
            }
            if (expected.length === 0) break;
            set.splice(0, set.length, ...next);
            parent = index.rows(set);
          }
        },
      ),
      { numRuns: 200 },
    );
  });
});
