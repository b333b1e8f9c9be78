/**
 * Consolidation of record-based synthetic data (DESIGN §4): afterwards every attribute v with
 * real count n_v ≥ k occurs exactly floor_k(n_v) times, and no other attribute occurs.
 *
 * 1. Fill: records are built from the attribute units still owed, by the same support-≥-k walk.
 * 2. Suppress: surplus occurrences are removed from randomly chosen records holding them;
 *    records left empty are dropped. Removing an attribute keeps every combination of a record
 *    a subset of a set with support ≥ k, so the guarantee is untouched.
 */
import { floorK } from "../aggregate/aggregate-table.js";
import type { Rng } from "../random/rng.js";
import type { SupportIndex } from "./support-index.js";
import { walk } from "./walk.js";

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

/** Adds records built from owed units until every attribute reaches its target. */
export function fillOwed(
  index: SupportIndex,
  rng: Rng,
  records: number[][],
  target: Uint32Array,
  accept?: (set: readonly number[], v: number) => boolean,
  tries?: number,
): void {
  const counts = countAttributes(records, target.length);
  const owed = new Int32Array(target.length);
  let total = 0;
  for (let a = 0; a < target.length; a++) {
    owed[a] = Math.max(0, target[a]! - counts[a]!);
    total += owed[a]!;
  }
  let stream = 0;
  let next = 0;
  while (total > 0) {
    const set = walk(index, rng.fork(stream++), {
      allowed: owed,
      ...(accept && { accept }),
      ...(tries !== undefined && { tries }),
    });
    if (set.length === 0) {
      // Every owed attribute has support ≥ k on its own, so the walk can always start unless
      // oversampling control refused everything: place one owed unit alone then.
      while (owed[next]! <= 0) next++;
      set.push(next);
    }
    for (const v of set) {
      owed[v]!--;
      total--;
    }
    records.push(set);
  }
}

/** Removes surplus occurrences above the targets from random records; drops empty records. */
export function suppressSurplus(rng: Rng, records: number[][], target: Uint32Array): number[][] {
  const holders: number[][] = Array.from({ length: target.length }, () => []);
  records.forEach((r, i) => {
    for (const v of r) holders[v]!.push(i);
  });
  const remove: Set<number>[] = records.map(() => new Set());
  for (let v = 0; v < target.length; v++) {
    const list = holders[v]!;
    let surplus = list.length - target[v]!;
    // Partial Fisher–Yates: the first `surplus` of a random permutation lose v.
    for (let i = 0; surplus > 0; i++, surplus--) {
      const j = i + rng.below(list.length - i);
      [list[i], list[j]] = [list[j]!, list[i]!];
      remove[list[i]!]!.add(v);
    }
  }
  const out: number[][] = [];
  records.forEach((r, i) => {
    const kept = remove[i]!.size === 0 ? r : r.filter((v) => !remove[i]!.has(v));
    if (kept.length > 0) out.push(kept);
  });
  return out;
}

/** Sorts records by their attribute lists, so the order tells nothing about the input order. */
export function sortRecords(records: number[][]): number[][] {
  return records.sort((x, y) => {
    const n = Math.min(x.length, y.length);
    for (let i = 0; i < n; i++) if (x[i] !== y[i]) return x[i]! - y[i]!;
    return x.length - y.length;
  });
}
