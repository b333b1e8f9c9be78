/**
 * DP aggregates: the "DP marginals" mechanism of docs/design.md §5, step by step.
 *
 * 1. ñ = n + discrete Laplace(1/ε_N), at least 1; δ defaults to 1/(m ln m), m = max(ñ, 10).
 * 2. The budget split (accounting.ts).
 * 3. For each length l = 1…L: candidates (every attribute; then every extension of a surviving
 *    (l−1)-combination by a surviving attribute, never a second value of a single-value column,
 *    all of whose (l−1)-sub-combinations survived); each record's contributions bounded by a DP
 *    percentile Δ_l over 0 … U_l (U_l from the schema and earlier DP outputs, never from the
 *    values seen; records with more keep a uniformly random Δ_l); discrete Gaussian noise of
 *    variance σ_l²·Δ_l on every candidate, zero counts included; keep those above τ_l.
 *    At length 1, "no value in column c" is measured too, like an attribute (one more count
 *    per single-value column; a record still contributes at most one per column).
 * 4. Post-processing: drop non-positive counts, re-insert missing parents, cap every count by
 *    its sub-combinations' (monotone).
 *
 * Only ñ, never n, leaves this module. Every random draw comes from `rng`, which a release must
 * make secure (tests inject a seeded one). No random outcome can make it fail: a noisy count
 * below 1 just becomes 1, an empty result is a valid (empty) table.
 *
 * Guarantee: (ε, δ)-DP for the whole output (ñ, Δ_l, τ_l, U_l, the table, the blanks).
 * Privacy unit: one person — one record after subject-ID merging (one row without an ID).
 * Sensitivity: record count 1 (discrete Laplace, ε_N-DP); per length l, a person changes at
 * most Δ_l candidate counts by 1 after the bounding of step 3, so L2 sensitivity √Δ_l
 * against discrete Gaussian noise of variance σ_l²·Δ_l: 1/(2σ_l²)-zCDP (Canonne, Kamath &
 * Steinke 2020, the discrete Gaussian mechanism); each percentile is ε_Q-DP (percentile.ts). What is data-dependent
 * but not noised is not published or is covered: the length-1 candidates are the values seen
 * (covered by τ_1 and δ/2), the later candidates and every U_l come from earlier DP outputs
 * and the schema only. Cost and composition: accounting.ts. References: Canonne, Kamath &
 * Steinke, "The Discrete Gaussian for Differential Privacy", NeurIPS 2020; Bun & Steinke,
 * "Concentrated Differential Privacy", TCC 2016; Microsoft's Synthetic Data Showcase (SDS)
 * for the mechanism's shape. Proof note: docs/privacy/dp-marginals.md, docs/privacy/record-count.md.
 *
 * Audit: `dpAggregatesAudited` (not in index.ts) exposes the measured counts and a noise
 * factor to the empirical privacy audit (packages/core/test/dp/privacy-audit.ts,
 * `npm run audit:dp`), which must reject the half-noise mutant.
 */
import type { AggregateTable } from "../aggregate/aggregate-table.js";
import { tableOf } from "../aggregate/aggregate-table.js";
import { NONE } from "../aggregate/count-partition.js";
import type { Column, Dataset } from "../ingest/types.js";
import { type Rng, shuffleFirst } from "../random/rng.js";
import { CombinationKeys } from "../synthesize/combination-keys.js";
import {
  type AccuracyMode,
  type BudgetSplit,
  DP_DEFAULTS,
  defaultDelta,
  type Fabrication,
  splitBudget,
  thresholdLength,
  thresholdLength1,
} from "./accounting.js";
import { discreteGaussian, discreteLaplace, rationalAtLeast } from "./exact.js";
import { dpPercentile } from "./percentile.js";

export interface DpAggregateOptions {
  epsilon: number;
  /** Default 1/(m ln m), m = max(ñ, 10). */
  delta?: number;
  /** Reporting length L (clamped to the number of columns). */
  length: number;
  recordsShare?: number;
  percentileShare?: number;
  /** Percentile of per-record contributions that bounds them (default 99). */
  percentile?: number;
  accuracy?: AccuracyMode | number[];
  fabrication?: Fabrication;
  rng: Rng;
}

