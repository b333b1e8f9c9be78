/**
 * Turns parsed CSV rows into a dictionary-encoded Dataset (docs/design.md §2): column selection,
 * missing tokens, multi-value columns, subject-ID merging, numeric binning, record limit.
 *
 * Rows arrive one at a time (streaming); per column only compact typed arrays are kept.
 * With a subject ID, rows of one person are merged into one record as they arrive:
 * single-value columns must agree (a missing cell beside a value is fine), multi-value
 * columns take the union.
 */
import { UserError, type Warning } from "../errors.js";
import { GrowableFloat64, GrowableInt32, GrowableUint32 } from "../util/growable.js";
import { type BinSpec, binIndex, makeBins, parseBinSpec } from "./binning.js";
import { DEFAULT_HIGH_CARDINALITY, type IngestOptions, isIdentifierLike } from "./options.js";
import { type BinInfo, type Column, type Dataset, MISSING_LABEL } from "./types.js";

interface ColumnState {
  name: string;
  source: number;
  kind: "single" | "multi" | "binned";
  delimiter?: string;
  binSpec?: BinSpec;
  binSpecText?: string;
  missing: Set<string>;
  /** A missing cell becomes the value MISSING_LABEL (docs/design.md §12). */
  reportMissing: boolean;
  /** Local codes of values in first-seen order. */
  codes: Map<string, number>;
  /** single: code per record (-1 missing). */
  recordCode?: GrowableInt32;
  /** binned: numeric value per record (NaN missing). */
  recordNumber?: GrowableFloat64;
  /** multi: codes per row (CSR by row). */
  rowCodes?: GrowableUint32;
  rowOffsets?: GrowableUint32;
  /** Reported missing: the code MISSING_LABEL was given (set only when some record needs it). */
  labelCode?: number;
  /** Numbers written one way (IngestOptions.normalizeNumbers). */
  normalize?: boolean;
  /** Renamed values (IngestOptions.recode), and how many cells each recode matched. */
  recode?: Map<string, string>;
  recodeHits?: Map<string, number>;
}

/** A number's text, or undefined: finite numbers only, written as JavaScript's decimal form. */
function numberOf(text: string): number | undefined {
  if (!/^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/.test(text)) return undefined;
  const n = Number(text);
  return Number.isFinite(n) ? n : undefined;
}

/** A value as the column reads it: its number written one way, then renamed. */
function rewrite(s: ColumnState, value: string): string {
  let v = value;
  if (s.normalize) {
    const n = numberOf(v);
    if (n !== undefined) v = String(n);
  }
  const to = s.recode?.get(v);
  if (to === undefined) return v;
  s.recodeHits!.set(v, s.recodeHits!.get(v)! + 1);
  return to;
}

/** End (exclusive) of a multi-value column's codes of one row. */
function rowEnd(s: ColumnState, row: number): number {
  return row + 1 < s.rowOffsets!.length ? s.rowOffsets!.data[row + 1]! : s.rowCodes!.length;
}

interface RowGroups {
  /** rowsOf[rowStart[r] … rowStart[r+1]-1] are the rows of record r. */
  rowStart: Uint32Array;
  rowsOf: Uint32Array;
}

/**
 * First capacity of a column's arrays, small so that a file of many columns (up to the
 * parser's MAX_COLUMNS) costs little before its rows arrive; the arrays double as they fill.
 */
const COLUMN_CAPACITY = 64;

/** Signals that the record limit was reached; the reader stops feeding rows. */
export class RecordLimitReached extends Error {}

export class DatasetBuilder {
  private readonly options: IngestOptions;
  private readonly file: string | undefined;
  private header: string[] | undefined;
  private states: ColumnState[] = [];
  private subjectSource = -1;
  /** Missing tokens of the subject ID column: such an ID is as good as none. */
  private subjectMissing = new Set<string>();
  private readonly subjects = new Map<string, number>();
  private readonly rowRecord = new GrowableUint32();
  private readonly recordLine = new GrowableUint32();
  private recordCount = 0;
  private rows = 0;
  private readonly warnings: Warning[] = [];

