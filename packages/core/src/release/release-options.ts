/**
 * The options of a release (docs/design.md §8, §14) and their validation: every rule about what may be
 * asked for — bounds on k, ε and δ, which options go with which mode, no seed under DP, only
 * explicit bin edges under DP — lives here, so that no host (CLI, web app, library call) can
 * skip one. Defaults are stated once, in RELEASE_DEFAULTS and the option comments below.
 *
 * Validate, then run (STYLE): `validateReleaseOptions` checks what needs no data and returns
 * warnings; `checkAgainstData` checks what needs the columns (numeric columns, DP bins).
 */

import { DEFAULT_K, DEFAULT_LENGTH, WORK_LIMIT } from "../aggregate/aggregate.js";
import type { AccuracyMode, Fabrication } from "../dp/accounting.js";
import { DP_STYLES, type DpStyle } from "../dp/dp-synthesize.js";
import { UserError, type Warning } from "../errors.js";
import type { IngestOptions } from "../ingest/options.js";
import type { Dataset } from "../ingest/types.js";
import { SYNTHESIS_MODES, type SynthesisMode } from "../synthesize/synthesize.js";
import { countsPromised, type ReleaseLabels } from "./manifest.js";
import { checkNumber } from "./number-options.js";

/** A release mode: one of the four k-anonymous synthesizers, or differential privacy. */
export type RunMode = SynthesisMode | "dp";
export const RUN_MODES: readonly RunMode[] = [...SYNTHESIS_MODES, "dp"];

/** DP settings (docs/design.md §5); absent fields take DP_DEFAULTS (dp/accounting.ts). */
export interface DpReleaseSettings {
  /** The privacy budget ε (> 0; required). */
  epsilon: number;
  /** δ in (0, 1). Default 1/(m ln m), m = max(ñ, 10). */
  delta?: number;
  /** Default "fitted". */
  style?: DpStyle;
  accuracy?: AccuracyMode | number[];
  fabrication?: Fabrication;
  /** Percentile of per-person contributions that bounds them (default 99). */
  percentile?: number;
  /** Share of ε for the record count (default 0.005). */
  recordsShare?: number;
  /** Share of ρ for the contribution percentiles (default 0.01). */
  percentileShare?: number;
}

/** How the synthetic records are made (absent: an aggregates-only release). */
export interface SynthesisSettings {
  /** Default "row-seeded". */
  mode?: RunMode;
  /** k-anonymity modes: the seed (default: a fresh secure one, kept in run.json). Refused under DP. */
  seed?: string;
  /** Evaluate the release against the sensitive data (private). Default true. */
  evaluate?: boolean;
  /** Columns holding numbers, for the evaluation's percentile bins. */
  numeric?: string[];
  /** value-seeded: oversampling control ratio (off when absent or null). */
  oversamplingRatio?: number | null;
  /** value-seeded: draws per step under oversampling control (default 10). */
  oversamplingTries?: number;
  /** aggregate-seeded: percentile weighting sets longer than L (default 95). */
  weightPercentile?: number;
  /** aggregate-seeded: subtract what was synthesized from the weights (default false). */
  useSynthesizedCounts?: boolean;
  /** aggregate-seeded: number of records (default: until the counts are used up). */
  records?: number;
  /**
   * row- and value-seeded: each value exactly as often as its reportable count, by adding
   * records made of the units left over (fragments on sparse data). Default false: at most.
   */
  exactCounts?: boolean;
  /** `mode: "dp"`: the DP settings (required there). */
  dp?: DpReleaseSettings;
}

/** A release's options; its labels (title, description, licence, version) are ReleaseLabels. */
export interface ReleaseOptions extends ReleaseLabels {
  /**
   * How the input is read (columns, missing tokens, multi-value, subject ID, bins…). Default:
   * every column, one value per cell, each row a person, empty cells missing.
   */
  ingest?: IngestOptions;
  /** Privacy resolution: whole number ≥ 2 (DEFAULT_K = 10; below 5 a warning). */
  k?: number;
  /** Reporting length L ≥ 1 (DEFAULT_LENGTH = 3; clamped to the number of columns). */
  length?: number;
  /** Largest work estimate accepted (default WORK_LIMIT); "none" lifts the limit. */
  workLimit?: number | "none";
  /** Also write the exact counts into the private folder (sensitive). Default false. */
  sensitiveAggregates?: boolean;
  /** Absent: an aggregates-only release (reportable aggregates, manifest, risk analysis). */
  synthesis?: SynthesisSettings;
  /** Add showcase.html (needs the host's showcase builder). Default false. */
  showcase?: boolean;
}

