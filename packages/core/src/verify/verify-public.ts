/**
 * `verify --public RELEASE` (docs/design.md §15): what anyone holding a release can check without the
 * sensitive data —
 *
 * - manifest.json: its shape; its statement is the template of its mode and settings, its
 *   guarantee its mode's, its budget adds up (DP);
 * - the files: nothing but a release's files, the CSV files' SHA-256 as recorded, datapackage.json
 *   and showcase.html describing this release (check-files.ts);
 * - aggregates.csv: readable, 1 to L attributes per row, counts whole (k-anonymity: multiples of
 *   k, at least k, at most the reported number of records), closed under sub-combinations and
 *   monotone (check-published.ts);
 * - synthetic.csv: every combination of up to L attributes of a record is listed in
 *   aggregates.csv (every mode promises it); row- and value-seeded: each value as often as its
 *   single-value count; as many records as the manifest states.
 *
 * Not checkable without the data: that the counts are the true ones (or, under DP, carry noise),
 * that a combination held by k people is not missing, that the records describe real people.
 */

import {
  attributeCountsOf,
  countColumnOf,
  type DpManifest,
  type KAnonymityManifest,
} from "../release/manifest.js";
import { validateDpManifest, validateManifest } from "../release/manifest-shape.js";
import { checkDpManifest } from "./check-dp-manifest.js";
import { checkFiles, RowDigest } from "./check-files.js";
import { checkKAnonymityStatements } from "./check-manifest.js";
import {
  checkClosedMonotone,
  checkSyntheticCovered,
  readPublished,
  vocabularyOf,
} from "./check-published.js";
import { describeIds, records, Violations } from "./release-cells.js";
import type { ParsedRelease, VerifyResult } from "./verify-release.js";

/** Verifies a release from its public files alone. */
export async function verifyPublicRelease(
  release: ParsedRelease,
  options: { maxViolations?: number } = {},
): Promise<VerifyResult> {
  const v = new Violations(options.maxViolations ?? 1000);
  const checked = { syntheticRecords: 0, aggregateRows: 0, combinations: 0 };
  const raw = release.manifest as { mode?: unknown; privacy?: { model?: unknown } } | null;
  const dp = raw?.mode === "dp" || raw?.privacy?.model === "differential-privacy";
  const shape: { manifest?: KAnonymityManifest | DpManifest; problems: string[] } = dp
    ? validateDpManifest(release.manifest)
    : validateManifest(release.manifest);
  if (shape.manifest === undefined) {
    for (const p of shape.problems) v.add("manifest", `manifest.json: ${p}.`);
    return { ...done(v, checked), filesChecked: [], unchecked: [] };
  }
  const m: KAnonymityManifest | DpManifest = shape.manifest;
  if (m.privacy.model === "k-anonymity") checkKAnonymityStatements(m as KAnonymityManifest, v);
  else checkDpManifest(m as DpManifest, v);
  const k = m.privacy.model === "k-anonymity" ? m.privacy.k : undefined;
  if (k !== undefined && m.records.reported % k !== 0) {
    v.add(
      "reported-records",
      `manifest.json reports ${records(m.records.reported)}, which is not a multiple of k = ${k}.`,
    );
  }
  const length = Math.min(m.privacy.reportingLength, m.columns.length);

  // aggregates.csv, held to learn its values, then read against them.
  const digests = { aggregates: new RowDigest(), synthetic: new RowDigest() };
  const rows: (readonly string[])[] = [];
  for await (const row of release.aggregates.rows) {
    digests.aggregates.add(row);
    rows.push(row);
  }
  const data = vocabularyOf(m.columns, rows);
  const published = await readPublished(
    data,
    { header: release.aggregates.header, rows },
    { countColumn: countColumnOf(m), length, ...(k !== undefined && { k }) },
    v,
  );
  checked.aggregateRows = published.read;
  checked.combinations = published.rows.size;
  checkClosedMonotone(data, published, v);
  if (k !== undefined) {
    for (const { ids, count } of published.rows.values()) {
      if (count <= m.records.reported) continue;
      v.add(
        "aggregate-count",
        `aggregates.csv counts ${describeIds(data, ids)} ${count} times, more than the ${m.records.reported} records the release reports.`,
      );
    }
  }

  const publishesRecords = m.mode !== "aggregates-only";
  const syn = release.synthetic;
  if (syn && !publishesRecords) {
    v.add(
      "synthetic-unexpected",
      "The release holds synthetic.csv, but an aggregates-only release publishes no records, so nothing vouches for them.",
    );
  } else if (!syn && publishesRecords) {
    v.add("synthetic-missing", `A ${m.mode} release must hold synthetic.csv; this one does not.`);
  } else if (syn) {
    const tapped = {
      header: syn.header,
      rows: (async function* () {
        for await (const row of syn.rows) {
          digests.synthetic.add(row);
          yield row;
        }
      })(),
    };
    checked.syntheticRecords = await checkSyntheticCovered(
      data,
      tapped,
      published,
      {
        length,
        counts: attributeCountsOf(m),
        mode: m.mode,
        vocabulary: true,
      },
      v,
    );
    if (checked.syntheticRecords !== m.records.synthetic) {
      v.add(
        "synthetic-count",
        `manifest.json counts ${m.records.synthetic ?? "no"} synthetic records, but synthetic.csv has ${records(checked.syntheticRecords)}.`,
      );
    }
  }
  const files = checkFiles({
    raw: release.manifest,
    manifest: m,
    folder: release.folder,
    digests: {
      aggregates: digests.aggregates,
      ...(syn && publishesRecords && { synthetic: digests.synthetic }),
    },
    violations: v,
  });
  return {
    ...done(v, checked),
    ...(k !== undefined && { k }),
    length: m.privacy.reportingLength,
    mode: m.mode,
    filesChecked: files.checked,
    unchecked: files.unchecked,
  };
}

function done(v: Violations, checked: VerifyResult["checked"]): VerifyResult {
  return { ok: v.count === 0, violations: v.list, violationCount: v.count, checked };
}
