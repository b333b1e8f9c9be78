/**
 * Compares a table of combination counts (the reportable aggregates REP, or the combination
 * counts of the synthetic records SYN) with the exact sensitive counts SEN, all up to length L
 * (docs/design.md §6). Definitions, where docs/design.md leaves them open:
 *
 * - suppressed: in SEN, not in the target (% of SEN); fabricated: in the target, not in SEN
 *   (% of the target's combinations). Both overall and per length.
 * - mean absolute error (per length and overall): mean of |target − sen| over SEN ∪ target,
 *   a combination missing from one side counting 0 there (so suppression and fabrication are
 *   errors too).
 * - mean proportional error: mean of |target − sen| / sen over the SEN combinations (a
 *   suppressed one scores 1; fabricated ones have no sensitive count and are reported as
 *   fabricated instead), per length and per bucket of the SEN count: below 10, then [10, 20),
 *   [20, 40), [40, 80), … (only non-empty buckets are listed).
 * - rare leakage: SEN combinations with count < k that appear in the target (% of those).
 * - kept frequent: SEN combinations with count ≥ k (the ones the aggregates may report) that
 *   appear in the target (% of those).
 */
import { type CombinationIndex, comboEnd } from "../aggregate/combination-index.js";

/** Combinations with counts: `width` ascending attribute ids per row, padded with NONE. */
export interface CombinationList {
  width: number;
  attrs: Uint32Array;
  counts: Uint32Array;
}

/** SEN with its lookup index and the length of each row. */
export interface IndexedSensitive {
  list: CombinationList;
  index: CombinationIndex;
  lengths: Uint8Array;
}

export interface LengthComparison {
  length: number;
  sensitiveCombinations: number;
  targetCombinations: number;
  suppressed: number;
  suppressedPercent: number;
  fabricated: number;
  fabricatedPercent: number;
  meanAbsoluteError: number;
  meanProportionalError: number;
  rareLeaked: number;
}

/** SEN counts in [from, to). */
export interface BucketComparison {
  from: number;
  to: number;
  combinations: number;
  meanProportionalError: number;
}

export interface TargetComparison {
  combinations: number;
  suppressed: number;
  suppressedPercent: number;
  fabricated: number;
  fabricatedPercent: number;
  keptFrequent: number;
  keptFrequentPercent: number;
  meanAbsoluteError: number;
  meanProportionalError: number;
  /** Mean proportional error over the SEN combinations with count ≥ k. */
  frequentMeanProportionalError: number;
  rareLeaked: number;
  rareLeakedPercent: number;
  byLength: LengthComparison[];
  byBucket: BucketComparison[];
}

/** Percentage part / whole, 0 when whole is 0. */
export function percent(part: number, whole: number): number {
  return whole === 0 ? 0 : (100 * part) / whole;
}

const mean = (sum: number, n: number) => (n === 0 ? 0 : sum / n);

/** Bucket of a sensitive count: 0 below 10, b ≥ 1 for [10·2^(b−1), 10·2^b). */
export function bucketOf(count: number): number {
  return count < 10 ? 0 : 32 - Math.clz32(Math.floor(count / 10));
}

export function compareWithSensitive(
  sen: IndexedSensitive,
  target: CombinationList,
  k: number,
  length: number,
): TargetComparison {
  const L = length;
  const senRows = sen.list.counts.length;
  const present = new Uint8Array(senRows);
  const targetCount = new Uint32Array(senRows);
  const targetAt = new Float64Array(L + 1);
  const fabricatedAt = new Float64Array(L + 1);
  const absAt = new Float64Array(L + 1);
  for (let j = 0; j < target.counts.length; j++) {
    const from = j * target.width;
    const to = comboEnd(target.attrs, target.width, j);
    const l = to - from;
    if (l < 1 || l > L) continue;
    targetAt[l]!++;
    const t = target.counts[j]!;
    const i = sen.index.find(target.attrs, from, to);
    if (i === -1) {
      fabricatedAt[l]!++;
      absAt[l]! += t;
    } else {
      present[i] = 1;
      targetCount[i] = t;
    }
  }
  const senAt = new Float64Array(L + 1);
  const suppressedAt = new Float64Array(L + 1);
  const propAt = new Float64Array(L + 1);
  const rareLeakedAt = new Float64Array(L + 1);
  let rare = 0;
  let frequent = 0;
  let keptFrequent = 0;
  let frequentProp = 0;
  const bucketN: number[] = [];
  const bucketSum: number[] = [];
  const { counts } = sen.list;
  for (let i = 0; i < senRows; i++) {
    const l = sen.lengths[i]!;
    if (l > L) continue;
    const s = counts[i]!;
    const t = present[i] === 1 ? targetCount[i]! : 0;
    senAt[l]!++;
    if (present[i] === 0) suppressedAt[l]!++;
    const err = Math.abs(t - s);
    absAt[l]! += err;
    propAt[l]! += err / s;
    const b = bucketOf(s);
    while (bucketN.length <= b) {
      bucketN.push(0);
      bucketSum.push(0);
    }
    bucketN[b]!++;
    bucketSum[b]! += err / s;
    if (s < k) {
      rare++;
      if (present[i] === 1) rareLeakedAt[l]!++;
    } else {
      frequent++;
      frequentProp += err / s;
      if (present[i] === 1) keptFrequent++;
    }
  }
  const byLength: LengthComparison[] = [];
  const total = { sen: 0, target: 0, suppressed: 0, fabricated: 0, abs: 0, prop: 0, leaked: 0 };
  for (let l = 1; l <= L; l++) {
    const union = senAt[l]! + fabricatedAt[l]!;
    byLength.push({
      length: l,
      sensitiveCombinations: senAt[l]!,
      targetCombinations: targetAt[l]!,
      suppressed: suppressedAt[l]!,
      suppressedPercent: percent(suppressedAt[l]!, senAt[l]!),
      fabricated: fabricatedAt[l]!,
      fabricatedPercent: percent(fabricatedAt[l]!, targetAt[l]!),
      meanAbsoluteError: mean(absAt[l]!, union),
      meanProportionalError: mean(propAt[l]!, senAt[l]!),
      rareLeaked: rareLeakedAt[l]!,
    });
    total.sen += senAt[l]!;
    total.target += targetAt[l]!;
    total.suppressed += suppressedAt[l]!;
    total.fabricated += fabricatedAt[l]!;
    total.abs += absAt[l]!;
    total.prop += propAt[l]!;
    total.leaked += rareLeakedAt[l]!;
  }
  const byBucket: BucketComparison[] = [];
  for (let b = 0; b < bucketN.length; b++) {
    if (bucketN[b] === 0) continue;
    byBucket.push({
      from: b === 0 ? 1 : 10 * 2 ** (b - 1),
      to: 10 * 2 ** b,
      combinations: bucketN[b]!,
      meanProportionalError: bucketSum[b]! / bucketN[b]!,
    });
  }
  return {
    combinations: total.target,
    suppressed: total.suppressed,
    suppressedPercent: percent(total.suppressed, total.sen),
    fabricated: total.fabricated,
    fabricatedPercent: percent(total.fabricated, total.target),
    keptFrequent,
    keptFrequentPercent: percent(keptFrequent, frequent),
    meanAbsoluteError: mean(total.abs, total.sen + total.fabricated),
    meanProportionalError: mean(total.prop, total.sen),
    frequentMeanProportionalError: mean(frequentProp, frequent),
    rareLeaked: total.leaked,
    rareLeakedPercent: percent(total.leaked, rare),
    byLength,
    byBucket,
  };
}
