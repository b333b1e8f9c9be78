/**
 * The one reader of a release's public files (docs/design.md §7, §14), used by verify, evaluate, the web
 * app's Explore view and the showcase: manifest.json checked for shape, aggregates.csv and
 * synthetic.csv parsed (read-csv.ts: quoting, the spreadsheet-safety prefix) into WideTables,
 * the count column found by the name the manifest states (countColumnOf: `count` for older
 * manifests), multi-value cells split by their column's delimiter (splitCell).
 *
 * A WideTable dictionary-encodes each column: 100k rows cost one Int32Array and a few distinct
 * strings. Every mismatch between the files is a UserError (code "bad-release") naming the file
 * and the row.
 */
import { InternalError, UserError } from "../errors.js";
import { countColumnOf, type DpManifest, type KAnonymityManifest } from "./manifest.js";
import { validateDpManifest, validateManifest } from "./manifest-shape.js";
import { forEachReleaseCsvRow, type ReleaseTable } from "./read-csv.js";

/** A CSV file of a release, read: dictionary-encoded cells per column, the counts apart. */
export interface WideTable {
  /** Number of data rows. */
  rows: number;
  /** Row r, column c: index into `cells[c]`, or -1 for an empty cell. Row-major. */
  cellIndex: Int32Array;
  /** Distinct non-empty cells of each column (as read: unquoted, prefix removed), in order of first appearance. */
  cells: string[][];
  /** The count column (aggregates.csv only). */
  counts?: Float64Array;
}

/** The public CSV files a WideTable is read from. */
export type CsvFileName = "synthetic.csv" | "aggregates.csv";

/** A release's public files as text (what the showcase embeds, what the web app opens). */
export interface PublicFiles {
  /** manifest.json's text. */
  manifest: string;
  /** synthetic.csv's text; absent for an aggregates-only release. */
  synthetic?: string | undefined;
  /** aggregates.csv's text. */
  aggregates: string;
}

/** The three files the Explore view and the showcase read, picked by name from a release's files. */
export function publicFilesOf(files: readonly { name: string; content: string }[]): PublicFiles {
  const text = (name: string) => files.find((f) => f.name === name)?.content;
  return {
    manifest: text("manifest.json") ?? "",
    synthetic: text("synthetic.csv"),
    aggregates: text("aggregates.csv") ?? "",
  };
}

/** A release read back: the checked manifest and its two tables. */
export interface PublicRelease {
  manifest: KAnonymityManifest | DpManifest;
  /** The manifest's column names, in order (the CSV headers without the count column). */
  columns: string[];
  /** aggregates.csv's count column, as the manifest names it. */
  countColumn: string;
  /** Absent only for an aggregates-only release. */
  synthetic?: WideTable;
  aggregates: WideTable;
}

const HINT =
  "Use the files of one release as CommonGround wrote them (manifest.json, aggregates.csv, synthetic.csv), or make the release again.";

/** A UserError about a release file (code "bad-release"). */
export function badRelease(file: string, message: string): UserError {
  return new UserError("bad-release", message, { file }, HINT);
}

const quoted = (names: readonly string[]) => names.map((n) => `"${n}"`).join(", ");

/**
 * The values of a cell of `column` (docs/design.md §7): a multi-value cell split by the column's
 * delimiter; a problem (an empty part, a value twice) as text, or the parts.
 */
export function splitCell(
  column: { kind: string; delimiter?: string | undefined },
  cell: string,
): { parts: string[] } | { problem: "an empty value" | "a value twice" } {
  if (column.kind !== "multi" || column.delimiter === undefined) return { parts: [cell] };
  const parts = cell.split(column.delimiter);
  if (parts.includes("")) return { problem: "an empty value" };
  if (new Set(parts).size < parts.length) return { problem: "a value twice" };
  return { parts };
}

/** Checks parsed manifest.json (either model); throws a UserError naming the problems. */
export function checkedManifest(value: unknown): KAnonymityManifest | DpManifest {
  const m = value as { mode?: unknown; privacy?: { model?: unknown } } | null;
  const dp =
    typeof m === "object" &&
    m !== null &&
    (m.mode === "dp" || m.privacy?.model === "differential-privacy");
  const check: { manifest?: KAnonymityManifest | DpManifest; problems: string[] } = dp
    ? validateDpManifest(value)
    : validateManifest(value);
  if (check.manifest === undefined) {
    throw badRelease(
      "manifest.json",
      `manifest.json is not the manifest of a CommonGround release: ${check.problems.join("; ")}.`,
    );
  }
  return check.manifest;
}

export interface ReadWideOptions {
  /** The file's text, or its rows already parsed (read-csv.ts). */
  text: string | ReleaseTable;
  file: CsvFileName;
  /** Column names from manifest.json, in order. */
  columns: readonly string[];
  /** The trailing count column's name (aggregates.csv), as the manifest states it. */
  countColumn?: string;
}

/**
 * Reads a wide CSV file into a WideTable; the header must be the manifest's columns (and count).
 * Text is read row by row (no array of every row's cells is built: for a 1M-row synthetic.csv
 * that array took about 0.9 GB).
 */
