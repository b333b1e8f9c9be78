/**
 * columnCounts against a brute-force count over random small releases: random single- and
 * multi-value columns, random synthetic records, random reportable aggregates (values that
 * only the aggregates hold included), random selections made through the selection rules.
 * The brute force works on the generated text values only, never on the view's ids.
 */
import {
  columnCounts,
  describeSelection,
  EMPTY_SELECTION,
  matchRecords,
  type Selection,
  toggleValue,
} from "@commonground/core/internal";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { type ReleaseView, releaseView } from "../../src/explore/release-view.js";
import {
  type Cells,
  type Fixture,
  type FixtureColumn,
  fixtureFiles,
  pairsOf,
  textKey,
} from "./release-fixture.js";

// Tricky values: CSV quoting, the spreadsheet-safety prefix, numbers, bin labels.
const POOL = ["x", "y", "=z", "a, b", "10", "2", "<18", "18–24", '"q"'];

function cellsArb(columns: readonly FixtureColumn[], pools: string[][]): fc.Arbitrary<Cells> {
  return fc.tuple(
    ...columns.map((c, i) =>
      c.kind === "multi"
        ? fc.subarray(pools[i]!)
        : fc.oneof(
            fc.constant([] as string[]),
            fc.constantFrom(...pools[i]!).map((v) => [v]),
          ),
    ),
  );
}

const fixtureArb: fc.Arbitrary<Fixture> = fc
  .record({
    kinds: fc.array(fc.constantFrom("single" as const, "multi" as const), {
      minLength: 1,
      maxLength: 4,
    }),
    length: fc.integer({ min: 1, max: 4 }),
  })
  .chain(({ kinds, length }) => {
    const columns = kinds.map((kind, i): FixtureColumn => ({ name: `col${i}`, kind }));
    return fc
      .tuple(...kinds.map(() => fc.subarray(POOL, { minLength: 1, maxLength: 4 })))
      .chain((pools) =>
        fc.record({
          columns: fc.constant(columns),
          length: fc.constant(length),
          records: fc.array(cellsArb(columns, pools), { maxLength: 40 }),
          aggregates: fc
            .uniqueArray(
              fc.record({ cells: cellsArb(columns, pools), count: fc.nat({ max: 60 }) }),
              { selector: (a) => textKey(pairsOf(columns, a.cells)), maxLength: 30 },
            )
            .map((list) =>
              list.filter((a) => {
                const n = pairsOf(columns, a.cells).length;
                return n >= 1 && n <= length;
              }),
            ),
        }),
      );
  });

/** Clicks as (column, value) picks taken modulo the view's sizes. */
const clicksArb = fc.array(fc.tuple(fc.nat(), fc.nat()), { maxLength: 6 });

function applyClicks(view: ReleaseView, clicks: [number, number][]): Selection {
  let selection = EMPTY_SELECTION;
  for (const [c, v] of clicks) {
    const column = c % view.columns.length;
    const size = view.columns[column]!.values.length;
    if (size > 0) selection = toggleValue({ view, selection, column, value: v % size });
  }
  return selection;
}

function bruteForce(f: Fixture, view: ReleaseView, selection: Selection, column: number) {
  const records = f.records.map((r) => new Set(pairsOf(f.columns, r).map(([c, v]) => `${c}=${v}`)));
  const reported = new Map(
    f.aggregates.map((a) => [textKey(pairsOf(f.columns, a.cells)), a.count]),
  );
  const chosen = describeSelection({ view, selection });
  const name = view.columns[column]!.name;
  const single = view.columns[column]!.kind === "single";
  return view.columns[column]!.values.map((label) => {
    const pairs = new Map<string, [string, string]>();
    for (const s of chosen) {
      if (!(single && s.columnName === name))
        pairs.set(`${s.columnName}=${s.label}`, [s.columnName, s.label]);
    }
    pairs.set(`${name}=${label}`, [name, label]);
    const synthetic = records.filter((r) => [...pairs.keys()].every((p) => r.has(p))).length;
    const count = reported.get(textKey(pairs.values()));
    const reason = pairs.size > f.length ? "too-long" : count === undefined ? "not-reported" : null;
    return {
      label,
      synthetic,
      reportable: reason === null ? count : null,
      reason,
      length: pairs.size,
      selected: chosen.some((s) => s.columnName === name && s.label === label),
    };
  });
}

describe("columnCounts (property)", () => {
  it("equals a brute-force count for every value of every column", () => {
    fc.assert(
      fc.property(fixtureArb, clicksArb, (f, clicks) => {
        const view = releaseView(fixtureFiles(f));
        const selection = applyClicks(view, clicks);
        const match = matchRecords({ view, selection });
        view.columns.forEach((_, column) => {
          const shared = columnCounts({ view, selection, column, match });
          const alone = columnCounts({ view, selection, column });
          expect(alone).toEqual(shared);
          const got = shared.values.map(({ value: _v, ...rest }) => rest);
          expect(got).toEqual(bruteForce(f, view, selection, column));
        });
      }),
      { numRuns: 300, seed: 20_260_101 },
    );
  });

  it("selections keep at most one value per single-value column, ascending ids", () => {
    fc.assert(
      fc.property(fixtureArb, clicksArb, (f, clicks) => {
        const view = releaseView(fixtureFiles(f));
        const { attributes } = applyClicks(view, clicks);
        expect([...attributes].sort((a, b) => a - b)).toEqual(attributes);
        expect(new Set(attributes).size).toBe(attributes.length);
        view.columns.forEach((column, c) => {
          const n = attributes.filter((id) => view.attributeColumn[id] === c).length;
          if (column.kind === "single") expect(n).toBeLessThanOrEqual(1);
        });
      }),
      { numRuns: 200, seed: 7 },
    );
  });

  it("a selected multi-value record count is the number of records matching the whole selection", () => {
    fc.assert(
      fc.property(fixtureArb, clicksArb, (f, clicks) => {
        const view = releaseView(fixtureFiles(f));
        const selection = applyClicks(view, clicks);
        const match = matchRecords({ view, selection });
        view.columns.forEach((column, c) => {
          const counts = columnCounts({ view, selection, column: c, match });
          for (const v of counts.values) {
            if (v.selected) expect(v.synthetic).toBe(match.all.length);
            if (column.kind === "multi") expect(counts.base).toBe(match.all.length);
          }
        });
      }),
      { numRuns: 150, seed: 11 },
    );
  });
});
