/**
 * Re-checks what manifest.json states about itself and the data (docs/design.md §7): the statement is
 * the fixed template of its mode with its own k and L, the guarantee is its mode's, the columns
 * are the data's selected columns (names, kinds, delimiters, bins), the reported record count
 * is floor_k(n), the file list matches the mode, and records.synthetic counts synthetic.csv.
 */
import { floorK } from "../aggregate/aggregate-table.js";
import type { Column, Dataset } from "../ingest/types.js";
import {
  attributeCountsOf,
  countsPromised,
  type KAnonymityManifest,
  kAnonymityStatement,
  type Manifest,
  type ManifestColumn,
  type ManifestInput,
} from "../release/manifest.js";
import { records, type Violations } from "./release-cells.js";

/** Parameters the caller expects the release to state (e.g. `verify --k 10`). */
export interface ExpectedParameters {
  k?: number;
  length?: number;
}

/** True for the modes that publish synthetic records. */
export function hasSyntheticRecords(mode: Manifest["mode"]): boolean {
  return mode !== "aggregates-only" && mode !== "dp";
}

/** Checks the manifest's own statements against its mode, k, L and the data. */
export function checkManifest(
  data: Dataset,
  m: KAnonymityManifest,
  expected: ExpectedParameters,
  v: Violations,
): void {
  const { k, reportingLength: L } = m.privacy;
  checkKAnonymityStatements(m, v);
  if (expected.k !== undefined && expected.k !== k) {
    v.add("parameters", `manifest.json states k = ${k}, not the k = ${expected.k} asked for.`);
  }
  // As when counting, a length above the number of columns means "all of them".
  const wanted =
    expected.length === undefined ? undefined : Math.min(expected.length, data.columns.length);
  if (wanted !== undefined && wanted !== L) {
    v.add("parameters", `manifest.json states L = ${L}, not the L = ${wanted} asked for.`);
  }
  checkColumns(data, m.columns, v);
  const reported = floorK(data.recordCount, k);
  if (m.records.reported !== reported) {
    v.add(
      "reported-records",
      `manifest.json reports ${records(m.records.reported)}, but the data hold ${records(data.recordCount)}, which rounds down to ${reported} (a multiple of k = ${k}).`,
    );
  }
}

/**
 * What a k-anonymity manifest states about itself, checked without the data: the statement is
 * its mode's template with its k and L, the guarantee is its mode's, the file list its mode's.
 */
export function checkKAnonymityStatements(m: KAnonymityManifest, v: Violations): void {
  const { k, reportingLength: L, guarantee } = m.privacy;
  const counts = attributeCountsOf(m);
  const stated = m.privacy.attributeCounts;
  if (stated !== undefined && (counts === undefined || stated !== counts)) {
    v.add(
      "guarantee",
      `manifest.json states attributeCounts "${String(stated)}", which a ${m.mode} release does not give${countsPromised(m.mode) ? ' (it gives "exact" or "at-most")' : ""}.`,
    );
  }
  const statement = kAnonymityStatement(m.mode, k, L, counts);
  if (m.statement !== statement) {
    const stated = [...m.statement.matchAll(/at least (\d+)|up to (\d+)|multiples of (\d+)/g)];
    const numbers = stated.map((s) => s[0]).join(", ");
    v.add(
      "statement",
      `manifest.json's statement is not the one of a ${m.mode} release with k = ${k} and L = ${L}${numbers ? ` (it says ${numbers})` : ""}. It should read: "${statement}"`,
    );
  }
  const modeGuarantee =
    m.mode === "aggregate-seeded" || m.mode === "aggregates-only" ? "up-to-length" : "all-lengths";
  if (guarantee !== modeGuarantee) {
    v.add(
      "guarantee",
      `manifest.json states the guarantee "${guarantee}", but a ${m.mode} release gives "${modeGuarantee}".`,
    );
  }
  const files = new Set(m.files);
  const required = ["aggregates.csv", "manifest.json"];
  if (hasSyntheticRecords(m.mode)) required.push("synthetic.csv");
  for (const f of required) {
    if (!files.has(f))
      v.add("files", `manifest.json does not list ${f} among the release's files.`);
  }
  if (!hasSyntheticRecords(m.mode) && files.has("synthetic.csv")) {
    v.add(
      "files",
      `manifest.json lists synthetic.csv, but a ${m.mode} release publishes no records.`,
    );
  }
}

