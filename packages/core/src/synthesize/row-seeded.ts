/**
 * Row-seeded k-anonymous synthesis (DESIGN §4), the default mode.
 *
 * Guarantee: every combination of attributes, of any length, in every synthetic record is held
 * by at least k records of the sensitive data; each attribute occurs exactly floor_k(n_v) times.
 * For each real record in turn, a synthetic record is grown from that record's own attributes
 * (probability ∝ support, support ≥ k), then the result is consolidated (fill owed, suppress
 * surplus) and sorted. Each real record draws from its own random stream, so the result
 * depends only on the seed, never on scheduling.
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
  for (let r = 0; r < data.recordCount; r++) {
    const own = attrs.subarray(off[r]!, off[r + 1]!);
    const set = walk(index, seeds.fork(r), { candidates: own });
    if (set.length > 0) records.push(set);
  }
  const target = targetCounts(index, k);
  fillOwed(index, rng.fork(1), records, target);
  const consolidated = suppressSurplus(rng.fork(2), records, target);
  return syntheticFromLists(sortRecords(consolidated));
}
