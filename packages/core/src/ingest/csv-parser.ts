/**
 * Streaming, push-style RFC 4180 CSV reader over raw bytes (docs/design.md §2).
 *
 * Sniffs the encoding from the first 8 KiB (UTF-8; UTF-16 by BOM or by its NUL pattern) and
 * refuses binary or badly encoded input; picks the delimiter from the header line unless given;
 * then splits rows incrementally, keeping only the current partial row in memory.
 *
 * Leniency, as most readers: characters after a closing quote are appended to the field
 * (`"ab"c` reads as `abc`), and a `"` inside an unquoted field is a literal character.
 * Blank lines (a single unquoted field of only whitespace) are skipped; cells are not trimmed.
 *
 * Refused while scanning, before a row is handed on: a NUL character anywhere (the first 8 KiB
 * call the file binary; later ones are named by line and column), and a row of more than
 * MAX_COLUMNS fields (checked field by field, so a huge header costs memory in proportion to
 * MAX_COLUMNS, not to its length).
 */
import { UserError } from "../errors.js";

export interface CsvParserOptions {
  /** Shown in error messages. */
  fileName?: string;
  /** Field delimiter; when undefined: `.tsv` file name → tab; else detected from the header line. */
  delimiter?: string;
  /** Called for every non-blank row, header first; `line` = 1-based physical line where it starts. */
  onRow: (fields: string[], line: number) => void;
}

export interface CsvParser {
  /** Feed the next chunk of raw file bytes (any split). */
  push(chunk: Uint8Array): void;
  /** End of input: flush the last row; throws on an unterminated quote. */
  end(): void;
  /** The delimiter in use (known once the header line has been seen). */
  readonly delimiter: string | undefined;
  /** Encoding detected: "utf-8" | "utf-16le" | "utf-16be". */
  readonly encoding: string;
}

interface StreamDecoder {
  decode(input?: Uint8Array, options?: { stream?: boolean }): string;
}
type DecoderClass = new (label: string, options?: { fatal?: boolean }) => StreamDecoder;
/** TextDecoder exists in browsers and Node; core's lib (ES2023, no DOM) does not declare it. */
const Decoder = (globalThis as unknown as { TextDecoder: DecoderClass }).TextDecoder;

const SNIFF_BYTES = 8192;
/** Most fields in a row: as many columns as a spreadsheet holds (Excel: 16,384). */
export const MAX_COLUMNS = 16_384;
/** Most text held back while looking for the end of the header line. */
const HEADER_LIMIT = 1 << 20;
const CANDIDATES = [",", ";", "\t", "|"] as const;
const QUOTE = 34;
const CR = 13;
const LF = 10;
const BINARY_HINT = "Export the data as CSV (comma- or tab-separated text) and try again.";
const ENCODING_HINT = "Save the file as UTF-8 (in Excel: Save As → CSV UTF-8) and try again.";

