/**
 * `verify` of a DP release (issue 4, DESIGN §5): what can be checked without the noise.
 *
 * - the manifest's shape, its statement (the DP template with its ε, δ and unit), the unit
 *   against the input settings, and the budget arithmetic: ρ from ε − ε_N and δ, ρ split into
 *   the percentile selections and the noise, the noise's ρ from its σ_l;
 * - aggregates.csv: known values, at most L per row, positive whole counts, each listed once,
 *   every sub-combination listed with a count at least as large (the post-processing);
 * - synthetic.csv: no combination of up to L attributes that the aggregates lack, and as many
 *   rows as the manifest says.
 * The sensitive input serves only to read values back into attributes: DP promises nothing
 * about true counts that could be checked against it.
 */
import { rhoFromEpsilon } from "../dp/accounting.js";
import type { Dataset } from "../ingest/types.js";
import { dpStatement } from "../release/manifest.js";
import { CombinationKeys, forEachSubset } from "../synthesize/combination-keys.js";
import { validateDpManifest } from "./manifest-shape.js";
import {
  checkHeader,
  describeCells,
  describeIds,
  readCells,
  unreadable,
  Violations,
} from "./release-cells.js";
import type { ParsedRelease, VerifyResult } from "./verify-release.js";

const WHOLE = /^\d+$/;
const close = (a: number, b: number) =>
  Math.abs(a - b) <= 1e-9 * Math.max(Math.abs(a), Math.abs(b), 1e-300);

export async function verifyDpRelease(
  data: Dataset,
  release: ParsedRelease,
  options: { maxViolations?: number } = {},
): Promise<VerifyResult> {
  const v = new Violations(options.maxViolations ?? 1000);
  const checked = { syntheticRecords: 0, aggregateRows: 0, combinations: 0 };
  const shape = validateDpManifest(release.manifest);
  if (!("manifest" in shape)) {
    for (const p of shape.problems) v.add("manifest", `manifest.json: ${p}.`);
    return done(v, checked);
  }
  const m = shape.manifest;
  const { epsilon, delta, privacyUnit, reportingLength, split } = m.privacy;
  const statement = dpStatement(epsilon, delta, privacyUnit);
  if (m.statement !== statement) {
    v.add(
      "statement",
      `manifest.json's statement is not the one of a DP release with ε = ${epsilon} and δ = ${delta}. It should read: "${statement}"`,
    );
  }
  const unit = m.input.subjectIdColumn === undefined ? "row" : "person";
  if (privacyUnit !== unit) {
    v.add(
      "parameters",
      `manifest.json says the privacy unit is a ${privacyUnit}, but the input ${unit === "row" ? "has no" : "has a"} subject ID column: it is a ${unit}.`,
    );
  }
  checkBudget(epsilon, delta, reportingLength, split, v);

  const length = Math.min(reportingLength, data.columns.length);
  const keys = new CombinationKeys(data.attributeColumn.length, length);
  const published = new Map<number | string, { ids: number[]; count: number }>();
  const ids: number[] = [];
  // aggregates.csv
  const agg = release.aggregates;
  const map = checkHeader(data, "aggregates.csv", agg.header, "count", v);
  if (map === undefined) checked.aggregateRows = await unreadable("aggregates.csv", agg, v);
  else {
    let row = 0;
    for await (const cells of agg.rows) {
      row++;
      const where = () =>
        `aggregates.csv row ${row} (${describeCells(agg.header.slice(0, -1), cells)})`;
      const count = cells[map.extra] ?? "";
      if (cells.length !== agg.header.length || !WHOLE.test(count) || Number(count) < 1) {
        v.add("malformed-row", `${where()}: not a row of values with a positive whole count.`);
        continue;
      }
      const problem = readCells(data, cells, map.columnOf, ids);
      if (problem) {
        v.add(problem.kind, `${where()}: ${problem.message}.`);
        continue;
      }
      if (ids.length === 0 || ids.length > length) {
        v.add(
          ids.length === 0 ? "malformed-row" : "aggregate-too-long",
          `${where()}: holds ${ids.length} attributes; rows hold 1 to ${length}.`,
        );
        continue;
      }
      const key = keys.key(ids);
      if (published.has(key)) {
        v.add("aggregate-duplicate", `${where()}: the combination is listed twice.`);
        continue;
      }
      published.set(key, { ids: [...ids], count: Number(count) });
    }
    checked.aggregateRows = row;
  }
  checked.combinations = published.size;
  // Closed under sub-combinations, and monotone (post-processing).
  const sub: number[] = [];
  for (const { ids: combo, count } of published.values()) {
    if (combo.length < 2) continue;
    for (let skip = 0; skip < combo.length; skip++) {
      sub.length = 0;
      for (let i = 0; i < combo.length; i++) if (i !== skip) sub.push(combo[i]!);
      const parent = published.get(keys.key(sub));
      if (!parent)
        v.add(
          "aggregate-missing",
          `aggregates.csv lists ${describeIds(data, combo)} but not its part ${describeIds(data, sub)}.`,
        );
      else if (parent.count < count)
        v.add(
          "aggregate-count",
          `aggregates.csv counts ${describeIds(data, combo)} ${count} times, more than its part ${describeIds(data, sub)} (${parent.count}).`,
        );
    }
  }
  // synthetic.csv
  const syn = release.synthetic;
  if (!syn) v.add("files", "The release has no synthetic.csv, though a DP release lists one.");
  else {
    const smap = checkHeader(data, "synthetic.csv", syn.header, undefined, v);
    if (smap === undefined) checked.syntheticRecords = await unreadable("synthetic.csv", syn, v);
    else {
      let row = 0;
      for await (const cells of syn.rows) {
        row++;
        const problem = readCells(data, cells, smap.columnOf, ids);
        if (problem) {
          v.add(problem.kind, `synthetic.csv row ${row}: ${problem.message}.`);
          continue;
        }
        const record = [...ids];
        forEachSubset(record, length, (combo) => {
          if (!published.has(keys.key(combo))) {
            v.add(
              "synthetic-unpublished",
              () =>
                `synthetic.csv row ${row} holds ${describeIds(data, combo)}, a combination the DP aggregates do not list.`,
            );
          }
        });
      }
      checked.syntheticRecords = row;
      if (row !== m.records.synthetic) {
        v.add(
          "synthetic-count",
          `manifest.json says synthetic.csv has ${m.records.synthetic} records; it has ${row}.`,
        );
      }
    }
  }
  return { ...done(v, checked), length: reportingLength, mode: "dp" };
}

