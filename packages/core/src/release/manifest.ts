/**
 * manifest.json of a release (docs/design.md §7) and the plain-language statements, one fixed
 * template per mode. The statement is what the showcase and the web app show verbatim.
 */

import type { DpPrivacy } from "../dp/manifest-privacy.js";
import type { BinInfo, Dataset } from "../ingest/types.js";

export type { DpPrivacy } from "../dp/manifest-privacy.js";

export type ReleaseMode =
  | "row-seeded"
  | "value-seeded"
  | "unseeded"
  | "aggregate-seeded"
  | "dp"
  | "aggregates-only";

export interface KAnonymityPrivacy {
  model: "k-anonymity";
  k: number;
  reportingLength: number;
  guarantee: "all-lengths" | "up-to-length";
  /**
   * Row- and value-seeded: each value occurs in synthetic.csv exactly as often as its count in
   * aggregates.csv, or at most as often (docs/design.md §12, the default since fragments were cut).
   * Absent in other modes, and in manifests written before it was stated: read those as
   * "exact" (attributeCountsOf).
   */
  attributeCounts?: AttributeCounts;
}

export type AttributeCounts = "exact" | "at-most";

/** Whether a value held `held` times keeps the promise `counts` about its count `count`. */
export function keepsCount(counts: AttributeCounts, held: number, count: number): boolean {
  return held === count || (counts === "at-most" && held < count);
}

/** Modes whose synthetic records promise something about each value's count. */
export function countsPromised(mode: ReleaseMode): boolean {
  return mode === "row-seeded" || mode === "value-seeded";
}

/** What a manifest promises about each value's count in synthetic.csv (undefined: nothing). */
export function attributeCountsOf(m: {
  mode: ReleaseMode;
  privacy: object;
}): AttributeCounts | undefined {
  if (!countsPromised(m.mode)) return undefined;
  return "attributeCounts" in m.privacy && m.privacy.attributeCounts === "at-most"
    ? "at-most"
    : "exact";
}

export interface ManifestColumn {
  name: string;
  kind: "single" | "multi";
  delimiter?: string;
  bins?: BinInfo;
  /**
   * "(missing)" when a missing cell of this column is published as that value (docs/design.md §12):
   * counted, thresholded and rounded like any value, written as the label in synthetic.csv
   * (an empty synthetic cell then means "withheld"). Absent: a missing cell is no attribute.
   */
  missingLabel?: string;
}

export interface ManifestInput {
  delimiter: string;
  missing: string[];
  missingByColumn?: Record<string, string[]>;
  subjectIdColumn?: string;
  recordLimit?: number;
}

export interface Manifest {
  tool: "CommonGround";
  version: string;
  createdAt: string;
  title: string;
  description: string;
  /** The licence's identifier (e.g. CC-BY-4.0), when one was given. */
  license?: string;
  /** The release's own version, when one was given. */
  releaseVersion?: string;
  mode: ReleaseMode;
  privacy: KAnonymityPrivacy | DpPrivacy;
  records: { reported: number; synthetic?: number };
  columns: ManifestColumn[];
  /**
   * The header of aggregates.csv's count column (docs/design.md §15): `count`, or `count_2`, `count_3`…
   * when a data column holds that name. Absent in manifests written before it was recorded:
   * read that as `count` (countColumnOf).
   */
  countColumn?: string;
  input: ManifestInput;
  files: string[];
  statement: string;
  /**
   * "sha256:<hex>" of synthetic.csv and aggregates.csv, by name (file-hashes.ts). Absent in
   * manifests written before it was recorded.
   */
  fileHashes?: Record<string, string>;
}

/**
 * The count column's header for these data column names (docs/design.md §15): `count`, else the first of
 * `count_2`, `count_3`, … that no data column holds.
 */
export function countColumnName(names: readonly string[]): string {
  const taken = new Set(names);
  if (!taken.has("count")) return "count";
  let i = 2;
  while (taken.has(`count_${i}`)) i++;
  return `count_${i}`;
}

/** The count column a manifest names; `count` for a manifest older than the field. */
export function countColumnOf(manifest: { countColumn?: unknown }): string {
  return typeof manifest.countColumn === "string" ? manifest.countColumn : "count";
}

/** A manifest of a DP release. */
export type DpManifest = Manifest & { mode: "dp"; privacy: DpPrivacy };

/** A manifest of a k-anonymity release (every mode but dp). */
export type KAnonymityManifest = Manifest & { privacy: KAnonymityPrivacy };

/** The statement of a k-anonymity release, from the template of its mode (docs/design.md §7). */
export function kAnonymityStatement(
  mode: ReleaseMode,
  k: number,
  length: number,
  counts?: AttributeCounts,
): string {
  const rounding = `Counts are rounded down to multiples of ${k}.`;
  if (mode === "aggregates-only") {
    return (
      `Every combination of attributes in these counts describes at least ${k} people in the original data. ` +
      `${rounding} Only combinations of up to ${length} attributes are counted, and no individual records are published.`
    );
  }
  if (mode === "aggregate-seeded") {
    return (
      `Every combination of up to ${length} attributes in these records and counts describes at least ${k} people in the original data. ` +
      `${rounding} The records are synthetic: each was assembled only from attribute combinations that at least ${k} real people share. ` +
      "Longer combinations in the synthetic records may not exist in the original data."
    );
  }
  const often =
    counts === undefined
      ? ""
      : ` Each value appears in the records ${counts === "exact" ? "exactly" : "at most"} as often as its count.`;
  return (
    `Every combination of attributes in these records and counts describes at least ${k} people in the original data. ` +
    `${rounding} The records are synthetic: each was assembled only from attribute combinations that at least ${k} real people share.${often}`
  );
}

