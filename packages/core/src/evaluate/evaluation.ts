/**
 * What an evaluation (docs/design.md §6) holds: the result of evaluate.ts, read by its plain-language
 * summary (summary.ts) and written to the private folder as evaluation.json.
 */
import type { Warning } from "../errors.js";
import type { TargetComparison } from "./compare-combinations.js";
import type { KMarginalResult, PairDistance } from "./k-marginal.js";
import type { ColumnMissing } from "./missingness.js";
import type { UniqueExactMatchResult } from "./unique-exact-match.js";

export interface SyntheticEvaluation {
  records: number;
  /** Synthetic rows per real record: 1 is best (more: some rows are fragments of records). */
  expansion: number;
  /**
   * Synthetic rows with a value in one column only (a reported missing cell counts as empty):
   * fragments, made where a value's count could be kept but not a whole record around it.
   */
  singleValueRows: number;
  /** Synthetic rows without an empty cell, and their % of the synthetic rows. */
  completeRows: number;
  completePercent: number;
  combinations: TargetComparison;
  /** The headline: k-marginal with a blank cell counted as a value of its own (`missing: "category"`). */
  kMarginal: KMarginalResult;
  /**
   * k-marginal on complete rows only (`missing: "row"`, NIST SDNist's rule for blank cells), with
   * the shares of complete rows in the real and the synthetic data (completeRealPercent,
   * completeSyntheticPercent).
   */
  kMarginalCompleteRows: KMarginalResult;
  missingness: {
    /** Per column, the share of blank cells in the real and the synthetic data. */
    columns: ColumnMissing[];
    /** The five column pairs whose distributions, blank cells included, differ most (kMarginal.worstPairs). */
    worstPairs: PairDistance[];
  };
  uniqueExactMatch: UniqueExactMatchResult;
}

export interface Evaluation {
  model: "k-anonymity" | "differential-privacy";
  k: number;
  length: number;
  target: "synthetic" | "aggregates";
  realRecords: number;
  sensitive: {
    combinations: number;
    rare: number;
    byLength: { length: number; combinations: number; rare: number }[];
  };
  reportable: TargetComparison;
  synthetic?: SyntheticEvaluation;
  summary: string[];
  warnings: Warning[];
}
