/**
 * The data model of docs/design.md §2 after ingest: dictionary-encoded records.
 *
 * Every distinct (column, value) pair is an *attribute* with a dense integer id. Ids are
 * assigned column by column (in the selected column order), and within a column in
 * JavaScript's default string order of the values, so that they do not depend on row order.
 * A record is the ascending list of its attribute ids, stored in CSR form
 * (`recordOffsets` / `recordAttributes`) to keep 1M records in a few typed arrays.
 */
import type { Warning } from "../errors.js";

export type ColumnKind = "single" | "multi";

export interface BinInfo {
  /** The spec as given, e.g. `edges:18,25,65`, `width:10`, `quantiles:5`. */
  spec: string;
  /** Interior cut points, ascending; bin i is [edges[i-1], edges[i]) with open outer bins. */
  edges: number[];
  /** One readable label per bin, in order. */
  labels: string[];
}

export interface Column {
  name: string;
  kind: ColumnKind;
  /** Split delimiter for multi-value columns. */
  delimiter?: string;
  bins?: BinInfo;
  /** Id of this column's first attribute; its values are ids firstAttribute … firstAttribute+values.length-1. */
  firstAttribute: number;
  /** Distinct values, sorted (JavaScript default order). values[i] has id firstAttribute + i. */
  values: string[];
  /** Number of records (after subject merging) with no value in this column. */
  missingRecords: number;
  /**
   * Set when a missing cell of this column is published as an attribute (docs/design.md §12,
   * `reportMissing`): records without a value here hold the value MISSING_LABEL instead of
   * nothing (it is among `values` when some record is missing one).
   */
  missingLabel?: typeof MISSING_LABEL;
}

/** The fixed label of a reported missing cell (docs/design.md §12); a column holding it as data is refused. */
export const MISSING_LABEL = "(missing)";

/** Attribute id of a column's reported-missing value, or -1 when it has none. */
export function missingAttribute(column: Column): number {
  if (column.missingLabel === undefined) return -1;
  const at = column.values.indexOf(MISSING_LABEL);
  return at < 0 ? -1 : column.firstAttribute + at;
}

export interface Dataset {
  columns: Column[];
  /** Column index of each attribute id. */
  attributeColumn: Uint32Array;
  /** Number of records (people after subject-ID merging). */
  recordCount: number;
  /** recordOffsets[r] … recordOffsets[r+1] index into recordAttributes. Length recordCount + 1. */
  recordOffsets: Uint32Array;
  /** Attribute ids of every record, ascending within each record. */
  recordAttributes: Uint32Array;
  /** Data rows read from the file (before subject merging, after the record limit). */
  rowsRead: number;
  /** The field delimiter used (given or detected). */
  delimiter: string;
  warnings: Warning[];
}

/** Number of distinct attributes of a dataset. */
export function attributeCount(data: Dataset): number {
  return data.attributeColumn.length;
}

/** Human-readable (column, value) of an attribute id. */
export function describeAttribute(data: Dataset, id: number): { column: Column; value: string } {
  const column = data.columns[data.attributeColumn[id]!]!;
  return { column, value: column.values[id - column.firstAttribute]! };
}
