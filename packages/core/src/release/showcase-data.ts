/**
 * The showcase's embedded copy of a release's public files, compact (pure; the CLI and the web
 * app encode, the page decodes, verify decodes to compare it with the files). Each CSV file
 * becomes, per column, a dictionary of its distinct non-empty cells (as read: unquoted,
 * spreadsheet-safety prefix removed; a multi-value cell is one entry) and one code per row (0:
 * empty, i + 1: the i-th entry) bit-packed at the width the dictionary needs, base64-encoded;
 * aggregates.csv's counts are divided by their greatest common divisor (k, in a k-anonymous
 * release) and written as varints. For 100k rows × 12 columns that is a few hundred kB instead
 * of ~10 MB of CSV.
 *
 * The files are rebuilt byte for byte with the CSV writer (docs/design.md §7 bytes); encodeRelease
 * checks that, and keeps a file's text verbatim in the rare case where it would not be (a file
 * not written by CommonGround). manifest.json is kept verbatim. Decoding goes straight to
 * WideTables (read-release.ts): no CSV is parsed when the page opens.
 *
 * In the page the data sits in `<script type="application/json" id="cg-release">`
 * (SHOWCASE_DATA_ID); embeddedData reads it back from the page's HTML text.
 */
import { InternalError } from "../errors.js";
import { utf8Length } from "../util/text.js";
import { formatCsvRow } from "./csv-writer.js";
import { dataPackageJson } from "./datapackage.js";
import { countColumnOf, type Manifest } from "./manifest.js";
import {
  bitsFor,
  decodeBase64,
  decodeVarints,
  encodeBase64,
  encodeVarints,
  packCodes,
  unpackCodes,
} from "./packing.js";
import { type CsvFileName, type PublicFiles, readWide, type WideTable } from "./read-release.js";

/** Version tag of the embedded data. */
export const SHOWCASE_FORMAT = "commonground-showcase/1";

/** The id of the page's data block. */
export const SHOWCASE_DATA_ID = "cg-release";

export interface EncodedTable {
  rows: number;
  /** Per column: the distinct non-empty cells, in order of first appearance. */
  cells: string[][];
  /** Per column: bits per code. */
  bits: number[];
  /** Per column: the row codes, packed (see the module comment), base64. */
  codes: string[];
  /** aggregates.csv only: each count divided by `divisor`, as varints, base64. */
  counts?: { divisor: number; values: string };
  /** The file's size in bytes (UTF-8). */
  bytes: number;
  /** The file's text, only when rebuilding it from the codes would not give the same bytes. */
  verbatim?: string;
}

export interface EncodedRelease {
  format: typeof SHOWCASE_FORMAT;
  /** manifest.json, verbatim. */
  manifest: string;
  /** Absent for an aggregates-only release. */
  synthetic?: EncodedTable;
  aggregates: EncodedTable;
}

/** The embedded data as the page uses it. */
export interface DecodedRelease {
  /** manifest.json, parsed. */
  manifest: unknown;
  /** manifest.json's column names, in order. */
  columns: string[];
  /** aggregates.csv's count column, as the manifest names it. */
  countColumn: string;
  synthetic?: WideTable;
  aggregates: WideTable;
}

/**
 * Encodes a release's public files; throws a UserError (via readWide) when the CSV files do not
 * have the manifest's columns. The files' deeper consistency is checked by reading the result
 * (readPublicRelease, the Explore view), which the caller does.
 */
export function encodeRelease(files: PublicFiles): EncodedRelease {
  const manifest: unknown = JSON.parse(files.manifest);
  const columns = manifestColumns(manifest);
  const countColumn = countColumnOf((manifest ?? {}) as { countColumn?: unknown });
  const encode = (file: CsvFileName, text: string): EncodedTable => {
    const table = readWide({
      text,
      file,
      columns,
      ...(file === "aggregates.csv" && { countColumn }),
    });
    const encoded = encodeTable(table);
    encoded.bytes = utf8Length(text);
    if (!rebuildsTo({ table, columns, countColumn }, text)) encoded.verbatim = text;
    return encoded;
  };
  return {
    format: SHOWCASE_FORMAT,
    manifest: files.manifest,
    ...(files.synthetic !== undefined && {
      synthetic: encode("synthetic.csv", files.synthetic),
    }),
    aggregates: encode("aggregates.csv", files.aggregates),
  };
}

