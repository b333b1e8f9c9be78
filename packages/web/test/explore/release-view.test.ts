import {
  columnCounts,
  combinationKey,
  EMPTY_SELECTION,
  matchRecords,
  toggleValue,
  UserError,
} from "@commonground/core/internal";
import { describe, expect, it } from "vitest";
import { type ReleaseView, releaseView } from "../../src/explore/release-view.js";
import { fixtureFiles, ORACLE } from "./release-fixture.js";

/** The records of a view as lists of "column=value" texts. */
function recordTexts(view: ReleaseView): string[][] {
  const out: string[][] = [];
  for (let r = 0; r < view.recordCount; r++) {
    const ids = view.recordAttributes.subarray(view.recordOffsets[r], view.recordOffsets[r + 1]);
    out.push(
      [...ids].map((id) => {
        const column = view.columns[view.attributeColumn[id]!]!;
        return `${column.name}=${column.values[id - column.firstAttribute]}`;
      }),
    );
  }
  return out;
}

function userError(f: () => unknown): UserError {
  try {
    f();
  } catch (e) {
    if (e instanceof UserError) return e;
    throw e;
  }
  throw new Error("expected a UserError");
}

describe("releaseView", () => {
  it("reads the oracle release", () => {
    const view = releaseView(fixtureFiles(ORACLE));
    expect(view.columns.map((c) => [c.name, c.kind, c.values, c.firstAttribute])).toEqual([
      ["A", "single", ["a1", "a2"], 0],
      ["B", "single", ["b2", "b1"], 2],
      ["C", "single", ["c1", "c2"], 4],
    ]);
    expect([...view.attributeColumn]).toEqual([0, 0, 1, 1, 2, 2]);
    expect(recordTexts(view)).toEqual([
      ["A=a1", "B=b1", "C=c1"],
      ["A=a1", "B=b2", "C=c1"],
      ["A=a2", "C=c2"],
      ["A=a2", "B=b2", "C=c1"],
      ["A=a1", "B=b2"],
    ]);
    expect(view.aggregates.size).toBe(7);
    expect(view.aggregates.get(combinationKey([0, 2]))).toBe(2);
    expect(view.aggregates.get(combinationKey([2, 4]))).toBe(2);
    expect(view.aggregates.get(combinationKey([3]))).toBeUndefined();
    expect(view.reportingLength).toBe(3);
    expect(view.mode).toBe("row-seeded");
    expect(view.privacy).toEqual({ model: "k-anonymity", k: 2, guarantee: "all-lengths" });
    expect(view.statement).toMatch(/at least 2 people/);
    expect(view.reportedRecords).toBe(5);
  });

  it("splits multi-value cells, keeps values that only the aggregates hold, undoes the spreadsheet prefix", () => {
    const view = releaseView(
      fixtureFiles({
        columns: [
          { name: "kind", kind: "multi" },
          { name: "note", kind: "single" },
        ],
        records: [
          [["sexual", "labour"], ["=1+1"]],
          [["labour"], ["a, b"]],
          [[], []],
        ],
        aggregates: [
          { cells: [["labour"], []], count: 2 },
          { cells: [["labour", "sexual"], []], count: 1 },
          { cells: [["begging"], ["-x"]], count: 1 },
        ],
        length: 2,
      }),
    );
    expect(view.columns[0]!.values).toEqual(["labour", "begging", "sexual"]);
    expect(view.columns[0]!.delimiter).toBe(";");
    expect(view.columns[1]!.values).toEqual(["-x", "=1+1", "a, b"]);
    expect(recordTexts(view)).toEqual([
      ["kind=labour", "kind=sexual", "note==1+1"],
      ["kind=labour", "note=a, b"],
      [],
    ]);
    expect(view.aggregates.get(combinationKey([0, 2]))).toBe(1);
    expect(view.aggregates.get(combinationKey([1, 3]))).toBe(1);
  });

  it("orders binned and numeric columns by number", () => {
    const view = releaseView(
      fixtureFiles({
        columns: [
          {
            name: "age",
            kind: "single",
            bins: { spec: "edges:18,25", edges: [18, 25], labels: ["<18", "18-24", "25+"] },
          },
          { name: "year", kind: "single" },
        ],
        records: [
          [["25+"], ["2010"]],
          [["<18"], ["2002"]],
          [["18-24"], ["2020"]],
        ],
        aggregates: [{ cells: [["25+"], []], count: 1 }],
        length: 2,
      }),
    );
    expect(view.columns[0]!.values).toEqual(["<18", "18-24", "25+"]);
    expect(view.columns[1]!.values).toEqual(["2002", "2010", "2020"]);
  });

  it("reads a DP manifest's ε and δ", () => {
    const files = fixtureFiles(ORACLE);
    const manifest = {
      ...(files.manifest as object),
      mode: "dp",
      privacy: {
        model: "differential-privacy",
        epsilon: 4,
        delta: 1e-6,
        privacyUnit: "row",
        reportingLength: 3,
        split: {
          recordCount: { epsilon: 0.02 },
          percentiles: { rho: 0.01, epsilonEach: 0.1, count: 1 },
          noise: { rho: 0.5, sigmas: [1, 2, 3] },
          rho: 0.6,
        },
        accuracyMode: "balanced",
        fabricationMode: "balanced",
        style: "fitted",
        randomness: "secure",
      },
      statement: "These files were produced with differential privacy (ε = 4, …).",
    };
    const view = releaseView({ ...files, manifest });
    expect(view.privacy).toEqual({ model: "differential-privacy", epsilon: 4, delta: 1e-6 });
    expect(view.mode).toBe("dp");
  });

  it("reads an aggregates-only release without synthetic.csv", () => {
    const files = fixtureFiles(ORACLE);
    const manifest = {
      ...(files.manifest as object),
      mode: "aggregates-only",
      records: { reported: 4 },
    };
    const view = releaseView({ manifest, aggregates: files.aggregates });
    expect(view.recordCount).toBe(0);
    expect(view.columns[1]!.values).toEqual(["b2"]);
    expect(view.aggregates.size).toBe(7);
  });
});

