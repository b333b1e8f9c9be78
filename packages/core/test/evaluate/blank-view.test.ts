/**
 * The fidelity measures read a reported missing cell as a blank (blank-view.ts): the score of
 * the same records does not depend on whether their missing cells were published.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { blankRealView, blankSyntheticView } from "../../src/evaluate/blank-view.js";
import {
  type Dataset,
  kMarginal,
  MISSING_LABEL,
  missingShares,
  uniqueExactMatch,
} from "../../src/internal.js";
import { type SyntheticData, syntheticFromLists } from "../../src/synthesize/synthetic-data.js";
import { randomTableArb, readRandomTable, withParameters } from "../random-table.js";

/** A record's attributes as "column=value" texts. */
function named(data: Dataset, ids: ArrayLike<number>): string[] {
  return Array.from(ids, (id) => {
    const c = data.columns[data.attributeColumn[id]!]!;
    return `${c.name}=${c.values[id - c.firstAttribute]}`;
  });
}

function idsIn(data: Dataset, names: string[]): number[] {
  return names.map((n) => {
    const [name, value] = [n.slice(0, n.indexOf("=")), n.slice(n.indexOf("=") + 1)];
    const c = data.columns.find((col) => col.name === name)!;
    const at = c.values.indexOf(value);
    if (at < 0) throw new Error(`no ${n}`);
    return c.firstAttribute + at;
  });
}

const tableArb = withParameters(randomTableArb({ maxSingles: 4, maxMultis: 1, maxRows: 40 }), {
  /** Which attributes of each real record the "synthetic" copy keeps (a bit per attribute). */
  keep: fc.array(fc.integer({ min: 0, max: 0xffff }), { minLength: 40, maxLength: 40 }),
});

describe("blank views", () => {
  it("give the same k-marginal, missing shares and matches with or without reported cells (property)", () => {
    fc.assert(
      fc.property(tableArb, (t) => {
        const plain = readRandomTable(t);
        const reported = readRandomTable(t, { reportMissing: "all" });
        if (!plain || !reported) return;
        // Synthetic records: each real record (with labels) less some of its attributes.
        const lists: string[][] = [];
        for (let r = 0; r < reported.recordCount; r++) {
          const own = named(
            reported,
            reported.recordAttributes.subarray(
              reported.recordOffsets[r],
              reported.recordOffsets[r + 1],
            ),
          );
          const bits = t.keep[r % t.keep.length]!;
          const kept = own.filter((_, i) => (bits >> i) & 1);
          if (kept.length > 0) lists.push(kept);
        }
        if (lists.length === 0) return;
        const synReported: SyntheticData = syntheticFromLists(lists.map((l) => idsIn(reported, l)));
        const synPlain = syntheticFromLists(
          lists.map((l) =>
            idsIn(
              plain,
              l.filter((a) => !a.endsWith(`=${MISSING_LABEL}`)),
            ),
          ),
        );
        // A record of labels only is an all-blank row: keep the counts equal for the comparison.
        if (synPlain.recordCount !== synReported.recordCount) return;
        const real = blankRealView(reported);
        const syn = blankSyntheticView(reported, synReported);
        for (const missing of ["category", "row"] as const) {
          const a = kMarginal(real, syn, [], { missing });
          const b = kMarginal(plain, synPlain, [], { missing });
          if (a.score === null || b.score === null) expect(a.score).toBe(b.score);
          else expect(a.score).toBeCloseTo(b.score, 9);
        }
        expect(missingShares(real, syn)).toEqual(missingShares(plain, synPlain));
        expect(uniqueExactMatch(real, syn).matched).toBe(uniqueExactMatch(plain, synPlain).matched);
      }),
      { numRuns: 200 },
    );
  });

  it("keep a synthetic record that held only reported missing cells, as an empty row", () => {
    const data = readRandomTable(
      {
        singles: 2,
        multis: 0,
        cells: [
          [["x", ""], []],
          [["", "y"], []],
        ],
      },
      { reportMissing: "all" },
    )!;
    const a = data.columns[0]!;
    const b = data.columns[1]!;
    const onlyMissing = [a.firstAttribute + a.values.indexOf(MISSING_LABEL)];
    const other = [b.firstAttribute + b.values.indexOf("y")];
    const view = blankSyntheticView(data, syntheticFromLists([onlyMissing, other]));
    expect(view.recordCount).toBe(2);
    expect(Array.from(view.offsets)).toEqual([0, 0, 1]);
  });
});
