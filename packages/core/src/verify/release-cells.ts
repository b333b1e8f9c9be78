/**
 * Reading the cells of a release's CSV files back into attribute ids of the sensitive data
 * (DESIGN §7): a cell holds one value, or for a multi-value column several values joined by the
 * column's delimiter; an empty cell means "not in this row". A value the data does not have
 * describes nobody and is reported, never guessed at. Also: the plain-words descriptions of
 * combinations used in violation messages, and the bounded list of violations.
 */
import type { Dataset } from "../ingest/types.js";

export interface Violation {
  /** What kind of promise is broken, e.g. "aggregate-count", "synthetic-rare" (see verify-release.ts). */
  kind: string;
  /** Plain words, naming the file, the row (1-based data line) and the combination. */
  message: string;
}

/** Collects violations: every one is counted, the first `max` are kept. */
export class Violations {
  readonly list: Violation[] = [];
  count = 0;
  constructor(private readonly max: number) {}
  /** `message` may be a function, called only when the violation is kept. */
  add(kind: string, message: string | (() => string)): void {
    this.count++;
    if (this.list.length < this.max) {
      this.list.push({ kind, message: typeof message === "string" ? message : message() });
    }
  }
}

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
    const parts = column.kind === "multi" ? cell.split(column.delimiter!) : [cell];
    for (const part of parts) {
      const index = valueIndex(column.values, part);
      if (index < 0) {
        return {
          kind: part === "" ? "malformed-row" : "unknown-value",
          message:
            part === ""
              ? `column "${column.name}" holds an empty value in "${cell}"`
              : `column "${column.name}" holds "${part}", a value that no record in the data has`,
        };
      }
      out.push(column.firstAttribute + index);
    }
  }
  out.sort((x, y) => x - y);
  for (let i = 1; i < out.length; i++) {
    if (out[i] === out[i - 1]) {
      const { column, value } = attribute(data, out[i]!);
      return {
        kind: "malformed-row",
        message: `column "${column}" holds the value "${value}" twice`,
      };
    }
  }
  return undefined;
}

function attribute(data: Dataset, id: number): { column: string; value: string } {
  const column = data.columns[data.attributeColumn[id]!]!;
  return { column: column.name, value: column.values[id - column.firstAttribute]! };
}

/** `A = "a1", B = "b2"` for the attribute ids ids[from … to-1]. */
export function describeIds(
  data: Dataset,
  ids: ArrayLike<number>,
  from = 0,
  to = ids.length,
): string {
  const parts: string[] = [];
  for (let i = from; i < to; i++) {
    const { column, value } = attribute(data, ids[i]!);
    parts.push(`${column} = "${value}"`);
  }
  return parts.length === 0 ? "no attribute" : parts.join(", ");
}

/** `A = "a1", B = "b2"` for the non-empty cells of a row as written (its values may be unknown). */
export function describeCells(names: readonly string[], cells: readonly string[]): string {
  const parts: string[] = [];
  for (let i = 0; i < names.length; i++) {
    if ((cells[i] ?? "") !== "") parts.push(`${names[i]} = "${cells[i]}"`);
  }
  return parts.length === 0 ? "no attribute" : parts.join(", ");
}

/** "1 record" / "3 records". */
export function records(n: number): string {
  return `${n.toLocaleString("en-US")} record${n === 1 ? "" : "s"}`;
}

/** A release CSV: its header and its data rows (an array, or streamed from a file). */
export interface ReleaseTable {
  header: string[];
  rows: Iterable<readonly string[]> | AsyncIterable<readonly string[]>;
}

/** Where each cell of a release CSV's rows belongs. */
export interface HeaderMap {
  /** Data column of each cell (-1: the extra column, e.g. `count`). */
  columnOf: Int32Array;
  /** Position of the extra column, or -1. */
  extra: number;
}

/**
 * Checks a release CSV's header: the data's selected columns in order, then `extra` if given.
 * A different header is a violation; the rows are still read when every name is known and
 * none repeats, else undefined is returned (the rows cannot be read).
 */
export function checkHeader(
  data: Dataset,
  file: string,
  header: readonly string[],
  extra: string | undefined,
  violations: Violations,
): HeaderMap | undefined {
  const expected = data.columns.map((c) => c.name);
  if (extra !== undefined) expected.push(extra);
  const columnOf = mapHeader(data, header);
  // The extra column is the last one (a data column may have the same name).
  const extraAt = extra !== undefined && header.at(-1) === extra ? header.length - 1 : -1;
  if (extraAt >= 0) columnOf[extraAt] = -1;
  if (header.length === expected.length && header.every((h, i) => h === expected[i])) {
    return { columnOf, extra: extraAt };
  }
  violations.add(
    "header",
    `${file} has the columns ${list(header)}, not the selected columns of the data, ${list(expected)}.`,
  );
  const names = extraAt >= 0 ? header.slice(0, extraAt) : header;
  const readable =
    new Set(names).size === names.length &&
    names.every((_, i) => columnOf[i]! >= 0) &&
    (extra === undefined || extraAt >= 0);
  return readable ? { columnOf, extra: extraAt } : undefined;
}

const list = (names: readonly string[]) => names.map((n) => `"${n}"`).join(", ");

/** A table whose header could not be mapped: counts its rows and reports them unchecked. */
export async function unreadable(
  file: string,
  table: ReleaseTable,
  v: Violations,
): Promise<number> {
  let row = 0;
  for await (const _ of table.rows) row++;
  v.add(
    "header",
    `${file}: none of its ${row} rows could be checked, as its columns are not known.`,
  );
  return row;
}