export interface DpAggregates {
  /** The published DP aggregates (counts ≥ 1), sorted as docs/design.md §7. */
  table: AggregateTable;
  /** ñ: the noisy number of records. */
  noisyRecords: number;
  delta: number;
  split: BudgetSplit;
  /** Δ_l, l = 1…L: the DP contribution bounds chosen. */
  contributions: number[];
  /** τ_l, l = 1…L. */
  thresholds: number[];
  /** U_l, l = 1…L: the range 0 … U_l each percentile was chosen from (as doubles past 2^53). */
  ranges: number[];
  /**
   * Noisy number of records without a value, per single-value column (measured with the
   * length-1 counts, same noise; NaN for multi-value columns and for columns whose missing
   * cells are the value (missing), counted like any other). The "no value" category comes
   * from the schema, not the data, so it needs no threshold; counts are clipped at 0.
   */
  blanks: number[];
}

/** A combination kept at some length, with its (noisy, then post-processed) count. */
interface Kept {
  ids: number[];
  count: number;
  /** Re-inserted as a missing parent (not measured). */
  inserted?: boolean;
}

export function dpAggregates(data: Dataset, options: DpAggregateOptions): DpAggregates {
  return dpAggregatesAudited(data, options, { noiseFactor: 1 });
}

/**
 * The seams of the privacy audit (packages/core/test/dp/privacy-audit.ts, `npm run audit:dp`):
 * never re-exported by index.ts, so no host can weaken a release through them.
 */
export interface DpAudit {
  /** Multiplies every noise scale: 1 is the mechanism, 0.5 the half-noise mutant. */
  noiseFactor: number;
  /** Sees every measured candidate's noisy count (before threshold and post-processing). */
  onMeasured?(length: number, ids: readonly number[], noisy: number): void;
}

/**
 * The record count of step 1 on its own: n + discrete Laplace with scale 1/ε_N (rounded up),
 * at least 1. ε_N-DP: adding or removing one person moves n by 1 (Canonne, Kamath & Steinke
 * 2020, §2.2, discrete Laplace; the clamp is post-processing).
 */
export function noisyRecordCount(
  rng: Rng,
  records: number,
  epsilonN: number,
  noiseFactor = 1,
): number {
  const scale = rationalAtLeast(noiseFactor / epsilonN);
  return Math.max(1, records + Number(discreteLaplace(rng, scale.num, scale.den)));
}

/** dpAggregates with the audit's seams (same mechanism when `audit.noiseFactor` is 1). */
export function dpAggregatesAudited(
  data: Dataset,
  options: DpAggregateOptions,
  audit: DpAudit,
): DpAggregates {
  const { rng } = options;
  const length = Math.min(options.length, data.columns.length);
  const recordsShare = options.recordsShare ?? DP_DEFAULTS.recordsShare;
  // 1. The record count (sensitivity 1), scale 1/ε_N rounded up.
  const noisyRecords = noisyRecordCount(
    rng,
    data.recordCount,
    recordsShare * options.epsilon,
    audit.noiseFactor,
  );
  const delta = options.delta ?? defaultDelta(noisyRecords);
  // 2. The split.
  const split = splitBudget({
    epsilon: options.epsilon,
    delta,
    length,
    recordsShare,
    percentileShare: options.percentileShare ?? DP_DEFAULTS.percentileShare,
    accuracy: options.accuracy ?? DP_DEFAULTS.accuracyMode,
  });
  const fabrication = options.fabrication ?? { mode: DP_DEFAULTS.fabricationMode };
  const percentile = options.percentile ?? DP_DEFAULTS.percentile;
  const keys = new CombinationKeys(data.attributeColumn.length, length);
  // 3. Length by length.
  const levels: Map<number | string, Kept>[] = [];
  const contributions: number[] = [];
  const thresholds: number[] = [];
  const ranges: number[] = [];
  let blanks: number[] = [];
  for (let l = 1; l <= length; l++) {
    const candidates =
      l === 1 ? singles(data, keys) : extensions(data, keys, levels[l - 2]!, levels[0]!);
    const held = recordContributions(data, keys, levels, candidates, l);
    if (l === 1) addBlanks(data, held);
    // U_l may be astronomically large (C(3000, 3) ≈ 4.5·10^9): exact, and the percentile's
    // work does not grow with it.
    const upper =
      l === 1 ? BigInt(firstUpper(data)) : chooseExact(attributesAfter(data, levels[0]!), l);
    const bound = dpPercentile(
      rng,
      Uint32Array.from(held, (h) => h.length),
      {
        percentile,
        upper,
        epsilon: split.epsilonPercentile,
      },
    );
    const sigma = split.sigmas[l - 1]!;
    const tau =
      l === 1
        ? thresholdLength1(sigma, bound, delta)
        : thresholdLength(fabrication, l, length, sigma, bound);
    contributions.push(bound);
    ranges.push(Number(upper));
    thresholds.push(tau);
    const counts = new Map<number | string, number>();
    for (const list of held) {
      const kept =
        list.length > bound ? shuffleFirst(rng, list.slice(), bound).slice(0, bound) : list;
      for (const key of kept) counts.set(key, (counts.get(key) ?? 0) + 1);
    }
    const variance = rationalAtLeast(sigma * sigma * bound * audit.noiseFactor ** 2);
    const survivors = new Map<number | string, Kept>();
    for (const [key, ids] of candidates) {
      const noisy = (counts.get(key) ?? 0) + Number(discreteGaussian(rng, variance));
      audit.onMeasured?.(l, ids, noisy);
      // Length 1: one more than τ_1, a margin for the discrete Gaussian's tail, which may exceed
      // the continuous one that τ_1 is computed from by up to one unit.
      const bar = l === 1 ? tau + 1 : tau;
      if (noisy > bar && noisy > 0) survivors.set(key, { ids, count: noisy });
    }
    levels.push(survivors);
    if (l === 1) {
      blanks = data.columns.map((c, j) =>
        measuresBlank(c)
          ? Math.max(0, (counts.get(blankKey(j)) ?? 0) + Number(discreteGaussian(rng, variance)))
          : Number.NaN,
      );
    }
  }
  // 4. Post-processing (free).
  reinsertParents(keys, levels);
  capByParents(keys, levels);
  return {
    table: toTable(data, levels, length),
    noisyRecords,
    delta,
    split,
    contributions,
    thresholds,
    ranges,
    blanks,
  };
}