export function createCsvParser(options: CsvParserOptions): CsvParser {
  const file = options.fileName;
  const label = file ?? "The input";
  let delimiter = options.delimiter;
  if (delimiter !== undefined && (delimiter.length !== 1 || /["\r\n]/.test(delimiter))) {
    throw new UserError(
      "invalid-option",
      `The delimiter must be one character other than a quote or a line break, not ${JSON.stringify(delimiter)}.`,
      { file },
      "Give a single character such as , ; | or a tab.",
    );
  }
  if (delimiter === undefined && file !== undefined && /\.tsv$/i.test(file)) delimiter = "\t";

  let encoding = "utf-8";
  let decoder: StreamDecoder | undefined;
  let sniffed: Uint8Array[] = [];
  let sniffedBytes = 0;
  /** Decoded text held back until the header line is complete (delimiter detection). */
  let head = "";
  let scanner =
    delimiter === undefined ? undefined : new RowScanner(delimiter, options.onRow, file);

  const binary = () =>
    new UserError(
      "binary-file",
      `${label} looks like a binary file, not a CSV text file.`,
      { file },
      BINARY_HINT,
    );

  const decode = (bytes: Uint8Array | undefined): string => {
    try {
      return bytes === undefined ? decoder!.decode() : decoder!.decode(bytes, { stream: true });
    } catch {
      let line = (scanner?.line ?? 1) + countBreaks(head);
      if (bytes !== undefined) {
        // Locate the first bad sequence of this chunk (skipping a sequence's tail from before).
        let from = 0;
        while (encoding === "utf-8" && from < 3 && ((bytes[from] ?? 0) & 0xc0) === 0x80) from++;
        const loose = new Decoder(encoding).decode(bytes.subarray(from));
        const bad = loose.indexOf("\uFFFD");
        // No bad sequence inside: it began with the bytes held over from the previous chunk.
        if (bad > 0) line += countBreaks(loose.slice(0, bad));
      }
      const name = encoding === "utf-8" ? "UTF-8" : "UTF-16";
      throw new UserError(
        "bad-encoding",
        `${label} is not valid ${name} text: the first invalid bytes are on line ${line}.`,
        { file, line },
        ENCODING_HINT,
      );
    }
  };

  const start = (found: string) => {
    delimiter = found;
    scanner = new RowScanner(found, options.onRow, file);
    const text = head;
    head = "";
    scanner.feed(text);
  };

  const take = (text: string) => {
    if (scanner !== undefined) {
      scanner.feed(text);
      return;
    }
    head += text;
    if (head.length < HEADER_LIMIT && !/[\r\n]/.test(text)) return;
    const found = detectDelimiter(head, head.length >= HEADER_LIMIT);
    if (found !== undefined) start(found);
  };

  const openDecoder = () => {
    const bytes = concat(sniffed);
    sniffed = [];
    encoding = sniffEncoding(bytes);
    if (encoding === "utf-8" && looksBinary(bytes.length, (i) => bytes[i]!)) throw binary();
    decoder = new Decoder(encoding, { fatal: true });
    const text = decode(bytes);
    if (encoding !== "utf-8" && looksBinary(text.length, (i) => text.charCodeAt(i))) {
      throw binary();
    }
    take(text);
  };

  return {
    push(chunk: Uint8Array): void {
      if (decoder !== undefined) {
        take(decode(chunk));
        return;
      }
      if (chunk.length === 0) return;
      sniffed.push(chunk.slice());
      sniffedBytes += chunk.length;
      if (sniffedBytes >= SNIFF_BYTES) openDecoder();
    },
    end(): void {
      if (decoder === undefined) openDecoder();
      take(decode(undefined));
      if (scanner === undefined) start(detectDelimiter(head, true) ?? ",");
      scanner!.finish(file);
    },
    get delimiter() {
      return delimiter;
    },
    get encoding() {
      return encoding;
    },
  };
}

/** "utf-16le" / "utf-16be" by BOM or by NULs in alternate bytes; otherwise "utf-8". */
function sniffEncoding(bytes: Uint8Array): string {
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return "utf-16le";
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return "utf-16be";
  const n = Math.min(bytes.length, SNIFF_BYTES) & ~1;
  let evenZeros = 0;
  let oddZeros = 0;
  for (let i = 0; i < n; i += 2) {
    if (bytes[i] === 0) evenZeros++;
    if (bytes[i + 1] === 0) oddZeros++;
  }
  const pairs = n / 2;
  if (pairs >= 2 && oddZeros >= pairs / 4 && evenZeros * 10 < oddZeros) return "utf-16le";
  if (pairs >= 2 && evenZeros >= pairs / 4 && oddZeros * 10 < evenZeros) return "utf-16be";
  return "utf-8";
}

/** A NUL, or more than 10% control characters other than tab, LF, FF, CR, among the first 8 KiB. */
function looksBinary(length: number, at: (i: number) => number): boolean {
  const n = Math.min(length, SNIFF_BYTES);
  let control = 0;
  for (let i = 0; i < n; i++) {
    const c = at(i);
    if (c === 0) return true;
    if (c < 32 && c !== 9 && c !== 10 && c !== 12 && c !== 13) control++;
  }
  return control > n * 0.1;
}

function concat(chunks: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(chunks.reduce((sum, c) => sum + c.length, 0));
  let at = 0;
  for (const c of chunks) {
    out.set(c, at);
    at += c.length;
  }
  return out;
}

/** Line breaks in a text (\n, \r\n and a lone \r count once). */
const countBreaks = (text: string): number => text.match(/\r\n?|\n/g)?.length ?? 0;

/**
 * The candidate occurring most often outside quotes in the first non-blank line (ties → first of
 * `, ; tab |`; none → `,`), or undefined when that line is not complete yet and `final` is false.
 */
function detectDelimiter(text: string, final: boolean): string | undefined {
  const counts = [0, 0, 0, 0];
  let inQuotes = false;
  let nonBlank = false;
  const pick = () => {
    let best = 0;
    for (let k = 1; k < counts.length; k++) if (counts[k]! > counts[best]!) best = k;
    return counts[best]! > 0 ? CANDIDATES[best] : ",";
  };
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === QUOTE) {
      inQuotes = !inQuotes;
      nonBlank = true;
    } else if (!inQuotes && (c === CR || c === LF)) {
      if (nonBlank) return pick();
      counts.fill(0);
    } else if (!inQuotes) {
      const k = CANDIDATES.indexOf(text.charAt(i) as (typeof CANDIDATES)[number]);
      if (k >= 0) counts[k]!++;
      if (c !== 32 && c !== 9) nonBlank = true;
    }
  }
  return final ? pick() : undefined;
}

