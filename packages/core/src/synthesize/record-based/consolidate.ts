/**
 * Consolidation of record-based synthetic data (docs/design.md §4): afterwards every attribute v with
 * real count n_v ≥ k occurs exactly floor_k(n_v) times, and no other attribute occurs.
 *
 * 1. Fill: records are built from the attribute units still owed, by the same support-≥-k walk.
 * 2. Suppress: surplus occurrences are removed from randomly chosen records holding them;
 *    records left empty are dropped. Removing an attribute keeps every combination of a record
 *    a subset of a set with support ≥ k, so the guarantee is untouched.
 */
import { floorK } from "../../aggregate/aggregate-table.js";
import type { Dataset } from "../../ingest/types.js";
import type { Rng } from "../../random/rng.js";
import type { OnProgress } from "../progress.js";
import { completeRecord, completionWalker } from "./complete.js";
import type { Extensions, SupportIndex } from "./support-index.js";
import { RuleWalker, type WalkOptions } from "./walk.js";
import { type Walker, walkTogether } from "./walk-together.js";

/** floor_k(n_v) for every attribute (0 when n_v < k). */
export function targetCounts(index: SupportIndex, k: number): Uint32Array {
  const target = new Uint32Array(index.attributeCount);
  for (let a = 0; a < target.length; a++) {
    const n = index.count(a);
    target[a] = n >= k ? floorK(n, k) : 0;
  }
  return target;
}

/** Attribute counts of a list of records. */
export function countAttributes(records: number[][], attributes: number): Uint32Array {
  const counts = new Uint32Array(attributes);
  for (const r of records) for (const v of r) counts[v]!++;
  return counts;
}

export interface FillOptions {
  /** Oversampling control: refuse a candidate given the set so far (default: accept all). */
  accept?: (set: readonly number[], v: number) => boolean;
  /** Draws per step before giving up on a step, with `accept` (default 10). */
  tries?: number;
  /**
   * Completes each record in every single-value column (complete.ts) once its owed units are
   * placed (the units it adds are not owed: they are surplus, for suppressSurplus to remove).
   */
  completeIn?: Dataset;
  /** Stop after this many records, leaving the units still owed unplaced (default: none left). */
  maxRecords?: number;
  /** Share done after each batch: of the owed units placed, or of maxRecords made. */
  onProgress?: OnProgress;
}

/**
 * Adds records built from owed units until every attribute reaches its target. Each record is
 * one walk (its owed units, then its completion) with its own random stream (`rng.fork(i)` for
 * the i-th record), and each record changes what is owed, so records are defined one after
 * another. They are computed in batches that walk together (sharing the work on the sets they
 * meet) against what is owed when the batch starts, then committed in order: a walk only
 * depends on which attributes are still owed, so every walk committed before any attribute
 * runs out is exactly the walk it would have been alone. When one runs out, the batch's later
 * walks are dropped and walked again in the next batch. With oversampling control (`accept`
 * reads every record made before), one walk at a time.
 */
export function fillOwed(
  index: SupportIndex,
  rng: Rng,
  records: number[][],
  target: Uint32Array,
  options: FillOptions = {},
): void {
  const { accept, tries, completeIn } = options;
  const most = options.maxRecords ?? Number.POSITIVE_INFINITY;
  const start = records.length;
  const counts = countAttributes(records, target.length);
  const owed = new Int32Array(target.length);
  let total = 0;
  for (let a = 0; a < target.length; a++) {
    owed[a] = Math.max(0, target[a]! - counts[a]!);
    total += owed[a]!;
  }
  const all = Math.max(1, total);
  let stream = 0;
  let next = 0;
  let batch = accept ? 1 : FIRST_BATCH;
  const fill = {
    allowed: owed,
    ...(accept && { accept }),
    ...(tries !== undefined && { tries }),
  };
  while (total > 0 && records.length - start < most) {
    const size = Math.min(batch, most - (records.length - start));
    const walkers = Array.from(
      { length: size },
      (_, i) => new FillWalker(rng.fork(stream + i), fill, completeIn),
    );
    const sets = walkTogether(index, walkers);
    let ranOut = false;
    for (let i = 0; i < size && !ranOut && total > 0; i++) {
      let set = sets[i]!;
      let placed = walkers[i]!.placed;
      if (placed.length === 0) {
        // Every owed attribute has support ≥ k on its own, so the walk can always start unless
        // oversampling control refused everything: place one owed unit alone then.
        while (owed[next]! <= 0) next++;
        placed = [next];
        set = completeIn ? completeRecord(completeIn, index, walkers[i]!.rng, [next]) : [next];
      }
      for (const v of placed) {
        if (--owed[v]! === 0) ranOut = true;
        total--;
      }
      records.push(set);
      stream++;
    }
    if (!accept) batch = ranOut ? FIRST_BATCH : Math.min(2 * batch, MOST_BATCH);
    options.onProgress?.(Math.max(1 - total / all, (records.length - start) / most));
  }
}

