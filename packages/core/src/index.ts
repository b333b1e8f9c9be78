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
  aggregatesCsv,
  aggregatesCsvText,
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
export type { ErrorLocation, UserErrorCode, Warning } from "./errors.js";
export { InternalError, invariant, UserError } from "./errors.js";
export { parseBinSpec } from "./ingest/binning.js";
export type { CsvParser, CsvParserOptions } from "./ingest/csv-parser.js";
export { createCsvParser } from "./ingest/csv-parser.js";
export type { IngestOptions } from "./ingest/options.js";
export { DEFAULT_HIGH_CARDINALITY } from "./ingest/options.js";
export type { ByteSource } from "./ingest/read-dataset.js";
export { readDataset, readDatasetFromText } from "./ingest/read-dataset.js";
export type { BinInfo, Column, ColumnKind, Dataset } from "./ingest/types.js";
export { attributeCount, describeAttribute } from "./ingest/types.js";
export { formatCsvCell, formatCsvRow, unescapeSpreadsheetCell } from "./release/csv-writer.js";
export type {
  KAnonymityPrivacy,
  Manifest,
  ManifestColumn,
  ManifestInput,
  ManifestOptions,
  ReleaseMode,
} from "./release/manifest.js";
export { kAnonymityManifest, kAnonymityStatement } from "./release/manifest.js";
export type { AttributeRisk, ColumnRisk, LengthRisk, RiskReport } from "./risk/risk-analysis.js";
export { analyseRisk } from "./risk/risk-analysis.js";
