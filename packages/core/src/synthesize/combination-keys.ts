/**
 * Exact numeric keys for attribute combinations (ascending ids): mixed radix with base
 * `attributeCount + 1`, exact while base^length < 2^53; beyond that a string key. Used to look
 * up and tally combinations of up to L attributes without string-keyed maps in the common case.
 */

import type { AggregateTable } from "../aggregate/aggregate-table.js";
import { NONE } from "../aggregate/count-partition.js";

export class CombinationKeys {
  private readonly base: number;
  readonly exact: boolean;
  constructor(attributeCount: number, length: number) {
    this.base = attributeCount + 1;
    this.exact = this.base ** length < 2 ** 53;
  }
  /** Key of ids[from … to-1] (ascending). */
  key(ids: ArrayLike<number>, from = 0, to = ids.length): number | string {
    if (!this.exact) return Array.prototype.slice.call(ids, from, to).join(",");
    let k = 0;
    for (let i = from; i < to; i++) k = k * this.base + ids[i]! + 1;
    return k;
  }
}

/** The counts of a table's rows by combination key. */
export function tableCounts(
  table: AggregateTable,
  keys: CombinationKeys,
): Map<number | string, number> {
  const out = new Map<number | string, number>();
  const L = table.length;
  for (let i = 0; i < table.counts.length; i++) {
    let l = 0;
    while (l < L && table.attrs[i * L + l] !== NONE) l++;
    out.set(keys.key(table.attrs, i * L, i * L + l), table.counts[i]!);
  }
  return out;
}

/** Calls `visit` with every non-empty sub-combination of `set` (ascending) of length ≤ max. */
export function forEachSubset(
  set: readonly number[],
  max: number,
  visit: (ids: number[]) => void,
): void {
  const current: number[] = [];
  const go = (start: number) => {
    for (let i = start; i < set.length; i++) {
      current.push(set[i]!);
      visit(current);
      if (current.length < max) go(i + 1);
      current.pop();
    }
  };
  go(0);
}
