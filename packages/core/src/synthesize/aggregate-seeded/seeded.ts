/**
 * Aggregate-seeded synthesis (docs/design.md §4): synthetic records made from the published aggregates
 * only (PublishedAggregates: the table over the published values, the columns' names and kinds)
 * — never from the sensitive records, nor from values or counts of values that are not
 * published. Records come out over the published ids; `inDatasetIds` maps them back by value.
 *
 * Guarantee: every combination of up to L attributes of every synthetic record is a row of the
 * reportable aggregates (so it describes at least k people). Longer combinations may be rare or
 * absent in the real data. A single-value column gives at most one attribute per record; a
 * multi-value column several only where the aggregates hold those combinations. No record is
 * empty. Every phase admits an attribute only after looking up every sub-combination of up to
 * L attributes it creates (greedy.ts, fit.ts).
 *
 * 1. Sampling (as SDS): each record grows one attribute at a time, drawn in proportion to the
 *    reportable count of the combination it forms, minus its synthesized count so far (SDS's
 *    "use synthesized counts", on by default here; beyond L: the `weightPercentile`-th
 *    percentile of its L-combinations), only among attributes whose reportable 1-count is not
 *    used up; records keep being made until every 1-count is used up (or `records` are made).
 *    Unlike SDS, a record that can take no attribute with count left still fills its empty
 *    single-value columns with admissible values (complete records where the aggregates allow).
 * 2. Fitting (beyond SDS): local search over the records that brings the synthetic counts of
 *    all reportable combinations close to their reportable counts plus (k − 1) / 2 (the middle
 *    of the interval the true count lies in), prefers complete records, and gathers records into
 *    attribute sets that several synthetic records share (fewer verbatim copies of people who
 *    are unique in the real data). Bounded work (FIT_MAX_WORK).
 *
 * Reproducible: all randomness comes from `rng`; the output is sorted by attribute-id lists,
 * so its order carries nothing beyond the aggregates.
 */
import type { AggregateTable } from "../../aggregate/aggregate-table.js";
import { UserError } from "../../errors.js";
import type { Rng } from "../../random/rng.js";
import { type OnProgress, progressSpan } from "../progress.js";
import { type SyntheticData, syntheticFromLists } from "../synthetic-data.js";
import { DENSE_LIMIT, Extensions } from "./extensions.js";
import { fitRecords } from "./fit.js";
import { sampleGreedy } from "./greedy.js";
import { AggregateIndex } from "./lookup.js";
import type { PublishedAggregates } from "./published.js";

export interface AggregateSeededOptions {
  /** Privacy resolution the aggregates were made with (counts are multiples of k). */
  k: number;
  /** L of the aggregates. */
  length: number;
  rng: Rng;
  /** Percentile of sub-combination counts used to weight combinations longer than L (default 95). */
  weightPercentile?: number;
  /**
   * Subtract already-synthesized counts from the weights (default true; SDS: false). Measured
   * with seed 1: census 100k × 12 953 → 965; NIST demo-10 / sparse-13 with `N` missing
   * 960 → 962 / 904 → 905; the bundled sample 626 → 641; DP ε = 1 about +3 on NIST.
   */
  useSynthesizedCounts?: boolean;
  /** Number of records; default: stop when every attribute's reportable count is used up. */
  records?: number;
  /** Fill empty single-value columns when the aggregates allow (default true; false: as SDS). */
  completeRecords?: boolean;
  /** Weight of an empty single-value cell beyond its implied share, in the fitting (default FIT_MISSING_WEIGHT). */
  missingWeight?: number;
  /** Target number of records without a value per column (NaN: implied by the aggregates); a published or measured number. */
  emptyTargets?: ArrayLike<number>;
  /**
   * Weight, in the fitting, of one combination of each length l = 1…L (index l − 1); default
   * 1 / C(columns − 1, l − 1), so that each length weighs alike for one cell. DP synthesis
   * weighs each count by how precise it is.
   */
  lengthWeights?: readonly number[];
  /** Most passes of the fitting step; 0 turns fitting off (plain SDS-like sampling). Default 8. */
  fitSweeps?: number;
  /**
   * What the fitting aims at: "midpoint" = reportable count + (k − 1) / 2 (the middle of the
   * interval [count, count + k − 1] the true count lies in), "reported" = the reportable count.
   * Default "midpoint".
   */
  fitTarget?: "midpoint" | "reported";
  /**
   * How strongly the fitting gathers records into attribute sets that at least 2k + 3 synthetic
   * records share (a set shared by c records costs shareWeight·(2k + 3 − c)); 0 turns it off.
   * Default 0.3. Only without a fixed number of `records`.
   */
  shareWeight?: number;
  /** Share of the work done, in [0, 1] (sampling, then fitting). */
  onProgress?: OnProgress;
  /**
   * Largest dense lookup table, in entries (4 bytes each); larger aggregates use exact hash
   * lookups instead (same output, slower). Default DENSE_LIMIT (2^24).
   */
  denseLimit?: number;
}

