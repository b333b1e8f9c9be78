/**
 * Unseeded k-anonymous synthesis (docs/design.md §4).
 *
 * Guarantee: every combination of attributes, of any length, in every synthetic record is held
 * by at least k records of the sensitive data. floor_k(n) records are drawn (unseeded-draw.ts:
 * columns in random order, values ∝ support, rare values pooled into "leave empty"); records
 * that end up empty are dropped (SDS emits them). Attribute counts are not rounded. Then
 * compaction moves values out of small partial records into near-complete ones that lack them
 * (compact.ts), which keeps every count and the guarantee.
 */
import { floorK } from "../../aggregate/aggregate-table.js";
import type { Dataset } from "../../ingest/types.js";
import { type SyntheticData, syntheticFromLists } from "../synthetic-data.js";
import { compactRecords } from "./compact.js";
import { sortRecords } from "./consolidate.js";
import type { RecordSynthesisOptions } from "./options.js";
import { type Plan, ranges, synthesizeInline } from "./parts.js";
import type { SupportIndex } from "./support-index.js";

export function synthesizeUnseeded(data: Dataset, options: RecordSynthesisOptions): SyntheticData {
  return synthesizeInline(data, options, unseededPlan);
}

export function* unseededPlan(
  data: Dataset,
  index: SupportIndex,
  options: RecordSynthesisOptions,
): Plan<SyntheticData> {
  const count = floorK(data.recordCount, options.k);
  const drawn = yield ranges(count).map(({ from, to }) => ({ kind: "draws", from, to }));
  const records = drawn.flat().filter((r) => r.length > 0);
  const compacted = compactRecords(data, index, options.rng.fork(1), records);
  return syntheticFromLists(sortRecords(compacted));
}