  constructor(options: IngestOptions) {
    const limit = options.recordLimit;
    if (limit !== undefined && !(Number.isInteger(limit) && limit >= 1)) {
      throw new UserError(
        "invalid-option",
        `The record limit must be a whole number of at least 1 (got ${limit}).`,
        {},
        "For example --record-limit 1000, or leave it out to read every row.",
      );
    }
    this.options = options;
    this.file = options.fileName;
  }

  /** Feeds one parsed row (header first). Throws RecordLimitReached when done reading. */
  row(fields: string[], line: number): void {
    if (this.header === undefined) {
      this.setHeader(fields, line);
      return;
    }
    const limit = this.options.recordLimit;
    if (limit !== undefined && this.rows >= limit) throw new RecordLimitReached();
    if (fields.length !== this.header.length) {
      throw raggedRowError(this.file, line, fields.length, this.header.length);
    }
    const record = this.recordOf(fields, line);
    this.rowRecord.push(record);
    this.rows++;
    const isNew = record === this.recordCount - 1 && this.recordLine.data[record] === line;
    const conflicts: string[] = [];
    for (const s of this.states) {
      const raw = fields[s.source]!.trim();
      if (s.kind === "multi") {
        s.rowOffsets!.push(s.rowCodes!.length);
        if (raw === "" || s.missing.has(raw)) continue;
        for (const part of raw.split(s.delimiter!)) {
          const v = part.trim();
          if (v === "" || s.missing.has(v)) continue;
          s.rowCodes!.push(this.code(s, rewrite(s, v)));
        }
        continue;
      }
      const missing = raw === "" || s.missing.has(raw);
      const cell = missing ? raw : rewrite(s, raw);
      if (s.kind === "binned") {
        let value = Number.NaN;
        if (!missing) {
          value = Number(cell);
          if (!Number.isFinite(value)) {
            throw new UserError(
              "non-numeric-value",
              `Line ${line}, column "${s.name}": "${cell}" is not a number, but the column is binned as numeric.`,
              { file: this.file, line, column: s.name },
              `Add "${cell}" to the missing tokens (--missing) if it means "unknown", or remove --bin for this column.`,
            );
          }
        }
        if (isNew) s.recordNumber!.push(value);
        else if (!missing) {
          const old = s.recordNumber!.data[record]!;
          if (Number.isNaN(old)) s.recordNumber!.data[record] = value;
          else if (old !== value) conflicts.push(`"${s.name}" (${old} vs ${cell})`);
        }
        continue;
      }
      const code = missing ? -1 : this.code(s, cell);
      if (isNew) s.recordCode!.push(code);
      else if (code >= 0) {
        const old = s.recordCode!.data[record]!;
        if (old < 0) s.recordCode!.data[record] = code;
        else if (old !== code) {
          conflicts.push(`"${s.name}" (${valueOfCode(s, old)} vs ${cell})`);
        }
      }
    }
    if (conflicts.length > 0) {
      const id = fields[this.subjectSource]!.trim();
      throw new UserError(
        "subject-id-conflict",
        `Line ${line}: the rows of subject "${id}" (first on line ${this.recordLine.data[record]}) disagree in ${conflicts.join(", ")}.`,
        { file: this.file, line, column: this.options.subjectId },
        `A person's rows must agree on single-value columns. Correct the data, or declare ${conflicts.length === 1 ? "that column" : "those columns"} multi-value (--multi-value COL=;) if a person can have several values.`,
      );
    }
  }

  private code(s: ColumnState, value: string): number {
    let c = s.codes.get(value);
    if (c === undefined) {
      c = s.codes.size;
      s.codes.set(value, c);
    }
    return c;
  }

