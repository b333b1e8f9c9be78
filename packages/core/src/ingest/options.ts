/**
 * Options of ingest (docs/design.md §2), defaults documented here once.
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
   * Columns whose missing cells become the attribute `COL = (missing)` (docs/design.md §12): a list of
   * selected columns, or "all" of them. Default: none (a missing cell is no attribute).
   */
  reportMissing?: readonly string[] | "all";
  /**
   * Columns whose numbers are written one way before anything else: "2016.0", "+2016" and
   * "2016" are one value, "2016" (text that is not a number stays as it is). Default: none.
   */
  normalizeNumbers?: readonly string[];
  /**
   * Values renamed per column, after missing tokens and number normalisation, before binning:
   * `{ citizenship: { MD: "Other", BY: "Other" } }` merges two rare values into "Other" (in a
   * multi-value column, each value of a cell). Values not listed stay. Recodes name rare values:
   * they are kept in the private run.json, never in a public file (docs/design.md §15).
   */
  recode?: Record<string, Record<string, string>>;
  /** Numeric binning per column, e.g. `{ age: "edges:18,25,65" }`. */
  bins?: Record<string, string>;
  /** Only explicit edges are allowed (DP mode: edges computed from the data would leak). Default false. */
  explicitBinsOnly?: boolean;
  /** Read only the first N data rows (before subject-ID merging). Default: all. */
  recordLimit?: number;
  /** A column with more distinct values than this gets a warning suggesting binning. Default 100. */
  highCardinality?: number;
  /**
   * Identifier-like columns to keep anyway (docs/design.md §15). An identifier-like column is a
   * single-value column whose value differs for every person who has one (after subject
   * merging), held by more than IDENTIFIER_MIN_RECORDS people; by default it is left out, with a
   * privacy warning naming it.
   */
  keepIdentifiers?: readonly string[];
  /**
   * What an identifier-like column not kept does: "leave-out" (the default) or "refuse" — an
   * error naming it (DP: choosing columns by looking at the data would leak, so the user chooses).
   */
  identifierColumns?: "leave-out" | "refuse";
}

/** With this many values or fewer, a column may differ for every person by chance. */
export const IDENTIFIER_MIN_RECORDS = 20;

/**
 * The rule for an identifier-like column (docs/design.md §15), given how many people hold a
 * value in it (`held`) and how many distinct values it has: every value differs from person to
 * person, and there are more than IDENTIFIER_MIN_RECORDS of them. Ingest applies it after
 * subject merging; the web app's Data step shows it on the file's rows as a first guess.
 */
export function isIdentifierLike(held: number, distinct: number): boolean {
  return distinct > IDENTIFIER_MIN_RECORDS && held === distinct;
}

export const DEFAULT_HIGH_CARDINALITY = 100;
