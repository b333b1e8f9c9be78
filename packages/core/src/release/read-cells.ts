/**
 * Reading the cells of a release's CSV files back into attribute ids of the sensitive data
 * (docs/design.md §7), for verify and evaluate: a cell holds one value, or for a multi-value column
 * several values joined by the column's delimiter (splitCell); an empty cell means "not in this
 * row". A value the data does not have describes nobody and is reported, never guessed at.
 */
import type { Dataset } from "../ingest/types.js";
import { splitCell } from "./read-release.js";

/** A row that cannot be read as attributes: why. */
export interface CellProblem {
  kind: "unknown-value" | "malformed-row";
  message: string;
}

/** For each header cell, the index of the data column of that name (-1: none). */
export function mapHeader(data: Dataset, names: readonly string[]): Int32Array {
  const byName = new Map(data.columns.map((c, i) => [c.name, i]));
  return Int32Array.from(names, (n) => byName.get(n) ?? -1);
}

/** Index of `value` in a column's sorted values (JavaScript's default string order), or -1. */
function valueIndex(values: readonly string[], value: string): number {
  let lo = 0;
  let hi = values.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    const v = values[mid]!;
    if (v === value) return mid;
    if (v < value) lo = mid + 1;
    else hi = mid;
  }
  return -1;
}

/**
 * Reads the cells of one row (cell i belongs to data column columnOf[i]; cells with -1 are
 * skipped) into `out` as ascending attribute ids. Returns the problem of the first bad cell.
 */
export function readCells(
  data: Dataset,
  cells: readonly string[],
  columnOf: Int32Array,
  out: number[],
): CellProblem | undefined {
  out.length = 0;
  for (let i = 0; i < columnOf.length; i++) {
    const c = columnOf[i]!;
    const cell = cells[i] ?? "";
    if (c < 0 || cell === "") continue;
    const column = data.columns[c]!;
    const split = splitCell(column, cell);
    if ("problem" in split) {
      return {
        kind: "malformed-row",
        message: `column "${column.name}" holds ${split.problem} in "${cell}"`,
      };
    }
    for (const part of split.parts) {
      const index = valueIndex(column.values, part);
      if (index < 0) {
        return {
          kind: "unknown-value",
          message: `column "${column.name}" holds "${part}", a value that no record in the data has`,
        };
      }
      out.push(column.firstAttribute + index);
    }
  }
  // Ids are assigned column by column and a cell's parts are distinct: sorting leaves no repeat.
  out.sort((x, y) => x - y);
  return undefined;
}
