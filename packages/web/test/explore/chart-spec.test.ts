import {
  columnCounts,
  EMPTY_SELECTION,
  type Selection,
  toggleValue,
} from "@commonground/core/internal";
import { describe, expect, it } from "vitest";
import { chartSpec, formatCount, reportingNote } from "../../src/explore/chart-spec.js";
import { releaseView } from "../../src/explore/release-view.js";
import { fixtureFiles, ORACLE } from "./release-fixture.js";

const gender = releaseView(
  fixtureFiles({
    columns: [
      { name: "gender", kind: "single" },
      { name: "exploitation", kind: "multi" },
    ],
    records: [
      ...Array.from({ length: 3210 }, () => [["Female"], ["sexual"]]),
      ...Array.from({ length: 1 }, () => [["Male"], ["labour", "sexual"]]),
      ...Array.from({ length: 1500 }, () => [["Male"], ["labour"]]),
      ...Array.from({ length: 7 }, () => [[], ["labour"]]),
    ],
    aggregates: [
      { cells: [["Female"], []], count: 3200 },
      { cells: [["Male"], []], count: 1500 },
      { cells: [[], ["sexual"]], count: 3200 },
      { cells: [[], ["labour"]], count: 1500 },
      { cells: [["Male"], ["labour"]], count: 1500 },
    ],
    k: 100,
    length: 2,
  }),
);

function spec(selection: Selection, column: number, scale?: number) {
  const counts = columnCounts({ view: gender, selection, column });
  return chartSpec({ view: gender, counts, ...(scale !== undefined && { scale }) });
}

describe("chartSpec", () => {
  it("a single-value column with nothing selected", () => {
    expect(spec(EMPTY_SELECTION, 0)).toMatchInlineSnapshot(`
      {
        "column": 0,
        "hint": "One value at a time.",
        "kind": "single",
        "name": "gender",
        "rows": [
          {
            "exact": "Female",
            "label": "Female",
            "missingText": "",
            "reason": null,
            "reportable": 3200,
            "reportableWidth": 0.9968847352024922,
            "selected": false,
            "synthetic": 3210,
            "syntheticWidth": 1,
            "text": "Female: 3,210 synthetic records, 3,200 reportable",
            "unknown": false,
            "value": 0,
          },
          {
            "exact": "Male",
            "label": "Male",
            "missingText": "",
            "reason": null,
            "reportable": 1500,
            "reportableWidth": 0.4672897196261682,
            "selected": false,
            "synthetic": 1501,
            "syntheticWidth": 0.467601246105919,
            "text": "Male: 1,501 synthetic records, 1,500 reportable",
            "unknown": false,
            "value": 1,
          },
        ],
        "scale": 3210,
      }
    `);
  });

  it("a multi-value column under a selection: rows keep their order, unreported ones included", () => {
    const male = toggleValue({ view: gender, selection: EMPTY_SELECTION, column: 0, value: 1 });
    const both = toggleValue({ view: gender, selection: male, column: 1, value: 0 });
    expect(spec(both, 1)).toMatchInlineSnapshot(`
      {
        "column": 1,
        "hint": "Several values can be selected: records that include all of them.",
        "kind": "multi",
        "name": "exploitation",
        "rows": [
          {
            "exact": "sexual",
            "label": "sexual",
            "missingText": "not reported",
            "reason": "not-reported",
            "reportable": null,
            "reportableWidth": 0,
            "selected": true,
            "synthetic": 1,
            "syntheticWidth": 1,
            "text": "sexual: 1 synthetic record, not in the reportable counts",
            "unknown": false,
            "value": 0,
          },
          {
            "exact": "labour",
            "label": "labour",
            "missingText": "synthetic only",
            "reason": "too-long",
            "reportable": null,
            "reportableWidth": 0,
            "selected": false,
            "synthetic": 1,
            "syntheticWidth": 1,
            "text": "labour: 1 synthetic record, no reportable count (3 attributes, more than 2)",
            "unknown": false,
            "value": 1,
          },
        ],
        "scale": 1,
      }
    `);
  });

  it("says when a combination is longer than L", () => {
    const view = releaseView(
      fixtureFiles({ ...ORACLE, length: 1, aggregates: ORACLE.aggregates.slice(0, 4) }),
    );
    const a1 = toggleValue({ view, selection: EMPTY_SELECTION, column: 0, value: 0 });
    const s = chartSpec({ view, counts: columnCounts({ view, selection: a1, column: 2 }) });
    expect(s.rows.map((r) => [r.text, r.missingText, r.reportableWidth])).toMatchInlineSnapshot(`
      [
        [
          "c1: 2 synthetic records, no reportable count (2 attributes, more than 1)",
          "synthetic only",
          0,
        ],
        [
          "c2: 0 synthetic records, no reportable count (2 attributes, more than 1)",
          "synthetic only",
          0,
        ],
      ]
    `);
  });

  it("uses a shared scale when given, and never a bar wider than the track", () => {
    const s = spec(EMPTY_SELECTION, 0, 2000);
    expect(s.scale).toBe(2000);
    expect(s.rows.map((r) => [r.syntheticWidth, r.reportableWidth])).toEqual([
      [1, 1],
      [0.7505, 0.75],
    ]);
    expect(spec(EMPTY_SELECTION, 0, 0).scale).toBe(1);
  });
});

describe("texts", () => {
  it("formats counts with thousands separators", () => {
    expect(formatCount(3210)).toBe("3,210");
    expect(formatCount(0)).toBe("0");
  });

  it("states the reporting length's consequence in one line", () => {
    expect(reportingNote({ view: gender })).toBe(
      "Reportable counts exist for combinations of up to 2 attributes; for a longer selection the counts are synthetic only.",
    );
  });
});