export function readWide(o: ReadWideOptions): WideTable {
  const wide = new WideBuilder(o);
  if (typeof o.text === "string") {
    forEachReleaseCsvRow(o.text, o.file, (row) => wide.add(row));
  } else {
    wide.add(o.text.header);
    if (!Array.isArray(o.text.rows)) throw new InternalError("readWide needs rows held in memory");
    for (const row of o.text.rows as readonly (readonly string[])[]) wide.add(row);
  }
  return wide.finish();
}

/** A WideTable built one row at a time, the header first. */
class WideBuilder {
  private readonly expected: string[];
  private readonly width: number;
  private readonly maps: Map<string, number>[];
  private readonly cells: string[][];
  private readonly counts: number[] | undefined;
  private cellIndex = new Int32Array(1024);
  private rows = -1; // the header comes first

  constructor(private readonly o: ReadWideOptions) {
    const withCount = o.countColumn !== undefined;
    this.expected = withCount ? [...o.columns, o.countColumn!] : [...o.columns];
    this.width = o.columns.length;
    this.maps = o.columns.map(() => new Map<string, number>());
    this.cells = o.columns.map(() => []);
    this.counts = withCount ? [] : undefined;
  }

  add(row: readonly string[]): void {
    const { o, expected, width } = this;
    if (this.rows < 0) {
      if (row.length !== expected.length || row.some((h, i) => h !== expected[i])) {
        throw badRelease(
          o.file,
          `${o.file} has the columns ${quoted([...row])}, not the ones manifest.json lists (${quoted(expected)}).`,
        );
      }
      this.rows = 0;
      return;
    }
    const r = this.rows;
    if (row.length !== expected.length) {
      throw badRelease(
        o.file,
        `${o.file}, row ${r + 1}: has ${row.length} cells, but the header has ${expected.length}.`,
      );
    }
    if ((r + 1) * width > this.cellIndex.length) {
      const grown = new Int32Array(Math.max(2 * this.cellIndex.length, (r + 1) * width));
      grown.set(this.cellIndex);
      this.cellIndex = grown;
    }
    for (let c = 0; c < width; c++) {
      const cell = row[c]!;
      if (cell === "") {
        this.cellIndex[r * width + c] = -1;
        continue;
      }
      const map = this.maps[c]!;
      let index = map.get(cell);
      if (index === undefined) {
        index = map.size;
        map.set(cell, index);
        this.cells[c]!.push(cell);
      }
      this.cellIndex[r * width + c] = index;
    }
    if (this.counts !== undefined) this.counts.push(readCount(o.file, row[width]!, r));
    this.rows++;
  }

  finish(): WideTable {
    if (this.rows < 0) throw new InternalError("readWide: no header");
    const table: WideTable = {
      rows: this.rows,
      cellIndex: this.cellIndex.slice(0, this.rows * this.width),
      cells: this.cells,
    };
    if (this.counts !== undefined) table.counts = Float64Array.from(this.counts);
    return table;
  }
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

/** Throws unless the release has synthetic.csv exactly when its mode publishes records. */
export function needSynthetic(manifest: KAnonymityManifest | DpManifest, given: boolean): void {
  if (!given && manifest.mode !== "aggregates-only") {
    throw badRelease(
      "synthetic.csv",
      `synthetic.csv is needed: this is a ${manifest.mode} release.`,
    );
  }
}

/**
 * Reads a release's public files: the manifest (parsed JSON or its text) checked, then both
 * CSV files against its columns and count column. Throws a UserError when they do not match.
 */
export function readPublicRelease(files: {
  manifest: unknown;
  synthetic?: string | ReleaseTable | undefined;
  aggregates: string | ReleaseTable;
}): PublicRelease {
  const manifest = checkedManifest(
    typeof files.manifest === "string" ? parseManifest(files.manifest) : files.manifest,
  );
  needSynthetic(manifest, files.synthetic !== undefined);
  const columns = manifest.columns.map((c) => c.name);
  const countColumn = countColumnOf(manifest);
  const synthetic =
    files.synthetic === undefined
      ? undefined
      : readWide({ text: files.synthetic, file: "synthetic.csv", columns });
  const aggregates = readWide({
    text: files.aggregates,
    file: "aggregates.csv",
    columns,
    countColumn,
  });
  return {
    manifest,
    columns,
    countColumn,
    ...(synthetic !== undefined && { synthetic }),
    aggregates,
  };
}

/** manifest.json's text, parsed; a UserError when it is not JSON. */
export function parseManifest(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch (e) {
    throw badRelease("manifest.json", `manifest.json is not valid JSON: ${(e as Error).message}.`);
  }
}

/** A WideTable's rows back as cells (empty string for an empty cell; the count last, as text). */
export function* wideRows(table: WideTable): Generator<string[]> {
  const width = table.cells.length;
  for (let r = 0; r < table.rows; r++) {
    const row: string[] = new Array(table.counts ? width + 1 : width);
    for (let c = 0; c < width; c++) {
      const i = table.cellIndex[r * width + c]!;
      row[c] = i < 0 ? "" : table.cells[c]![i]!;
    }
    if (table.counts) row[width] = String(table.counts[r]);
    yield row;
  }
}
