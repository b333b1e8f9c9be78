/**
 * Resolves the shared flags of DESIGN §8 and the config file into one options object.
 * Flags given on the command line override the config file; defaults live in core.
 */
import { readFileSync } from "node:fs";
import { availableParallelism } from "node:os";
import { basename } from "node:path";
import {
  type IngestOptions,
  SYNTHESIS_MODES,
  type SynthesisMode,
  UserError,
} from "@commonground/core";
import { type ConfigFile, configSchema } from "./config-schema.js";
import { type DpRunOptions, resolveDp } from "./dp-options.js";
import { usage } from "./usage.js";

/** The raw values commander hands over (all optional strings / booleans / lists). */
export interface RawFlags {
  columns?: string;
  missing?: string;
  multiValue?: string[];
  subjectId?: string;
  bin?: string[];
  recordLimit?: string;
  delimiter?: string;
  k?: string;
  length?: string;
  threads?: string;
  out?: string;
  private?: string;
  force?: boolean;
  title?: string;
  description?: string;
  config?: string;
  quiet?: boolean;
  json?: boolean;
  writeSensitiveAggregates?: boolean;
  workLimit?: string;
  debug?: boolean;
  // synthesize
  mode?: string;
  seed?: string;
  evaluate?: boolean;
  showcase?: boolean;
  numeric?: string;
  oversamplingRatio?: string;
  oversamplingTries?: string;
  weightPercentile?: string;
  useSynthesizedCounts?: boolean;
  records?: string;
  ledger?: string;
  dataset?: string;
  budgetTotal?: string;
  // synthesize --mode dp
  epsilon?: string;
  delta?: string;
  accuracyMode?: string;
  sigmaWeights?: string;
  fabricationMode?: string;
  thresholds?: string;
  fixedThresholds?: string;
  percentile?: string;
  percentileShare?: string;
  recordsShare?: string;
  dpStyle?: string;
}

/** Settings of the synthesis stage (`synthesize` only). */
export type RunMode = SynthesisMode | "dp";

export interface SynthesisRunOptions {
  mode: RunMode;
  /** --mode dp: the DP settings. */
  dp?: DpRunOptions;
  /** The seed given with --seed; a fresh secure one is drawn when absent. */
  seed?: string;
  evaluate: boolean;
  /** Write showcase.html into the release (default true). */
  showcase: boolean;
  numeric?: string[];
  oversamplingRatio?: number | null;
  oversamplingTries?: number;
  weightPercentile?: number;
  useSynthesizedCounts?: boolean;
  records?: number;
  /** Warnings about options that do not apply to the mode. */
  ignored?: string[];
}

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
  quiet: boolean;
  json: boolean;
  writeSensitiveAggregates: boolean;
  workLimit?: number;
  synthesis?: SynthesisRunOptions;
  /** --ledger: where to record the release, under which data set name, with which total. */
  ledger?: { file: string; dataset: string; budgetTotal?: number };
}

/** A sensible value of each whole-number flag, shown in the hint of its error message. */
const EXAMPLES: Record<string, number> = {
  "--oversampling-ratio": 0.1,
  "--oversampling-tries": 10,
  "--weight-percentile": 95,
  "--records": 1000,
  "--k": 10,
  "--length": 3,
  "--threads": 4,
  "--record-limit": 1000,
  "--work-limit": 2_000_000_000,
};

