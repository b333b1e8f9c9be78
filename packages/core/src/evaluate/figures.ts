/**
 * The headline figures of an evaluation as numbers (for machine-readable summaries such as the
 * CLI's --json): what summary.ts says in sentences, without the sentences.
 */
import type { TargetComparison } from "./compare-combinations.js";
import type { Evaluation } from "./evaluation.js";

export interface ComparisonFigures {
  combinations: number;
  suppressedPercent: number;
  fabricatedPercent: number;
  /** % of the combinations held by at least k people that are kept. */
  keptFrequentPercent: number;
  meanAbsoluteError: number;
  /** Combinations held by fewer than k people that appear. */
  rareLeaked: number;
}

export interface EvaluationFigures {
  realRecords: number;
  reportable: ComparisonFigures;
  synthetic?: ComparisonFigures & {
    records: number;
    /** Synthetic rows per real record (1 is best). */
    expansion: number;
    singleValueRows: number;
    /** The headline k-marginal (a missing cell a value of its own), 0–1000; null under 2 columns. */
    kMarginal: number | null;
    kMarginalCompleteRows: number | null;
    completeRealPercent: number;
    completeSyntheticPercent: number;
    /** Real records unique as a whole, and the % of them found verbatim in the synthetic rows. */
    uniqueRecords: number;
    uniqueExactMatchPercent: number;
  };
}

function comparison(c: TargetComparison): ComparisonFigures {
  return {
    combinations: c.combinations,
    suppressedPercent: c.suppressedPercent,
    fabricatedPercent: c.fabricatedPercent,
    keptFrequentPercent: c.keptFrequentPercent,
    meanAbsoluteError: c.meanAbsoluteError,
    rareLeaked: c.rareLeaked,
  };
}

export function evaluationFigures(e: Evaluation): EvaluationFigures {
  const s = e.synthetic;
  return {
    realRecords: e.realRecords,
    reportable: comparison(e.reportable),
    ...(s && {
      synthetic: {
        ...comparison(s.combinations),
        records: s.records,
        expansion: s.expansion,
        singleValueRows: s.singleValueRows,
        kMarginal: s.kMarginal.score,
        kMarginalCompleteRows: s.kMarginalCompleteRows.score,
        completeRealPercent: s.kMarginalCompleteRows.completeRealPercent,
        completeSyntheticPercent: s.completePercent,
        uniqueRecords: s.uniqueExactMatch.uniqueRecords,
        uniqueExactMatchPercent: s.uniqueExactMatch.matchedPercent,
      },
    }),
  };
}
