/**
 * Reads a CSV file of a release (aggregates.csv, synthetic.csv; docs/design.md §7) back: comma-
 * separated, UTF-8, the spreadsheet-safety prefix removed from every cell. Streaming: the rows
 * are handed out as the bytes arrive, so a file of millions of rows is never held whole.
 * The first layer of the one reader of the public files (docs/design.md §14; read-release.ts builds on it).
 */
import { UserError } from "../errors.js";
import { type CsvParser, createCsvParser } from "../ingest/csv-parser.js";
import type { ByteSource } from "../ingest/read-dataset.js";
import { Sha256 } from "../util/sha256.js";
import { encodeUtf8 } from "../util/text.js";
import { unescapeSpreadsheetCell } from "./csv-writer.js";

/** A release CSV: its header and its data rows (an array, or streamed from a file). */
export interface ReleaseTable {
  header: string[];
  rows: Iterable<readonly string[]> | AsyncIterable<readonly string[]>;
}

function parser(fileName: string | undefined, onRow: (row: string[]) => void): CsvParser {
  return createCsvParser({
    ...(fileName !== undefined && { fileName }),
    delimiter: ",",
    onRow: (fields) => {
      for (let i = 0; i < fields.length; i++) fields[i] = unescapeSpreadsheetCell(fields[i]!);
      onRow(fields);
    },
  });
}

/** Every row of a release CSV, the header first. */
export async function* releaseCsvRows(
  source: ByteSource,
  fileName?: string,
): AsyncGenerator<string[]> {
  const pending: string[][] = [];
  const csv = parser(fileName, (row) => pending.push(row));
  for await (const chunk of source) {
    csv.push(chunk);
    yield* pending;
    pending.length = 0;
  }
  csv.end();
  yield* pending;
}

function noHeader(fileName: string | undefined): UserError {
  return new UserError(
    "empty-file",
    `${fileName ?? "The release file"} is empty: it has no header line.`,
    fileName === undefined ? {} : { file: fileName },
    "Make the release again with commonground aggregate or synthesize; do not publish this one.",
  );
}

/** A release CSV with its header read and its data rows streamed (read them once). */
export async function readReleaseTable(
  source: ByteSource,
  fileName?: string,
): Promise<ReleaseTable> {
  const rows = releaseCsvRows(source, fileName);
  const first = await rows.next();
  if (first.done) throw noHeader(fileName);
  return { header: first.value, rows };
}

/** Text is handed to the parser in pieces of about this many characters. */
const TEXT_PIECE = 1 << 20;

/**
 * Every row of a release CSV held as text, the header first, handed to `onRow` as it is parsed:
 * neither the text's bytes nor its rows are ever held whole.
 */
export function forEachReleaseCsvRow(
  text: string,
  fileName: string | undefined,
  onRow: (row: string[]) => void,
  piece = TEXT_PIECE,
): void {
  let rows = 0;
  const csv = parser(fileName, (row) => {
    rows++;
    onRow(row);
  });
  for (let at = 0; at < text.length; ) {
    let end = Math.min(text.length, at + piece);
    // Never split a surrogate pair between two pieces: the pair goes whole into this one.
    const last = text.charCodeAt(end - 1);
    if (end < text.length && last >= 0xd800 && last <= 0xdbff) end++;
    csv.push(encodeUtf8(text.slice(at, end)));
    at = end;
  }
  csv.end();
  if (rows === 0) throw noHeader(fileName);
}

/** A release CSV held in memory as text (tests, small files). */
export function parseReleaseCsv(text: string, fileName?: string): ReleaseTable {
  const rows: string[][] = [];
  forEachReleaseCsvRow(text, fileName, (row) => rows.push(row));
  const header = rows.shift()!; // forEachReleaseCsvRow refuses a text without a header
  return { header, rows };
}

/**
 * A release CSV read from its bytes as readReleaseTable does, its SHA-256 computed on the way:
 * `sha256()` gives the hex digest once every row has been read.
 */
export async function openReleaseCsv(
  source: ByteSource,
  fileName?: string,
): Promise<{ table: ReleaseTable; sha256: () => string }> {
  const hash = new Sha256();
  async function* hashed() {
    for await (const chunk of source) {
      hash.update(chunk);
      yield chunk;
    }
  }
  const table = await readReleaseTable(hashed(), fileName);
  return { table, sha256: () => hash.hex() };
}
