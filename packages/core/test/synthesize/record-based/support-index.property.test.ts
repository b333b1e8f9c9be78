import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { SupportIndex, splitRows } from "../../../src/synthesize/record-based/support-index.js";
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
            // Rows are in the index's own numbering, ascending; recordsOf maps them back.
            const same = (rows: Uint32Array) => {
              expect(Array.from(rows)).toEqual(Array.from(rows).sort((x, y) => x - y));
              expect(index.recordsOf(rows)).toEqual(expected);
            };
            same(index.rows(next));
            same(index.rowsAfter(parent, next, v));
            if (parent) {
              same(index.intersect(parent, v));
              same(index.narrow(parent, v));
              const split = index.split(parent, index.columnOf(v));
              if (split) same(splitRows(split, v));
              same(index.rowsFrom(parent.length, () => parent!, next, v));
            }
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
