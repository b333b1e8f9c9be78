/**
 * Resolves the shared flags of docs/design.md §8 and the config file into one options object.
 * Flags given on the command line override the config file; defaults live in core.
 */
import { readFileSync } from "node:fs";
import { availableParallelism } from "node:os";
import { basename } from "node:path";
import {
  type IngestOptions,
  RUN_MODES,
  type RunMode,
  recodesOf,
  type SynthesisSettings,
  UserError,
} from "@commonground/core/internal";
import { type ConfigFile, configSchema } from "./config-schema.js";
import { resolveDp } from "./dp-options.js";
import { numberFlag, type RawFlags } from "./flags.js";

export type { RawFlags };

import { usage } from "./usage.js";

export interface RunOptions {
  input: string;
  out: string;
  private?: string;
  ingest: IngestOptions;
  k?: number;
  length?: number;
  threads: number;
  force: boolean;
  title?: string;
  description?: string;
  license?: string;
  releaseVersion?: string;
  quiet: boolean;
  json: boolean;
  writeSensitiveAggregates: boolean;
  /** --work-limit: a number, or "none" to lift the limit. */
  workLimit?: number | "none";
  /** `synthesize` only: core's synthesis settings (validated by core). */
  synthesis?: SynthesisSettings;
  /** Write showcase.html into the release (default true; `synthesize` only). */
  showcase: boolean;
  /** Flags given that have no effect with the chosen mode (told as warnings). */
  ignored?: string[];
  /** --ledger: where to record the release, under which data set name, with which total. */
  ledger?: { file: string; dataset: string; budgetTotal?: number };
}

/** --threads (the CLI's own option): a whole number of at least 1. */
function threadsFlag(value: string | number | undefined): number | undefined {
  if (value === undefined) return undefined;
  const text = String(value).trim();
  const n = Number(text);
  if (!/^[+-]?\d+$/.test(text) || n < 1) {
    throw usage(
      `--threads must be a whole number of at least 1 (got "${value}").`,
      "For example --threads 4.",
    );
  }
  return n;
}

export function splitList(value: string | string[] | undefined): string[] | undefined {
  if (value === undefined) return undefined;
  const items = Array.isArray(value) ? value : value.split(",");
  return items.map((s) => s.trim()).filter((s) => s !== "");
}

/** `COL=SETTING` pairs (repeatable flags) or a config object, into a record. */
function columnSettings(flag: string, value: string[] | Record<string, string> | undefined) {
  if (value === undefined) return undefined;
  if (!Array.isArray(value)) return value;
  const out: Record<string, string> = {};
  for (const item of value) {
    const eq = item.indexOf("=");
    if (eq <= 0) {
      throw usage(
        `${flag} expects COLUMN=SETTING (got "${item}").`,
        flag === "--bin"
          ? 'For example --bin "age=edges:18,25,65".'
          : 'For example --multi-value "type_of_exploitation=;".',
      );
    }
    out[item.slice(0, eq).trim()] = item.slice(eq + 1);
  }
  return out;
}

function delimiterOf(value: string | undefined): string | undefined {
  if (value === undefined) return undefined;
  const v = value.toLowerCase();
  if (v === "tab" || value === "\\t" || value === "\t") return "\t";
  if (v === "comma") return ",";
  if (v === "semicolon") return ";";
  if (v === "pipe") return "|";
  if (value.length !== 1) {
    throw usage(
      `--delimiter must be one character, or tab (got "${value}").`,
      'For example --delimiter ";" or --delimiter tab.',
    );
  }
  return value;
}

export function readConfig(path: string): ConfigFile {
  let text: string;
  try {
    text = readFileSync(path, "utf8");
  } catch {
    throw new UserError(
      "bad-config",
      `The config file ${path} cannot be read.`,
      { file: path },
      "Check the path given to --config.",
    );
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (e) {
    throw new UserError(
      "bad-config",
      `The config file ${path} is not valid JSON: ${(e as Error).message}.`,
      { file: path },
      "Fix the JSON syntax (a validator or editor can point to the place).",
    );
  }
  const parsed = configSchema.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    const where = issue.path.length > 0 ? `"${issue.path.join(".")}"` : "the top level";
    throw new UserError(
      "bad-config",
      `The config file ${path} is not valid at ${where}: ${issue.message}.`,
      { file: path },
      "See packages/cli/schema/config.schema.json for the allowed keys and values.",
    );
  }
  return parsed.data;
}