/** The column names a manifest lists (its shape is checked by whoever reads the release). */
function manifestColumns(manifest: unknown): string[] {
  const columns = (manifest as { columns?: unknown } | null)?.columns;
  if (!Array.isArray(columns)) return [];
  return columns.map((c) => String((c as { name?: unknown } | null)?.name ?? ""));
}

function encodeTable(table: WideTable): EncodedTable {
  const width = table.cells.length;
  const bits: number[] = [];
  const codes: string[] = [];
  const column = new Uint32Array(table.rows);
  for (let c = 0; c < width; c++) {
    for (let r = 0; r < table.rows; r++) column[r] = table.cellIndex[r * width + c]! + 1;
    const b = bitsFor(table.cells[c]!.length);
    bits.push(b);
    codes.push(encodeBase64(packCodes(column, b)));
  }
  const encoded: EncodedTable = { rows: table.rows, cells: table.cells, bits, codes, bytes: 0 };
  if (table.counts !== undefined) {
    const divisor = commonDivisor(table.counts);
    const values = table.counts.map((n) => n / divisor);
    encoded.counts = { divisor, values: encodeBase64(encodeVarints(values)) };
  }
  return encoded;
}

/** The greatest common divisor of the counts (1 when there are none or all are 0). */
function commonDivisor(counts: ArrayLike<number>): number {
  let g = 0;
  for (let i = 0; i < counts.length; i++) {
    let a = counts[i]!;
    let b = g;
    while (b !== 0) [a, b] = [b, a % b];
    g = a;
  }
  return g === 0 ? 1 : g;
}

/** Decodes the embedded data (throws InternalError when it is malformed). */
export function decodeRelease(encoded: EncodedRelease): DecodedRelease {
  if (encoded?.format !== SHOWCASE_FORMAT) {
    throw new InternalError(`Embedded data of an unknown format "${String(encoded?.format)}"`);
  }
  if (typeof encoded.manifest !== "string") {
    throw new InternalError("Embedded data without a manifest");
  }
  const manifest: unknown = JSON.parse(encoded.manifest);
  const columns = manifestColumns(manifest);
  return {
    manifest,
    columns,
    countColumn: countColumnOf((manifest ?? {}) as { countColumn?: unknown }),
    ...(encoded.synthetic !== undefined && {
      synthetic: decodeTable(encoded.synthetic, columns.length),
    }),
    aggregates: decodeTable(encoded.aggregates, columns.length),
  };
}

function decodeTable(t: EncodedTable, width: number): WideTable {
  if (
    !Array.isArray(t?.cells) ||
    !Array.isArray(t.bits) ||
    !Array.isArray(t.codes) ||
    !Number.isSafeInteger(t.rows) ||
    t.rows < 0 ||
    t.cells.length !== width ||
    t.bits.length !== width ||
    t.codes.length !== width
  ) {
    throw new InternalError("Embedded data: a table without the manifest's columns");
  }
  const cellIndex = new Int32Array(t.rows * width);
  for (let c = 0; c < width; c++) {
    const codes = unpackCodes(decodeBase64(t.codes[c]!), t.bits[c]!, t.rows);
    const size = t.cells[c]!.length;
    for (let r = 0; r < t.rows; r++) {
      const code = codes[r]!;
      if (code > size) throw new InternalError("Embedded data: a code outside its dictionary");
      cellIndex[r * width + c] = code - 1;
    }
  }
  if (t.counts === undefined) return { rows: t.rows, cellIndex, cells: t.cells };
  const counts = decodeVarints(decodeBase64(t.counts.values), t.rows);
  for (let r = 0; r < counts.length; r++) counts[r]! *= t.counts.divisor;
  return { rows: t.rows, cellIndex, cells: t.cells, counts };
}

