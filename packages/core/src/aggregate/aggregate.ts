/**
 * The aggregation stage (docs/design.md §3): validate k and L, estimate the work, count every
 * combination up to L, and derive the reportable aggregates and the risk analysis.
 */
import { UserError, type Warning } from "../errors.js";
import type { Dataset } from "../ingest/types.js";
import {
  type AggregateTable,
  floorK,
  reportableAggregates,
  sensitiveAggregates,
} from "./aggregate-table.js";
import { type CountExecutor, countCombinations } from "./count-combinations.js";
import { type Allocate, estimateWork, prepareCounting } from "./counting-input.js";
import { analyseRisk, type RiskReport } from "./risk-analysis.js";

export interface AggregateOptions {
  /** Privacy resolution k: the fewest people a reported combination may describe. Default 10. */
  k?: number;
  /** Reporting length L: the longest combinations counted. Default 3; clamped to the number of columns. */
  length?: number;
  /** Also list every combination with its exact count (sensitive). Default false. */
  sensitive?: boolean;
  /**
   * Refuse when the work estimate exceeds this many (record, combination) incidences.
   * Default WORK_LIMIT; "none" lifts the limit.
   */
  workLimit?: number | "none";
  /** Runs the counting tasks (default: in the calling thread). */
  executor?: CountExecutor;
  /** Number of counting tasks (default 1; use a few per thread with a parallel executor). */
  tasks?: number;
  /** Allocation of the counting arrays (e.g. shared memory for workers). */
  allocate?: Allocate;
  onProgress?: (fraction: number) => void;
}

export const DEFAULT_K = 10;
export const DEFAULT_LENGTH = 3;
/**
 * Largest work estimate accepted unless the limit is lifted ("none"): 2·10^9 (record, combination) incidences,
 * about a minute of counting on one core of a laptop (1M records × 12 columns at L = 4 is 0.8·10^9).
 */
export const WORK_LIMIT = 2e9;

export interface AggregateResult {
  k: number;
  /** L after clamping. */
  length: number;
  /** floor_k(n): the only record count that may be published. */
  reportedRecords: number;
  reportable: AggregateTable;
  sensitive?: AggregateTable;
  risk: RiskReport;
  work: number;
  warnings: Warning[];
}

/** Checks k and L against the data; returns L clamped to the number of columns. */
export function validateResolution(
  data: Dataset,
  k: number,
  length: number,
  warnings: Warning[],
): number {
  if (!Number.isInteger(k) || k < 1) {
    throw new UserError(
      "invalid-option",
      `The privacy resolution k must be a whole number of at least 1 (got ${k}).`,
      {},
      "Use for example --k 10: every published combination then describes at least 10 people.",
    );
  }
  if (!Number.isInteger(length) || length < 1) {
    throw new UserError(
      "invalid-option",
      `The reporting length L must be a whole number of at least 1 (got ${length}).`,
      {},
      "Use for example --length 3: combinations of up to 3 attributes are counted.",
    );
  }
  if (k > data.recordCount) {
    throw new UserError(
      "k-too-large",
      `k = ${k} is larger than the number of records (${data.recordCount}), so nothing could be reported.`,
      {},
      `Choose a privacy resolution of at most ${data.recordCount} (--k ${data.recordCount} or less), or use more data.`,
    );
  }
  const columns = data.columns.length;
  if (length > columns) {
    warnings.push({
      code: "length-clamped",
      message: `The reporting length ${length} is more than the number of columns (${columns}); using ${columns}.`,
    });
    return columns;
  }
  return length;
}

/** Counts, selects the reportable aggregates and analyses risk; see AggregateOptions. */
export async function aggregate(
  data: Dataset,
  options: AggregateOptions = {},
): Promise<AggregateResult> {
  const warnings: Warning[] = [];
  const k = options.k ?? DEFAULT_K;
  // The default length quietly fits small tables; only a length the user asked for is warned about.
  const length =
    options.length === undefined
      ? validateResolution(data, k, Math.min(DEFAULT_LENGTH, data.columns.length), warnings)
      : validateResolution(data, k, options.length, warnings);
  const input = prepareCounting(data, options.allocate);
  const work = estimateWork(input, length);
  const limit = options.workLimit ?? WORK_LIMIT;
  if (limit !== "none" && work > limit) {
    throw new UserError(
      "work-limit",
      `Counting all combinations of up to ${length} attributes would take about ${formatWork(work)} steps, more than the limit of ${formatWork(limit)}.`,
      { option: "workLimit" },
      "Lower the reporting length, select fewer columns, or group the values of columns with many values into bins; or lift the work limit (none) to run anyway, which may take very long.",
    );
  }
  const counts = await countCombinations(input, {
    k,
    length,
    collectAll: options.sensitive === true,
    ...(options.executor && { executor: options.executor }),
    ...(options.tasks && { tasks: options.tasks }),
    ...(options.onProgress && { onProgress: options.onProgress }),
  });
  const result: AggregateResult = {
    k,
    length,
    reportedRecords: floorK(data.recordCount, k),
    reportable: reportableAggregates(data, counts, k, length),
    risk: analyseRisk(data, input, counts, k, length),
    work,
    warnings,
  };
  if (options.sensitive) result.sensitive = sensitiveAggregates(data, counts, length);
  if (result.reportable.counts.length === 0) {
    warnings.push({
      code: "empty-release",
      message: `No value is shared by at least ${k} people, so nothing can be reported. Lower k (--k), or group values into broader categories.`,
    });
  }
  return result;
}

function formatWork(x: number): string {
  if (x >= 1e9) return `${(x / 1e9).toFixed(1)} billion`;
  if (x >= 1e6) return `${(x / 1e6).toFixed(1)} million`;
  return String(Math.round(x));
}
