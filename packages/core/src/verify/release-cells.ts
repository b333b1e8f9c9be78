/**
 * What verify's checks share about a release's CSV files: the header check, the plain-words
 * descriptions of combinations used in violation messages, and the bounded list of violations.
 * The cells themselves are read by the release reader (release/read-cells.ts).
 */
import type { Dataset } from "../ingest/types.js";
import { mapHeader } from "../release/read-cells.js";
import type { ReleaseTable } from "../release/read-csv.js";

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