const FIELD = 0; // at the start of a field
const UNQUOTED = 1; // inside an unquoted field (or after a closing quote); `acc` holds its start
const QUOTED = 2; // inside quotes; `acc` holds the value so far
const QUOTE_SEEN = 3; // a `"` inside quotes was the last character: closing quote or `""`

/** The row state machine over decoded text; carries the partial row between chunks. */
class RowScanner {
  /** Physical line at the scan position (1-based). */
  line = 1;
  private rowLine = 1;
  private quoteLine = 1;
  private fields: string[] = [];
  private rowQuoted = false;
  private state = FIELD;
  private acc = "";
  private lastWasCR = false;
  /** The first row handed on (names columns in messages). */
  private header: string[] | undefined;

  constructor(
    private readonly delim: string,
    private readonly onRow: (fields: string[], line: number) => void,
    private readonly file: string | undefined,
  ) {}

  feed(text: string): void {
    const nul = text.indexOf("\0");
    if (nul >= 0) {
      this.feed(text.slice(0, nul)); // rows before it, and the position of the NUL
      throw this.nulError();
    }
    const n = text.length;
    if (n === 0) return;
    const d = this.delim;
    const dCode = d.charCodeAt(0);
    let { line, state, acc, fields } = this;
    // Next delimiter / CR / LF at or after the scan position (n: none left in this chunk).
    let nextD = -1;
    let nextCR = -1;
    let nextLF = -1;
    const crBefore = (j: number) => (j > 0 ? text.charCodeAt(j - 1) === CR : this.lastWasCR);
    let i = 0;
    while (i < n) {
      if (state === QUOTED) {
        let q = text.indexOf('"', i);
        if (q < 0) q = n;
        if (nextCR < i) nextCR = indexOr(text, "\r", i);
        if (nextLF < i) nextLF = indexOr(text, "\n", i);
        for (let j = Math.min(nextCR, nextLF); j < q; j++) {
          const c = text.charCodeAt(j);
          if (c === CR || (c === LF && !crBefore(j))) line++;
        }
        acc += text.slice(i, q);
        if (q === n) break;
        state = QUOTE_SEEN;
        i = q + 1;
        continue;
      }
      const c0 = text.charCodeAt(i);
      if (state === QUOTE_SEEN) {
        if (c0 === QUOTE) {
          acc += '"';
          state = QUOTED;
          i++;
          continue;
        }
        state = UNQUOTED; // closing quote; anything before the delimiter is appended (lenient)
      } else if (state === FIELD) {
        if (c0 === QUOTE) {
          state = QUOTED;
          this.rowQuoted = true;
          this.quoteLine = line;
          i++;
          continue;
        }
        if (c0 === LF && fields.length === 0 && crBefore(i)) {
          i++; // the LF of a CRLF that already ended the row
          continue;
        }
      }
      if (nextD < i) nextD = indexOr(text, d, i);
      if (nextCR < i) nextCR = indexOr(text, "\r", i);
      if (nextLF < i) nextLF = indexOr(text, "\n", i);
      const j = Math.min(nextD, nextLF, nextCR);
      if (j === n) {
        acc = state === FIELD ? text.slice(i) : acc + text.slice(i);
        state = UNQUOTED;
        break;
      }
      fields.push(state === FIELD ? text.slice(i, j) : acc + text.slice(i, j));
      if (fields.length > MAX_COLUMNS) throw this.tooManyColumns(this.rowLine);
      acc = "";
      state = FIELD;
      i = j + 1;
      if (text.charCodeAt(j) !== dCode) {
        this.emit(fields);
        fields = this.fields = [];
        line++;
        this.rowLine = line;
      }
    }
    this.line = line;
    this.state = state;
    this.acc = acc;
    this.fields = fields;
    this.lastWasCR = text.charCodeAt(n - 1) === CR;
  }