  private recordOf(fields: string[], line: number): number {
    if (this.subjectSource < 0) {
      this.recordLine.push(line);
      return this.recordCount++;
    }
    const id = fields[this.subjectSource]!.trim();
    if (id === "" || this.subjectMissing.has(id)) {
      const token = id === "" ? "" : `: "${id}" is a missing token`;
      throw new UserError(
        "empty-subject-id",
        `Line ${line} has no subject ID in column "${this.options.subjectId}"${token}.`,
        { file: this.file, line, column: this.options.subjectId },
        "Every row needs a subject ID. Fill it in, or leave out --subject-id if each row is a different person.",
      );
    }
    const key = id.toLowerCase();
    const known = this.subjects.get(key);
    if (known !== undefined) return known;
    this.subjects.set(key, this.recordCount);
    this.recordLine.push(line);
    return this.recordCount++;
  }

  private setHeader(fields: string[], line: number): void {
    const names = fields.map((f) => f.trim());
    const seen = new Map<string, number>();
    names.forEach((name, i) => {
      if (name === "") return;
      const before = seen.get(name);
      if (before !== undefined) {
        const raw = fields[before] !== fields[i] ? " (after trimming spaces)" : "";
        throw new UserError(
          "duplicate-column",
          `The header has two columns named "${name}"${raw}: columns ${before + 1} and ${i + 1}.`,
          { file: this.file, line, column: name },
          "Rename one of them so that every column name is unique.",
        );
      }
      seen.set(name, i);
    });
    this.header = names;
    const o = this.options;
    const find = (name: string, flag: string): number => {
      if (name.trim() === "") {
        const unnamed = names.flatMap((n, i) => (n === "" ? [`column ${i + 1}`] : []));
        throw new UserError(
          "unnamed-column",
          `${flag} names a column with no name; only columns named in the header can be used.`,
          { file: this.file, line },
          `Give the column a name in the header line${unnamed.length > 0 ? ` (unnamed: ${unnamed.join(", ")})` : ""}, or leave it out.`,
        );
      }
      const i = seen.get(name.trim());
      if (i === undefined) {
        throw new UserError(
          "unknown-column",
          `${flag} names the column "${name}", which is not in the file.`,
          { file: this.file, line, column: name },
          `The columns are: ${names.filter((n) => n !== "").join(", ")}.`,
        );
      }
      return i;
    };
    if (o.subjectId !== undefined) this.subjectSource = find(o.subjectId, "--subject-id");
    for (const c of Object.keys(o.multiValue ?? {})) find(c, "--multi-value");
    for (const c of Object.keys(o.bins ?? {})) find(c, "--bin");
    for (const c of Object.keys(o.missingByColumn ?? {})) find(c, "missingByColumn");
    for (const c of o.keepIdentifiers ?? []) find(c, "keepIdentifiers");
    let sources: number[];
    if (o.columns !== undefined) {
      sources = o.columns.map((c) => find(c, "--columns"));
      const dup = sources.find((s, i) => sources.indexOf(s) !== i);
      if (dup !== undefined) {
        throw new UserError(
          "invalid-option",
          `--columns lists "${names[dup]}" twice.`,
          { column: names[dup] },
          "Name each column once.",
        );
      }
      if (sources.includes(this.subjectSource)) {
        throw new UserError(
          "invalid-option",
          `The subject ID column "${o.subjectId}" cannot also be one of --columns: it identifies people and is never published.`,
          { column: o.subjectId },
          "Remove it from --columns.",
        );
      }
    } else {
      sources = [];
      names.forEach((name, i) => {
        if (i === this.subjectSource) return;
        if (name === "") {
          this.warnings.push({
            code: "unnamed-column",
            message: `Column ${i + 1} has no name in the header and is left out.`,
          });
          return;
        }
        sources.push(i);
      });
    }
    if (sources.length === 0) {
      throw new UserError(
        "invalid-option",
        "No columns are left to use.",
        { file: this.file, line },
        "Select at least one column (--columns).",
      );
    }
    const global = (o.missing ?? []).map((t) => t.trim());
    if (this.subjectSource >= 0) {
      this.subjectMissing = this.missingTokens(names[this.subjectSource]!, global);
    }
    this.states = sources.map((source) => this.columnState(names[source]!, source, global));
    for (const c of o.normalizeNumbers ?? []) find(c, "normalizeNumbers");
    for (const c of Object.keys(o.recode ?? {})) find(c, "recode");
    for (const s of this.states) this.setRewrite(s);
    this.markReportMissing(find);
  }

