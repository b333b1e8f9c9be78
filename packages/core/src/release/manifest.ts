/**
 * manifest.json of a release (DESIGN §7) and the plain-language statements, one fixed
 * template per mode. The statement is what the showcase and the web app show verbatim.
 */
import type { BinInfo, Dataset } from "../ingest/types.js";

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
}

export interface DpPrivacy {
  model: "differential-privacy";
  epsilon: number;
  delta: number;
  /** What one protected unit is: a person (subject-ID merged) or a row (no --subject-id). */
  privacyUnit: "person" | "row";
  /** Length of the published aggregates. */
  reportingLength: number;
  /** How ε was split: record count (pure ε), percentile selections and noise (as ε-shares of zCDP ρ). */
  split: {
    recordCount: { epsilon: number };
    percentiles: { rho: number; epsilonEach: number; count: number };
    noise: { rho: number; sigmas: number[] };
    rho: number;
  };
  accuracyMode: string;
  fabricationMode: string;
  style: "fitted" | "sds";
  /** Randomness: always a cryptographically secure source for DP releases. */
  randomness: "secure";
}

export interface ManifestColumn {
  name: string;
  kind: "single" | "multi";
  delimiter?: string;
  bins?: BinInfo;
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
  mode: ReleaseMode;
  privacy: KAnonymityPrivacy | DpPrivacy;
  records: { reported: number; synthetic?: number };
  columns: ManifestColumn[];
  input: ManifestInput;
  files: string[];
  statement: string;
}

/** A manifest of a DP release. */
export type DpManifest = Manifest & { mode: "dp"; privacy: DpPrivacy };

/** A manifest of a k-anonymity release (every mode but dp). */
export type KAnonymityManifest = Manifest & { privacy: KAnonymityPrivacy };

/** The statement of a k-anonymity release, from the template of its mode (DESIGN §7). */
export function kAnonymityStatement(mode: ReleaseMode, k: number, length: number): string {
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
  return (
    `Every combination of attributes in these records and counts describes at least ${k} people in the original data. ` +
    `${rounding} The records are synthetic: each was assembled only from attribute combinations that at least ${k} real people share.`
  );
}

export interface ManifestOptions {
  version: string;
  createdAt: Date;
  title?: string;
  description?: string;
  mode: ReleaseMode;
  k: number;
  length: number;
  reportedRecords: number;
  syntheticRecords?: number;
  input: ManifestInput;
  files: string[];
}

/** Builds the manifest of a k-anonymity release. */
export function kAnonymityManifest(data: Dataset, o: ManifestOptions): Manifest {
  const records: Manifest["records"] = { reported: o.reportedRecords };
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
    },
    records,
    columns: manifestColumns(data),
    input: o.input,
    files: o.files,
    statement: kAnonymityStatement(o.mode, o.k, o.length),
  };
}

/** The statement of a DP release (DESIGN §7 template). */
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

export interface DpManifestOptions {
  version: string;
  createdAt: Date;
  title?: string;
  description?: string;
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
    input: o.input,
    files: o.files,
    statement: dpStatement(o.privacy.epsilon, o.privacy.delta, o.privacy.privacyUnit),
  };
}

function header(o: { version: string; createdAt: Date; title?: string; description?: string }) {
  return {
    tool: "CommonGround" as const,
    version: o.version,
    createdAt: o.createdAt.toISOString(),
    title: o.title ?? "",
    description: o.description ?? "",
  };
}

function manifestColumns(data: Dataset): ManifestColumn[] {
  return data.columns.map((c) => {
    const col: ManifestColumn = { name: c.name, kind: c.kind };
    if (c.delimiter !== undefined) col.delimiter = c.delimiter;
    if (c.bins !== undefined) col.bins = c.bins;
    return col;
  });
}
