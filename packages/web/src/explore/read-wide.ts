/**
 * Reads a wide release CSV (synthetic.csv or aggregates.csv, DESIGN §7) as the Explore view
 * needs it (pure): core's parser does the CSV work (quoting, the spreadsheet-safety prefix);
 * here each cell is dictionary-encoded per column, so that 100k rows cost one Int32Array and a
 * few distinct strings, and a trailing `count` column is read as whole numbers. Every mismatch
 * with manifest.json is a UserError naming the file and the row.
 */
import { InternalError, parseReleaseCsv, type ReleaseTable, UserError } from "@commonground/core";

export interface WideTable {
  /** Number of data rows. */
  rows: number;
  /** Row r, column c: index into `cells[c]`, or -1 for an empty cell. Row-major. */
  cellIndex: Int32Array;
  /** Distinct non-empty cells of each column, in order of first appearance. */
  cells: string[][];
  /** The `count` column (aggregates.csv only). */
  counts?: Float64Array;
}

export interface ReadWideOptions {
  text: string;
  file: "synthetic.csv" | "aggregates.csv";
  /** Column names from manifest.json, in order. */
  columns: readonly string[];
  /** Whether a trailing `count` column is expected. */
  withCount: boolean;
}

const HINT =
  "Open the three files of one release, as CommonGround wrote them (synthetic.csv, aggregates.csv, manifest.json).";

/** A UserError about a release file (code "bad-release"). */
export function badRelease(file: string, message: string): UserError {
  return new UserError("bad-release", message, { file }, HINT);
}

const quoted = (names: readonly string[]) => names.map((n) => `"${n}"`).join(", ");

/** The rows of a table parsed from text (core's parser hands them out as an array). */
function rowsOf(table: ReleaseTable): readonly (readonly string[])[] {
  if (!Array.isArray(table.rows)) throw new InternalError("parseReleaseCsv returned no array");
  return table.rows as readonly (readonly string[])[];
}

export function readWide(o: ReadWideOptions): WideTable {
  const table = parseReleaseCsv(o.text, o.file);
  const expected = o.withCount ? [...o.columns, "count"] : [...o.columns];
  const header = table.header;
  if (header.length !== expected.length || header.some((h, i) => h !== expected[i])) {
    throw badRelease(
      o.file,
      `${o.file} has the columns ${quoted(header)}, not the ones manifest.json lists (${quoted(expected)}).`,
    );
  }
  const rows = rowsOf(table);
  const width = o.columns.length;
  const cellIndex = new Int32Array(rows.length * width);
  const maps = o.columns.map(() => new Map<string, number>());
  const cells: string[][] = o.columns.map(() => []);
  const counts = o.withCount ? new Float64Array(rows.length) : undefined;
  rows.forEach((row, r) => {
    for (let c = 0; c < width; c++) {
      const cell = row[c] ?? "";
      if (cell === "") {
        cellIndex[r * width + c] = -1;
        continue;
      }
      const map = maps[c]!;
      let index = map.get(cell);
      if (index === undefined) {
        index = map.size;
        map.set(cell, index);
        cells[c]!.push(cell);
      }
      cellIndex[r * width + c] = index;
    }
    if (counts !== undefined) counts[r] = readCount(o.file, row[width] ?? "", r);
  });
  return counts === undefined
    ? { rows: rows.length, cellIndex, cells }
    : { rows: rows.length, cellIndex, cells, counts };
}

function readCount(file: string, cell: string, row: number): number {
  if (!/^\d+$/.test(cell) || !Number.isSafeInteger(Number(cell))) {
    throw badRelease(
      file,
      `${file}, row ${row + 1}: the count "${cell}" is not a whole number of at least 0.`,
    );
  }
  return Number(cell);
}