  /** A column's number normalisation and recodes (checked: a recode names a value it makes). */
  private setRewrite(s: ColumnState): void {
    const o = this.options;
    if (o.normalizeNumbers?.some((c) => c.trim() === s.name)) s.normalize = true;
    const recode = settingOf(o.recode, s.name);
    if (recode === undefined) return;
    s.recode = new Map();
    s.recodeHits = new Map();
    for (const [from, to] of Object.entries(recode)) {
      const target = typeof to === "string" ? to.trim() : "";
      if (target === "" || target === MISSING_LABEL) {
        throw new UserError(
          "invalid-option",
          `The recode of "${from}" in column "${s.name}" gives ${target === "" ? "no value" : `"${MISSING_LABEL}", the label of published missing cells`}.`,
          { file: this.file, column: s.name, option: "recode" },
          target === ""
            ? "Give the new value, or declare the value a missing token instead."
            : "Choose another name, or declare the value a missing token instead.",
        );
      }
      s.recode.set(from.trim(), target);
      s.recodeHits.set(from.trim(), 0);
    }
  }

  /** Marks the columns of `reportMissing`; each named one must be a selected column. */
  private markReportMissing(find: (name: string, flag: string) => number): void {
    const report = this.options.reportMissing;
    if (report === undefined) return;
    if (report === "all") {
      for (const s of this.states) s.reportMissing = true;
      return;
    }
    for (const name of report) {
      const source = find(name, "--report-missing");
      const state = this.states.find((s) => s.source === source);
      if (state === undefined) {
        throw new UserError(
          "invalid-option",
          `--report-missing names the column "${name.trim()}", which is not one of the selected columns.`,
          { file: this.file, column: name.trim(), option: "reportMissing" },
          "Name only columns that are part of the release, or add it to --columns.",
        );
      }
      state.reportMissing = true;
    }
  }

  /** Global and per-column missing tokens of a column, trimmed, without "" (always missing). */
  private missingTokens(name: string, global: string[]): Set<string> {
    const own = settingOf(this.options.missingByColumn, name) ?? [];
    const missing = new Set([...global, ...own.map((t) => t.trim())]);
    missing.delete("");
    return missing;
  }

  private columnState(name: string, source: number, global: string[]): ColumnState {
    const o = this.options;
    const missing = this.missingTokens(name, global);
    const delimiter = settingOf(o.multiValue, name);
    const binText = settingOf(o.bins, name);
    if (delimiter !== undefined && binText !== undefined) {
      throw new UserError(
        "invalid-option",
        `Column "${name}" cannot be both multi-value and binned.`,
        { column: name },
        "Remove one of --multi-value and --bin for it.",
      );
    }
    if (delimiter !== undefined) {
      if (delimiter === "") {
        throw new UserError(
          "invalid-option",
          `The multi-value delimiter of column "${name}" is empty.`,
          { column: name },
          `Give one, e.g. --multi-value "${name}=;".`,
        );
      }
      return {
        name,
        source,
        kind: "multi",
        delimiter,
        missing,
        reportMissing: false,
        codes: new Map(),
        rowCodes: new GrowableUint32(COLUMN_CAPACITY),
        rowOffsets: new GrowableUint32(COLUMN_CAPACITY),
      };
    }
    if (binText !== undefined) {
      const binSpec = parseBinSpec(name, binText);
      if (o.explicitBinsOnly && binSpec.kind !== "edges") {
        throw new UserError(
          "bad-bin-spec",
          `Column "${name}" is binned by ${binSpec.kind}, which computes the bin edges from the data. Under differential privacy those edges would leak information about individuals.`,
          { column: name },
          `Give explicit edges instead, e.g. --bin "${name}=edges:18,25,35,65".`,
        );
      }
      return {
        name,
        source,
        kind: "binned",
        binSpec,
        binSpecText: binText,
        missing,
        reportMissing: false,
        codes: new Map(),
        recordNumber: new GrowableFloat64(COLUMN_CAPACITY),
      };
    }
    return {
      name,
      source,
      kind: "single",
      missing,
      reportMissing: false,
      codes: new Map(),
      recordCode: new GrowableInt32(COLUMN_CAPACITY),
    };
  }

