/**
 * Completion of a partial synthetic record: each single-value column that should hold a value
 * but does not gets one, chosen ∝ support among the values of that column that keep the
 * record's support ≥ k (so the guarantee holds). Columns are filled in random order, by the
 * shared walk; a column none of whose values qualifies stays empty.
 *
 * Work: the walk draws from the set's extensions of support ≥ k in the open columns, never
 * from a column's whole list of values — a value held by fewer than k records can never be
 * added, so an identifier-like column (a different value in every record) costs nothing here
 * instead of one pass over all its values per record (issue 11, defect 9).
 */
import type { Dataset } from "../../ingest/types.js";
import type { Rng } from "../../random/rng.js";
import type { SupportIndex } from "./support-index.js";
import { RuleWalker, type WalkOptions, walk } from "./walk.js";

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
): number[] {
  const options = completion(data, set, like);
  return options ? walk(index, rng, { ...options, start: set }) : set;
}

/** completeRecord's walk as a Walker that goes on from `set`; undefined when no column is open. */
export function completionWalker(
  data: Dataset,
  set: readonly number[],
  rng: Rng,
  like?: ArrayLike<number>,
): RuleWalker | undefined {
  const options = completion(data, set, like);
  return options && new RuleWalker(rng, options);
}

/**
 * The walk that completes `set`: the single-value columns of `like` (or all), less those the
 * set holds, as open groups; undefined when none is open.
 */
function completion(
  data: Dataset,
  set: readonly number[],
  like?: ArrayLike<number>,
): WalkOptions | undefined {
  const col = data.attributeColumn;
  const open = new Uint8Array(data.columns.length);
  const add = (c: number) => {
    if (data.columns[c]!.kind === "single") open[c] = 1;
  };
  if (like) for (let i = 0; i < like.length; i++) add(col[like[i]!]!);
  else for (let c = 0; c < data.columns.length; c++) add(c);
  for (const v of set) open[col[v]!] = 0;
  return open.includes(1) ? { openGroups: open, group: col } : undefined;
}
