/**
 * Row-seeded k-anonymous synthesis (docs/design.md §4), the default mode.
 *
 * Guarantee: every combination of attributes, of any length, in every synthetic record is held
 * by at least k records of the sensitive data; each attribute occurs at most floor_k(n_v) times
 * (exactly, with `exactCounts`), and there are at most floor_k(n) records.
 * For each seed record, a synthetic record is grown from that record's own attributes
 * (probability ∝ support, support ≥ k), then the result is consolidated (with `exactCounts`:
 * records made of the units still owed; suppress surplus) and sorted. Without `exactCounts`
 * (the default, docs/design.md §12) no record is made of owed units: on sparse, wide data those are
 * fragments (NIST demo-10 with N missing, k = 6: 1.61 rows per real record and k-marginal 544,
 * against 1.00 and 814 without them). Each real record draws from its own random stream, so the result
 * depends only on the seed, never on scheduling.
 *
 * Beyond docs/design.md §4 and SDS (option `complete`, on by default; the guarantee is the same):
 * a column whose own value had to be left out gets another value of that column that keeps
 * support ≥ k (complete.ts), suppression falls first on fill records, then on partial ones,
 * and compaction moves values out of fragments into records lacking them (compact.ts). On
 * the NIST benchmark (k = 6, L = 3) this raises the k-marginal from 606 to 686 and the share
 * of complete rows from 11.6 % to 20 %.
 *
 * The seed records are a random floor_k(n) of the n real records (SDS uses all n): one
 * synthetic record per real record would make the number of synthetic rows reveal n, which no
 * public file may (docs/design.md §3) — e.g. 3 identical rows with k = 2 gave 3 rows beside a reported 2.
 */
import type { Dataset } from "../../ingest/types.js";
import type { Rng } from "../../random/rng.js";
import { type SyntheticData, syntheticFromLists } from "../synthetic-data.js";
import { compactRecords } from "./compact.js";
import { countAttributes, sortRecords, suppressSurplus, targetCounts } from "./consolidate.js";
import type { RecordSynthesisOptions } from "./options.js";
import { dealOwed, type Plan, ranges, synthesizeInline } from "./parts.js";
import type { SupportIndex } from "./support-index.js";

export type { RecordSynthesisOptions } from "./options.js";

export function synthesizeRowSeeded(data: Dataset, options: RecordSynthesisOptions): SyntheticData {
  return synthesizeInline(data, options, rowSeededPlan);
}

export function* rowSeededPlan(
  data: Dataset,
  index: SupportIndex,
  options: RecordSynthesisOptions,
): Plan<SyntheticData> {
  const { k, rng } = options;
  const complete = options.complete ?? true;
  const exact = options.exactCounts ?? false;
  const ids = seedRecords(data.recordCount, k, rng.fork(4));
  const walked = yield ranges(ids.length).map(({ from, to }) => ({
    kind: "seeds",
    ids: ids.subarray(from, to),
    complete,
  }));
  const records: number[][] = [];
  const seedLength: number[] = [];
  const off = data.recordOffsets;
  walked.flat().forEach((set, i) => {
    if (set.length === 0) return;
    records.push(set);
    seedLength.push(off[ids[i]! + 1]! - off[ids[i]!]!);
  });
  const seeded = records.length;
  const target = targetCounts(index, k);
  const counts = countAttributes(records, target.length);
  if (exact) {
    const owed = target.map((t, a) => Math.max(0, t - counts[a]!));
    const filled = yield dealOwed(owed, rng.fork(1)).map((share, part) => ({
      kind: "fill",
      owed: share,
      part,
      complete: false,
    }));
    for (const list of filled) records.push(...list);
  }
  // Suppression falls first on the records made to fill owed units, then on records already
  // partial, and only then on records as complete as their seed.
  const rank = new Uint8Array(records.length);
  for (let i = 0; i < seeded; i++) rank[i] = records[i]!.length < seedLength[i]! ? 1 : 2;
  const consolidated = suppressSurplus(rng.fork(2), records, target, rank);
  const final = complete ? compactRecords(data, index, rng.fork(3), consolidated) : consolidated;
  return syntheticFromLists(sortRecords(final));
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