  /** Warnings about the rewriting of values: recodes that matched nothing, numbers written two ways. */
  private rewriteWarnings(): void {
    for (const s of this.states) {
      for (const [from, hits] of s.recodeHits ?? []) {
        if (hits > 0) continue;
        this.warnings.push({
          code: "unused-recode",
          column: s.name,
          option: "recode",
          message: `The recode of "${from}" in column "${s.name}" matched no cell: check its spelling.`,
        });
      }
      if (s.kind !== "single" || s.normalize) continue;
      const seen = new Map<number, string>();
      for (const v of s.codes.keys()) {
        const n = numberOf(v);
        if (n === undefined) continue;
        const other = seen.get(n);
        if (other === undefined) {
          seen.set(n, v);
          continue;
        }
        this.warnings.push({
          code: "numbers-written-differently",
          column: s.name,
          option: "normalizeNumbers",
          message: `Column "${s.name}" holds one number written in different ways ("${other}" and "${v}"), which count as different values. Normalise its numbers to count them as one.`,
        });
        break;
      }
    }
  }

  /** Completes ingest: checks, binning, attribute ids, CSR records. */
  finish(): Omit<Dataset, "delimiter"> {
    if (this.header === undefined) throw emptyFileError(this.file);
    if (this.rows === 0) throw noDataRowsError(this.file);
    const n = this.recordCount;
    this.rewriteWarnings();
    this.leaveOutIdentifiers(n);
    const columns: Column[] = [];
    const perColumnIds: Int32Array[] = [];
    const groups = this.groupRows(n);
    let nextId = 0;
    for (const s of this.states) {
      let bins: BinInfo | undefined;
      if (s.kind === "binned") this.binColumn(s, (b) => (bins = b));
      if (s.reportMissing) this.labelMissing(s, groups);
      const values = [...s.codes.keys()];
      const order = values.map((_, i) => i).sort((a, b) => cmp(values[a]!, values[b]!));
      const idOfCode = new Int32Array(values.length);
      order.forEach((code, rank) => {
        idOfCode[code] = nextId + rank;
      });
      perColumnIds.push(idOfCode);
      const column: Column = {
        name: s.name,
        kind: s.kind === "multi" ? "multi" : "single",
        firstAttribute: nextId,
        values: order.map((c) => values[c]!),
        missingRecords: 0,
      };
      if (s.delimiter !== undefined) column.delimiter = s.delimiter;
      if (bins) column.bins = bins;
      if (s.reportMissing) column.missingLabel = MISSING_LABEL;
      columns.push(column);
      nextId += values.length;
      if (values.length > (this.options.highCardinality ?? DEFAULT_HIGH_CARDINALITY)) {
        // Kept as asked (keepIdentifiers), an identifier still makes every record unique: a
        // privacy warning, always shown.
        const identifier = s.kind === "single" && values.length === n;
        this.warnings.push({
          code: "high-cardinality",
          ...(identifier && { privacy: true }),
          column: s.name,
          message: identifier
            ? `Column "${s.name}", kept as asked, has a different value for every person, which makes every record unique.`
            : `Column "${s.name}" has ${values.length} distinct values; values shared by few people make records easy to single out. Consider grouping them${groupingHint(s, values, this.options.explicitBinsOnly === true)}.`,
        });
      }
    }
    const attributeColumn = new Uint32Array(nextId);
    columns.forEach((c, j) => {
      attributeColumn.fill(j, c.firstAttribute, c.firstAttribute + c.values.length);
    });
    const { offsets, attributes } = this.buildRecords(n, columns, perColumnIds, groups);
    // A reported missing cell is a value, but a file of nothing else still has nothing to count.
    const onlyMissing = columns.every((c) =>
      c.values.every((v) => c.missingLabel !== undefined && v === MISSING_LABEL),
    );
    if (onlyMissing) {
      throw new UserError(
        "all-missing",
        `Every cell of the selected columns in ${this.file ?? "the input"} is missing, so there is nothing to count.`,
        { file: this.file },
        "Check the missing tokens (--missing) and the selected columns (--columns).",
      );
    }
    return {
      columns,
      attributeColumn,
      recordCount: n,
      recordOffsets: offsets,
      recordAttributes: attributes,
      rowsRead: this.rows,
      warnings: this.warnings,
    };
  }

