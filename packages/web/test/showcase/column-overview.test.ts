/**
 * The columns overview: per column its number of values, the synthetic records with a value,
 * each value's synthetic and reportable count; long columns cut to their largest values with
 * the rest summed up.
 */
import { describe, expect, it } from "vitest";
import { releaseView } from "../../src/explore/release-view.js";
import { columnOverview } from "../../src/showcase/column-overview.js";
import { fixtureFiles, ORACLE } from "../explore/release-fixture.js";

describe("columnOverview", () => {
  it("summarises the oracle's columns", () => {
    const view = releaseView(fixtureFiles(ORACLE));
    const [a, b, c] = columnOverview({ view });
    expect(a).toMatchObject({
      name: "A",
      kind: "single",
      valueCount: 2,
      withValue: 5,
      hidden: { values: 0, synthetic: 0 },
      scale: 3,
    });
    expect(a!.shown).toEqual([
      { label: "a1", synthetic: 3, reportable: 2 },
      { label: "a2", synthetic: 2, reportable: 2 },
    ]);
    expect(b!.withValue).toBe(4);
    expect(b!.shown).toContainEqual({ label: "b1", synthetic: 1, reportable: null });
    expect(c!.withValue).toBe(4);
  });

  it("shows the largest values of a long column and sums up the rest", () => {
    const values = Array.from({ length: 15 }, (_, i) => `v${i}`);
    const records = values.flatMap((v, i) => Array.from({ length: i + 1 }, () => [[v]]));
    const view = releaseView(
      fixtureFiles({
        columns: [{ name: "X", kind: "single" }],
        records,
        aggregates: [],
        length: 1,
      }),
    );
    const [x] = columnOverview({ view, limit: 12, top: 3 });
    expect(x!.shown.map((v) => v.label)).toEqual(["v14", "v13", "v12"]);
    expect(x!.hidden).toEqual({ values: 12, synthetic: (12 * 13) / 2 });
    expect(x!.scale).toBe(15);
  });

  it("counts a multi-value column's records once, however many values they hold", () => {
    const view = releaseView(
      fixtureFiles({
        columns: [{ name: "T", kind: "multi" }],
        records: [[["a", "b"]], [["a"]], [[]]],
        aggregates: [{ cells: [["a"]], count: 2 }],
        length: 1,
      }),
    );
    const [t] = columnOverview({ view });
    expect(t!.withValue).toBe(2);
    expect(t!.shown).toEqual([
      { label: "a", synthetic: 2, reportable: 2 },
      { label: "b", synthetic: 1, reportable: null },
    ]);
  });
});
