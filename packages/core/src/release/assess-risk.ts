/**
 * The risk analysis of the sensitive data on its own (the web app's Risk step): the same reading,
 * validation and counting as `makeRelease`, with no release made. Kept private by its hosts.
 */
import type { RiskReport } from "../aggregate/risk-analysis.js";
import type { Warning } from "../errors.js";
import { type ReleaseEffects, type ReleaseInput, readAndCount } from "./make-release.js";
import { type ReleaseOptions, validateReleaseOptions } from "./release-options.js";

export interface RiskAssessment {
  risk: RiskReport;
  /** Data rows read, and records (people) after subject merging. */
  rows: number;
  records: number;
  warnings: Warning[];
}

/** Reads the input and analyses its risk at k and L; options are validated as a release's. */
export async function assessRisk(
  input: ReleaseInput,
  options: Pick<ReleaseOptions, "ingest" | "k" | "length" | "workLimit">,
  effects: Pick<ReleaseEffects, "counting" | "onProgress"> = {},
): Promise<RiskAssessment> {
  const warnings = validateReleaseOptions(options);
  const { data, counted } = await readAndCount(input, options, effects, (list) =>
    warnings.push(...list),
  );
  return { risk: counted.risk, rows: data.rowsRead, records: data.recordCount, warnings };
}
