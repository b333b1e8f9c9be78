/**
 * The numeric options of a release, defined once (docs/design.md §14): bounds, defaults and an example
 * per option. Core validates with them (validateReleaseOptions); the CLI derives its flag checks
 * and the config file's JSON Schema from them, the web app its form fields' limits. A bound
 * changed here changes every host.
 */
import { DEFAULT_K, DEFAULT_LENGTH, WORK_LIMIT } from "../aggregate/aggregate.js";
import { DP_DEFAULTS } from "../dp/accounting.js";
import { UserError } from "../errors.js";

export interface NumberOption {
  /** The option in plain words, as a sentence's subject ("The privacy resolution k"). */
  title: string;
  /** Whole numbers only. */
  integer: boolean;
  /** Smallest value allowed. */
  min?: number;
  /** Values must be greater than this. */
  above?: number;
  /** Largest value allowed. */
  max?: number;
  /** Values must be smaller than this. */
  below?: number;
  /** The default (absent: none, or computed; the option's comment says which). */
  default?: number;
  /** A sensible value, shown in hints. */
  example: number;
  /** One line for --help, the config file's schema and tooltips (optionSummary adds the default). */
  summary: string;
}

/** The most records aggregate-seeded synthesis may be asked to make. */
export const MAX_RECORDS = 100_000_000;

export const NUMBER_OPTIONS = {
  k: {
    title: "The privacy resolution k",
    integer: true,
    min: 2,
    default: DEFAULT_K,
    example: 10,
    summary: "privacy resolution: the fewest people a published combination may describe",
  },
  length: {
    title: "The reporting length L",
    integer: true,
    min: 1,
    default: DEFAULT_LENGTH,
    example: 3,
    summary: "reporting length: the longest combinations counted",
  },
  workLimit: {
    title: "The work limit",
    integer: true,
    min: 1,
    default: WORK_LIMIT,
    example: WORK_LIMIT,
    summary:
      "refuse to count above this work estimate, in record-combination steps; 'none' lifts it",
  },
  recordLimit: {
    title: "The record limit",
    integer: true,
    min: 1,
    example: 1000,
    summary: "read only the first n data rows",
  },
  records: {
    title: "The number of records",
    integer: true,
    min: 1,
    max: MAX_RECORDS,
    example: 1000,
    summary: "aggregate-seeded: number of records (default: until the counts are used up)",
  },
  oversamplingRatio: {
    title: "The oversampling ratio",
    integer: false,
    min: 0,
    max: 100,
    example: 0.1,
    summary:
      "value-seeded: turn on oversampling control, allowing this excess over reportable counts (e.g. 0.1 = 10 %; default: off)",
  },
  oversamplingTries: {
    title: "The number of oversampling tries",
    integer: true,
    min: 1,
    default: 10,
    example: 10,
    summary: "value-seeded: draws per step before giving up",
  },
  weightPercentile: {
    title: "The weight percentile",
    integer: false,
    min: 0,
    max: 100,
    default: 95,
    example: 95,
    summary: "aggregate-seeded: percentile of sub-combination counts weighting long sets",
  },
  epsilon: {
    title: "ε (epsilon)",
    integer: false,
    above: 0,
    example: 1,
    summary: "dp: the privacy budget ε (required; smaller is more private)",
  },
  delta: {
    title: "δ (delta)",
    integer: false,
    above: 0,
    below: 1,
    example: 1e-6,
    summary: "dp: δ (default 1/(m·ln m), m the noisy number of records)",
  },
  percentile: {
    title: "The contribution percentile",
    integer: false,
    above: 0,
    max: 100,
    default: DP_DEFAULTS.percentile,
    example: DP_DEFAULTS.percentile,
    summary: "dp: percentile bounding each person's contributions",
  },
  percentileShare: {
    title: "The percentile share",
    integer: false,
    above: 0,
    below: 1,
    default: DP_DEFAULTS.percentileShare,
    example: DP_DEFAULTS.percentileShare,
    summary: "dp: share of the budget for choosing those bounds",
  },
  recordsShare: {
    title: "The record-count share",
    integer: false,
    above: 0,
    below: 1,
    default: DP_DEFAULTS.recordsShare,
    example: DP_DEFAULTS.recordsShare,
    summary: "dp: share of ε for the record count",
  },
} as const satisfies Record<string, NumberOption>;

export type NumberOptionKey = keyof typeof NUMBER_OPTIONS;

/** The option's one-line summary with its default: "… (default 10)". */
export function optionSummary(key: NumberOptionKey): string {
  const o: NumberOption = NUMBER_OPTIONS[key];
  if (o.default === undefined) return o.summary;
  return `${o.summary} (default ${o.default.toLocaleString("en-US", { maximumFractionDigits: 20 }).replaceAll(",", "")})`;
}

/** Whether `value` is allowed for the option. */
export function numberAllowed(o: NumberOption, value: number): boolean {
  return (
    Number.isFinite(value) &&
    (!o.integer || Number.isSafeInteger(value)) &&
    (o.min === undefined || value >= o.min) &&
    (o.above === undefined || value > o.above) &&
    (o.max === undefined || value <= o.max) &&
    (o.below === undefined || value < o.below)
  );
}

/** What the option takes, in words: "a whole number of at least 2", "a number between 0 and 1, both excluded". */
export function describeNumber(o: NumberOption): string {
  const kind = o.integer ? "a whole number" : "a number";
  const low = o.min ?? o.above;
  const high = o.max ?? o.below;
  const fmt = (x: number) => x.toLocaleString("en-US", { maximumFractionDigits: 20 });
  if (low !== undefined && high !== undefined) {
    if (o.above !== undefined && o.below !== undefined) {
      return `${kind} between ${fmt(low)} and ${fmt(high)}, both excluded`;
    }
    const ends =
      o.above !== undefined
        ? `, ${fmt(low)} excluded`
        : o.below !== undefined
          ? `, ${fmt(high)} excluded`
          : "";
    return `${kind} from ${fmt(low)} to ${fmt(high)}${ends}`;
  }
  if (o.min !== undefined) return `${kind} of at least ${fmt(o.min)}`;
  if (o.above !== undefined)
    return o.above === 0 ? `a positive ${kind.slice(2)}` : `${kind} above ${fmt(o.above)}`;
  if (o.max !== undefined) return `${kind} of at most ${fmt(o.max)}`;
  return kind;
}

/** Throws a UserError naming the option when `value` is not allowed. */
export function checkNumber(key: NumberOptionKey, value: number): void {
  const o: NumberOption = NUMBER_OPTIONS[key];
  if (numberAllowed(o, value)) return;
  throw new UserError(
    "invalid-option",
    `${o.title} must be ${describeNumber(o)} (got ${value}).`,
    { option: key },
    `For example ${o.example}${o.default !== undefined ? `; the default is ${o.default}` : ""}.`,
  );
}