/** Merges the config file (if any) and the flags into RunOptions. */
export function resolveOptions(
  input: string,
  flags: RawFlags,
  command: "aggregate" | "synthesize" = "aggregate",
): RunOptions {
  const config: ConfigFile = flags.config ? readConfig(flags.config) : {};
  const pick = <K extends keyof RawFlags & keyof ConfigFile>(key: K) => flags[key] ?? config[key];
  const out = flags.out ?? config.out;
  if (out === undefined || out.trim() === "") {
    throw usage("No output folder given.", "Add --out <folder>, e.g. --out release.");
  }
  const ingest: IngestOptions = { fileName: input };
  const columns = splitList(pick("columns"));
  if (columns) ingest.columns = columns;
  const missing = splitList(pick("missing"));
  if (missing) ingest.missing = missing;
  if (config.missingByColumn) ingest.missingByColumn = config.missingByColumn;
  const reportMissing = reportMissingFlag(pick("reportMissing"));
  if (reportMissing !== undefined) ingest.reportMissing = reportMissing;
  const multi = columnSettings("--multi-value", flags.multiValue ?? config.multiValue);
  if (multi) ingest.multiValue = multi;
  const bins = columnSettings("--bin", flags.bin ?? config.bin);
  if (bins) ingest.bins = bins;
  const subjectId = pick("subjectId");
  if (subjectId !== undefined) ingest.subjectId = subjectId;
  const keepIdentifiers = splitList(pick("keepIdentifiers"));
  if (keepIdentifiers) ingest.keepIdentifiers = keepIdentifiers;
  const normalizeNumbers = splitList(pick("normalizeNumbers"));
  if (normalizeNumbers) ingest.normalizeNumbers = normalizeNumbers;
  // --recode rules, or the config's rules or { "COL": { "a": "Other" } } (its schema checked the shape).
  const recode = recodesOf(flags.recode ?? config.recode);
  if (recode) ingest.recode = recode;
  const recordLimit = numberFlag("recordLimit", pick("recordLimit"));
  if (recordLimit !== undefined) ingest.recordLimit = recordLimit;
  const delimiter = delimiterOf(pick("delimiter"));
  if (delimiter !== undefined) ingest.delimiter = delimiter;
  const options: RunOptions = {
    input,
    out,
    ingest,
    threads: threadsFlag(pick("threads")) ?? availableParallelism(),
    force: pick("force") ?? false,
    quiet: pick("quiet") ?? false,
    json: pick("json") ?? false,
    writeSensitiveAggregates: pick("writeSensitiveAggregates") ?? false,
    showcase: flags.showcase ?? config.showcase ?? true,
  };
  const k = numberFlag("k", pick("k"));
  if (k !== undefined) options.k = k;
  const length = numberFlag("length", pick("length"));
  if (length !== undefined) options.length = length;
  const limit = pick("workLimit");
  if (limit === "none" || (typeof limit === "string" && limit.trim().toLowerCase() === "none")) {
    options.workLimit = "none";
  } else {
    const workLimit = numberFlag("workLimit", limit);
    if (workLimit !== undefined) options.workLimit = workLimit;
  }
  const priv = pick("private");
  if (priv !== undefined) options.private = priv;
  const title = pick("title");
  if (title !== undefined) options.title = title;
  const description = pick("description");
  if (description !== undefined) options.description = description;
  const license = pick("license");
  if (license !== undefined) options.license = license;
  const releaseVersion = pick("releaseVersion");
  if (releaseVersion !== undefined) options.releaseVersion = releaseVersion;
  if (command === "synthesize") {
    options.ignored = [];
    options.synthesis = resolveSynthesis(flags, config, options.ignored);
  }
  const ledger = pick("ledger");
  const dataset = pick("dataset");
  const total = pick("budgetTotal");
  if (ledger !== undefined) {
    options.ledger = { file: ledger, dataset: dataset ?? basename(input) };
    if (total !== undefined) {
      const t = typeof total === "number" ? total : Number(String(total).trim());
      if (!(t > 0 && Number.isFinite(t))) {
        throw usage(
          `--budget-total must be a positive number (got "${total}").`,
          "For example --budget-total 3.",
        );
      }
      options.ledger.budgetTotal = t;
    }
  } else if (dataset !== undefined || total !== undefined) {
    throw usage(
      `${dataset !== undefined ? "--dataset" : "--budget-total"} needs --ledger, the file that keeps the releases of the data set.`,
      "Add --ledger ledger.json (it is created if missing).",
    );
  }
  return options;
}

