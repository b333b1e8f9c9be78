/**
 * RecordSupport and supportsOf against brute force: random tables (missing cells, a multi-value
 * column) and random attribute sets, including empty sets, repeated sets and sets that are
 * prefixes of others, with and without a cap.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { formatCsvRow, readDatasetFromText } from "../../src/internal.js";
import { RecordSupport, supportsOf } from "../../src/verify/record-support.js";

const tableArb = fc.record({
  rows: fc.array(
    fc.tuple(
      fc.constantFrom("", "a", "b", "c"),
      fc.constantFrom("", "x", "y"),
      fc.subarray(["p", "q", "r"]),
    ),
    { minLength: 1, maxLength: 40 },
  ),
  sets: fc.array(fc.array(fc.nat(), { maxLength: 4 }), { maxLength: 40 }),
  cap: fc.integer({ min: 1, max: 50 }),
});

describe("supports of attribute sets", () => {
  it("equal the brute-force count of records holding every attribute (capped)", () => {
    fc.assert(
      fc.property(tableArb, ({ rows, sets, cap }) => {
        let text = formatCsvRow(["S", "T", "M"]);
        for (const [s, t, m] of rows) text += formatCsvRow([s, t, m.join(";")]);
        text += formatCsvRow(["a", "x", "p"]); // never all missing
        const data = readDatasetFromText(text, { multiValue: { M: ";" } });
        const attributes = data.attributeColumn.length;
        const records = Array.from({ length: data.recordCount }, (_, r) =>
          Array.from(
            data.recordAttributes.subarray(data.recordOffsets[r], data.recordOffsets[r + 1]),
          ),
        );
        // Sets of distinct valid ids; the first few are repeated and extended to share prefixes.
        const lists = sets.map((s) => [...new Set(s.map((a) => a % attributes))]);
        if (lists.length > 1)
          lists.push(lists[0]!, [...lists[1]!, ...lists[0]!.filter((a) => !lists[1]!.includes(a))]);
        const brute = lists.map((s) => records.filter((r) => s.every((a) => r.includes(a))).length);
        const support = new RecordSupport(data);
        lists.forEach((s, i) => {
          expect(support.support(s, 0, s.length, cap)).toBe(Math.min(cap, brute[i]!));
        });
        const offsets = new Uint32Array(lists.length + 1);
        lists.forEach((s, i) => {
          offsets[i + 1] = offsets[i]! + s.length;
        });
        const ids = Uint32Array.from(lists.flatMap((s) => [...s].sort((x, y) => x - y)));
        const all = supportsOf(support, data.recordCount, offsets, ids, lists.length, cap);
        expect(Array.from(all)).toEqual(brute.map((b) => Math.min(cap, b)));
      }),
      { numRuns: 300 },
    );
  });
});