export interface RebuildOptions {
  table: WideTable;
  /** The header's column names (the manifest's), without the count column. */
  columns: readonly string[];
  /** The count column's header (aggregates.csv; default `count`). */
  countColumn?: string;
}

/** A wide CSV file's text as CommonGround writes it (docs/design.md §7), from a table. */
export function rebuildFromTable(o: RebuildOptions): string {
  const parts: string[] = [];
  eachRebuiltRow(o, (line) => {
    parts.push(line);
    return true;
  });
  return parts.join("");
}

/**
 * Whether rebuildFromTable(o) is exactly `text`, compared line by line: no copy of the text is
 * made (a 1M-row synthetic.csv is 75 MB; rebuilding it whole to compare took about 0.4 GB).
 */
export function rebuildsTo(o: RebuildOptions, text: string): boolean {
  let at = 0;
  const whole = eachRebuiltRow(o, (line) => {
    if (!text.startsWith(line, at)) return false;
    at += line.length;
    return true;
  });
  return whole && at === text.length;
}

/** Calls `line` with the header, then each row, as CSV lines; stops when it returns false. */
function eachRebuiltRow(o: RebuildOptions, line: (text: string) => boolean): boolean {
  const { table, columns } = o;
  const width = columns.length;
  const counts = table.counts;
  if (!line(formatCsvRow(counts ? [...columns, o.countColumn ?? "count"] : [...columns])))
    return false;
  const row: string[] = new Array(counts ? width + 1 : width);
  for (let r = 0; r < table.rows; r++) {
    for (let c = 0; c < width; c++) {
      const i = table.cellIndex[r * width + c]!;
      row[c] = i < 0 ? "" : table.cells[c]![i]!;
    }
    if (counts) row[width] = String(counts[r]);
    if (!line(formatCsvRow(row))) return false;
  }
  return true;
}

/**
 * The original text of an embedded file (byte-identical to the file the release holds):
 * datapackage.json is rebuilt from the manifest (everything in it comes from there).
 */
export function rebuildFile(o: {
  encoded: EncodedRelease;
  decoded: DecodedRelease;
  file: CsvFileName | "manifest.json" | "datapackage.json";
}): string {
  if (o.file === "manifest.json") return o.encoded.manifest;
  if (o.file === "datapackage.json") return dataPackageJson(o.decoded.manifest as Manifest);
  const encoded = o.file === "synthetic.csv" ? o.encoded.synthetic : o.encoded.aggregates;
  const table = o.file === "synthetic.csv" ? o.decoded.synthetic : o.decoded.aggregates;
  if (encoded === undefined || table === undefined) {
    throw new InternalError(`The release has no ${o.file}`);
  }
  return (
    encoded.verbatim ??
    rebuildFromTable({ table, columns: o.decoded.columns, countColumn: o.decoded.countColumn })
  );
}

const DATA_BLOCK = new RegExp(
  `<script\\b[^>]*\\bid\\s*=\\s*["']?${SHOWCASE_DATA_ID}["']?[^>]*>([\\s\\S]*?)</script\\s*>`,
  "gi",
);

/**
 * The data embedded in a showcase page's HTML text (JSON.parse of its data block; the page
 * writes every `<` as `\u003c`, which JSON reads back). Undefined when the page holds no data
 * block or only the bare template's placeholder; an error message when it holds several or one
 * that is not JSON.
 */
export function embeddedData(html: string): { data: unknown } | { problem: string } | undefined {
  const blocks = [...html.matchAll(DATA_BLOCK)];
  if (blocks.length === 0) return undefined;
  if (blocks.length > 1) return { problem: `it holds ${blocks.length} data blocks, not one` };
  const text = blocks[0]![1]!.trim();
  if (!text.startsWith("{")) return undefined;
  try {
    return { data: JSON.parse(text) };
  } catch (e) {
    return { problem: `its data block is not valid JSON (${(e as Error).message})` };
  }
}
