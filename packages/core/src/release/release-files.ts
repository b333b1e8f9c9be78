/**
 * The files of a release (docs/design.md §7), built once for every host: the CLI writes them to a
 * folder, the web app zips them. Public files (synthetic.csv, aggregates.csv, manifest.json,
 * datapackage.json) and the private ones computed from the sensitive data (risk.json,
 * evaluation.json, sensitive-aggregates.csv); each host adds its own run.json.
 * For the same data, settings and seed, every public file but the manifest's `createdAt` is the
 * same whoever builds it.
 */
import type { AggregateResult } from "../aggregate/aggregate.js";
import type { DpSynthesis } from "../dp/dp-synthesize.js";
import { dpPrivacy } from "../dp/dp-synthesize.js";
import type { Evaluation } from "../evaluate/evaluate.js";
import type { IngestOptions } from "../ingest/options.js";
import type { Dataset } from "../ingest/types.js";
import type { SyntheticData } from "../synthesize/synthetic-data.js";
import { decodeUtf8 } from "../util/text.js";
import { aggregatesCsv } from "./aggregates-csv.js";
import { dataPackageJson } from "./datapackage.js";
import { fileHashes } from "./file-hashes.js";
import {
  type AttributeCounts,
  dpManifest,
  kAnonymityManifest,
  type Manifest,
  type ManifestHeader,
  type ManifestInput,
  type ReleaseMode,
  releaseLabels,
} from "./manifest.js";
import { syntheticCsv } from "./synthetic-csv.js";

/** The showcase's file name in a release (docs/design.md §7). */
export const SHOWCASE = "showcase.html";

/** A file's content: text, or UTF-8 chunks made on demand (large CSV files). */
export type FileContent = string | Iterable<Uint8Array>;

export interface ReleaseFile {
  name: string;
  content: FileContent;
}

export interface ReleaseFiles {
  /** The release: safe to publish. */
  public: ReleaseFile[];
  /** Computed from the sensitive data: never to be published. */
  private: ReleaseFile[];
  manifest: Manifest;
}

/** What every release's manifest states about who made it and how the input was read. */
export interface ReleaseHeader extends ManifestHeader {
  /** The options the input was read with (delimiter, missing tokens, subject ID, limit). */
  ingest: IngestOptions;
  /**
   * The host adds showcase.html (built from the public files; see packages/web/src/showcase):
   * the manifest lists it. Default false.
   */
  showcase?: boolean;
}

export interface KAnonymityReleaseOptions extends ReleaseHeader {
  data: Dataset;
  counted: AggregateResult;
  /** Absent: an aggregates-only release. */
  synthesis?: {
    mode: Exclude<ReleaseMode, "aggregates-only" | "dp">;
    synthetic: SyntheticData;
    /** Row- and value-seeded: exact counts (exactCounts) or at most. */
    attributeCounts?: AttributeCounts;
  };
  evaluation?: Evaluation;
}

/** The files of a k-anonymity release (aggregates only, or with synthetic records). */
export function kAnonymityReleaseFiles(o: KAnonymityReleaseOptions): ReleaseFiles {
  const { data, counted, synthesis } = o;
  const names = synthesis
    ? ["synthetic.csv", "aggregates.csv", "manifest.json", "datapackage.json"]
    : ["aggregates.csv", "manifest.json", "datapackage.json"];
  if (o.showcase) names.push(SHOWCASE);
  const manifest = kAnonymityManifest(data, {
    ...header(o),
    mode: synthesis ? synthesis.mode : "aggregates-only",
    k: counted.k,
    length: counted.length,
    reportedRecords: counted.reportedRecords,
    ...(synthesis && { syntheticRecords: synthesis.synthetic.recordCount }),
    ...(synthesis?.attributeCounts && { attributeCounts: synthesis.attributeCounts }),
    input: manifestInput(o.ingest ?? {}, data.delimiter, counted.k),
    files: names,
  });
  const pub: ReleaseFile[] = [];
  if (synthesis)
    pub.push({ name: "synthetic.csv", content: syntheticCsv(data, synthesis.synthetic) });
  pub.push({ name: "aggregates.csv", content: aggregatesCsv(data, counted.reportable) });
  manifest.fileHashes = fileHashes(pub);
  pub.push({ name: "manifest.json", content: json(manifest) });
  pub.push({ name: "datapackage.json", content: dataPackageJson(manifest) });
  const priv: ReleaseFile[] = [];
  if (counted.sensitive)
    priv.push({
      name: "sensitive-aggregates.csv",
      content: aggregatesCsv(data, counted.sensitive),
    });
  if (o.evaluation) priv.push({ name: "evaluation.json", content: json(o.evaluation) });
  priv.push({ name: "risk.json", content: json(counted.risk) });
  return { public: pub, private: priv, manifest };
}

