/**
 * The opened file as it is, before any choice: every column dictionary-coded (one Uint32Array
 * of codes per column), for the preview, the per-column profile and the binning histograms.
 * Read with core's CSV parser, so a bad file fails with the CLI's message.
 */
import {
  binIndex,
  createCsvParser,
  emptyFileError,
  isIdentifierLike,
  makeBins,
  noDataRowsError,
  parseBinSpec,
  raggedRowError,
  UserError,
} from "@commonground/core/internal";

export interface ColumnProfile {
  name: string;
  /** Distinct non-empty values. */
  distinct: number;
  /** Empty cells. */
  empty: number;
  /** Every non-empty value is a number (a candidate for binning). */
  numeric: boolean;
  /** Most frequent values first (at most TOP). */
  top: { value: string; count: number }[];
  /** Values seem to hold a list (one of ; | , appears in many cells). */
  listDelimiter?: string;
}

export interface FileProfile {
  fileName: string;
  bytes: number;
  rows: number;
  delimiter: string;
  columns: ColumnProfile[];
}

/**
 * Core's rule for an identifier-like column (docs/design.md §15) on the file's rows — before
 * the rows of one person are merged, which the risk analysis and the release do.
 */
export function identifierLike(profile: FileProfile, column: ColumnProfile): boolean {
  return isIdentifierLike(profile.rows - column.empty, column.distinct);
}

/** A column's values and their row counts (RawTable.valueCounts_). */
export interface ValueList {
  values: { value: string; count: number }[];
  /** Distinct values in all (the list may hold fewer). */
  total: number;
}

/** At most this many values are listed for renaming (the rarest: the ones worth merging). */
export const VALUE_LIST_LIMIT = 2000;

export interface Histogram {
  spec: string;
  labels: string[];
  counts: number[];
  /** Rows whose value is empty or not a number. */
  missing: number;
}

const TOP = 8;
const LIST_DELIMITERS = [";", "|", ","] as const;

export class RawTable {
  readonly header: string[];
  rows = 0;
  delimiter = ",";
  private readonly dicts: Map<string, number>[];
  private readonly values: string[][];
  private codes: Uint32Array[];

  constructor(header: string[]) {
    this.header = header;
    this.dicts = header.map(() => new Map<string, number>());
    this.values = header.map(() => []);
    this.codes = header.map(() => new Uint32Array(1024));
  }

  /** Reads a whole file (bytes in chunks). */
  static async read(
    chunks: AsyncIterable<Uint8Array>,
    fileName: string,
    onProgress?: (bytes: number) => void,
  ): Promise<RawTable> {
    let table: RawTable | undefined;
    const parser = createCsvParser({
      fileName,
      onRow: (fields, line) => {
        if (table === undefined) {
          table = new RawTable(fields.map((f) => f.trim()));
          return;
        }
        table.push(fields, line, fileName);
      },
    });
    let read = 0;
    for await (const chunk of chunks) {
      parser.push(chunk);
      read += chunk.length;
      onProgress?.(read);
    }
    parser.end();
    if (table === undefined) throw emptyFileError(fileName);
    if (table.rows === 0) throw noDataRowsError(fileName);
    table.delimiter = parser.delimiter ?? ",";
    return table;
  }

  private push(fields: string[], line: number, fileName: string): void {
    if (fields.length !== this.header.length) {
      throw raggedRowError(fileName, line, fields.length, this.header.length);
    }
    const r = this.rows++;
    if (r >= this.codes[0]!.length) {
      this.codes = this.codes.map((c) => {
        const bigger = new Uint32Array(c.length * 2);
        bigger.set(c);
        return bigger;
      });
    }
    for (let j = 0; j < fields.length; j++) {
      const v = fields[j]!.trim();
      const dict = this.dicts[j]!;
      let code = dict.get(v);
      if (code === undefined) {
        code = this.values[j]!.length;
        dict.set(v, code);
        this.values[j]!.push(v);
      }
      this.codes[j]![r] = code;
    }
  }

  /** Rows from … to − 1, as text. */
  slice(from: number, to: number): string[][] {
    const out: string[][] = [];
    for (let r = Math.max(0, from); r < Math.min(to, this.rows); r++)
      out.push(this.header.map((_, j) => this.values[j]![this.codes[j]![r]!]!));
    return out;
  }

