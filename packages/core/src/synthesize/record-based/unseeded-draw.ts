/**
 * One unseeded draw (docs/design.md §4): the columns are visited in random order and a value is chosen
 * with probability ∝ the support of the extended set; values with support < k, and records
 * without a value, are pooled into "leave empty". A multi-value column is visited value by
 * value (include it or not).
 *
 * Work: a slot's values are read from the set's extensions (support ≥ k only, ascending ids:
 * a slot is a range of ids), so a column with many rare values (an identifier) costs a binary
 * search per draw, not a pass over its values.
 */
import type { Dataset } from "../../ingest/types.js";
import type { Rng } from "../../random/rng.js";
import { firstAtLeast } from "../../util/search.js";
import type { Extensions } from "./support-index.js";
import type { Walker } from "./walk-together.js";

/** A place to fill: the attribute ids from … to − 1 (a single-value column, or one value of a multi-value column). */
export type Slot = { from: number; to: number };

export function unseededSlots(data: Dataset): Slot[] {
  const slots: Slot[] = [];
  for (const c of data.columns) {
    const from = c.firstAttribute;
    if (c.kind === "single") slots.push({ from, to: from + c.values.length });
    else
      for (let id = from; id < from + c.values.length; id++) slots.push({ from: id, to: id + 1 });
  }
  return slots;
}

/** One unseeded draw as a Walker (walk-together.ts): its own order of slots and generator. */
export class UnseededWalker implements Walker {
  private readonly order: number[];
  private at = 0;

  constructor(
    private readonly rng: Rng,
    private readonly slots: readonly Slot[],
  ) {
    const order = slots.map((_, i) => i);
    for (let i = order.length - 1; i > 0; i--) {
      const j = rng.below(i + 1);
      [order[i], order[j]] = [order[j]!, order[i]!];
    }
    this.order = order;
  }

  next(ext: Extensions): number {
    const { order, rng } = this;
    while (this.at < order.length) {
      // Values with support ≥ k by their support; everything else (rare values, no value) is "empty".
      const { from, to } = this.slots[order[this.at++]!]!;
      let x = rng.nextFloat() * ext.size;
      for (let i = firstAtLeast(ext.ids, from); i < ext.ids.length && ext.ids[i]! < to; i++) {
        x -= ext.supports[i]!;
        if (x < 0) return ext.ids[i]!;
      }
    }
    return -1;
  }
}