export const RELEASE_DEFAULTS = {
  k: DEFAULT_K,
  length: DEFAULT_LENGTH,
  workLimit: WORK_LIMIT,
  mode: "row-seeded" as RunMode,
  evaluate: true,
  /** k below this is accepted with a warning: too few people to hide among. */
  weakK: 5,
  /** ε above this is accepted with a warning: weak protection. */
  weakEpsilon: 10,
} as const;

/**
 * Which missing cells a release publishes as `COL = (missing)` when `ingest.reportMissing` is
 * not given (docs/design.md §12), per mode; an aggregates-only release is the key "aggregates". Under
 * DP missing is always a value of every column's domain ("all", not an option). Why these:
 * README, "Missing values".
 */
export const REPORT_MISSING_DEFAULTS: Record<RunMode | "aggregates", "all" | readonly string[]> = {
  "row-seeded": [],
  "value-seeded": [],
  unseeded: [],
  "aggregate-seeded": "all",
  dp: "all",
  aggregates: [],
};

/** The reportMissing a release reads its input with: given, else its mode's default; "all" under DP. */
export function reportMissingOf(o: ReleaseOptions): "all" | readonly string[] {
  const mode =
    o.synthesis === undefined ? "aggregates" : (o.synthesis.mode ?? RELEASE_DEFAULTS.mode);
  if (mode === "dp") return "all";
  return o.ingest?.reportMissing ?? REPORT_MISSING_DEFAULTS[mode];
}

/** A licence identifier or a version label: no spaces, at most 64 characters. */
const IDENTIFIER = /^[A-Za-z0-9][A-Za-z0-9.+-]{0,63}$/;

const invalid = (option: string, message: string, hint: string) =>
  new UserError("invalid-option", message, { option }, hint);

/** Options of one mode given for another: they have no effect, and the user is told. */
const MODE_ONLY: [keyof SynthesisSettings, string, RunMode][] = [
  ["oversamplingRatio", "oversampling ratio", "value-seeded"],
  ["oversamplingTries", "oversampling tries", "value-seeded"],
  ["weightPercentile", "weight percentile", "aggregate-seeded"],
  ["useSynthesizedCounts", "use synthesized counts", "aggregate-seeded"],
  ["records", "number of records", "aggregate-seeded"],
  ["dp", "differential privacy settings", "dp"],
];

/**
 * Checks every option that needs no data; throws a UserError naming the option and the fix,
 * returns the warnings (weak settings are privacy warnings: hosts always show them).
 */
export function validateReleaseOptions(o: ReleaseOptions): Warning[] {
  const warnings: Warning[] = [];
  const mode = o.synthesis?.mode ?? RELEASE_DEFAULTS.mode;
  if (o.k !== undefined) {
    checkNumber("k", o.k);
    if (o.k < RELEASE_DEFAULTS.weakK && mode !== "dp") {
      warnings.push({
        code: "weak-setting",
        option: "k",
        privacy: true,
        message: `k = ${o.k} is a weak protection: a published combination may describe as few as ${o.k} people, who can then be singled out with little outside knowledge. Values of 5 to 10 or more are usual.`,
      });
    }
  }
  if (o.length !== undefined) checkNumber("length", o.length);
  if (o.workLimit !== undefined && o.workLimit !== "none") checkNumber("workLimit", o.workLimit);
  if (o.ingest?.recordLimit !== undefined) checkNumber("recordLimit", o.ingest?.recordLimit);
  if (o.license !== undefined && !IDENTIFIER.test(o.license)) {
    throw invalid(
      "license",
      `The licence must be given as its identifier, such as CC-BY-4.0 (got "${o.license}").`,
      "Common ones for data: CC-BY-4.0, CC0-1.0, ODC-BY-1.0, ODbL-1.0 (see spdx.org/licenses).",
    );
  }
  if (o.releaseVersion !== undefined && !IDENTIFIER.test(o.releaseVersion)) {
    throw invalid(
      "releaseVersion",
      `The release version must be letters, digits, dots, plus and minus signs, such as 2026.1 or 1.0.0 (got "${o.releaseVersion}").`,
      "Give a short version label without spaces.",
    );
  }
  const s = o.synthesis;
  if (!s) return warnings;
  if (!RUN_MODES.includes(mode)) {
    throw invalid(
      "mode",
      `The mode must be one of ${RUN_MODES.join(", ")} (got "${mode}").`,
      "row-seeded (the default) suits most data.",
    );
  }
  for (const [key, name, only] of MODE_ONLY) {
    if (s[key] !== undefined && s[key] !== null && mode !== only) {
      warnings.push({
        code: "ignored-option",
        option: key,
        message: `The ${name} applies to the ${only} mode only and is ignored with ${mode}.`,
      });
    }
  }
  if (s.exactCounts === true && !countsPromised(mode)) {
    warnings.push({
      code: "ignored-option",
      option: "exactCounts",
      message: `Exact counts apply to the row-seeded and value-seeded modes only and are ignored with ${mode}.`,
    });
  }
  if (s.seed !== undefined && s.seed.trim() === "") {
    throw invalid("seed", "The seed is empty.", "Give any text or number, e.g. 42.");
  }
  for (const key of ["records", "oversamplingTries", "weightPercentile"] as const) {
    if (s[key] !== undefined) checkNumber(key, s[key]);
  }
  if (s.oversamplingRatio !== undefined && s.oversamplingRatio !== null) {
    checkNumber("oversamplingRatio", s.oversamplingRatio);
  }
  if (mode === "dp") warnings.push(...validateDp(s, o));
  return warnings;
}

