/**
 * One unseeded draw (DESIGN §4): the columns are visited in random order and a value is chosen
 * with probability ∝ the support of the extended set; values with support < k, and records
 * without a value, are pooled into "leave empty". A multi-value column is visited value by
 * value (include it or not).
 */
import type { Dataset } from "../ingest/types.js";
import type { Rng } from "../random/rng.js";
import { type Extensions, type SupportIndex, supportOf } from "./support-index.js";

/** A place to fill: a single-value column (all its values) or one value of a multi-value column. */
export type Slot = { values: number[] };

export function unseededSlots(data: Dataset): Slot[] {
  const slots: Slot[] = [];
  for (const c of data.columns) {
    const ids = c.values.map((_, i) => c.firstAttribute + i);
    if (c.kind === "single") slots.push({ values: ids });
    else for (const id of ids) slots.push({ values: [id] });
  }
  return slots;
}

export function drawUnseeded(index: SupportIndex, rng: Rng, slots: Slot[]): number[] {
  const order = slots.map((_, i) => i);
  for (let i = order.length - 1; i > 0; i--) {
    const j = rng.below(i + 1);
    [order[i], order[j]] = [order[j]!, order[i]!];
  }
  const set: number[] = [];
  let parentRows: Uint32Array | undefined;
  let added = -1;
  let ext: Extensions | undefined;
  for (const s of order) {
    if (ext === undefined) {
      const known = parentRows;
      const last = added;
      let rows: Uint32Array | undefined;
      ext = index.extensions(set, () => {
        rows = index.rowsAfter(known, set, last);
        return rows;
      });
      parentRows = rows ?? ext.rows;
    }
    // Values with support ≥ k by their support; everything else (rare values, no value) is "empty".
    const values = slots[s]!.values;
    let x = rng.nextFloat() * ext.size;
    let chosen = -1;
    for (const v of values) {
      x -= supportOf(ext, v);
      if (x < 0) {
        chosen = v;
        break;
      }
    }
    if (chosen < 0) continue;
    set.push(chosen);
    set.sort((a, b) => a - b);
    added = chosen;
    ext = undefined;
  }
  return set;
}