  /**
   * Leaves out the identifier-like columns not kept (docs/design.md §15), with a privacy
   * warning each, or refuses them (`identifierColumns`): single-value columns whose value
   * differs for every person who has one, held by more than IDENTIFIER_MIN_RECORDS people. No
   * value of such a column is held by two people, so it can add nothing to what a release
   * publishes — only make every record unique.
   */
  private leaveOutIdentifiers(n: number): void {
    const keep = new Set((this.options.keepIdentifiers ?? []).map((c) => c.trim()));
    const found = this.states.filter((s) => {
      if (s.kind !== "single" || keep.has(s.name)) return false;
      // Too few values to be identifier-like, whatever the records hold: no pass over them.
      if (!isIdentifierLike(s.codes.size, s.codes.size)) return false;
      const codes = s.recordCode!.data;
      let held = 0;
      for (let r = 0; r < n; r++) if (codes[r]! >= 0) held++;
      return isIdentifierLike(held, s.codes.size);
    });
    if (found.length === 0) return;
    const names = found.map((s) => `"${s.name}"`).join(", ");
    const one = found.length === 1;
    if (this.options.identifierColumns === "refuse") {
      throw new UserError(
        "identifier-column",
        `${one ? "Column" : "Columns"} ${names} ${one ? "has" : "have"} a different value for every person: ${one ? "it looks" : "they look"} like an identifier (a case number, a name), which would make every record unique. A differentially private release does not leave such a column out by itself: which columns a release uses must not depend on the data.`,
        { file: this.file, column: found[0]!.name, option: "keepIdentifiers" },
        `Leave ${one ? "it" : "them"} out of the columns to use, or, if ${one ? "it is" : "they are"} not about single people, keep ${one ? "it" : "them"} explicitly.`,
      );
    }
    this.states = this.states.filter((s) => !found.includes(s));
    for (const s of found) {
      this.warnings.push({
        code: "identifier-column",
        privacy: true,
        column: s.name,
        option: "keepIdentifiers",
        message: `Column "${s.name}" has a different value for every person: it looks like an identifier (a case number, a name), which would make every record unique, so it is left out of the release. If it is not about single people, keep it explicitly.`,
      });
    }
    if (this.states.length === 0) {
      throw new UserError(
        "invalid-option",
        `No columns are left to use: every selected column (${names}) has a different value for every person.`,
        { file: this.file },
        "Select columns that describe groups of people, not single people.",
      );
    }
  }

