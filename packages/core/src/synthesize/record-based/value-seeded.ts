/**
 * Value-seeded k-anonymous synthesis (docs/design.md §4).
 *
 * Guarantee: every combination of attributes, of any length, in every synthetic record is held
 * by at least k records of the sensitive data; each attribute occurs at most floor_k(n_v) times
 * and there are at most floor_k(n) records (docs/design.md §12: the last records, made of the units left
 * over, would be fragments); with `exactCounts`, exactly floor_k(n_v) times, however many
 * records that takes.
 * No source records: records are grown from the pool of attribute units owed (floor_k(n_v) of
 * each — not SDS's 2·floor_k(n) − n), by the same support-≥-k walk; then, beyond SDS, each
 * record is completed with values no longer owed (complete.ts), the surplus this makes is
 * suppressed from the shortest records first, and fragments are compacted (compact.ts): on
 * NIST (k = 6, L = 3) k-marginal 675 and 21 % complete rows, against 665 and 20 %. Optional oversampling
 * control refuses an attribute when a combination of length ≤ L it would create already reaches
 * its reportable count plus `ratio` (default 10 %), retrying up to `tries` times (default 10).
 */

import type { AggregateTable } from "../../aggregate/aggregate-table.js";
import { floorK } from "../../aggregate/aggregate-table.js";
import type { Dataset } from "../../ingest/types.js";
import type { Rng } from "../../random/rng.js";
import { CombinationKeys, forEachSubset, tableCounts } from "../combination-keys.js";
import { type SyntheticData, syntheticFromLists } from "../synthetic-data.js";
import { compactRecords } from "./compact.js";
import { fillOwed, sortRecords, suppressSurplus, targetCounts } from "./consolidate.js";
import type { RecordSynthesisOptions } from "./options.js";
import { dealOwed, type Plan, recordShares, synthesizeInline } from "./parts.js";
import type { SupportIndex } from "./support-index.js";

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
  return synthesizeInline(data, options, valueSeededPlan);
}

/**
 * Without oversampling control, the owed units are dealt into parts that are filled
 * independently (in parallel when the host has threads), each record completed with
 * non-owed values where its owed ones ran out; the surplus this creates is then suppressed,
 * shortest records first, and compaction gathers fragments. With oversampling control, one
 * sequential fill (the control depends on every record made before).
 */
export function* valueSeededPlan(
  data: Dataset,
  index: SupportIndex,
  options: ValueSeededOptions,
): Plan<SyntheticData> {
  const { rng } = options;
  const target = targetCounts(index, options.k);
  const over = options.oversampling;
  if (!over) {
    const parts = dealOwed(target, rng.fork(2));
    // At most floor_k(n) records (as many as row-seeded's seeds) unless counts must be exact.
    const shares = options.exactCounts
      ? undefined
      : recordShares(parts, floorK(data.recordCount, options.k));
    const filled = yield parts.map((owed, part) => ({
      kind: "fill",
      owed,
      part,
      complete: true,
      ...(shares && { maxRecords: shares[part]! }),
    }));
    const records = filled.flat();
    const rank = Uint8Array.from(records, (r) => Math.min(255, r.length));
    const out = suppressSurplus(rng.fork(3), records, target, rank);
    return syntheticFromLists(sortRecords(compactRecords(data, index, rng.fork(4), out)));
  }
  const most = options.exactCounts ? undefined : floorK(data.recordCount, options.k);
  return oversampled(index, rng, target, over, most);
}

function oversampled(
  index: SupportIndex,
  rng: Rng,
  target: Uint32Array,
  over: NonNullable<ValueSeededOptions["oversampling"]>,
  maxRecords: number | undefined,
): SyntheticData {
  const records: number[][] = [];
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
  fillOwed(index, rng, records, target, {
    accept,
    tries: over.tries ?? 10,
    ...(maxRecords !== undefined && { maxRecords }),
  });
  return syntheticFromLists(sortRecords(records));
}