export const AGGREGATE_SEEDED_DEFAULTS = {
  weightPercentile: 95,
  useSynthesizedCounts: true,
  completeRecords: true,
  fitSweeps: 8,
  fitTarget: "midpoint",
  shareWeight: 0.3,
  denseLimit: DENSE_LIMIT,
} as const;

/**
 * In the fitting, a record without value in a single-value column (beyond the share of such
 * records the aggregates imply) costs like this many cells' worth of count errors (a cell's
 * combinations of each length weigh 1 together).
 */
export const FIT_MISSING_WEIGHT = 3;

/**
 * Bound on the fitting work (lookups, ~10–20 ns each): about one pass over 100k records of 12
 * columns at L = 3; smaller tables converge before.
 */
export const FIT_MAX_WORK = 2e8;

/** Share of the progress bar for sampling (the rest: fitting), about their share of the time. */
const SAMPLING_SHARE = 0.4;

/**
 * Works ONLY from the published aggregates (by type: no records, no unpublished value); the
 * records it returns hold published ids (`inDatasetIds` maps them to a Dataset's).
 */
export function synthesizeAggregateSeeded(
  published: PublishedAggregates,
  options: AggregateSeededOptions,
): SyntheticData {
  const { table: reportable } = published;
  validate(reportable, options);
  const o = { ...AGGREGATE_SEEDED_DEFAULTS, ...stripUndefined(options) };
  const index = new AggregateIndex(reportable, published.attributeColumn.length);
  const ext = new Extensions(index, o.denseLimit);
  const syn = new Int32Array(index.rows);
  const store = sampleGreedy(published, index, ext, syn, o.rng.fork(0), {
    weightPercentile: o.weightPercentile,
    useSynthesizedCounts: o.useSynthesizedCounts,
    records: options.records,
    complete: o.completeRecords,
    onProgress: progressSpan(options.onProgress, 0, o.fitSweeps > 0 ? SAMPLING_SHARE : 1),
  });
  if (o.fitSweeps > 0) {
    fitRecords(published, index, ext, store, syn, o.rng.fork(1), {
      sweeps: o.fitSweeps,
      offset: o.fitTarget === "midpoint" ? (o.k - 1) / 2 : 0,
      allowDelete: options.records === undefined,
      ...(options.records !== undefined && { records: options.records }),
      missingWeight: o.completeRecords ? (options.missingWeight ?? FIT_MISSING_WEIGHT) : 0,
      ...(options.emptyTargets && { emptyTargets: options.emptyTargets }),
      shareWeight: options.records === undefined ? o.shareWeight : 0,
      shareTarget: 2 * o.k + 3,
      ...(options.lengthWeights && { lengthWeights: options.lengthWeights }),
      maxWork: FIT_MAX_WORK,
      onProgress: progressSpan(options.onProgress, SAMPLING_SHARE, 1 - SAMPLING_SHARE),
    });
  }
  options.onProgress?.(1);
  const lists: number[][] = [];
  for (let r = 0; r < store.count; r++) if (store.lens[r]! > 0) lists.push(store.list(r));
  lists.sort(compareLists);
  return syntheticFromLists(lists);
}

function compareLists(a: number[], b: number[]): number {
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) if (a[i] !== b[i]) return a[i]! - b[i]!;
  return a.length - b.length;
}

function stripUndefined<T extends object>(o: T): T {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as T;
}

function validate(reportable: AggregateTable, o: AggregateSeededOptions): void {
  const bad = (what: string, hint: string) => {
    throw new UserError("invalid-option", `aggregate-seeded synthesis: ${what}.`, {}, hint);
  };
  if (!Number.isInteger(o.k) || o.k < 1)
    bad(`k must be a whole number ≥ 1 (got ${o.k})`, "Use the k of the aggregates.");
  if (o.length !== reportable.length)
    bad(
      `the reporting length ${o.length} differs from the aggregates' length ${reportable.length}`,
      "Pass the L the aggregates were computed with.",
    );
  const p = o.weightPercentile;
  if (p !== undefined && !(p >= 0 && p <= 100))
    bad(`the weight percentile must lie between 0 and 100 (got ${p})`, "The default is 95.");
  const n = o.records;
  if (n !== undefined && !(Number.isInteger(n) && n >= 0))
    bad(
      `the number of records must be a whole number ≥ 0 (got ${n})`,
      "Leave it out to use up the counts.",
    );
  const s = o.fitSweeps;
  if (s !== undefined && !(Number.isInteger(s) && s >= 0))
    bad(
      `fitSweeps must be a whole number ≥ 0 (got ${s})`,
      "The default is 8; 0 turns fitting off.",
    );
  const lw = o.lengthWeights;
  if (
    lw !== undefined &&
    (lw.length !== o.length || lw.some((x) => !(x > 0 && Number.isFinite(x))))
  )
    bad(
      `lengthWeights must hold ${o.length} positive numbers, one per length (got ${lw.join(", ")})`,
      "Leave it out for the default.",
    );
  const w = o.shareWeight;
  if (w !== undefined && !(w >= 0 && Number.isFinite(w)))
    bad(`shareWeight must be a number ≥ 0 (got ${w})`, "The default is 0.3; 0 turns it off.");
}