  private binColumn(s: ColumnState, set: (b: BinInfo) => void): void {
    const numbers = s.recordNumber!.toArray();
    const present = numbers.filter((v) => !Number.isNaN(v));
    const bins = makeBins(s.binSpecText!, s.binSpec!, present);
    set(bins);
    const codeOfBin = new Int32Array(bins.labels.length).fill(-1);
    const recordCode = new GrowableInt32(numbers.length);
    for (const v of numbers) {
      if (Number.isNaN(v)) {
        recordCode.push(-1);
        continue;
      }
      const b = binIndex(bins.edges, v);
      if (codeOfBin[b]! < 0) codeOfBin[b] = this.code(s, bins.labels[b]!);
      recordCode.push(codeOfBin[b]!);
    }
    s.recordCode = recordCode;
    s.recordNumber = undefined;
  }

  /** Rows of each record, grouped (counting sort by record). */
  private groupRows(n: number): RowGroups {
    const rowRecord = this.rowRecord.data;
    const rowStart = new Uint32Array(n + 1);
    for (let r = 0; r < this.rows; r++) rowStart[rowRecord[r]! + 1]!++;
    for (let i = 0; i < n; i++) rowStart[i + 1]! += rowStart[i]!;
    const rowsOf = new Uint32Array(this.rows);
    const cursor = rowStart.slice(0, n);
    for (let r = 0; r < this.rows; r++) rowsOf[cursor[rowRecord[r]!]!++] = r;
    return { rowStart, rowsOf };
  }

  /**
   * The line of the first record holding a column's value (with a subject ID: the line where
   * that person's rows begin).
   */
  private firstLineHolding(s: ColumnState, code: number): number {
    if (s.kind !== "multi") {
      const codes = s.recordCode!.data;
      for (let r = 0; r < s.recordCode!.length; r++) {
        if (codes[r] === code) return this.recordLine.data[r]!;
      }
    } else {
      const codes = s.rowCodes!.data;
      let best = Number.POSITIVE_INFINITY;
      for (let row = 0; row < s.rowOffsets!.length; row++) {
        const end = rowEnd(s, row);
        for (let i = s.rowOffsets!.data[row]!; i < end; i++) {
          if (codes[i] === code)
            best = Math.min(best, this.recordLine.data[this.rowRecord.data[row]!]!);
        }
      }
      if (best < Number.POSITIVE_INFINITY) return best;
    }
    return this.recordLine.data[0]!;
  }

  /**
   * A reported-missing column (docs/design.md §12): its missing cells get the code of MISSING_LABEL —
   * a single-value record without a value; a multi-value record none of whose rows holds one.
   * The label is reserved: a column holding it as data is refused, never relabelled.
   */
  private labelMissing(s: ColumnState, { rowStart, rowsOf }: RowGroups): void {
    if (s.codes.has(MISSING_LABEL)) {
      const line = this.firstLineHolding(s, s.codes.get(MISSING_LABEL)!);
      throw new UserError(
        "reserved-label",
        `Line ${line}, column "${s.name}": the value "${MISSING_LABEL}" is the label CommonGround gives to published missing cells, so this column's missing cells cannot be reported.`,
        { file: this.file, line, column: s.name, option: "reportMissing" },
        `Rename that value in the data (or declare it a missing token with --missing), or leave "${s.name}" out of --report-missing.`,
      );
    }
    if (s.kind !== "multi") {
      const codes = s.recordCode!.data;
      let label = -1;
      for (let r = 0; r < s.recordCode!.length; r++) {
        if (codes[r]! >= 0) continue;
        if (label < 0) label = this.code(s, MISSING_LABEL);
        codes[r] = label;
      }
      if (label >= 0) s.labelCode = label;
      return;
    }
    const offsets = s.rowOffsets!;
    const n = rowStart.length - 1;
    for (let rec = 0; rec < n; rec++) {
      let empty = true;
      for (let i = rowStart[rec]!; i < rowStart[rec + 1]! && empty; i++) {
        const row = rowsOf[i]!;
        empty = offsets.data[row]! === rowEnd(s, row);
      }
      if (empty) {
        s.labelCode = this.code(s, MISSING_LABEL);
        return;
      }
    }
  }

