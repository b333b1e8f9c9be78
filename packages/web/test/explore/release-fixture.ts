/**
 * Test helper: writes the public files of a small release (manifest.json as an object,
 * synthetic.csv and aggregates.csv as text) from plain lists of values, the way core writes
 * them (wide form, multi-value cells sorted and joined, spreadsheet-safe quoting). Also a
 * brute-force reading of the same lists, to check the Explore model against.
 */
import { formatCsvRow, kAnonymityStatement } from "@commonground/core/internal";

export interface FixtureColumn {
  name: string;
  kind: "single" | "multi";
  bins?: { spec: string; edges: number[]; labels: string[] };
  /** "(missing)": the column's missing cells are published as that value. */
  missingLabel?: string;
}

/** Per column, the values (a single-value column: at most one). */
export type Cells = readonly (readonly string[])[];

export interface Fixture {
  columns: readonly FixtureColumn[];
  records: readonly Cells[];
  aggregates: readonly { cells: Cells; count: number }[];
  k?: number;
  length: number;
}

const DELIMITER = ";";

function row(cells: Cells, count?: number): string {
  const text = cells.map((values) => [...values].sort().join(DELIMITER));
  return formatCsvRow(count === undefined ? text : [...text, String(count)]);
}

export function fixtureFiles(f: Fixture): {
  manifest: unknown;
  synthetic: string;
  aggregates: string;
} {
  const names = f.columns.map((c) => c.name);
  const k = f.k ?? 1;
  const manifest = {
    tool: "CommonGround",
    version: "0.1.0",
    createdAt: "2026-01-01T00:00:00.000Z",
    title: "Fixture",
    description: "",
    mode: "row-seeded",
    privacy: { model: "k-anonymity", k, reportingLength: f.length, guarantee: "all-lengths" },
    records: { reported: f.records.length, synthetic: f.records.length },
    columns: f.columns.map((c) => ({
      name: c.name,
      kind: c.kind,
      ...(c.kind === "multi" && { delimiter: DELIMITER }),
      ...(c.bins && { bins: c.bins }),
      ...(c.missingLabel && { missingLabel: c.missingLabel }),
    })),
    input: { delimiter: ",", missing: [""] },
    files: ["synthetic.csv", "aggregates.csv", "manifest.json"],
    statement: kAnonymityStatement("row-seeded", k, f.length),
  };
  return {
    manifest,
    synthetic: formatCsvRow(names) + f.records.map((r) => row(r)).join(""),
    aggregates:
      formatCsvRow([...names, "count"]) + f.aggregates.map((a) => row(a.cells, a.count)).join(""),
  };
}

/** A combination as text, independent of any ids: "column=value" pairs, sorted. */
export function textKey(pairs: Iterable<readonly [string, string]>): string {
  return [...pairs]
    .map(([c, v]) => `${c}=${v}`)
    .sort()
    .join("\u0000");
}

/** The (column, value) pairs of a row of cells. */
export function pairsOf(columns: readonly FixtureColumn[], cells: Cells): [string, string][] {
  return cells.flatMap((values, c) => values.map((v): [string, string] => [columns[c]!.name, v]));
}

/** docs/design.md §10's oracle: rows (A,B,C) and, with k = 2, its aggregates.csv. */
export const ORACLE: Fixture = {
  columns: [
    { name: "A", kind: "single" },
    { name: "B", kind: "single" },
    { name: "C", kind: "single" },
  ],
  records: [
    [["a1"], ["b1"], ["c1"]],
    [["a1"], ["b2"], ["c1"]],
    [["a2"], [], ["c2"]],
    [["a2"], ["b2"], ["c1"]],
    [["a1"], ["b2"], []],
  ],
  aggregates: [
    { cells: [["a1"], [], []], count: 2 },
    { cells: [["a2"], [], []], count: 2 },
    { cells: [[], ["b2"], []], count: 2 },
    { cells: [[], [], ["c1"]], count: 2 },
    { cells: [["a1"], ["b2"], []], count: 2 },
    { cells: [["a1"], [], ["c1"]], count: 2 },
    { cells: [[], ["b2"], ["c1"]], count: 2 },
  ],
  k: 2,
  length: 3,
};

/**
 * A release whose columns G (single) and M (multi) publish their missing cells as "(missing)",
 * G's being its most frequent value (so aggregates.csv lists it first), k = 1.
 */
export const UNKNOWN: Fixture = {
  columns: [
    { name: "G", kind: "single", missingLabel: "(missing)" },
    { name: "M", kind: "multi", missingLabel: "(missing)" },
  ],
  records: [
    [["f"], ["x"]],
    [["(missing)"], ["x", "y"]],
    [["(missing)"], ["(missing)"]],
    [["(missing)"], ["y"]],
    [["m"], ["x"]],
  ],
  aggregates: [
    { cells: [["(missing)"], []], count: 3 },
    { cells: [[], ["x"]], count: 3 },
    { cells: [["f"], []], count: 1 },
    { cells: [["m"], []], count: 1 },
    { cells: [[], ["(missing)"]], count: 1 },
    { cells: [["(missing)"], ["y"]], count: 2 },
  ],
  k: 1,
  length: 2,
};
