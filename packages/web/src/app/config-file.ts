/**
 * The app's settings as the command line's config file (`commonground synthesize --config
 * FILE`: the long flags in camelCase), and back: a steward saves the settings of a run as a
 * file and hands a colleague a recipe that gives the same release, from the app or the command
 * line. Files only: nothing is kept in the browser.
 */
import {
  FABRICATION_MODES,
  type Fabrication,
  type FabricationMode,
  type Recodes,
  recodesOf,
} from "@commonground/core/internal";
import {
  type DataSettings,
  type DpSettings,
  ingestOptions,
  type Resolution,
  type RunMode,
  reportMissingOption,
  type SynthesisSettings,
} from "./settings.js";

export interface AppSettings {
  data: DataSettings;
  resolution: Resolution;
  synthesis: SynthesisSettings;
}

type Config = Record<string, unknown>;

/** The config file of the app's settings (only what differs from the defaults, but k and L). */
export function configOf({ data, resolution, synthesis }: AppSettings): Config {
  const c: Config = { columns: [...data.columns] };
  if (data.missing.length > 0) c.missing = [...data.missing];
  const byColumn = Object.entries(data.missingByColumn ?? {}).filter(([, t]) => t.length > 0);
  if (byColumn.length > 0) c.missingByColumn = Object.fromEntries(byColumn);
  const report = reportMissingOption(data);
  if (report !== undefined) {
    c.reportMissing = report === "all" ? "all" : report.length === 0 ? "none" : report;
  }
  if (Object.keys(data.multiValue).length > 0) c.multiValue = { ...data.multiValue };
  if (data.subjectId) c.subjectId = data.subjectId;
  if (data.keepIdentifiers && data.keepIdentifiers.length > 0) {
    c.keepIdentifiers = [...data.keepIdentifiers];
  }
  if (Object.keys(data.bins).length > 0) c.bin = { ...data.bins };
  const ingest = ingestOptions("", data);
  if (ingest.normalizeNumbers) c.normalizeNumbers = [...ingest.normalizeNumbers];
  if (ingest.recode) c.recode = ingest.recode;
  const mode = synthesis.mode;
  if (mode !== "dp") c.k = resolution.k;
  c.length = resolution.length;
  c.mode = mode;
  if (mode !== "dp" && synthesis.seed.trim() !== "") c.seed = synthesis.seed;
  if (mode === "value-seeded") {
    if (synthesis.oversamplingRatio !== undefined)
      c.oversamplingRatio = synthesis.oversamplingRatio;
    if (synthesis.oversamplingTries !== undefined)
      c.oversamplingTries = synthesis.oversamplingTries;
  }
  if (mode === "aggregate-seeded") {
    if (synthesis.weightPercentile !== undefined) c.weightPercentile = synthesis.weightPercentile;
    if (synthesis.useSynthesizedCounts !== undefined) {
      c.useSynthesizedCounts = synthesis.useSynthesizedCounts;
    }
    if (synthesis.records !== undefined) c.records = synthesis.records;
  }
  if (synthesis.numeric && synthesis.numeric.length > 0) c.numeric = [...synthesis.numeric];
  if (mode === "dp" && synthesis.dp) Object.assign(c, dpConfig(synthesis.dp));
  for (const key of ["title", "description", "license", "releaseVersion"] as const) {
    const value = data[key]?.trim();
    if (value) c[key] = value;
  }
  return c;
}

function dpConfig(dp: DpSettings): Config {
  const c: Config = { epsilon: dp.epsilon };
  if (dp.delta !== undefined) c.delta = dp.delta;
  if (dp.style !== undefined) c.dpStyle = dp.style;
  if (Array.isArray(dp.accuracy)) c.sigmaWeights = [...dp.accuracy];
  else if (dp.accuracy !== undefined) c.accuracyMode = dp.accuracy;
  const f = dp.fabrication;
  if (f && "mode" in f) c.fabricationMode = f.mode;
  else if (f && "etas" in f) c.thresholds = { ...f.etas };
  else if (f && "thresholds" in f) c.fixedThresholds = { ...f.thresholds };
  if (dp.percentile !== undefined) c.percentile = dp.percentile;
  if (dp.percentileShare !== undefined) c.percentileShare = dp.percentileShare;
  if (dp.recordsShare !== undefined) c.recordsShare = dp.recordsShare;
  return c;
}