describe("releaseView refuses files that do not match", () => {
  const files = fixtureFiles(ORACLE);

  it.each([
    ["a manifest that is not one", { manifest: { tool: "Other" } }, /manifest\.json is not/],
    ["a missing synthetic.csv", { synthetic: undefined }, /synthetic\.csv is needed/],
    [
      "other columns",
      { synthetic: "A,C,B\na1,c1,b1\n" },
      /synthetic\.csv has the columns "A", "C", "B"/,
    ],
    ["no count column", { aggregates: "A,B,C\na1,,\n" }, /aggregates\.csv has the columns/],
    [
      "a count that is not a whole number",
      { aggregates: "A,B,C,count\na1,,,2.5\n" },
      /row 1: the count "2.5"/,
    ],
    [
      "an empty combination",
      { aggregates: "A,B,C,count\na1,,,2\n,,,3\n" },
      /row 2 holds a combination of 0/,
    ],
    ["a repeated combination", { aggregates: "A,B,C,count\na1,,,2\na1,,,3\n" }, /row 2 repeats/],
    [
      "more records than stated",
      { synthetic: `${files.synthetic}a1,,\n` },
      /holds 6 records, but manifest\.json states 5/,
    ],
    ["a ragged row", { synthetic: "A,B,C\na1,b1\n" }, /./],
  ])("%s", (_, change, message) => {
    const error = userError(() => releaseView({ ...files, ...change }));
    expect(error.message).toMatch(message);
  });

  it("a combination longer than L", () => {
    const error = userError(() =>
      releaseView({
        ...fixtureFiles({ ...ORACLE, length: 2 }),
        aggregates: "A,B,C,count\na1,b1,c1,2\n",
      }),
    );
    expect(error.message).toMatch(/3 attributes; the reporting length is 2/);
    expect(error.code).toBe("bad-release");
  });

  it("an empty value in a multi-value cell", () => {
    const f = fixtureFiles({
      columns: [{ name: "m", kind: "multi" }],
      records: [[["x"]]],
      aggregates: [],
      length: 1,
    });
    const error = userError(() => releaseView({ ...f, synthetic: "m\nx;\n" }));
    expect(error.message).toMatch(/column "m" holds an empty value in "x;"/);
  });
});

describe("releaseView at scale", () => {
  it("reads 100,000 synthetic records × 12 columns into typed arrays (speed: npm run bench)", () => {
    const names = Array.from({ length: 12 }, (_, c) => `c${c}`);
    const lines = [names.join(",")];
    // A deterministic spread of values (no Math.random): column c has 3 + c values.
    for (let r = 0; r < 100_000; r++) {
      lines.push(
        names
          .map((_, c) =>
            (r * (c + 7) + (r >> c)) % (4 + c) === 0 ? "" : `v${(r * 31 + c * 17) % (3 + c)}`,
          )
          .join(","),
      );
    }
    const manifest = {
      ...(fixtureFiles(ORACLE).manifest as object),
      columns: names.map((name) => ({ name, kind: "single" })),
      records: { reported: 100_000, synthetic: 100_000 },
    };
    const view = releaseView({
      manifest,
      synthetic: `${lines.join("\n")}\n`,
      aggregates: `${names.join(",")},count\nv0,,,,,,,,,,,,50\n`,
    });
    expect(view.recordCount).toBe(100_000);
    expect(view.recordOffsets).toBeInstanceOf(Uint32Array);
    expect(view.recordAttributes.length).toBe(view.recordOffsets[100_000]);
    expect(view.recordAttributes.length).toBeGreaterThan(900_000);

    // Then: filter once per selection and count every column.
    let selection = toggleValue({ view, selection: EMPTY_SELECTION, column: 0, value: 0 });
    selection = toggleValue({ view, selection, column: 5, value: 1 });
    const match = matchRecords({ view, selection });
    const totals = view.columns.map(
      (_, column) => columnCounts({ view, selection, column, match }).base,
    );
    expect(totals[1]).toBe(match.all.length);
    expect(totals[0]).toBeGreaterThan(match.all.length);
  });
});
