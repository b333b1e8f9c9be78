/**
 * `verify` (docs/design.md §4, §7; issue 3 item 5, issue 11 defect 5): re-checks every promise a
 * k-anonymity release makes, from the sensitive data alone. Nothing in the release is trusted
 * before it is checked: the manifest's shape, then its statements (check-manifest.ts), then
 * aggregates.csv (check-aggregates.ts) and synthetic.csv (check-synthetic.ts) against the truth
 * computed here with the counting engine, then the other files of the folder (check-files.ts).
 *
 * Violation kinds:
 * - manifest            manifest.json lacks a field or has one of the wrong type
 * - statement, guarantee, parameters, columns, reported-records, files
 *                       a statement of manifest.json that is not true of the release or the data
 * - header              a CSV file's columns are not the data's selected columns
 * - malformed-row       a row that cannot be a combination / record (ragged, a value repeated
 *                       or empty in a multi-value cell, a bad count, no attribute)
 * - unknown-value       a value no record has: the row describes nobody
 * - aggregate-rare, aggregate-absent, aggregate-too-long, aggregate-count,
 *   aggregate-duplicate, aggregate-missing
 * - synthetic-rare      a synthetic record (or, up-to-length, one of its combinations of up to
 *                       L attributes) held by fewer than k records
 * - attribute-count     row-/value-seeded: an attribute not appearing exactly floor_k(n_v) times
 * - synthetic-missing, synthetic-unexpected, synthetic-count
 * - files, file-hash, datapackage, showcase
 *                       the release folder holds a file that does not belong (or lacks a listed
 *                       one), a CSV file is not the one whose SHA-256 the manifest records,
 *                       datapackage.json or showcase.html does not show this release
 *                       (check-files.ts; only when the caller gives the folder)
 * DP releases (verify-dp.ts) add: budget, noise, synthetic-unpublished; `verify --public`
 * (verify-public.ts) checks the same files without the sensitive data.
 */

import { aggregate } from "../aggregate/aggregate.js";
import type { AggregateTable } from "../aggregate/aggregate-table.js";
import { CombinationIndex } from "../aggregate/combination-index.js";
import type { CountExecutor } from "../aggregate/count-combinations.js";
import type { Allocate } from "../aggregate/counting-input.js";
import type { Dataset } from "../ingest/types.js";
import { attributeCountsOf, countColumnOf } from "../release/manifest.js";
import { validateManifest } from "../release/manifest-shape.js";
import type { ReleaseTable } from "../release/read-csv.js";
import { checkAggregates, type VerifyContext } from "./check-aggregates.js";
import { checkFiles, digestRows, type ReleaseFolderContent, RowDigest } from "./check-files.js";
import {
  checkInputSettings,
  checkManifest,
  checkSyntheticCount,
  type ExpectedParameters,
  hasSyntheticRecords,
  type InputSettings,
} from "./check-manifest.js";
import type { NoiseCheck } from "./check-noise.js";
import { checkSynthetic } from "./check-synthetic.js";
import { RecordSupport } from "./record-support.js";
import { type Violation, Violations } from "./release-cells.js";

export type { Violation } from "./release-cells.js";

/** A release as read from its folder; CSV cells with the spreadsheet-safety prefix removed. */
export interface ParsedRelease {
  /** manifest.json, parsed but not yet trusted. */
  manifest: unknown;
  /** aggregates.csv: header, then data rows (an array, or streamed). */
  aggregates: ReleaseTable;
  /** synthetic.csv, when the release has one. */
  synthetic?: ReleaseTable;
  /**
   * The rest of the release folder (its entries, datapackage.json, showcase.html, the CSV
   * files' SHA-256). Without it only manifest.json and the CSV files are checked.
   */
  folder?: ReleaseFolderContent;
}

export interface VerifyOptions {
  /** k and L the caller expects the manifest to state; a difference is a violation. */
  expect?: ExpectedParameters;
  /** Violations kept with their messages (all are counted). Default 1000. */
  maxViolations?: number;
  /** Counting, as in AggregateOptions (default: in the calling thread). */
  executor?: CountExecutor;
  tasks?: number;
  allocate?: Allocate;
  onProgress?: (fraction: number) => void;
  /** The settings the input was read with, to compare with the manifest's. */
  readWith?: InputSettings;
}