const blankKey = (column: number) => `blank:${column}`;

/**
 * "No value" is measured apart for a single-value column whose missing cells are not already
 * the value (missing) (docs/design.md §12; a release always reads DP input with every column's missing
 * cells as that value, so this serves library callers that do not).
 */
const measuresBlank = (c: Column) => c.kind === "single" && c.missingLabel === undefined;

/** Adds, to each record's length-1 contributions, its empty single-value columns. */
function addBlanks(data: Dataset, held: (number | string)[][]): void {
  const { recordOffsets: off, recordAttributes: attrs, attributeColumn: col } = data;
  const has = new Uint8Array(data.columns.length);
  for (let r = 0; r < data.recordCount; r++) {
    has.fill(0);
    for (let e = off[r]!; e < off[r + 1]!; e++) has[col[attrs[e]!]!] = 1;
    data.columns.forEach((c, j) => {
      if (measuresBlank(c) && has[j] === 0) held[r]!.push(blankKey(j));
    });
  }
}

/**
 * Values a multi-value column may contribute at length 1, for the percentile's range: a fixed
 * number, since the values seen in the data must not shape the range (a person adding a new
 * value would change it). Records holding more are bounded like any other.
 */
const MULTI_VALUES_BOUND = 32;

/** C(n, r) exactly. */
function chooseExact(n: number, r: number): bigint {
  if (r < 0 || r > n) return 0n;
  let result = 1n;
  // Each partial product C(n − r + i, i) is an integer.
  for (let i = 1; i <= r; i++) result = (result * BigInt(n - r + i)) / BigInt(i);
  return result;
}

/** U_1: one attribute per single-value column, MULTI_VALUES_BOUND per multi-value column. */
function firstUpper(data: Dataset): number {
  let m = 0;
  for (const c of data.columns) m += c.kind === "single" ? 1 : MULTI_VALUES_BOUND;
  return m;
}

/**
 * The most attributes a record can hold among the surviving ones (a DP output, so free to use):
 * one per single-value column, every surviving value of a multi-value column.
 */
function attributesAfter(data: Dataset, survivors: Map<number | string, Kept>): number {
  const perMulti = new Map<number, number>();
  for (const { ids } of survivors.values()) {
    const c = data.attributeColumn[ids[0]!]!;
    if (data.columns[c]!.kind === "multi") perMulti.set(c, (perMulti.get(c) ?? 0) + 1);
  }
  let m = 0;
  data.columns.forEach((c, j) => {
    m += c.kind === "single" ? 1 : (perMulti.get(j) ?? 0);
  });
  return m;
}