/** Walks per batch of fillOwed: the first after an attribute ran out, and the most. */
const FIRST_BATCH = 64;
const MOST_BATCH = 1 << 16;

/** One record of fillOwed: owed units first, then (with completion) the empty columns. */
class FillWalker implements Walker {
  /** The owed units the walk placed (its set when the owed part ended). */
  placed: number[] = [];
  private step: RuleWalker;
  private completing = false;

  constructor(
    readonly rng: Rng,
    fill: WalkOptions,
    private readonly completeIn: Dataset | undefined,
  ) {
    this.step = new RuleWalker(rng, fill);
  }

  next(ext: Extensions, set: readonly number[]): number {
    const v = this.step.next(ext, set);
    if (v >= 0 || this.completing) return v;
    this.placed = [...set];
    this.completing = true;
    if (set.length === 0 || !this.completeIn) return -1;
    const completing = completionWalker(this.completeIn, set, this.rng);
    if (!completing) return -1;
    this.step = completing;
    return this.step.next(ext, set);
  }
}

/**
 * Removes surplus occurrences above the targets from random records; drops empty records.
 * With `rank`, records of lower rank lose attributes first (random within a rank), e.g. so
 * that partial records absorb the suppression and complete ones stay complete.
 */
export function suppressSurplus(
  rng: Rng,
  records: number[][],
  target: Uint32Array,
  rank?: Uint8Array,
): number[][] {
  const holders: number[][] = Array.from({ length: target.length }, () => []);
  records.forEach((r, i) => {
    for (const v of r) holders[v]!.push(i);
  });
  const remove: (Set<number> | undefined)[] = new Array(records.length);
  for (let v = 0; v < target.length; v++) {
    const list = holders[v]!;
    let surplus = list.length - target[v]!;
    if (surplus <= 0) continue;
    if (rank) sortByRank(list, rank);
    // Partial Fisher–Yates within each rank: the first `surplus` of a random order lose v.
    let end = 0;
    for (let i = 0; surplus > 0; i++, surplus--) {
      if (!rank) end = list.length;
      else if (i >= end) {
        end = i;
        while (end < list.length && rank[list[end]!] === rank[list[i]!]) end++;
      }
      const j = i + rng.below(end - i);
      [list[i], list[j]] = [list[j]!, list[i]!];
      const r = list[i]!;
      if (remove[r] === undefined) remove[r] = new Set();
      remove[r].add(v);
    }
  }
  const out: number[][] = [];
  records.forEach((r, i) => {
    const gone = remove[i];
    const kept = gone === undefined ? r : r.filter((v) => !gone.has(v));
    if (kept.length > 0) out.push(kept);
  });
  return out;
}

/** Stable counting sort of record indices by their rank. */
function sortByRank(list: number[], rank: Uint8Array): void {
  const start = new Uint32Array(257);
  for (const i of list) start[rank[i]! + 1]!++;
  for (let r = 0; r < 256; r++) start[r + 1]! += start[r]!;
  const sorted = new Array<number>(list.length);
  for (const i of list) sorted[start[rank[i]!]!++] = i;
  for (let i = 0; i < list.length; i++) list[i] = sorted[i]!;
}

/** Sorts records by their attribute lists, so the order tells nothing about the input order. */
export function sortRecords(records: number[][]): number[][] {
  return records.sort((x, y) => {
    const n = Math.min(x.length, y.length);
    for (let i = 0; i < n; i++) if (x[i] !== y[i]) return x[i]! - y[i]!;
    return x.length - y.length;
  });
}
