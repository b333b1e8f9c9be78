/**
 * Value-seeded k-anonymous synthesis (DESIGN §4).
 *
 * Guarantee: every combination of attributes, of any length, in every synthetic record is held
 * by at least k records of the sensitive data; each attribute occurs exactly floor_k(n_v) times.
 * No source records: records are grown from the pool of attribute units owed (floor_k(n_v) of
 * each — not SDS's 2·floor_k(n) − n), by the same support-≥-k walk. Optional oversampling
 * control refuses an attribute when a combination of length ≤ L it would create already reaches
 * its reportable count plus `ratio` (default 10 %), retrying up to `tries` times (default 10).
 */
import type { AggregateTable } from "../aggregate/aggregate-table.js";
import type { Dataset } from "../ingest/types.js";
import { CombinationKeys, forEachSubset, tableCounts } from "./combination-keys.js";
import { fillOwed, sortRecords, targetCounts } from "./consolidate.js";
import type { RecordSynthesisOptions } from "./row-seeded.js";
import { SupportIndex } from "./support-index.js";
import { type SyntheticData, syntheticFromLists } from "./synthetic-data.js";

export interface ValueSeededOptions extends RecordSynthesisOptions {
  /** Oversampling control; omit to disable. */
  oversampling?: {
    /** Allowed excess over a combination's reportable count (default 0.1 = 10 %). */
    ratio?: number;
    /** Draws per step before giving up on the step (default 10). */
    tries?: number;
    /** Reporting length L and the reportable aggregates the excess is measured against. */
    length: number;
    reportable: AggregateTable;
  };
}

export function synthesizeValueSeeded(data: Dataset, options: ValueSeededOptions): SyntheticData {
  const { k, rng } = options;
  const index = options.index ?? new SupportIndex(data, k);
  const target = targetCounts(index, k);
  const records: number[][] = [];
  const over = options.oversampling;
  if (!over) {
    fillOwed(index, rng, records, target);
    return syntheticFromLists(sortRecords(records));
  }
  const ratio = over.ratio ?? 0.1;
  const keys = new CombinationKeys(index.attributeCount, over.length);
  const allowed = tableCounts(over.reportable, keys);
  const made = new Map<number | string, number>();
  // The records made so far are tallied when a record is complete (its combinations ≤ L).
  let tallied = 0;
  const tally = () => {
    for (; tallied < records.length; tallied++) {
      forEachSubset(records[tallied]!, over.length, (ids) => {
        const key = keys.key(ids);
        made.set(key, (made.get(key) ?? 0) + 1);
      });
    }
  };
  const accept = (set: readonly number[], v: number): boolean => {
    tally();
    const extended = [...set, v].sort((a, b) => a - b);
    let ok = true;
    forEachSubset(extended, over.length, (ids) => {
      if (!ok || !ids.includes(v)) return;
      const key = keys.key(ids);
      const limit = (allowed.get(key) ?? 0) * (1 + ratio);
      if ((made.get(key) ?? 0) + 1 > limit) ok = false;
    });
    return ok;
  };
  fillOwed(index, rng, records, target, accept, over.tries ?? 10);
  return syntheticFromLists(sortRecords(records));
}