export interface DpReleaseOptions extends ReleaseHeader {
  data: Dataset;
  dp: DpSynthesis;
  epsilon: number;
  accuracy?: Parameters<typeof dpPrivacy>[1]["accuracy"];
  /** The k-anonymity risk analysis of the sensitive data (private). */
  risk: AggregateResult["risk"];
  evaluation?: Evaluation;
}

/** The files of a DP release. */
export function dpReleaseFiles(o: DpReleaseOptions): ReleaseFiles {
  const { data, dp } = o;
  const names = ["synthetic.csv", "aggregates.csv", "manifest.json", "datapackage.json"];
  if (o.showcase) names.push(SHOWCASE);
  const manifest = dpManifest(data, {
    ...header(o),
    privacy: dpPrivacy(dp, {
      epsilon: o.epsilon,
      ...(o.accuracy !== undefined && { accuracy: o.accuracy }),
      privacyUnit: o.ingest?.subjectId === undefined ? "row" : "person",
    }),
    reportedRecords: dp.aggregates.noisyRecords,
    syntheticRecords: dp.synthetic.recordCount,
    // The record limit, once reached, is the number of rows read: never published under DP.
    input: { ...manifestInput(o.ingest ?? {}, data.delimiter, 1), recordLimit: undefined },
    files: names,
  });
  const priv: ReleaseFile[] = [];
  if (o.evaluation) priv.push({ name: "evaluation.json", content: json(o.evaluation) });
  priv.push({ name: "risk.json", content: json(o.risk) });
  const csv = [
    { name: "synthetic.csv", content: syntheticCsv(data, dp.synthetic) },
    { name: "aggregates.csv", content: aggregatesCsv(data, dp.aggregates.table) },
  ];
  manifest.fileHashes = fileHashes(csv);
  return {
    public: [
      ...csv,
      { name: "manifest.json", content: json(manifest) },
      { name: "datapackage.json", content: dataPackageJson(manifest) },
    ],
    private: priv,
    manifest,
  };
}

/**
 * The `input` of manifest.json. The record limit is published only when it is a multiple of k:
 * once the limit is reached it equals the number of rows read, which (without a subject ID) is
 * the exact n that no public file may reveal (docs/design.md §3). run.json always records it.
 */
export function manifestInput(ingest: IngestOptions, delimiter: string, k: number): ManifestInput {
  const input: ManifestInput = { delimiter, missing: ["", ...(ingest.missing ?? [])] };
  if (ingest.missingByColumn) input.missingByColumn = ingest.missingByColumn;
  if (ingest.subjectId !== undefined) input.subjectIdColumn = ingest.subjectId;
  if (ingest.recordLimit !== undefined && ingest.recordLimit % k === 0) {
    input.recordLimit = ingest.recordLimit;
  }
  return input;
}

/** A file's content as text (chunks decoded and joined). */
export function contentText(content: FileContent): string {
  return typeof content === "string" ? content : [...content].map(decodeUtf8).join("");
}

/**
 * The public files with every content made text, for a host that also builds the showcase
 * from them (chunked contents can be read only once).
 */
export function withTextContents(files: ReleaseFile[]): { name: string; content: string }[] {
  return files.map((f) => ({ name: f.name, content: contentText(f.content) }));
}

/** JSON as the release writes it: two-space indents, a final newline. */
export function json(value: unknown): string {
  return `${JSON.stringify(value, null, 2)}\n`;
}

function header(o: ReleaseHeader): ManifestHeader {
  return { version: o.version, createdAt: o.createdAt, ...releaseLabels(o) };
}
