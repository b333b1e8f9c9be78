import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { seededRng } from "../../../src/internal.js";
import { completeRecord } from "../../../src/synthesize/record-based/complete.js";
import { SeedWalker } from "../../../src/synthesize/record-based/seed-walker.js";
import { SupportIndex } from "../../../src/synthesize/record-based/support-index.js";
import {
  UnseededWalker,
  unseededSlots,
} from "../../../src/synthesize/record-based/unseeded-draw.js";
import { walk } from "../../../src/synthesize/record-based/walk.js";
import { walkTogether } from "../../../src/synthesize/record-based/walk-together.js";
import { bruteRows } from "../../brute.js";
import { randomTableArb, readRandomTable } from "../../random-table.js";

/** Sets are shared in the grouped walk: a copy per walker, so changing one changes no other. */
function distinctArrays(sets: number[][]): boolean {
  return new Set(sets).size === sets.length;
}

describe("walkTogether", () => {
  it("ends every seed walk exactly where walking it alone (walk, then completeRecord) ends", () => {
    fc.assert(
      fc.property(
        randomTableArb({ maxSingles: 5, maxMultis: 2, maxRows: 150 }),
        fc.integer({ min: 1, max: 4 }),
        fc.integer(),
        fc.boolean(),
        fc.boolean(),
        (t, k, seed, complete, tinyCache) => {
          const data = readRandomTable(t);
          if (data === undefined) return;
          // A tiny cache makes every set's rows come from its parent's (narrowed or split).
          const index = new SupportIndex(data, k, tinyCache ? { budget: 1e-9 } : {});
          const alone = new SupportIndex(data, k);
          const { recordOffsets: off, recordAttributes: attrs } = data;
          const own = (r: number) => attrs.subarray(off[r]!, off[r + 1]!);
          const rng = seededRng(seed);
          const records = Array.from({ length: data.recordCount }, (_, r) => r);
          const together = walkTogether(
            index,
            records.map((r) => new SeedWalker(data, own(r), rng.fork(r), complete)),
          );
          expect(distinctArrays(together)).toBe(true);
          records.forEach((r) => {
            const stream = rng.fork(r);
            let set = walk(alone, stream, { candidates: own(r) });
            if (complete && set.length !== own(r).length) {
              set = completeRecord(data, alone, stream, set, own(r));
            }
            expect(together[r]).toEqual(set);
            // The guarantee: every final set is held by at least k records.
            if (set.length > 0) expect(bruteRows(data, set).length).toBeGreaterThanOrEqual(k);
          });
        },
      ),
      { numRuns: 150 },
    );
  });

  it("gives each unseeded draw the same record together as alone", () => {
    fc.assert(
      fc.property(
        randomTableArb({ maxSingles: 5, maxMultis: 2, maxRows: 150 }),
        fc.integer({ min: 1, max: 4 }),
        fc.integer(),
        fc.integer({ min: 1, max: 60 }),
        (t, k, seed, draws) => {
          const data = readRandomTable(t);
          if (data === undefined) return;
          const index = new SupportIndex(data, k, { budget: 1e-9 });
          const slots = unseededSlots(data);
          const rng = seededRng(seed);
          const walkers = (i: number) => new UnseededWalker(rng.fork(i), slots);
          const ids = Array.from({ length: draws }, (_, i) => i);
          const together = walkTogether(index, ids.map(walkers));
          expect(distinctArrays(together)).toBe(true);
          ids.forEach((i) => {
            const alone = walkTogether(new SupportIndex(data, k), [walkers(i)])[0]!;
            expect(together[i]).toEqual(alone);
            if (alone.length > 0) expect(bruteRows(data, alone).length).toBeGreaterThanOrEqual(k);
          });
        },
      ),
      { numRuns: 150 },
    );
  });
});