/** Keys of the config file that say where and how the command line runs, not what a release is. */
const HOST_ONLY = new Set([
  "$schema",
  "out",
  "private",
  "force",
  "threads",
  "quiet",
  "json",
  "ledger",
  "dataset",
  "budgetTotal",
  "evaluate",
  "showcase",
  "workLimit",
  "writeSensitiveAggregates",
]);

/** Keys the app does not offer: a config using them cannot be loaded as it is. */
const NOT_IN_APP = new Set(["delimiter", "recordLimit", "exactCounts"]);

export type LoadedConfig =
  | { ok: true; settings: AppSettings; ignored: string[] }
  | { ok: false; problems: string[] };

/**
 * The app's settings from a config file (parsed JSON) over the current ones: what the file
 * does not set keeps the defaults. Keys about running the command line are ignored (and named);
 * unknown keys, keys the app does not offer, and values of the wrong type are problems.
 */
export function settingsOfConfig(value: unknown, current: AppSettings): LoadedConfig {
  if (typeof value !== "object" || value === null || Array.isArray(value)) {
    return { ok: false, problems: ["The file does not hold a settings object ({ … })."] };
  }
  const c = value as Config;
  const problems: string[] = [];
  const ignored: string[] = [];
  const known = new Set(CONFIG_KEYS);
  for (const key of Object.keys(c)) {
    if (HOST_ONLY.has(key)) ignored.push(key);
    else if (NOT_IN_APP.has(key))
      problems.push(`"${key}" is a command-line setting the app does not offer.`);
    else if (!known.has(key)) problems.push(`"${key}" is not a setting of CommonGround.`);
  }
  const list = (key: string): string[] | undefined => {
    const v = c[key];
    if (v === undefined) return undefined;
    if (typeof v === "string")
      return v
        .split(",")
        .map((s) => s.trim())
        .filter((s) => s !== "");
    if (Array.isArray(v) && v.every((x) => typeof x === "string")) return v as string[];
    problems.push(`"${key}" must be a list of names.`);
    return undefined;
  };
  const map = (key: string): Record<string, string> | undefined => {
    const v = c[key];
    if (v === undefined) return undefined;
    if (Array.isArray(v) && v.every((x) => typeof x === "string" && x.includes("="))) {
      return Object.fromEntries(
        (v as string[]).map((x) => [x.slice(0, x.indexOf("=")), x.slice(x.indexOf("=") + 1)]),
      );
    }
    if (
      typeof v === "object" &&
      v !== null &&
      Object.values(v).every((x) => typeof x === "string")
    ) {
      return { ...(v as Record<string, string>) };
    }
    problems.push(`"${key}" must map columns to settings, e.g. { "age": "edges:18,65" }.`);
    return undefined;
  };
  const num = (key: string): number | undefined => {
    const v = c[key];
    if (v === undefined) return undefined;
    if (typeof v === "number" && Number.isFinite(v)) return v;
    problems.push(`"${key}" must be a number.`);
    return undefined;
  };
  const text = (key: string): string | undefined => {
    const v = c[key];
    if (v === undefined) return undefined;
    if (typeof v === "string" || typeof v === "number") return String(v);
    problems.push(`"${key}" must be text.`);
    return undefined;
  };
  const bool = (key: string): boolean | undefined => {
    const v = c[key];
    if (v === undefined) return undefined;
    if (typeof v === "boolean") return v;
    problems.push(`"${key}" must be true or false.`);
    return undefined;
  };

  const data: DataSettings = {
    columns: list("columns") ?? current.data.columns,
    missing: list("missing") ?? [],
    multiValue: map("multiValue") ?? {},
    bins: map("bin") ?? {},
  };
  const byColumn = c.missingByColumn;
  if (byColumn !== undefined) {
    if (typeof byColumn === "object" && byColumn !== null && !Array.isArray(byColumn)) {
      data.missingByColumn = byColumn as Record<string, string[]>;
    } else problems.push(`"missingByColumn" must map columns to lists of tokens.`);
  }
  const report = list("reportMissing");
  if (report !== undefined) {
    if (report.length === 1 && (report[0] === "all" || report[0] === "none")) {
      data.reportMissing = report[0];
    } else {
      data.reportMissing = "columns";
      data.reportMissingColumns = report;
    }
  }
  for (const key of ["subjectId", "title", "description", "license", "releaseVersion"] as const) {
    const v = text(key);
    if (v !== undefined) data[key] = v;
  }
  const keep = list("keepIdentifiers");
  if (keep) data.keepIdentifiers = keep;
  const normalize = list("normalizeNumbers");
  if (normalize) data.normalizeNumbers = normalize;
  if (c.recode !== undefined) {
    let recode: Recodes | undefined;
    try {
      recode = recodesOf(c.recode);
    } catch {
      recode = undefined;
    }
    if (recode === undefined) {
      problems.push(`"recode" must map columns to { "old value": "new value" }.`);
    } else data.recode = recode;
  }

  const mode = (text("mode") ?? current.synthesis.mode) as RunMode;
  if (!MODES.includes(mode)) problems.push(`"mode" must be one of ${MODES.join(", ")}.`);
  const resolution: Resolution = {
    k: num("k") ?? current.resolution.k,
    length: num("length") ?? current.resolution.length,
  };
  const synthesis: SynthesisSettings = { mode, seed: text("seed") ?? current.synthesis.seed };
  const optional = {
    oversamplingRatio: num("oversamplingRatio"),
    oversamplingTries: num("oversamplingTries"),
    weightPercentile: num("weightPercentile"),
    useSynthesizedCounts: bool("useSynthesizedCounts"),
    records: num("records"),
    numeric: list("numeric"),
  };
  for (const [key, v] of Object.entries(optional)) {
    if (v !== undefined) Object.assign(synthesis, { [key]: v });
  }
  if (mode === "dp") {
    const epsilon = num("epsilon");
    if (epsilon === undefined) problems.push(`A DP recipe needs "epsilon".`);
    else synthesis.dp = dpSettings(c, epsilon, { num, text, problems });
  }
  if (problems.length > 0) return { ok: false, problems };
  return { ok: true, settings: { data, resolution, synthesis }, ignored };
}