function wholeNumber(
  flag: string,
  value: string | number | undefined,
  min: number,
): number | undefined {
  if (value === undefined) return undefined;
  const example = `For example ${flag} ${Math.max(min, EXAMPLES[flag] ?? 10)}.`;
  const n = typeof value === "number" ? value : Number(value.trim());
  if (typeof value === "string" && !/^\s*[+-]?\d+\s*$/.test(value)) {
    throw usage(`${flag} must be a whole number (got "${value}").`, example);
  }
  if (!Number.isInteger(n) || n < min) {
    throw usage(`${flag} must be a whole number of at least ${min} (got ${value}).`, example);
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
  const multi = columnSettings("--multi-value", flags.multiValue ?? config.multiValue);
  if (multi) ingest.multiValue = multi;
  const bins = columnSettings("--bin", flags.bin ?? config.bin);
  if (bins) ingest.bins = bins;
  const subjectId = pick("subjectId");
  if (subjectId !== undefined) ingest.subjectId = subjectId;
  const recordLimit = wholeNumber("--record-limit", pick("recordLimit"), 1);
  if (recordLimit !== undefined) ingest.recordLimit = recordLimit;
  const delimiter = delimiterOf(pick("delimiter"));
  if (delimiter !== undefined) ingest.delimiter = delimiter;
  const options: RunOptions = {
    input,
    out,
    ingest,
    threads: wholeNumber("--threads", pick("threads"), 1) ?? availableParallelism(),
    force: pick("force") ?? false,
    quiet: pick("quiet") ?? false,
    json: pick("json") ?? false,
    writeSensitiveAggregates: pick("writeSensitiveAggregates") ?? false,
  };
  const k = wholeNumber("--k", pick("k"), 1);
  if (k !== undefined) options.k = k;
  const length = wholeNumber("--length", pick("length"), 1);
  if (length !== undefined) options.length = length;
  const workLimit = wholeNumber("--work-limit", pick("workLimit"), 1);
  if (workLimit !== undefined) options.workLimit = workLimit;
  const priv = pick("private");
  if (priv !== undefined) options.private = priv;
  const title = pick("title");
  if (title !== undefined) options.title = title;
  const description = pick("description");
  if (description !== undefined) options.description = description;
  if (command === "synthesize") options.synthesis = resolveSynthesis(flags, config);
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

function decimal(flag: string, value: string | number | undefined, min: number, max: number) {
  if (value === undefined) return undefined;
  const n = typeof value === "number" ? value : Number(value.trim());
  if (
    !Number.isFinite(n) ||
    n < min ||
    n > max ||
    (typeof value === "string" && value.trim() === "")
  ) {
    throw usage(
      `${flag} must be a number from ${min} to ${max} (got "${value}").`,
      `For example ${flag} ${EXAMPLES[flag] ?? min}.`,
    );
  }
  return n;
}

/** The synthesis settings of `synthesize` (flags over config; defaults in core). */
export function resolveSynthesis(flags: RawFlags, config: ConfigFile): SynthesisRunOptions {
  const mode = (flags.mode ?? config.mode ?? "row-seeded") as RunMode;
  const modes: RunMode[] = [...SYNTHESIS_MODES, "dp"];
  if (!modes.includes(mode)) {
    throw usage(
      `--mode must be one of ${modes.join(", ")} (got "${mode}").`,
      "row-seeded (the default) suits most data; see the README for what each mode guarantees.",
    );
  }
  const out: SynthesisRunOptions = {
    mode,
    evaluate: flags.evaluate ?? config.evaluate ?? true,
    showcase: flags.showcase ?? config.showcase ?? true,
  };
  const seed = flags.seed ?? (config.seed === undefined ? undefined : String(config.seed));
  if (mode === "dp") {
    if (seed !== undefined) {
      throw usage(
        "--seed cannot be used with --mode dp: a DP release always draws fresh, secure randomness (a known seed would undo the protection).",
        "Leave --seed out.",
      );
    }
    out.dp = resolveDp(flags, config);
  } else {
    const dpOnly = (
      [
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
      ] as const
    ).filter(([key]) => (flags[key] ?? config[key]) !== undefined);
    out.ignored = dpOnly.map(
      ([, flag]) => `${flag} applies to --mode dp only and is ignored with ${mode}.`,
    );
  }
  if (seed !== undefined) {
    if (seed.trim() === "")
      throw usage("--seed is empty.", "Give any text or number, e.g. --seed 42.");
    out.seed = seed;
  }
  const numeric = splitList(flags.numeric ?? config.numeric);
  if (numeric) out.numeric = numeric;
  const ratio = flags.oversamplingRatio ?? config.oversamplingRatio;
  if (ratio === "none" || ratio === null) out.oversamplingRatio = null;
  else {
    const r = decimal("--oversampling-ratio", ratio as string | number | undefined, 0, 100);
    if (r !== undefined) out.oversamplingRatio = r;
  }
  const tries = wholeNumber(
    "--oversampling-tries",
    flags.oversamplingTries ?? config.oversamplingTries,
    1,
  );
  if (tries !== undefined) out.oversamplingTries = tries;
  const pct = decimal(
    "--weight-percentile",
    flags.weightPercentile ?? config.weightPercentile,
    0,
    100,
  );
  if (pct !== undefined) out.weightPercentile = pct;
  const used = flags.useSynthesizedCounts ?? config.useSynthesizedCounts;
  if (used !== undefined) out.useSynthesizedCounts = used;
  const records = wholeNumber("--records", flags.records ?? config.records, 1);
  if (records !== undefined) {
    if (records > MAX_RECORDS) {
      throw usage(
        `--records ${records} is more than CommonGround makes (at most ${MAX_RECORDS.toLocaleString("en-US")}).`,
        "Leave --records out to make as many records as the aggregates hold.",
      );
    }
    out.records = records;
  }
  // Options of one mode given for another have no effect: say so rather than ignore them.
  const only: [keyof SynthesisRunOptions, string, SynthesisMode][] = [
    ["oversamplingRatio", "--oversampling-ratio", "value-seeded"],
    ["oversamplingTries", "--oversampling-tries", "value-seeded"],
    ["weightPercentile", "--weight-percentile", "aggregate-seeded"],
    ["useSynthesizedCounts", "--use-synthesized-counts", "aggregate-seeded"],
    ["records", "--records", "aggregate-seeded"],
  ];
  out.ignored = [
    ...(out.ignored ?? []),
    ...only
      .filter(([key, , m]) => out[key] !== undefined && mode !== m)
      .map(([, flag, m]) => `${flag} applies to --mode ${m} only and is ignored with ${mode}.`),
  ];
  return out;
}

/** The most records `--records` may ask for. */
const MAX_RECORDS = 100_000_000;
