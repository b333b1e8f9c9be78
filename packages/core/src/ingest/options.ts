/**
 * Options of ingest (DESIGN §2), defaults documented here once.
 */

export interface IngestOptions {
  /** Name of the input file, used in messages and for the `.tsv` delimiter rule. */
  fileName?: string;
  /** Field delimiter. Default: tab for `.tsv`, else detected from the header among , ; tab |. */
  delimiter?: string;
  /** Columns to use, in this order. Default: every column in file order except the subject ID. */
  columns?: string[];
  /** Cell values meaning "missing" in every column. The empty cell is always missing. Default: none besides "". */
  missing?: string[];
  /** Extra missing tokens per column. */
  missingByColumn?: Record<string, string[]>;
  /** Multi-value columns and their delimiters, e.g. `{ type_of_exploitation: ";" }`. */
  multiValue?: Record<string, string>;
  /** Column whose equal values (trimmed, case-insensitive) mark rows of one person. Default: none. */
  subjectId?: string;
  /**
   * Columns whose missing cells become the attribute `COL = (missing)` (DESIGN §12): a list of
   * selected columns, or "all" of them. Default: none (a missing cell is no attribute).
   */
  reportMissing?: readonly string[] | "all";
  /** Numeric binning per column, e.g. `{ age: "edges:18,25,65" }`. */
  bins?: Record<string, string>;
  /** Only explicit edges are allowed (DP mode: edges computed from the data would leak). Default false. */
  explicitBinsOnly?: boolean;
  /** Read only the first N data rows (before subject-ID merging). Default: all. */
  recordLimit?: number;
  /** A column with more distinct values than this gets a warning suggesting binning. Default 100. */
  highCardinality?: number;
}

export const DEFAULT_HIGH_CARDINALITY = 100;
