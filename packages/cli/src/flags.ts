/**
 * The flags as commander hands them over, and the checks of numeric flags derived from core's
 * definition of each option (NUMBER_OPTIONS): bounds and examples are core's, only the flag's
 * name is the CLI's.
 */
import {
  describeNumber,
  NUMBER_OPTIONS,
  type NumberOption,
  type NumberOptionKey,
  numberAllowed,
} from "@commonground/core/internal";
import { flagOf } from "./report.js";
import { usage } from "./usage.js";

/** The raw values commander hands over (all optional strings / booleans / lists). */
export interface RawFlags {
  columns?: string;
  missing?: string;
  reportMissing?: string;
  multiValue?: string[];
  subjectId?: string;
  keepIdentifiers?: string;
  normalizeNumbers?: string;
  recode?: string[];
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
  license?: string;
  releaseVersion?: string;
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
  exactCounts?: boolean;
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

/**
 * A numeric option's flag value (text) or config value (number), checked against core's
 * definition of the option (NUMBER_OPTIONS): the message names the flag.
 */
export function numberFlag(
  key: NumberOptionKey,
  value: string | number | undefined,
): number | undefined {
  if (value === undefined) return undefined;
  const o: NumberOption = NUMBER_OPTIONS[key];
  const flag = flagOf(key);
  const text = String(value).trim();
  const n = typeof value === "number" ? value : text === "" ? Number.NaN : Number(text);
  if (
    !numberAllowed(o, n) ||
    (o.integer && typeof value === "string" && !/^[+-]?\d+$/.test(text))
  ) {
    throw usage(
      `${flag} must be ${describeNumber(o)} (got ${typeof value === "string" ? `"${value}"` : value}).`,
      `For example ${flag} ${o.example}.`,
    );
  }
  return n;
}
