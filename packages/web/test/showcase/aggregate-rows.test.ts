/**
 * The table of reportable aggregates: rows in aggregates.csv's order with their pairs and
 * counts; filters by words, column, value and length; sorting by count and length with ties in
 * file order; on docs/design.md §10's oracle and on a release with a multi-value column.
 */
import { describe, expect, it } from "vitest";
import { releaseView } from "../../src/explore/release-view.js";
import {
  aggregateRows,
  attributeLabels,
  FILE_ORDER,
  NO_FILTER,
  selectRows,
} from "../../src/showcase/aggregate-rows.js";
import { fixtureFiles, ORACLE, UNKNOWN } from "../explore/release-fixture.js";

const view = releaseView(fixtureFiles(ORACLE));
const rows = aggregateRows({ view });
const labels = attributeLabels(view);

/** A row as "A: a1 & B: b2 = 2". */
function show(r: number): string {
  const pairs = [...rows.ids.subarray(rows.offsets[r]!, rows.offsets[r + 1]!)].map(
    (id) => labels[id],
  );
  return `${pairs.join(" & ")} = ${rows.counts[r]}`;
}

const select = (filter = {}, sort = FILE_ORDER) =>
  [...selectRows({ view, rows, filter: { ...NO_FILTER, ...filter }, sort })].map(show);

describe("aggregateRows", () => {
  it("lists aggregates.csv's rows in its order", () => {
    expect(rows.size).toBe(7);
    expect(select()).toEqual([
      "A: a1 = 2",
      "A: a2 = 2",
      "B: b2 = 2",
      "C: c1 = 2",
      "A: a1 & B: b2 = 2",
      "A: a1 & C: c1 = 2",
      "B: b2 & C: c1 = 2",
    ]);
  });
});

describe("selectRows", () => {
  it("filters by words, all of which must occur, in any case", () => {
    expect(select({ text: "B2" })).toEqual(["B: b2 = 2", "A: a1 & B: b2 = 2", "B: b2 & C: c1 = 2"]);
    expect(select({ text: "b2 a1" })).toEqual(["A: a1 & B: b2 = 2"]);
    expect(select({ text: "  " })).toHaveLength(7);
    expect(select({ text: "nothing" })).toEqual([]);
  });

  it("filters by column, by one of its values, and by length", () => {
    expect(select({ column: 2 })).toEqual(["C: c1 = 2", "A: a1 & C: c1 = 2", "B: b2 & C: c1 = 2"]);
    expect(select({ column: 0, value: 1 })).toEqual(["A: a2 = 2"]);
    expect(select({ length: 2, column: 0 })).toEqual(["A: a1 & B: b2 = 2", "A: a1 & C: c1 = 2"]);
    expect(select({ length: 3 })).toEqual([]);
  });

  it("sorts by length and by count, ties in file order", () => {
    const longFirst = select({}, { by: "length", descending: true });
    expect(longFirst.slice(0, 3)).toEqual([
      "A: a1 & B: b2 = 2",
      "A: a1 & C: c1 = 2",
      "B: b2 & C: c1 = 2",
    ]);
    expect(select({}, { by: "count", descending: true })).toEqual(select());
    expect(select({}, { by: "file", descending: true })).toEqual(select().reverse());
  });

  it("sorts counts numerically, both ways", () => {
    const files = fixtureFiles({
      columns: [
        { name: "type", kind: "multi" },
        { name: "year", kind: "single" },
      ],
      records: [],
      aggregates: [
        { cells: [["labour", "sexual"], []], count: 9 },
        { cells: [["labour"], []], count: 100 },
        { cells: [[], ["2019"]], count: 20 },
      ],
      length: 2,
    });
    const v = releaseView(files);
    const r = aggregateRows({ view: v });
    const counts = (descending: boolean) => [
      ...Array.from(
        selectRows({ view: v, rows: r, filter: NO_FILTER, sort: { by: "count", descending } }),
        (i) => r.counts[i],
      ),
    ];
    expect(counts(true)).toEqual([100, 20, 9]);
    expect(counts(false)).toEqual([9, 20, 100]);
    const both = selectRows({
      view: v,
      rows: r,
      filter: { ...NO_FILTER, text: "labour sexual" },
      sort: FILE_ORDER,
    });
    expect([...both].map((i) => r.counts[i])).toEqual([9]);
  });
});

describe("a release with published missing cells", () => {
  const unknownView = releaseView(fixtureFiles(UNKNOWN));
  const unknownRows = aggregateRows({ view: unknownView });

  it('names them "Unknown (missing)", found by either word', () => {
    expect(attributeLabels(unknownView)).toEqual([
      "G: f",
      "G: m",
      "G: Unknown (missing)",
      "M: x",
      "M: y",
      "M: Unknown (missing)",
    ]);
    const found = (text: string) =>
      selectRows({
        view: unknownView,
        rows: unknownRows,
        filter: { ...NO_FILTER, text },
        sort: FILE_ORDER,
      }).length;
    expect(found("unknown")).toBe(3);
    expect(found("(missing)")).toBe(3);
    expect(found("g: unknown y")).toBe(1);
  });
});
