import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { seededRng } from "../../../src/internal.js";
import {
  dealOwed,
  FILL_PARTS,
  RECORDS_PER_PART,
  ranges,
} from "../../../src/synthesize/record-based/parts.js";

describe("dealOwed", () => {
  it("deals every owed unit exactly once, evenly", () => {
    fc.assert(
      fc.property(
        fc.array(fc.nat({ max: 1000 }), { maxLength: 40 }),
        fc.integer(),
        (owed, seed) => {
          const parts = dealOwed(Uint32Array.from(owed), seededRng(seed));
          expect(parts).toHaveLength(FILL_PARTS);
          owed.forEach((units, a) => {
            const shares = parts.map((p) => p[a]!);
            expect(shares.reduce((x, y) => x + y, 0)).toBe(units);
            expect(Math.max(...shares) - Math.min(...shares)).toBeLessThanOrEqual(1);
          });
        },
      ),
    );
  });
});

describe("ranges", () => {
  it("covers 0 … n − 1 in order with parts of at most RECORDS_PER_PART", () => {
    fc.assert(
      fc.property(fc.nat({ max: 50_000 }), (n) => {
        const all = ranges(n);
        let next = 0;
        for (const { from, to } of all) {
          expect(from).toBe(next);
          expect(to - from).toBeGreaterThan(0);
          expect(to - from).toBeLessThanOrEqual(RECORDS_PER_PART);
          next = to;
        }
        expect(next).toBe(n);
      }),
    );
  });
});
