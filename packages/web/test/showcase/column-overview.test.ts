/**
 * The columns overview: per column its number of values, the synthetic records with a value,
 * each value's synthetic and reportable count; long columns cut to their largest values with
 * the rest summed up.
 */
import { describe, expect, it } from "vitest";
import { releaseView } from "../../src/explore/release-view.js";
import { columnOverview } from "../../src/showcase/column-overview.js";
import { fixtureFiles, ORACLE, UNKNOWN } from "../explore/release-fixture.js";

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
      { label: "a1", exact: "a1", unknown: false, synthetic: 3, reportable: 2 },
      { label: "a2", exact: "a2", unknown: false, synthetic: 2, reportable: 2 },
    ]);
    expect(b!.withValue).toBe(4);
    expect(b!.shown).toContainEqual({
      label: "b1",
      exact: "b1",
      unknown: false,
      synthetic: 1,
      reportable: null,
    });
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
      { label: "a", exact: "a", unknown: false, synthetic: 2, reportable: 2 },
      { label: "b", exact: "b", unknown: false, synthetic: 1, reportable: null },
    ]);
  });

  it("shows a column's published missing cells as Unknown, last, even in a long column", () => {
    const [g, m] = columnOverview({ view: releaseView(fixtureFiles(UNKNOWN)) });
    // "Unknown" is no value: G has 2 values, held by 2 of the 5 records; M 2, held by 4.
    expect([g!.valueCount, g!.withValue, m!.valueCount, m!.withValue]).toEqual([2, 2, 2, 4]);
    expect(g!.shown.map((v) => v.label)).toEqual(["f", "m", "Unknown"]);
    expect(g!.shown.at(-1)).toEqual({
      label: "Unknown",
      exact: "(missing)",
      unknown: true,
      synthetic: 3,
      reportable: 3,
    });
    expect(m!.shown.map((v) => [v.label, v.unknown])).toEqual([
      ["x", false],
      ["y", false],
      ["Unknown", true],
    ]);
    // Cut to its 2 largest values, G still shows Unknown (its largest) after them.
    const [cut] = columnOverview({ view: releaseView(fixtureFiles(UNKNOWN)), limit: 2, top: 1 });
    expect(cut!.shown.map((v) => v.label)).toEqual(["f", "Unknown"]);
    expect(cut!.hidden).toEqual({ values: 1, synthetic: 1 });
  });
});
