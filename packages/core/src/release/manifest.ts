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
  privacy: KAnonymityPrivacy;
  records: { reported: number; synthetic?: number };
  columns: ManifestColumn[];
  input: ManifestInput;
  files: string[];
  statement: string;
}

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
    tool: "CommonGround",
    version: o.version,
    createdAt: o.createdAt.toISOString(),
    title: o.title ?? "",
    description: o.description ?? "",
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
    columns: data.columns.map((c) => {
      const col: ManifestColumn = { name: c.name, kind: c.kind };
      if (c.delimiter !== undefined) col.delimiter = c.delimiter;
      if (c.bins !== undefined) col.bins = c.bins;
      return col;
    }),
    input: o.input,
    files: o.files,
    statement: kAnonymityStatement(o.mode, o.k, o.length),
  };
}