/** What the user says of a release (all optional; none by default). */
export interface ReleaseLabels {
  title?: string;
  /** In the manifest, and first in datapackage.json's description (the statement follows). */
  description?: string;
  /**
   * The licence the release is published under, as an identifier (SPDX or Open Definition,
   * e.g. CC-BY-4.0): the manifest and datapackage.json's `licenses`.
   */
  license?: string;
  /** The release's own version (datapackage.json's `version`), e.g. 2026.1 or 1.0.0. */
  releaseVersion?: string;
}

const LABELS = ["title", "description", "license", "releaseVersion"] as const;

/** The labels given among `o`'s fields (those set only: no undefined keys). */
export function releaseLabels(o: ReleaseLabels): ReleaseLabels {
  const labels: ReleaseLabels = {};
  for (const key of LABELS) if (o[key] !== undefined) labels[key] = o[key];
  return labels;
}

/** The manifest's header: CommonGround's version, the time, and the labels. */
export interface ManifestHeader extends ReleaseLabels {
  version: string;
  createdAt: Date;
}

export interface ManifestOptions extends ManifestHeader {
  mode: ReleaseMode;
  k: number;
  length: number;
  reportedRecords: number;
  syntheticRecords?: number;
  /** Row- and value-seeded: what the records promise about each value's count. */
  attributeCounts?: AttributeCounts;
  input: ManifestInput;
  files: string[];
}

/** Builds the manifest of a k-anonymity release. */
export function kAnonymityManifest(data: Dataset, o: ManifestOptions): Manifest {
  const records: Manifest["records"] = { reported: o.reportedRecords };
  const counts = countsPromised(o.mode) ? (o.attributeCounts ?? "at-most") : undefined;
  if (o.syntheticRecords !== undefined) records.synthetic = o.syntheticRecords;
  return {
    ...header(o),
    mode: o.mode,
    privacy: {
      model: "k-anonymity",
      k: o.k,
      reportingLength: o.length,
      guarantee:
        o.mode === "aggregate-seeded" || o.mode === "aggregates-only"
          ? "up-to-length"
          : "all-lengths",
      ...(counts && { attributeCounts: counts }),
    },
    records,
    columns: manifestColumns(data),
    countColumn: countColumnName(data.columns.map((c) => c.name)),
    input: o.input,
    files: o.files,
    statement: kAnonymityStatement(o.mode, o.k, o.length, counts),
  };
}

/** The statement of a DP release (docs/design.md §7 template). */
export function dpStatement(epsilon: number, delta: number, unit: "person" | "row"): string {
  const factor = Math.exp(epsilon);
  const about = factor < 100 ? factor.toFixed(factor < 10 ? 2 : 1) : factor.toExponential(1);
  const who =
    unit === "person"
      ? "any one person"
      : "any one row of the original data (people with several rows are less protected)";
  return (
    `These files were produced with differential privacy (ε = ${formatNumber(epsilon)}, δ = ${formatNumber(delta)}): ` +
    `adding or removing ${who} changes the probability of any result by at most a factor of e^${formatNumber(epsilon)} (about ${about}), ` +
    `except with probability ${formatNumber(delta)}. Counts include random noise.`
  );
}

function formatNumber(x: number): string {
  return x !== 0 && (Math.abs(x) < 1e-3 || Math.abs(x) >= 1e6)
    ? x.toExponential(2)
    : String(Number(x.toPrecision(6)));
}

export interface DpManifestOptions extends ManifestHeader {
  privacy: Omit<DpPrivacy, "model" | "randomness">;
  reportedRecords: number;
  syntheticRecords: number;
  input: ManifestInput;
  files: string[];
}

/** Builds the manifest of a DP release. */
export function dpManifest(data: Dataset, o: DpManifestOptions): Manifest {
  return {
    ...header(o),
    mode: "dp",
    privacy: { model: "differential-privacy", ...o.privacy, randomness: "secure" },
    records: { reported: o.reportedRecords, synthetic: o.syntheticRecords },
    columns: manifestColumns(data),
    countColumn: countColumnName(data.columns.map((c) => c.name)),
    input: o.input,
    files: o.files,
    statement: dpStatement(o.privacy.epsilon, o.privacy.delta, o.privacy.privacyUnit),
  };
}

function header(o: ManifestHeader) {
  return {
    tool: "CommonGround" as const,
    version: o.version,
    createdAt: o.createdAt.toISOString(),
    title: o.title ?? "",
    description: o.description ?? "",
    ...(o.license !== undefined && { license: o.license }),
    ...(o.releaseVersion !== undefined && { releaseVersion: o.releaseVersion }),
  };
}

function manifestColumns(data: Dataset): ManifestColumn[] {
  return data.columns.map((c) => {
    const col: ManifestColumn = { name: c.name, kind: c.kind };
    if (c.delimiter !== undefined) col.delimiter = c.delimiter;
    if (c.bins !== undefined) col.bins = c.bins;
    if (c.missingLabel !== undefined) col.missingLabel = c.missingLabel;
    return col;
  });
}