const FABRICATION: readonly string[] = FABRICATION_MODES;

const MODES: RunMode[] = ["row-seeded", "value-seeded", "unseeded", "aggregate-seeded", "dp"];

/** Every key the app reads (configOf writes a subset, depending on the settings). */
const CONFIG_KEYS = [
  "columns",
  "missing",
  "missingByColumn",
  "reportMissing",
  "multiValue",
  "subjectId",
  "keepIdentifiers",
  "normalizeNumbers",
  "recode",
  "bin",
  "k",
  "length",
  "mode",
  "seed",
  "oversamplingRatio",
  "oversamplingTries",
  "weightPercentile",
  "useSynthesizedCounts",
  "records",
  "numeric",
  "epsilon",
  "delta",
  "dpStyle",
  "accuracyMode",
  "sigmaWeights",
  "fabricationMode",
  "thresholds",
  "fixedThresholds",
  "percentile",
  "percentileShare",
  "recordsShare",
  "title",
  "description",
  "license",
  "releaseVersion",
];

function dpSettings(
  c: Config,
  epsilon: number,
  read: {
    num: (key: string) => number | undefined;
    text: (key: string) => string | undefined;
    problems: string[];
  },
): DpSettings {
  const dp: DpSettings = { epsilon };
  const delta = read.num("delta");
  if (delta !== undefined) dp.delta = delta;
  const style = read.text("dpStyle");
  if (style === "fitted" || style === "sds") dp.style = style;
  else if (style !== undefined) read.problems.push(`"dpStyle" must be fitted or sds.`);
  const weights = c.sigmaWeights;
  if (Array.isArray(weights) && weights.every((w) => typeof w === "number")) {
    dp.accuracy = weights as number[];
  } else {
    const mode = read.text("accuracyMode");
    if (mode === "balanced" || mode === "long" || mode === "short") dp.accuracy = mode;
  }
  const perLength = (key: string) => {
    const v = c[key];
    return typeof v === "object" && v !== null && !Array.isArray(v)
      ? Object.fromEntries(Object.entries(v).map(([l, x]) => [Number(l), Number(x)]))
      : undefined;
  };
  const mode = read.text("fabricationMode");
  const etas = perLength("thresholds");
  const fixed = perLength("fixedThresholds");
  let fabrication: Fabrication | undefined;
  if (etas) fabrication = { etas };
  else if (fixed) fabrication = { thresholds: fixed };
  else if (mode !== undefined) {
    if (FABRICATION.includes(mode)) fabrication = { mode: mode as FabricationMode };
    else read.problems.push(`"fabricationMode" must be one of ${FABRICATION.join(", ")}.`);
  }
  if (fabrication) dp.fabrication = fabrication;
  for (const key of ["percentile", "percentileShare", "recordsShare"] as const) {
    const v = read.num(key);
    if (v !== undefined) dp[key] = v;
  }
  return dp;
}