function checkBudget(
  epsilon: number,
  delta: number,
  length: number,
  split: {
    recordCount: { epsilon: number };
    percentiles: { rho: number; epsilonEach: number; count: number };
    noise: { rho: number; sigmas: number[] };
    rho: number;
  },
  v: Violations,
): void {
  const say = (what: string) => v.add("budget", `manifest.json's budget does not add up: ${what}.`);
  const epsilonN = split.recordCount.epsilon;
  if (!(epsilonN < epsilon)) {
    say(`the record count's ε (${epsilonN}) is not below the total ε (${epsilon})`);
    return;
  }
  const rho = rhoFromEpsilon(epsilon - epsilonN, delta);
  if (!close(split.rho, rho))
    say(`ε − ε_N = ${epsilon - epsilonN} with δ = ${delta} gives ρ = ${rho}, not ${split.rho}`);
  const { percentiles: pc, noise } = split;
  if (pc.count !== length) say(`${pc.count} percentile selections for ${length} lengths`);
  if (!close(pc.rho, (pc.count * pc.epsilonEach ** 2) / 2))
    say(
      `${pc.count} selections of ε ${pc.epsilonEach} cost ρ = ${(pc.count * pc.epsilonEach ** 2) / 2}, not ${pc.rho}`,
    );
  if (noise.sigmas.length !== length)
    say(`${noise.sigmas.length} noise scales for ${length} lengths`);
  const noiseRho = noise.sigmas.reduce((a, s) => a + 1 / (2 * s * s), 0);
  if (!close(noise.rho, noiseRho))
    say(`noise with σ = ${noise.sigmas.join(", ")} costs ρ = ${noiseRho}, not ${noise.rho}`);
  if (!close(pc.rho + noise.rho, split.rho) && pc.rho + noise.rho > split.rho)
    say(`the parts spend ρ = ${pc.rho + noise.rho}, more than ρ = ${split.rho}`);
}

function done(v: Violations, checked: VerifyResult["checked"]): VerifyResult {
  return { ok: v.count === 0, violations: v.list, violationCount: v.count, checked };
}
