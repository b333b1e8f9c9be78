/**
 * Completion of a partial synthetic record: each single-value column that should hold a value
 * but does not gets one, chosen ∝ support among the values of that column that keep the
 * record's support ≥ k (so the guarantee holds). Columns are filled in random order, by the
 * shared walk; a column none of whose values qualifies stays empty.
 */
import type { Dataset } from "../ingest/types.js";
import type { Rng } from "../random/rng.js";
import type { SupportIndex } from "./support-index.js";
import { type WalkTrace, walk } from "./walk.js";

/**
 * Completes `set` (ascending) in the columns of `like`'s attributes (a record's own
 * attributes), or in every single-value column when `like` is omitted.
 */
export function completeRecord(
  data: Dataset,
  index: SupportIndex,
  rng: Rng,
  set: number[],
  like?: ArrayLike<number>,
  from?: WalkTrace,
): number[] {
  const col = data.attributeColumn;
  const present = new Set<number>();
  for (const v of set) present.add(col[v]!);
  const candidates: number[] = [];
  const add = (c: number) => {
    if (present.has(c) || data.columns[c]!.kind !== "single") return;
    present.add(c);
    const column = data.columns[c]!;
    for (let j = 0; j < column.values.length; j++) candidates.push(column.firstAttribute + j);
  };
  if (like) for (let i = 0; i < like.length; i++) add(col[like[i]!]!);
  else for (let c = 0; c < data.columns.length; c++) add(c);
  if (candidates.length === 0) return set;
  return walk(index, rng, { candidates, start: set, group: col, ...(from && { from }) });
}