  private buildRecords(
    n: number,
    columns: Column[],
    ids: Int32Array[],
    { rowStart, rowsOf }: RowGroups,
  ): { offsets: Uint32Array; attributes: Uint32Array } {
    const offsets = new Uint32Array(n + 1);
    const out = new GrowableUint32(n * this.states.length + 16);
    const scratch: number[] = [];
    for (let rec = 0; rec < n; rec++) {
      this.states.forEach((s, j) => {
        const idOf = ids[j]!;
        if (s.kind !== "multi") {
          const code = s.recordCode!.data[rec]!;
          if (code >= 0) out.push(idOf[code]!);
          if (code < 0 || code === s.labelCode) columns[j]!.missingRecords++;
          return;
        }
        scratch.length = 0;
        for (let i = rowStart[rec]!; i < rowStart[rec + 1]!; i++) {
          const row = rowsOf[i]!;
          const end = rowEnd(s, row);
          for (let p = s.rowOffsets!.data[row]!; p < end; p++)
            scratch.push(idOf[s.rowCodes!.data[p]!]!);
        }
        if (scratch.length === 0) {
          columns[j]!.missingRecords++;
          if (s.labelCode !== undefined) out.push(idOf[s.labelCode]!);
          return;
        }
        scratch.sort((a, b) => a - b);
        for (let i = 0; i < scratch.length; i++) {
          if (i === 0 || scratch[i] !== scratch[i - 1]) out.push(scratch[i]!);
        }
      });
      offsets[rec + 1] = out.length;
    }
    return { offsets, attributes: out.toArray() };
  }
}

/**
 * A column's entry in a per-column option. Keys are matched like --columns (trimmed), and only
 * own keys count: a column named "constructor" must not find Object.prototype.constructor.
 */
function settingOf<T>(settings: Record<string, T> | undefined, name: string): T | undefined {
  if (settings === undefined) return undefined;
  if (Object.hasOwn(settings, name)) return settings[name];
  const key = Object.keys(settings).find((k) => k.trim() === name);
  return key === undefined ? undefined : settings[key];
}

/** How to group the values of a high-cardinality column: wider bins, --bin for numbers, or broader categories. */
function groupingHint(s: ColumnState, values: string[], explicitOnly: boolean): string {
  if (s.kind === "binned") return " into wider bins";
  const numeric = values.every((v) => v.trim() !== "" && Number.isFinite(Number(v)));
  if (!numeric)
    return " into broader categories (for example countries into regions) before the release";
  return explicitOnly
    ? ` into ranges (--bin "${s.name}=edges:…")`
    : ` into ranges (--bin "${s.name}=width:10")`;
}

function valueOfCode(s: ColumnState, code: number): string {
  for (const [v, c] of s.codes) if (c === code) return v;
  return "?";
}

/** JavaScript's default string order (UTF-16 code units), as Array.prototype.sort uses. */
export function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** A row whose number of fields differs from the header's (shared with the web app's preview). */
export function raggedRowError(
  file: string | undefined,
  line: number,
  fields: number,
  header: number,
): UserError {
  return new UserError(
    "ragged-row",
    `Line ${line} has ${fields} field${fields === 1 ? "" : "s"} but the header has ${header}.`,
    { file, line },
    "Check that line for a missing or extra delimiter, or a value with the delimiter in it that should be in double quotes.",
  );
}

export function emptyFileError(file: string | undefined): UserError {
  return new UserError(
    "empty-file",
    `${file ?? "The input"} is empty (it has no header and no rows).`,
    { file },
    "Choose the CSV file that holds the data, with a header line naming the columns.",
  );
}

export function noDataRowsError(file: string | undefined): UserError {
  return new UserError(
    "no-data-rows",
    `${file ?? "The input"} has a header line but no data rows.`,
    { file },
    "Add the records below the header, or choose the right file.",
  );
}