const DP_FLAGS = [
  ["epsilon", "--epsilon"],
  ["delta", "--delta"],
  ["accuracyMode", "--accuracy-mode"],
  ["sigmaWeights", "--sigma-weights"],
  ["fabricationMode", "--fabrication-mode"],
  ["thresholds", "--thresholds"],
  ["fixedThresholds", "--fixed-thresholds"],
  ["percentile", "--percentile"],
  ["percentileShare", "--percentile-share"],
  ["recordsShare", "--records-share"],
  ["dpStyle", "--dp-style"],
] as const;

/**
 * The synthesis settings of `synthesize` (flags over config): formats are checked here, with the
 * flag's name; every rule about what may be asked for (modes, seeds, DP) is core's.
 */
export function resolveSynthesis(
  flags: RawFlags,
  config: ConfigFile,
  ignored: string[] = [],
): SynthesisSettings {
  const mode = (flags.mode ?? config.mode) as RunMode | undefined;
  if (mode !== undefined && !RUN_MODES.includes(mode)) {
    throw usage(
      `--mode must be one of ${RUN_MODES.join(", ")} (got "${mode}").`,
      "row-seeded (the default) suits most data; see the README for what each mode guarantees.",
    );
  }
  const out: SynthesisSettings = {
    ...(mode !== undefined && { mode }),
    evaluate: flags.evaluate ?? config.evaluate ?? true,
  };
  const seed = flags.seed ?? (config.seed === undefined ? undefined : String(config.seed));
  if (seed !== undefined) out.seed = seed;
  if (mode === "dp") out.dp = resolveDp(flags, config);
  else {
    // DP flags with another mode have no effect: say so rather than drop them silently.
    ignored.push(
      ...DP_FLAGS.filter(([key]) => (flags[key] ?? config[key]) !== undefined).map(
        ([, flag]) =>
          `${flag} applies to --mode dp only and is ignored with ${mode ?? "row-seeded"}.`,
      ),
    );
  }
  const numeric = splitList(flags.numeric ?? config.numeric);
  if (numeric) out.numeric = numeric;
  const ratio = flags.oversamplingRatio ?? config.oversamplingRatio;
  if (ratio === "none" || ratio === null) out.oversamplingRatio = null;
  else {
    const r = numberFlag("oversamplingRatio", ratio as string | number | undefined);
    if (r !== undefined) out.oversamplingRatio = r;
  }
  const tries = numberFlag(
    "oversamplingTries",
    flags.oversamplingTries ?? config.oversamplingTries,
  );
  if (tries !== undefined) out.oversamplingTries = tries;
  const pct = numberFlag("weightPercentile", flags.weightPercentile ?? config.weightPercentile);
  if (pct !== undefined) out.weightPercentile = pct;
  const used = flags.useSynthesizedCounts ?? config.useSynthesizedCounts;
  if (used !== undefined) out.useSynthesizedCounts = used;
  const exact = flags.exactCounts ?? config.exactCounts;
  if (exact !== undefined) out.exactCounts = exact;
  const records = numberFlag("records", flags.records ?? config.records);
  if (records !== undefined) out.records = records;
  return out;
}

/** --report-missing: "all", "none" (no column), or a list of columns. */
function reportMissingFlag(value: string | string[] | undefined): "all" | string[] | undefined {
  const list = splitList(value);
  if (list === undefined) return undefined;
  const words = list.map((w) => w.toLowerCase());
  if (words.length === 1 && words[0] === "all") return "all";
  if (words.length === 1 && words[0] === "none") return [];
  if (words.includes("all") || words.includes("none")) {
    throw usage(
      `--report-missing takes "all", "none" or a list of columns, not a mix (got "${list.join(",")}").`,
      'For example --report-missing all, or --report-missing "recruiter_relation,age_band".',
    );
  }
  return list;
}
