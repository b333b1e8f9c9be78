/**
 * What the user chooses in the app, and how it maps onto core's options — the same options the
 * CLI builds from its flags, so that the same settings and seed give the same release.
 * Defaults are core's (DEFAULT_K, DEFAULT_LENGTH, DP_DEFAULTS); they are not repeated here.
 */
import {
  type AccuracyMode,
  DEFAULT_K,
  DEFAULT_LENGTH,
  type Fabrication,
  type IngestOptions,
  REPORT_MISSING_DEFAULTS,
  type SynthesisMode,
} from "@commonground/core/internal";

/** How the data file is read (docs/design.md §2). */
export interface DataSettings {
  /** Columns to use, in order. */
  columns: string[];
  /** Missing-value tokens besides the empty cell. */
  missing: string[];
  /** Extra missing-value tokens of single columns. */
  missingByColumn?: Record<string, string[]>;
  /** Multi-value columns and their delimiters. */
  multiValue: Record<string, string>;
  /** The column that identifies people (rows of one person are merged). */
  subjectId?: string;
  /** Identifier-like columns to keep although core would leave them out (docs/design.md §15). */
  keepIdentifiers?: string[];
  /** Values renamed per column (core's recode: merged rare values; private, in run.json). */
  recode?: Record<string, Record<string, string>>;
  /** Columns whose numbers are written one way ("2016.0" and "2016" are one value). */
  normalizeNumbers?: string[];
  /** Numeric binning per column, e.g. `{ age: "edges:18,25,65" }` (core's bin specs). */
  bins: Record<string, string>;
  /**
   * Which columns' missing cells are published as the value "(missing)" (docs/design.md §12): absent,
   * the synthesis mode's default (core decides); "all", "none", or "columns" (those ticked in
   * `reportMissingColumns`). Under DP core always publishes them all.
   */
  reportMissing?: ReportMissingChoice;
  /** The ticked columns, used when `reportMissing` is "columns". */
  reportMissingColumns?: string[];
  title?: string;
  description?: string;
  /** The licence's identifier (e.g. CC-BY-4.0) and the release's own version, when given. */
  license?: string;
  releaseVersion?: string;
}

/** The choice of columns whose missing cells are published (absent: the mode's default). */
export type ReportMissingChoice = "all" | "none" | "columns";

/** Privacy resolution (docs/design.md §3). */
export interface Resolution {
  k: number;
  length: number;
}

export type RunMode = SynthesisMode | "dp";

/** DP settings (docs/design.md §5); absent fields take core's defaults. */
export interface DpSettings {
  epsilon: number;
  delta?: number;
  style?: "fitted" | "sds";
  accuracy?: AccuracyMode | number[];
  fabrication?: Fabrication;
  percentile?: number;
  /** Share of ε for the record count. */
  recordsShare?: number;
  /** Share of ε for the contribution percentiles. */
  percentileShare?: number;
}

/**
 * "2=0.5,3=1" (a value per combination length, as the CLI's --thresholds) → { 2: 0.5, 3: 1 };
 * undefined when the text is not of that form.
 */
export function parsePerLength(text: string): Record<number, number> | undefined {
  const out: Record<number, number> = {};
  const items = text.split(",").map((t) => t.trim());
  if (items.length === 0 || items.some((t) => t === "")) return undefined;
  for (const item of items) {
    const m = /^(\d+)\s*=\s*([^=]+)$/.exec(item);
    const value = m ? Number(m[2]) : Number.NaN;
    if (!m || !Number.isFinite(value)) return undefined;
    out[Number(m[1])] = value;
  }
  return out;
}

export interface SynthesisSettings {
  mode: RunMode;
  /** k-anonymity modes: the seed (the same seed gives the same records). */
  seed: string;
  /** value-seeded: oversampling control ratio (off when absent). */
  oversamplingRatio?: number;
  oversamplingTries?: number;
  /** aggregate-seeded options. */
  weightPercentile?: number;
  useSynthesizedCounts?: boolean;
  records?: number;
  /** Columns holding numbers, for the evaluation's percentile bins. */
  numeric?: string[];
  dp?: DpSettings;
}

export const DEFAULT_RESOLUTION: Resolution = { k: DEFAULT_K, length: DEFAULT_LENGTH };

/** Core's ingest options for a file and the data settings (as the CLI builds them). */
export function ingestOptions(fileName: string, s: DataSettings): IngestOptions {
  const o: IngestOptions = { fileName };
  if (s.columns.length > 0) o.columns = [...s.columns];
  if (s.missing.length > 0) o.missing = [...s.missing];
  const byColumn = Object.entries(s.missingByColumn ?? {}).filter(([, t]) => t.length > 0);
  if (byColumn.length > 0) o.missingByColumn = Object.fromEntries(byColumn);
  if (Object.keys(s.multiValue).length > 0) o.multiValue = { ...s.multiValue };
  if (Object.keys(s.bins).length > 0) o.bins = { ...s.bins };
  if (s.subjectId !== undefined && s.subjectId !== "") o.subjectId = s.subjectId;
  if (s.keepIdentifiers && s.keepIdentifiers.length > 0) o.keepIdentifiers = [...s.keepIdentifiers];
  // Only the columns used: a recode of a column left out would be refused by nothing, and say nothing.
  const recode = Object.entries(s.recode ?? {}).filter(
    ([c, map]) => s.columns.includes(c) && Object.keys(map).length > 0,
  );
  if (recode.length > 0) o.recode = Object.fromEntries(recode);
  const normalize = (s.normalizeNumbers ?? []).filter((c) => s.columns.includes(c));
  if (normalize.length > 0) o.normalizeNumbers = normalize;
  const report = reportMissingOption(s);
  if (report !== undefined) o.reportMissing = report;
  return o;
}

/**
 * Core's `reportMissing` for the data settings: undefined for the mode's default (core picks
 * it), "all", [] for none, or the ticked columns that are used, in column order.
 */
export function reportMissingOption(s: DataSettings): "all" | string[] | undefined {
  if (s.reportMissing === undefined) return undefined;
  if (s.reportMissing === "all") return "all";
  if (s.reportMissing === "none") return [];
  const ticked = new Set(s.reportMissingColumns ?? []);
  return s.columns.filter((c) => ticked.has(c));
}

/**
 * The used columns whose missing cells a release of this mode publishes: the choice, else the
 * mode's default (core's REPORT_MISSING_DEFAULTS); under DP every column.
 */
export function reportedMissingColumns(s: DataSettings, mode: RunMode): string[] {
  const report = mode === "dp" ? "all" : (reportMissingOption(s) ?? REPORT_MISSING_DEFAULTS[mode]);
  if (report === "all") return [...s.columns];
  const chosen = new Set(report);
  return s.columns.filter((c) => chosen.has(c));
}

/** A fresh seed for k-anonymity runs (shown, editable, recorded). */
export function newSeed(): string {
  const bytes = new Uint8Array(8);
  crypto.getRandomValues(bytes);
  return Array.from(bytes, (b) => b.toString(16).padStart(2, "0")).join("");
}