function singles(data: Dataset, keys: CombinationKeys): Map<number | string, number[]> {
  const out = new Map<number | string, number[]>();
  for (let a = 0; a < data.attributeColumn.length; a++) out.set(keys.key([a]), [a]);
  return out;
}

/** Candidates of length l from the survivors of length l − 1 and the surviving attributes. */
function extensions(
  data: Dataset,
  keys: CombinationKeys,
  previous: Map<number | string, Kept>,
  attributes: Map<number | string, Kept>,
): Map<number | string, number[]> {
  const col = data.attributeColumn;
  const single = data.columns.map((c) => c.kind === "single");
  const surviving = [...attributes.values()].map((k) => k.ids[0]!).sort((a, b) => a - b);
  const out = new Map<number | string, number[]>();
  const sub: number[] = [];
  for (const { ids } of previous.values()) {
    const last = ids[ids.length - 1]!;
    for (const a of surviving) {
      if (a <= last) continue;
      if (single[col[a]!] && ids.some((v) => col[v] === col[a])) continue;
      const next = [...ids, a];
      // Every (l−1)-sub-combination must have survived (dropping a gives `ids` itself).
      let ok = true;
      for (let skip = 0; skip < ids.length && ok; skip++) {
        sub.length = 0;
        for (let i = 0; i < next.length; i++) if (i !== skip) sub.push(next[i]!);
        ok = previous.has(keys.key(sub));
      }
      if (ok) out.set(keys.key(next), next);
    }
  }
  return out;
}

/** For each record, the keys of the length-l candidates it holds. */
function recordContributions(
  data: Dataset,
  keys: CombinationKeys,
  levels: Map<number | string, Kept>[],
  candidates: Map<number | string, number[]>,
  l: number,
): (number | string)[][] {
  const { recordOffsets: off, recordAttributes: attrs } = data;
  const out: (number | string)[][] = new Array(data.recordCount);
  const current: number[] = [];
  for (let r = 0; r < data.recordCount; r++) {
    const own = attrs.subarray(off[r]!, off[r + 1]!);
    const list: (number | string)[] = [];
    // Depth-first over the record's attributes (ascending), extending only prefixes that
    // survived: a candidate's prefix always did.
    const go = (start: number) => {
      for (let i = start; i < own.length; i++) {
        current.push(own[i]!);
        const key = keys.key(current);
        if (current.length === l) {
          if (candidates.has(key)) list.push(key);
        } else if (levels[current.length - 1]!.has(key)) go(i + 1);
        current.pop();
      }
    };
    go(0);
    out[r] = list;
  }
  return out;
}

/** Longest first: a kept combination's missing parent is inserted with the largest count among its children. */
function reinsertParents(keys: CombinationKeys, levels: Map<number | string, Kept>[]): void {
  for (let l = levels.length; l >= 2; l--) {
    const parents = levels[l - 2]!;
    for (const { ids, count } of levels[l - 1]!.values()) {
      for (let skip = 0; skip < ids.length; skip++) {
        const sub = ids.filter((_, i) => i !== skip);
        const key = keys.key(sub);
        const known = parents.get(key);
        if (!known) parents.set(key, { ids: sub, count, inserted: true });
        else if (known.inserted && known.count < count) known.count = count;
      }
    }
  }
}

/** Shortest first: each count becomes at most the smallest count of its sub-combinations. */
function capByParents(keys: CombinationKeys, levels: Map<number | string, Kept>[]): void {
  for (let l = 2; l <= levels.length; l++) {
    const parents = levels[l - 2]!;
    for (const kept of levels[l - 1]!.values()) {
      for (let skip = 0; skip < kept.ids.length; skip++) {
        const sub = kept.ids.filter((_, i) => i !== skip);
        const parent = parents.get(keys.key(sub));
        if (parent && parent.count < kept.count) kept.count = parent.count;
      }
    }
  }
}

function toTable(
  data: Dataset,
  levels: Map<number | string, Kept>[],
  length: number,
): AggregateTable {
  let total = 0;
  for (const level of levels) total += level.size;
  const attrs = new Uint32Array(total * length).fill(NONE);
  const counts = new Uint32Array(total);
  let i = 0;
  for (const level of levels) {
    for (const { ids, count } of level.values()) {
      attrs.set(ids, i * length);
      counts[i++] = count;
    }
  }
  return tableOf(data, attrs, counts, length);
}
