/**
 * Row-seeded k-anonymous synthesis (DESIGN §4), the default mode.
 *
 * Guarantee: every combination of attributes, of any length, in every synthetic record is held
 * by at least k records of the sensitive data; each attribute occurs exactly floor_k(n_v) times.
 * For each seed record, a synthetic record is grown from that record's own attributes
 * (probability ∝ support, support ≥ k), then the result is consolidated (fill owed, suppress
 * surplus) and sorted. Each real record draws from its own random stream, so the result
 * depends only on the seed, never on scheduling.
 *
 * The seed records are a random floor_k(n) of the n real records (SDS uses all n): one
 * synthetic record per real record would make the number of synthetic rows reveal n, which no
 * public file may (DESIGN §3) — e.g. 3 identical rows with k = 2 gave 3 rows beside a reported 2.
 */
import type { Dataset } from "../ingest/types.js";
import type { Rng } from "../random/rng.js";
import { fillOwed, sortRecords, suppressSurplus, targetCounts } from "./consolidate.js";
import { SupportIndex } from "./support-index.js";
import { type SyntheticData, syntheticFromLists } from "./synthetic-data.js";
import { walk } from "./walk.js";

export interface RecordSynthesisOptions {
  k: number;
  rng: Rng;
  /** A prepared index of the same data and k (saves rebuilding it). */
  index?: SupportIndex;
}

export function synthesizeRowSeeded(data: Dataset, options: RecordSynthesisOptions): SyntheticData {
  const { k, rng } = options;
  const index = options.index ?? new SupportIndex(data, k);
  const seeds = rng.fork(0);
  const records: number[][] = [];
  const { recordOffsets: off, recordAttributes: attrs } = data;
  for (const r of seedRecords(data.recordCount, k, rng.fork(4))) {
    const own = attrs.subarray(off[r]!, off[r + 1]!);
    const set = walk(index, seeds.fork(r), { candidates: own });
    if (set.length > 0) records.push(set);
  }
  const target = targetCounts(index, k);
  fillOwed(index, rng.fork(1), records, target);
  const consolidated = suppressSurplus(rng.fork(2), records, target);
  return syntheticFromLists(sortRecords(consolidated));
}

/** A random choice of floor_k(n) record indices out of n, in ascending order. */
function seedRecords(n: number, k: number, rng: Rng): Uint32Array {
  const all = Uint32Array.from({ length: n }, (_, i) => i);
  const keep = Math.floor(n / k) * k;
  // Partial Fisher–Yates: move n − keep random records to the end, then drop them.
  for (let i = n - 1; i >= keep; i--) {
    const j = rng.below(i + 1);
    const t = all[i]!;
    all[i] = all[j]!;
    all[j] = t;
  }
  return all.subarray(0, keep).sort();
}