  profile(fileName: string, bytes: number): FileProfile {
    return {
      fileName,
      bytes,
      rows: this.rows,
      delimiter: this.delimiter,
      columns: this.header.map((name, j) => this.columnProfile(name, j)),
    };
  }

  private columnProfile(name: string, j: number): ColumnProfile {
    const counts = this.valueCounts(j);
    const values = this.values[j]!;
    let empty = 0;
    let numeric = true;
    let nonEmpty = 0;
    const listHits = new Map<string, number>();
    for (let v = 0; v < values.length; v++) {
      const text = values[v]!;
      if (text === "") {
        empty += counts[v]!;
        continue;
      }
      nonEmpty++;
      if (numeric && !Number.isFinite(Number(text))) numeric = false;
      for (const d of LIST_DELIMITERS)
        if (text.includes(d)) listHits.set(d, (listHits.get(d) ?? 0) + counts[v]!);
    }
    const order = [...values.keys()].filter((v) => values[v] !== "");
    order.sort((a, b) => counts[b]! - counts[a]! || (values[a]! < values[b]! ? -1 : 1));
    const profile: ColumnProfile = {
      name,
      distinct: nonEmpty,
      empty,
      numeric: numeric && nonEmpty > 0,
      top: order.slice(0, TOP).map((v) => ({ value: values[v]!, count: counts[v]! })),
    };
    // A list column: a delimiter in at least a tenth of the filled cells (numbers aside).
    if (!profile.numeric) {
      const filled = this.rows - empty;
      for (const d of LIST_DELIMITERS) {
        if ((listHits.get(d) ?? 0) * 10 >= filled && filled > 0) {
          profile.listDelimiter = d;
          break;
        }
      }
    }
    return profile;
  }

  private valueCounts(j: number): Float64Array {
    const counts = new Float64Array(this.values[j]!.length);
    const codes = this.codes[j]!;
    for (let r = 0; r < this.rows; r++) counts[codes[r]!]!++;
    return counts;
  }

  /**
   * A column's values with the number of rows holding each, rarest first (then by name), at
   * most `limit`: what a steward merges or renames. A list column's cells are split first.
   */
  valueList(column: string, delimiter?: string, limit = VALUE_LIST_LIMIT): ValueList {
    const j = this.header.indexOf(column);
    if (j < 0) throw new UserError("unknown-column", `There is no column "${column}".`, { column });
    const counts = this.valueCounts(j);
    const values = this.values[j]!;
    const byValue = new Map<string, number>();
    for (let v = 0; v < values.length; v++) {
      const parts = delimiter ? values[v]!.split(delimiter) : [values[v]!];
      for (const part of new Set(parts.map((p) => p.trim()))) {
        if (part !== "") byValue.set(part, (byValue.get(part) ?? 0) + counts[v]!);
      }
    }
    const all = [...byValue].map(([value, count]) => ({ value, count }));
    all.sort((a, b) => a.count - b.count || (a.value < b.value ? -1 : a.value > b.value ? 1 : 0));
    return { values: all.slice(0, limit), total: all.length };
  }

  /** The bins a spec gives a column, with their counts (the binning preview). */
  histogram(column: string, spec: string): Histogram {
    const j = this.header.indexOf(column);
    if (j < 0) throw new UserError("unknown-column", `There is no column "${column}".`, { column });
    const parsed = parseBinSpec(column, spec);
    const counts = this.valueCounts(j);
    const values = this.values[j]!;
    const numbers: number[] = [];
    let missing = 0;
    const numberOf = new Float64Array(values.length);
    for (let v = 0; v < values.length; v++) {
      const x = values[v] === "" ? Number.NaN : Number(values[v]);
      numberOf[v] = x;
      if (!Number.isFinite(x)) missing += counts[v]!;
      else for (let c = 0; c < counts[v]!; c++) numbers.push(x);
    }
    const bins = makeBins(spec, parsed, Float64Array.from(numbers));
    const out = new Array<number>(bins.labels.length).fill(0);
    for (let v = 0; v < values.length; v++)
      if (Number.isFinite(numberOf[v]!)) out[binIndex(bins.edges, numberOf[v]!)]! += counts[v]!;
    return { spec, labels: bins.labels, counts: out, missing };
  }
}