/** records.synthetic against the rows of synthetic.csv (and its presence against the mode). */
export function checkSyntheticCount(m: Manifest, rows: number | undefined, v: Violations): void {
  const stated = m.records.synthetic;
  if (!hasSyntheticRecords(m.mode)) {
    if (rows !== undefined) {
      v.add(
        "synthetic-unexpected",
        `The release holds synthetic.csv, but a ${m.mode} release publishes no records, so nothing vouches for them.`,
      );
    }
    if (stated !== undefined) {
      v.add(
        "synthetic-count",
        `manifest.json counts ${records(stated)} as synthetic, but a ${m.mode} release publishes none.`,
      );
    }
    return;
  }
  if (rows === undefined) {
    v.add("synthetic-missing", `A ${m.mode} release must hold synthetic.csv; this one does not.`);
    return;
  }
  if (stated !== rows) {
    v.add(
      "synthetic-count",
      `manifest.json counts ${stated === undefined ? "no" : records(stated)} synthetic records, but synthetic.csv has ${records(rows)}.`,
    );
  }
}

/** The manifest's columns (names, kinds, delimiters, bins) against the data read with them. */
export function checkColumns(data: Dataset, columns: ManifestColumn[], v: Violations): void {
  const n = Math.max(columns.length, data.columns.length);
  for (let i = 0; i < n; i++) {
    const stated = columns[i];
    const actual = data.columns[i];
    if (stated && actual && sameColumn(stated, actual)) continue;
    v.add(
      "columns",
      `manifest.json describes column ${i + 1} as ${stated ? describeColumn(stated) : "nothing"}, but the data read with these settings have ${actual ? describeColumn(actual) : "no such column"}.`,
    );
  }
}

function sameColumn(a: ManifestColumn, b: Column): boolean {
  if (a.name !== b.name || a.kind !== b.kind || a.delimiter !== b.delimiter) return false;
  if (a.missingLabel !== b.missingLabel) return false;
  if (a.bins === undefined || b.bins === undefined) return a.bins === b.bins;
  return (
    a.bins.spec === b.bins.spec &&
    sameList(a.bins.edges, b.bins.edges) &&
    sameList(a.bins.labels, b.bins.labels)
  );
}

function sameList<T>(a: readonly T[], b: readonly T[]): boolean {
  return a.length === b.length && a.every((x, i) => x === b[i]);
}

function describeColumn(c: ManifestColumn | Column): string {
  let text = `"${c.name}" (${c.kind === "multi" ? `multi-value, delimiter "${c.delimiter}"` : "single-value"}`;
  if (c.bins) text += `, binned ${c.bins.spec} into ${c.bins.labels.join(" | ")}`;
  if (c.missingLabel) text += `, missing cells published as "${c.missingLabel}"`;
  return `${text})`;
}

/** The settings the input was actually read with (a flag given to verify overrides the manifest's). */
export type InputSettings = Pick<ManifestInput, "missing" | "missingByColumn" | "subjectIdColumn">;

/**
 * The manifest's missing tokens and subject ID column against those the input was read with:
 * a difference means the release does not describe the data as read.
 */
export function checkInputSettings(
  stated: ManifestInput,
  used: InputSettings,
  v: Violations,
): void {
  const tokens = (list: readonly string[]) => [...new Set(["", ...list])].sort();
  const show = (list: readonly string[]) => list.map((t) => JSON.stringify(t)).join(", ");
  if (!sameList(tokens(stated.missing), tokens(used.missing))) {
    v.add(
      "parameters",
      `manifest.json states the missing-value tokens ${show(tokens(stated.missing))}, but the input was read with ${show(tokens(used.missing))}.`,
    );
  }
  const byColumn = (m: Record<string, string[]> | undefined) =>
    JSON.stringify(
      Object.entries(m ?? {})
        .map(([c, list]) => [c, tokens(list)])
        .sort(),
    );
  if (byColumn(stated.missingByColumn) !== byColumn(used.missingByColumn)) {
    v.add(
      "parameters",
      "manifest.json states other missing-value tokens per column than the input was read with.",
    );
  }
  if ((stated.subjectIdColumn ?? "") !== (used.subjectIdColumn ?? "")) {
    v.add(
      "parameters",
      `manifest.json states ${stated.subjectIdColumn === undefined ? "no subject ID column" : `the subject ID column "${stated.subjectIdColumn}"`}, but the input was read with ${used.subjectIdColumn === undefined ? "none" : `"${used.subjectIdColumn}"`}.`,
    );
  }
}