  /** End of input: the last row without a final line break, or the unterminated-quote error. */
  finish(file: string | undefined): void {
    if (this.state === QUOTED) {
      const line = this.quoteLine;
      throw new UserError(
        "unterminated-quote",
        `A quoted field that starts on line ${line} is never closed.`,
        { file, line },
        `Look for a stray " on line ${line}: a field containing a quote must be enclosed in quotes, with the inner quote doubled ("").`,
      );
    }
    if (this.state === FIELD && this.fields.length === 0) return;
    this.fields.push(this.acc);
    this.emit(this.fields);
    this.fields = [];
    this.acc = "";
    this.state = FIELD;
  }

  private emit(fields: string[]): void {
    const quoted = this.rowQuoted;
    this.rowQuoted = false;
    if (fields.length === 1 && !quoted && fields[0]!.trim() === "") return;
    if (fields.length > MAX_COLUMNS) throw this.tooManyColumns(this.rowLine);
    this.header ??= fields;
    this.onRow(fields, this.rowLine);
  }

  private tooManyColumns(line: number): UserError {
    const max = String(MAX_COLUMNS).replace(/\B(?=(\d{3})+$)/g, ",");
    const of = this.file === undefined ? "" : ` of ${this.file}`;
    return this.header === undefined
      ? new UserError(
          "too-many-columns",
          `The header${of} has more than ${max} columns; CommonGround reads at most ${max}.`,
          { file: this.file, line },
          "Check the delimiter (--delimiter): a wrong one can split a line into many columns. Otherwise keep only the columns you need before reading the file.",
        )
      : new UserError(
          "too-many-columns",
          `Line ${line}${of} has more than ${max} fields; CommonGround reads at most ${max} columns.`,
          { file: this.file, line },
          "Check that line for extra delimiters, or a value with the delimiter in it that should be in double quotes.",
        );
  }

  /** A NUL at the scan position (the text before it has been fed). */
  private nulError(): UserError {
    const field = this.fields.length + 1;
    const name = this.header?.[field - 1]?.trim();
    const where =
      this.header === undefined
        ? `in field ${field} of the header`
        : name
          ? `in column "${name}"`
          : `in field ${field}`;
    return new UserError(
      "binary-file",
      `${this.file ?? "The input"} has a NUL character (a zero byte) on line ${this.line}, ${where}: a CSV text file never holds one.`,
      { file: this.file, line: this.line, column: name || String(field) },
      "The file may be damaged or partly binary. Export the data as CSV (comma- or tab-separated text) again, or remove that character, and try again.",
    );
  }
}

function indexOr(text: string, search: string, from: number): number {
  const at = text.indexOf(search, from);
  return at < 0 ? text.length : at;
}
