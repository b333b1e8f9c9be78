/**
 * What an evaluation (DESIGN §6) holds: the result of evaluate.ts, read by its plain-language
 * summary (summary.ts) and written to the private folder as evaluation.json.
 */
import type { Warning } from "../errors.js";
import type { TargetComparison } from "./compare-combinations.js";
import type { KMarginalResult } from "./k-marginal.js";
import type { UniqueExactMatchResult } from "./unique-exact-match.js";

export interface SyntheticEvaluation {
  records: number;
  /** Synthetic rows per real record. */
  expansion: number;
  /** Synthetic rows without an empty cell, and their % of the synthetic rows. */
  completeRows: number;
  completePercent: number;
  combinations: TargetComparison;
  kMarginal: KMarginalResult;
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
