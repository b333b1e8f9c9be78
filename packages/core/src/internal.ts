/**
 * @commonground/core/internal — every stage of the engine, for CommonGround's own hosts (the
 * CLI and the web app): counting kernels, synthesizers, readers, checkers. No stability promise:
 * library users import the small public entry (index.ts) instead.
 * Pipeline stages: ingest → aggregate (and the risk analysis) → synthesize → dp → evaluate →
 * release → verify (test/architecture.test.ts).
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
  AttributeRisk,
  ColumnRisk,
  LengthRisk,
  RiskReport,
} from "./aggregate/risk-analysis.js";
export { analyseRisk } from "./aggregate/risk-analysis.js";
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
export { checkDpBins } from "./dp/dp-bins.js";
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
export type { ComparisonFigures, EvaluationFigures } from "./evaluate/figures.js";
export { evaluationFigures } from "./evaluate/figures.js";
export type {
  KMarginalMissing,
  KMarginalOptions,
  KMarginalResult,
  PairDistance,
} from "./evaluate/k-marginal.js";
export { kMarginal } from "./evaluate/k-marginal.js";
export type { ColumnMissing } from "./evaluate/missingness.js";
export { missingShares } from "./evaluate/missingness.js";
export type { PercentileBins } from "./evaluate/percentile-bins.js";
export { numericValue, PERCENTILE_BINS, percentileBins } from "./evaluate/percentile-bins.js";
export { formatScore } from "./evaluate/summary.js";
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
export { createCsvParser, MAX_COLUMNS } from "./ingest/csv-parser.js";
export { emptyFileError, noDataRowsError, raggedRowError } from "./ingest/dataset-builder.js";
export type { IngestOptions } from "./ingest/options.js";
export {
  DEFAULT_HIGH_CARDINALITY,
  IDENTIFIER_MIN_RECORDS,
  isIdentifierLike,
} from "./ingest/options.js";
export type { ByteSource } from "./ingest/read-dataset.js";
export { readDataset, readDatasetFromText } from "./ingest/read-dataset.js";
export type { Recodes } from "./ingest/recode.js";
export { parseRecodeRules, recodesOf } from "./ingest/recode.js";
export type { BinInfo, Column, ColumnKind, Dataset } from "./ingest/types.js";
export {
  attributeCount,
  describeAttribute,
  MISSING_LABEL,
  missingAttribute,
} from "./ingest/types.js";
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
export type { RiskAssessment } from "./release/assess-risk.js";
export { assessRisk } from "./release/assess-risk.js";
export { formatCsvCell, formatCsvRow, unescapeSpreadsheetCell } from "./release/csv-writer.js";
export { dataPackage } from "./release/datapackage.js";
export { fileHash, fileHashes, HASHED_FILES } from "./release/file-hashes.js";
export type {
  MadeRelease,
  ReleaseBudget,
  ReleaseEffects,
  ReleaseInput,
  ReleasePhase,
} from "./release/make-release.js";
export { makeRelease, ReleaseCancelled } from "./release/make-release.js";
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
  ReleaseLabels,
  ReleaseMode,
} from "./release/manifest.js";
export {
  countColumnName,
  countColumnOf,
  dpManifest,
  dpStatement,
  kAnonymityManifest,
  kAnonymityStatement,
  releaseLabels,
} from "./release/manifest.js";
export type { ManifestCheck } from "./release/manifest-shape.js";
export {
  VERIFIABLE_MODES,
  validateDpManifest,
  validateManifest,
} from "./release/manifest-shape.js";
export type { NumberOption, NumberOptionKey } from "./release/number-options.js";
export {
  checkNumber,
  describeNumber,
  MAX_RECORDS,
  NUMBER_OPTIONS,
  numberAllowed,
  optionSummary,
} from "./release/number-options.js";
export type { ReadBack } from "./release/read-back.js";
export { aggregatesFromRelease, syntheticFromRelease } from "./release/read-back.js";
export type { CellProblem } from "./release/read-cells.js";
export { mapHeader, readCells } from "./release/read-cells.js";
export type { ReleaseTable } from "./release/read-csv.js";
export {
  openReleaseCsv,
  parseReleaseCsv,
  readReleaseTable,
  releaseCsvRows,
} from "./release/read-csv.js";
export type {
  CsvFileName,
  PublicFiles,
  PublicRelease,
  ReadWideOptions,
  WideTable,
} from "./release/read-release.js";
export {
  badRelease,
  checkedManifest,
  needSynthetic,
  parseManifest,
  publicFilesOf,
  readPublicRelease,
  readWide,
  splitCell,
  wideRows,
} from "./release/read-release.js";
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
export type {
  DpReleaseSettings,
  ReleaseOptions,
  RunMode,
  SynthesisSettings,
} from "./release/release-options.js";
export {
  RELEASE_DEFAULTS,
  REPORT_MISSING_DEFAULTS,
  RUN_MODES,
  reportMissingOf,
  validateReleaseOptions,
} from "./release/release-options.js";
export type {
  ColumnCounts,
  ColumnCountsOptions,
  ColumnOptions,
  NavigationModel,
  RecordMatch,
  SelectedValue,
  Selection,
  Unreported,
  ValueCount,
  ValueOptions,
} from "./release/selection.js";
export {
  attributeId,
  clearAll,
  clearColumn,
  columnCounts,
  combinationKey,
  describeSelection,
  EMPTY_SELECTION,
  isSelected,
  matchRecords,
  removeValue,
  selectedValues,
  toggleValue,
} from "./release/selection.js";
export type {
  DecodedRelease,
  EncodedRelease,
  EncodedTable,
  RebuildOptions,
} from "./release/showcase-data.js";
export {
  decodeRelease,
  embeddedData,
  encodeRelease,
  rebuildFile,
  rebuildFromTable,
  SHOWCASE_DATA_ID,
  SHOWCASE_FORMAT,
} from "./release/showcase-data.js";
export { syntheticCsv, syntheticCsvText } from "./release/synthetic-csv.js";
export type {
  PublishedAggregates,
  PublishedColumn,
} from "./synthesize/aggregate-seeded/published.js";
export { inDatasetIds, publishedAggregates } from "./synthesize/aggregate-seeded/published.js";
export type { AggregateSeededOptions } from "./synthesize/aggregate-seeded/seeded.js";
export {
  AGGREGATE_SEEDED_DEFAULTS,
  synthesizeAggregateSeeded,
} from "./synthesize/aggregate-seeded/seeded.js";
export type { SynthesisMode, SynthesizeOptions } from "./synthesize/synthesize.js";
export {
  DEFAULT_MODE,
  SYNTHESIS_MODES,
  synthesize,
} from "./synthesize/synthesize.js";
export type { SyntheticData } from "./synthesize/synthetic-data.js";
export { syntheticAsDataset, syntheticFromLists } from "./synthesize/synthetic-data.js";
export { Sha256, sha256Hex } from "./util/sha256.js";
export { showControl } from "./util/text.js";
export type { ReleaseFolderContent } from "./verify/check-files.js";
export { RELEASE_FILES } from "./verify/check-files.js";
export type { ExpectedParameters, InputSettings } from "./verify/check-manifest.js";
export type { NoiseCheck } from "./verify/check-noise.js";
export { verifyDpRelease } from "./verify/verify-dp.js";
export { verifyPublicRelease } from "./verify/verify-public.js";
export type {
  ParsedRelease,
  VerifyOptions,
  VerifyResult,
  Violation,
} from "./verify/verify-release.js";
export { verifyRelease } from "./verify/verify-release.js";
export { VERSION } from "./version.js";