/** Under DP every missing cell is counted as a value: another reportMissing is ignored, and said. */
function dpReportMissing(o: ReleaseOptions): Warning[] {
  const given = o.ingest?.reportMissing;
  if (given === undefined || given === "all") return [];
  return [
    {
      code: "ignored-option",
      option: "reportMissing",
      message:
        "Under differential privacy a missing cell is always counted, as the value (missing) of its column (every person then adds exactly one value per column), so the choice of columns whose missing cells are reported is ignored.",
    },
  ];
}

function validateDp(s: SynthesisSettings, o: ReleaseOptions): Warning[] {
  if (s.seed !== undefined) {
    throw invalid(
      "seed",
      "A seed cannot be used with differential privacy: a DP release always draws fresh, secure randomness (a known seed would undo the protection).",
      "Leave the seed out.",
    );
  }
  const dp = s.dp;
  if (dp === undefined || dp.epsilon === undefined) {
    throw invalid(
      "epsilon",
      "Differential privacy needs ε (epsilon), the privacy budget.",
      "Smaller is more private and noisier: ε = 1 is a common choice; above 10 the protection is weak.",
    );
  }
  for (const key of [
    "epsilon",
    "delta",
    "percentile",
    "percentileShare",
    "recordsShare",
  ] as const) {
    if (dp[key] !== undefined) checkNumber(key, dp[key]);
  }
  if (dp.style !== undefined && !DP_STYLES.includes(dp.style)) {
    throw invalid(
      "dpStyle",
      `The DP style must be one of ${DP_STYLES.join(", ")} (got "${dp.style}").`,
      "fitted (the default) gives complete, faithful records.",
    );
  }
  const warnings: Warning[] = dpReportMissing(o);
  if (dp.epsilon > RELEASE_DEFAULTS.weakEpsilon) {
    warnings.push({
      code: "weak-setting",
      privacy: true,
      message: `ε = ${dp.epsilon} is a very large budget: the noise is small, and the protection weak (one person can change the result's probabilities by a factor of up to e^${dp.epsilon}). Values of 1 or below are usual.`,
    });
  }
  if (o.ingest?.subjectId === undefined) {
    warnings.push({
      code: "row-privacy-unit",
      privacy: true,
      message:
        "No subject ID column: each row is protected, not each person. Someone with several rows is less protected; name the column that identifies people if there is one.",
    });
  }
  return warnings;
}

/**
 * Checks the options against the data read: numeric columns must be selected columns. (Under DP,
 * bins with explicit edges only: ingest refuses the others, and dpSynthesize guards every caller.)
 */
export function checkAgainstData(o: ReleaseOptions, data: Dataset): void {
  const names = data.columns.map((c) => c.name);
  for (const name of o.synthesis?.numeric ?? []) {
    if (!names.includes(name)) {
      throw new UserError(
        "unknown-column",
        `The numeric column "${name}" is not among the selected columns.`,
        {
          ...(o.ingest?.fileName !== undefined && { file: o.ingest?.fileName }),
          column: name,
          option: "numeric",
        },
        `Name columns that hold numbers; the selected columns are: ${names.join(", ")}.`,
      );
    }
  }
}
