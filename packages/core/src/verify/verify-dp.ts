/**
 * `verify` of a DP release (issue 4, issue 11 defect 5, docs/design.md §5):
 *
 * - the manifest: its shape, statement, unit and budget (check-dp-manifest.ts); its columns,
 *   bins and input settings against the data read with them (check-manifest.ts);
 * - aggregates.csv and synthetic.csv: readable, closed and monotone, every synthetic
 *   combination of up to L attributes published (check-published.ts);
 * - the noise: the published single-value counts far above the threshold against the true
 *   ones (check-noise.ts) — found inconsistent with the stated σ, or not; noise can never be
 *   proven;
 * - the other files of the folder, when given: hashes, datapackage.json, showcase.html, nothing
 *   else (check-files.ts).
 */
import type { Dataset } from "../ingest/types.js";
import { countColumnOf } from "../release/manifest.js";
import { validateDpManifest } from "../release/manifest-shape.js";
import { checkDpManifest } from "./check-dp-manifest.js";
import { checkFiles, digestRows, RowDigest } from "./check-files.js";
import { checkColumns, checkInputSettings } from "./check-manifest.js";
import { checkNoise } from "./check-noise.js";
import { checkClosedMonotone, checkSyntheticCovered, readPublished } from "./check-published.js";
import { Violations } from "./release-cells.js";
import type { ParsedRelease, VerifyOptions, VerifyResult } from "./verify-release.js";

export async function verifyDpRelease(
  data: Dataset,
  release: ParsedRelease,
  options: Pick<VerifyOptions, "maxViolations" | "readWith"> = {},
): Promise<VerifyResult> {
  const v = new Violations(options.maxViolations ?? 1000);
  const checked = { syntheticRecords: 0, aggregateRows: 0, combinations: 0 };
  const shape = validateDpManifest(release.manifest);
  if (!("manifest" in shape)) {
    for (const p of shape.problems) v.add("manifest", `manifest.json: ${p}.`);
    return { ...done(v, checked), filesChecked: [], unchecked: [] };
  }
  const m = shape.manifest;
  checkDpManifest(m, v);
  checkColumns(data, m.columns, v);
  if (options.readWith) checkInputSettings(m.input, options.readWith, v);

  const length = Math.min(m.privacy.reportingLength, data.columns.length);
  const digests = { aggregates: new RowDigest(), synthetic: new RowDigest() };
  const published = await readPublished(
    data,
    digestRows(release.aggregates, digests.aggregates),
    { countColumn: countColumnOf(m), length },
    v,
  );
  checked.aggregateRows = published.read;
  checked.combinations = published.rows.size;
  checkClosedMonotone(data, published, v);

  const singles = new Map<number, number>();
  for (const { ids, count } of published.rows.values()) {
    if (ids.length === 1) singles.set(ids[0]!, count);
  }
  const noise = checkNoise(data, m, singles, v);

  const syn = release.synthetic;
  if (!syn) v.add("files", "The release has no synthetic.csv, though a DP release has one.");
  else {
    checked.syntheticRecords = await checkSyntheticCovered(
      data,
      digestRows(syn, digests.synthetic),
      published,
      { length, counts: undefined, mode: "dp" },
      v,
    );
    if (checked.syntheticRecords !== m.records.synthetic) {
      v.add(
        "synthetic-count",
        `manifest.json says synthetic.csv has ${m.records.synthetic} records; it has ${checked.syntheticRecords}.`,
      );
    }
  }
  const files = checkFiles({
    raw: release.manifest,
    manifest: m,
    folder: release.folder,
    digests: { aggregates: digests.aggregates, ...(syn && { synthetic: digests.synthetic }) },
    violations: v,
  });
  const unchecked = [...files.unchecked];
  if (noise.unchecked !== undefined) unchecked.push(noise.unchecked);
  return {
    ...done(v, checked),
    length: m.privacy.reportingLength,
    mode: "dp",
    noise,
    filesChecked: files.checked,
    unchecked,
  };
}

function done(v: Violations, checked: VerifyResult["checked"]): VerifyResult {
  return { ok: v.count === 0, violations: v.list, violationCount: v.count, checked };
}
