/**
 * @commonground/core — the pure engine of CommonGround (no DOM, no Node APIs).
 * Pipeline stages: ingest → aggregate → (risk) → release.
 */

export type { AggregateOptions, AggregateResult } from "./aggregate/aggregate.js";
export {
  aggregate,
  DEFAULT_K,
  DEFAULT_LENGTH,
  validateResolution,
  WORK_LIMIT,
} from "./aggregate/aggregate.js";
export type { AggregateTable } from "./aggregate/aggregate-table.js";
export {
  floorK,
  reportableAggregates,
  rowCells,
  sensitiveAggregates,
} from "./aggregate/aggregate-table.js";
export type { CountExecutor, CountOptions, CountTask } from "./aggregate/count-combinations.js";
export {
  countCombinations,
  inlineExecutor,
  mergePartials,
  planTasks,
} from "./aggregate/count-combinations.js";
export type { CountSettings, PartialCounts } from "./aggregate/count-partition.js";
export { countPartition, emptyPartial, NO_LENGTH, NONE } from "./aggregate/count-partition.js";
export type { Allocate, CountingInput } from "./aggregate/counting-input.js";
export { choose, estimateWork, prepareCounting } from "./aggregate/counting-input.js";
export type {
  AccuracyMode,
  BudgetOptions,
  BudgetSplit,
  Fabrication,
  FabricationMode,
} from "./dp/accounting.js";
export {
  ACCURACY_MODES,
  accuracyWeights,
  checkFabrication,
  DP_DEFAULTS,
  defaultDelta,
  FABRICATION_MODES,
  fabricationEta,
  rhoFromEpsilon,
  splitBudget,
  thresholdLength,
  thresholdLength1,
} from "./dp/accounting.js";
export type { DpAggregateOptions, DpAggregates } from "./dp/dp-aggregates.js";
export { dpAggregates } from "./dp/dp-aggregates.js";
export type { DpStyle, DpSynthesis, DpSynthesisOptions } from "./dp/dp-synthesize.js";
export { DP_STYLES, dpPrivacy, dpSynthesize, FITTED_LENGTH } from "./dp/dp-synthesize.js";
export type { Rational } from "./dp/exact.js";
export { discreteGaussian, discreteLaplace } from "./dp/exact.js";
export { normalQuantile, normalUpperQuantile } from "./dp/normal.js";
export { dpPercentile } from "./dp/percentile.js";
export type { ErrorLocation, UserErrorCode, Warning } from "./errors.js";
export { InternalError, invariant, UserError } from "./errors.js";
export type {
  BucketComparison,
  CombinationList,
  LengthComparison,
  TargetComparison,
} from "./evaluate/compare-combinations.js";
export type { EvaluateOptions, Evaluation, SyntheticEvaluation } from "./evaluate/evaluate.js";
export { evaluateRelease } from "./evaluate/evaluate.js";
export type { KMarginalOptions, KMarginalResult } from "./evaluate/k-marginal.js";
export { kMarginal } from "./evaluate/k-marginal.js";
export type { PercentileBins } from "./evaluate/percentile-bins.js";
export { numericValue, PERCENTILE_BINS, percentileBins } from "./evaluate/percentile-bins.js";
export type { ReadBack } from "./evaluate/release-data.js";
export { aggregatesFromRelease, syntheticFromRelease } from "./evaluate/release-data.js";
export type { UniqueExactMatchResult } from "./evaluate/unique-exact-match.js";
export { uniqueExactMatch } from "./evaluate/unique-exact-match.js";
export {
  EXPLANATIONS,
  type Explanation,
  type ExplanationKey,
  plainExplanation,
} from "./help/explanations.js";
export { binIndex, makeBins, parseBinSpec } from "./ingest/binning.js";
export type { CsvParser, CsvParserOptions } from "./ingest/csv-parser.js";
export { createCsvParser } from "./ingest/csv-parser.js";
export { emptyFileError, noDataRowsError, raggedRowError } from "./ingest/dataset-builder.js";
export type { IngestOptions } from "./ingest/options.js";
export { DEFAULT_HIGH_CARDINALITY } from "./ingest/options.js";
export type { ByteSource } from "./ingest/read-dataset.js";
export { readDataset, readDatasetFromText } from "./ingest/read-dataset.js";
export type { BinInfo, Column, ColumnKind, Dataset } from "./ingest/types.js";
export { attributeCount, describeAttribute } from "./ingest/types.js";
export type {
  DpLedgerEntry,
  KAnonymityLedgerEntry,
  Ledger,
  LedgerDataset,
  LedgerEntry,
  Spent,
} from "./ledger/ledger.js";
export {
  budgetTotal,
  checkBudget,
  describeLedger,
  differencingWarning,
  emptyLedger,
  parseLedger,
  recordRelease,
  spent,
} from "./ledger/ledger.js";
export type { Rng } from "./random/rng.js";
export { pickWeighted, seededRng } from "./random/rng.js";
export type { FillRandom } from "./random/secure.js";
export { isSecure, secureRng } from "./random/secure.js";
export { aggregatesCsv, aggregatesCsvText } from "./release/aggregates-csv.js";
export { formatCsvCell, formatCsvRow, unescapeSpreadsheetCell } from "./release/csv-writer.js";
export { dataPackage } from "./release/datapackage.js";
export type {
  DpManifest,
  DpManifestOptions,
  DpPrivacy,
  KAnonymityManifest,
  KAnonymityPrivacy,
  Manifest,
  ManifestColumn,
  ManifestInput,
  ManifestOptions,
  ReleaseMode,
} from "./release/manifest.js";
export {
  dpManifest,
  dpStatement,
  kAnonymityManifest,
  kAnonymityStatement,
} from "./release/manifest.js";
export {
  contentText,
  type DpReleaseOptions,
  dpReleaseFiles,
  type FileContent,
  json,
  type KAnonymityReleaseOptions,
  kAnonymityReleaseFiles,
  manifestInput,
  type ReleaseFile,
  type ReleaseFiles,
  type ReleaseHeader,
  SHOWCASE,
  withTextContents,
} from "./release/release-files.js";
export { syntheticCsv, syntheticCsvText } from "./release/synthetic-csv.js";
export type { AttributeRisk, ColumnRisk, LengthRisk, RiskReport } from "./risk/risk-analysis.js";
export { analyseRisk } from "./risk/risk-analysis.js";
export type { AggregateSeededOptions } from "./synthesize/aggregate-seeded.js";
export {
  AGGREGATE_SEEDED_DEFAULTS,
  synthesizeAggregateSeeded,
} from "./synthesize/aggregate-seeded.js";
export type { SynthesisMode, SynthesizeOptions } from "./synthesize/synthesize.js";
export {
  DEFAULT_MODE,
  SYNTHESIS_MODES,
  synthesize,
} from "./synthesize/synthesize.js";
export type { SyntheticData } from "./synthesize/synthetic-data.js";
export { syntheticAsDataset, syntheticFromLists } from "./synthesize/synthetic-data.js";
export type { ExpectedParameters } from "./verify/check-manifest.js";
export type { ManifestCheck } from "./verify/manifest-shape.js";
export { VERIFIABLE_MODES, validateDpManifest, validateManifest } from "./verify/manifest-shape.js";
export type { ReleaseTable } from "./verify/release-cells.js";
export { parseReleaseCsv, readReleaseTable, releaseCsvRows } from "./verify/release-table.js";
export { verifyDpRelease } from "./verify/verify-dp.js";
export type {
  ParsedRelease,
  VerifyOptions,
  VerifyResult,
  Violation,
} from "./verify/verify-release.js";
export { verifyRelease } from "./verify/verify-release.js";
export { VERSION } from "./version.js";
