import {
  clearAll,
  clearColumn,
  columnCounts,
  describeSelection,
  EMPTY_SELECTION,
  InternalError,
  isSelected,
  matchRecords,
  removeValue,
  type Selection,
  selectedValues,
  toggleValue,
} from "@commonground/core/internal";
import { describe, expect, it } from "vitest";
import { releaseView } from "../../src/explore/release-view.js";
import { fixtureFiles, ORACLE } from "./release-fixture.js";

const oracle = releaseView(fixtureFiles(ORACLE));
// A: a1 a2 · B: b2 b1 · C: c1 c2 (value indices 0, 1 in each column).

const mixed = releaseView(
  fixtureFiles({
    columns: [
      { name: "s", kind: "single" },
      { name: "m", kind: "multi" },
    ],
    records: [
      [["p"], ["x", "y"]],
      [["q"], ["x", "y", "z"]],
      [["p"], ["y"]],
      [[], ["x", "z"]],
    ],
    aggregates: [
      { cells: [[], ["x"]], count: 3 },
      { cells: [[], ["y"]], count: 3 },
      { cells: [[], ["x", "y"]], count: 2 },
      { cells: [["p"], ["x", "y"]], count: 1 },
    ],
    length: 3,
  }),
);
// s: p q · m: x y z.

function select(view: typeof oracle, picks: [number, number][]): Selection {
  return picks.reduce(
    (selection, [column, value]) => toggleValue({ view, selection, column, value }),
    EMPTY_SELECTION,
  );
}

const labels = (view: typeof oracle, selection: Selection) =>
  describeSelection({ view, selection }).map((s) => `${s.columnName}=${s.label}`);

describe("selection rules", () => {
  it("a single-value column holds one value: another replaces it, the same one deselects it", () => {
    let s = select(oracle, [[0, 0]]);
    expect(labels(oracle, s)).toEqual(["A=a1"]);
    s = toggleValue({ view: oracle, selection: s, column: 0, value: 1 });
    expect(labels(oracle, s)).toEqual(["A=a2"]);
    s = toggleValue({ view: oracle, selection: s, column: 0, value: 1 });
    expect(s.attributes).toEqual([]);
  });

  it("a multi-value column holds several values (includes all)", () => {
    const s = select(mixed, [
      [1, 2],
      [1, 0],
      [0, 0],
    ]);
    expect(labels(mixed, s)).toEqual(["s=p", "m=x", "m=z"]);
    expect(selectedValues({ view: mixed, selection: s, column: 1 })).toEqual([0, 2]);
    expect(isSelected({ view: mixed, selection: s, column: 1, value: 1 })).toBe(false);
    const less = toggleValue({ view: mixed, selection: s, column: 1, value: 0 });
    expect(labels(mixed, less)).toEqual(["s=p", "m=z"]);
  });

  it("AND across columns; clear one value, one column, all", () => {
    const s = select(mixed, [
      [0, 1],
      [1, 0],
      [1, 1],
    ]);
    expect(labels(mixed, removeValue({ view: mixed, selection: s, column: 1, value: 1 }))).toEqual([
      "s=q",
      "m=x",
    ]);
    expect(removeValue({ view: mixed, selection: s, column: 1, value: 2 })).toBe(s);
    expect(labels(mixed, clearColumn({ view: mixed, selection: s, column: 1 }))).toEqual(["s=q"]);
    expect(labels(mixed, clearColumn({ view: mixed, selection: s, column: 0 }))).toEqual([
      "m=x",
      "m=y",
    ]);
    expect(clearAll().attributes).toEqual([]);
  });

  it("never changes a selection in place", () => {
    const s = select(oracle, [[0, 0]]);
    const before = [...s.attributes];
    toggleValue({ view: oracle, selection: s, column: 1, value: 0 });
    clearColumn({ view: oracle, selection: s, column: 0 });
    expect(s.attributes).toEqual(before);
  });

  it("refuses a value outside the view (a bug)", () => {
    expect(() =>
      toggleValue({ view: oracle, selection: EMPTY_SELECTION, column: 0, value: 2 }),
    ).toThrow(InternalError);
    expect(() =>
      toggleValue({ view: oracle, selection: EMPTY_SELECTION, column: 3, value: 0 }),
    ).toThrow(InternalError);
  });
});

/** value label → [synthetic, reportable or reason, selected]. */
function table(view: typeof oracle, selection: Selection, column: number) {
  const counts = columnCounts({ view, selection, column });
  return Object.fromEntries(
    counts.values.map((v) => [v.label, [v.synthetic, v.reportable ?? v.reason, v.selected]]),
  );
}

describe("columnCounts on the oracle (docs/design.md §10)", () => {
  it("with nothing selected: each value alone", () => {
    expect(table(oracle, EMPTY_SELECTION, 0)).toEqual({ a1: [3, 2, false], a2: [2, 2, false] });
    expect(table(oracle, EMPTY_SELECTION, 1)).toEqual({
      b2: [3, 2, false],
      b1: [1, "not-reported", false],
    });
  });

  it("a selection narrows the other columns; its own single-value column shows each value in its place", () => {
    const s = select(oracle, [[0, 0]]);
    expect(table(oracle, s, 0)).toEqual({ a1: [3, 2, true], a2: [2, 2, false] });
    expect(table(oracle, s, 1)).toEqual({ b2: [2, 2, false], b1: [1, "not-reported", false] });
    expect(table(oracle, s, 2)).toEqual({ c1: [2, 2, false], c2: [0, "not-reported", false] });
    const two = select(oracle, [
      [0, 0],
      [1, 0],
    ]);
    expect(table(oracle, two, 0)).toEqual({ a1: [2, 2, true], a2: [1, "not-reported", false] });
    expect(table(oracle, two, 2)).toEqual({
      c1: [1, "not-reported", false],
      c2: [0, "not-reported", false],
    });
    expect(columnCounts({ view: oracle, selection: two, column: 2 }).base).toBe(2);
  });

  it("combinations longer than L have no reportable count", () => {
    const view = releaseView(fixtureFiles({ ...ORACLE, length: 2, aggregates: ORACLE.aggregates }));
    const two = select(view, [
      [0, 0],
      [1, 0],
    ]);
    const counts = columnCounts({ view, selection: two, column: 2 });
    expect(
      counts.values.map((v) => [v.label, v.synthetic, v.reportable, v.reason, v.length]),
    ).toEqual([
      ["c1", 1, null, "too-long", 3],
      ["c2", 0, null, "too-long", 3],
    ]);
  });

  it("multi-value columns: a record must include the value and every selected one", () => {
    const s = select(mixed, [[1, 0]]);
    expect(table(mixed, s, 1)).toEqual({
      x: [3, 3, true],
      y: [2, 2, false],
      z: [2, "not-reported", false],
    });
    expect(table(mixed, s, 0)).toEqual({
      p: [1, "not-reported", false],
      q: [1, "not-reported", false],
    });
    const xy = select(mixed, [
      [1, 0],
      [1, 1],
      [0, 0],
    ]);
    expect(table(mixed, xy, 1)).toEqual({
      x: [1, 1, true],
      y: [1, 1, true],
      z: [0, "too-long", false],
    });
  });

  it("refuses the match of another selection", () => {
    const match = matchRecords({ view: oracle, selection: EMPTY_SELECTION });
    const s = select(oracle, [[0, 0]]);
    expect(() => columnCounts({ view: oracle, selection: s, column: 0, match })).toThrow(
      InternalError,
    );
  });
});