export interface VerifyResult {
  ok: boolean;
  /** The first `maxViolations` violations, in the order found. */
  violations: Violation[];
  /** Number of violations found in all. */
  violationCount: number;
  checked: {
    /** Rows of synthetic.csv read. */
    syntheticRecords: number;
    /** Rows of aggregates.csv read. */
    aggregateRows: number;
    /** Combinations of up to L attributes held by at least k records (all must be reported). */
    combinations: number;
  };
  /** The manifest's k and L (when its shape could be read). */
  k?: number;
  length?: number;
  mode?: string;
  /** The files checked beside the CSV files, named for the summary. */
  filesChecked?: string[];
  /** What could not be checked, in plain words. */
  unchecked?: string[];
  /** DP: the test of the noise (check-noise.ts). */
  noise?: NoiseCheck;
}

/**
 * Verifies `release` against `data`, the sensitive input re-read with the manifest's settings.
 * Returns every violation found; `ok` when there is none.
 */
export async function verifyRelease(
  data: Dataset,
  release: ParsedRelease,
  options: VerifyOptions = {},
): Promise<VerifyResult> {
  const v = new Violations(options.maxViolations ?? 1000);
  const checked = { syntheticRecords: 0, aggregateRows: 0, combinations: 0 };
  const shape = validateManifest(release.manifest);
  if (!("manifest" in shape)) {
    for (const p of shape.problems) v.add("manifest", `manifest.json: ${p}.`);
    return result(v, checked);
  }
  const m = shape.manifest;
  const { k, reportingLength } = m.privacy;
  checkManifest(data, m, options.expect ?? {}, v);
  if (options.readWith) checkInputSettings(m.input, options.readWith, v);

  const length = Math.min(reportingLength, data.columns.length);
  const reportable = await reportableTable(data, k, length, options);
  checked.combinations = reportable.counts.length;
  const ctx: VerifyContext = {
    data,
    k,
    countColumn: countColumnOf(m),
    length,
    reportable,
    reportableSet: new CombinationIndex(
      reportable.attrs,
      reportable.length,
      reportable.counts.length,
    ),
    support: new RecordSupport(data),
    violations: v,
  };
  const digests = { aggregates: new RowDigest(), synthetic: new RowDigest() };
  checked.aggregateRows = await checkAggregates(
    ctx,
    digestRows(release.aggregates, digests.aggregates),
  );
  if (release.synthetic && hasSyntheticRecords(m.mode)) {
    const synthetic = digestRows(release.synthetic, digests.synthetic);
    checked.syntheticRecords = await checkSynthetic(ctx, synthetic, {
      guarantee: m.mode === "aggregate-seeded" ? "up-to-length" : "all-lengths",
      attributeCounts: attributeCountsOf(m),
      mode: m.mode,
    });
  }
  checkSyntheticCount(m, release.synthetic ? checked.syntheticRecords : undefined, v);
  const files = checkFiles({
    raw: release.manifest,
    manifest: m,
    folder: release.folder,
    digests: {
      aggregates: digests.aggregates,
      ...(release.synthetic && hasSyntheticRecords(m.mode) && { synthetic: digests.synthetic }),
    },
    violations: v,
  });
  return {
    ...result(v, checked),
    k,
    length: reportingLength,
    mode: m.mode,
    filesChecked: files.checked,
    unchecked: files.unchecked,
  };
}

/** Every combination of up to `length` attributes held by ≥ k records (none when k > n). */
async function reportableTable(
  data: Dataset,
  k: number,
  length: number,
  o: VerifyOptions,
): Promise<AggregateTable> {
  if (k > data.recordCount) {
    return { length, attrs: new Uint32Array(0), counts: new Uint32Array(0) };
  }
  const counted = await aggregate(data, {
    k,
    length,
    // The release was counted once already; refusing to check it would help nobody.
    workLimit: "none",
    ...(o.executor && { executor: o.executor }),
    ...(o.tasks !== undefined && { tasks: o.tasks }),
    ...(o.allocate && { allocate: o.allocate }),
    ...(o.onProgress && { onProgress: o.onProgress }),
  });
  return counted.reportable;
}

function result(v: Violations, checked: VerifyResult["checked"]): VerifyResult {
  return { ok: v.count === 0, violations: v.list, violationCount: v.count, checked };
}
