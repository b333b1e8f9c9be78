/**
 * The Explore view's model of a release (docs/design.md §9), built from the PUBLIC files only
 * (manifest.json, synthetic.csv, aggregates.csv) — so the web app and the offline showcase
 * show exactly what anyone holding the release can compute.
 *
 * Like core's Dataset, every (column, value) is an *attribute* with a dense id, assigned column
 * by column and, within a column, in the view's value order (value-order.ts). Synthetic records
 * are CSR typed arrays of ascending attribute ids (no object per record: 100k records × 12
 * columns stay a few MB). Reportable aggregates are a Map from a combination's key (its
 * ascending ids joined by ",", see combinationKey) to its count.
 */
import {
  badRelease,
  checkedManifest,
  combinationKey,
  type DpManifest,
  type KAnonymityManifest,
  type NavigationModel,
  needSynthetic,
  type ReleaseMode,
  readPublicRelease,
  splitCell,
  type WideTable,
} from "@commonground/core/internal";
import { orderValues, type ValueOrder } from "./value-order.js";

export interface ViewColumn {
  name: string;
  kind: "single" | "multi";
  /** Delimiter of a multi-value column's cells. */
  delimiter?: string;
  /** Distinct values (from both CSV files), in the view's order. values[i] has id firstAttribute + i. */
  values: readonly string[];
  firstAttribute: number;
  /**
   * The manifest's `missingLabel` ("(missing)"): the column's missing cells are published as
   * that value, which the view shows as "Unknown" (unknown.ts), after the other values.
   */
  missingLabel?: string;
}

export type ViewPrivacy =
  | { model: "k-anonymity"; k: number; guarantee: "all-lengths" | "up-to-length" }
  | { model: "differential-privacy"; epsilon: number; delta: number };

/** The Explore view's model: core's NavigationModel (selection.ts) and what the page shows. */
export interface ReleaseView extends NavigationModel {
  title: string;
  description: string;
  mode: ReleaseMode;
  privacy: ViewPrivacy;
  /** The manifest's statement, to be shown verbatim. */
  statement: string;
  /** L: combinations of at most L attributes may have a reportable count. */
  reportingLength: number;
  /** The manifest's reported record count (floor_k(n) or the noisy ñ). */
  reportedRecords: number;
  columns: readonly ViewColumn[];
  /** Column index of each attribute id. */
  attributeColumn: Uint32Array;
  /** Synthetic records (0 for an aggregates-only release). */
  recordCount: number;
  /** Record r's ids are recordAttributes[recordOffsets[r] … recordOffsets[r+1]-1], ascending. */
  recordOffsets: Uint32Array;
  recordAttributes: Uint32Array;
  /** Reportable aggregates: combinationKey(ids) → count. */
  aggregates: ReadonlyMap<string, number>;
}

export interface ReleaseViewOptions {
  /** manifest.json, parsed (JSON.parse); checked here with core's validators. */
  manifest: unknown;
  /** synthetic.csv as text; absent only for an aggregates-only release. */
  synthetic?: string | undefined;
  /** aggregates.csv as text. */
  aggregates: string;
  /** Order of values that are neither binned nor numeric (value-order.ts). Default "aggregates". */
  valueOrder?: ValueOrder;
}

/** Builds the Explore view's model; throws core's UserError when the files do not match. */
export function releaseView(o: ReleaseViewOptions): ReleaseView {
  const release = readPublicRelease(o);
  return viewOfTables(release.manifest, release.synthetic, release.aggregates, o.valueOrder);
}

export interface ReleaseTablesOptions {
  /** manifest.json, parsed (JSON.parse); checked here with core's validators. */
  manifest: unknown;
  /** synthetic.csv, already read (one column per manifest column); absent only for aggregates-only. */
  synthetic?: WideTable | undefined;
  /** aggregates.csv, already read (one column per manifest column, and the counts). */
  aggregates: WideTable;
  /** As in ReleaseViewOptions. */
  valueOrder?: ValueOrder;
}

/**
 * The same model from tables already read (the showcase decodes its embedded data straight
 * into WideTables, skipping a CSV parse); throws core's UserError when they do not match.
 */
export function releaseViewOfTables(o: ReleaseTablesOptions): ReleaseView {
  const manifest = checkedManifest(o.manifest);
  needSynthetic(manifest, o.synthetic !== undefined);
  const width = manifest.columns.length;
  for (const [file, table] of [
    ["synthetic.csv", o.synthetic],
    ["aggregates.csv", o.aggregates],
  ] as const) {
    if (table === undefined) continue;
    const counted = file === "aggregates.csv";
    if (
      table.cells.length !== width ||
      table.cellIndex.length !== table.rows * width ||
      (counted && table.counts?.length !== table.rows)
    ) {
      throw badRelease(file, `${file} does not have the columns manifest.json lists.`);
    }
  }
  return viewOfTables(manifest, o.synthetic, o.aggregates, o.valueOrder);
}

function viewOfTables(
  manifest: KAnonymityManifest | DpManifest,
  synthetic: WideTable | undefined,
  aggregates: WideTable,
  valueOrder: ValueOrder | undefined,
): ReleaseView {
  const stated = manifest.records.synthetic;
  if (synthetic !== undefined && stated !== undefined && stated !== synthetic.rows) {
    throw badRelease(
      "synthetic.csv",
      `synthetic.csv holds ${synthetic.rows} records, but manifest.json states ${stated}: the files are not from one release.`,
    );
  }
  const dictionary = buildDictionary(manifest, synthetic, aggregates, valueOrder);
  const records = encodeRecords(dictionary, synthetic);
  const L = manifest.privacy.reportingLength;
  return {
    title: manifest.title,
    description: manifest.description,
    mode: manifest.mode,
    privacy:
      manifest.privacy.model === "k-anonymity"
        ? { model: "k-anonymity", k: manifest.privacy.k, guarantee: manifest.privacy.guarantee }
        : {
            model: "differential-privacy",
            epsilon: manifest.privacy.epsilon,
            delta: manifest.privacy.delta,
          },
    statement: manifest.statement,
    reportingLength: L,
    reportedRecords: manifest.records.reported,
    columns: dictionary.columns,
    attributeColumn: dictionary.attributeColumn,
    ...records,
    aggregates: encodeAggregates(dictionary, aggregates, L),
  };
}

/** The attributes of both files, and each distinct cell's ids. */
interface Dictionary {
  columns: ViewColumn[];
  attributeColumn: Uint32Array;
  /** Per column: the ids of each distinct cell of synthetic.csv / aggregates.csv. */
  syntheticIds: Uint32Array[][];
  aggregateIds: Uint32Array[][];
}

function partsOf(
  file: string,
  column: { name: string; kind: string; delimiter?: string },
  cell: string,
): string[] {
  const split = splitCell(column, cell);
  if ("problem" in split) {
    throw badRelease(file, `${file}: column "${column.name}" holds ${split.problem} in "${cell}".`);
  }
  return split.parts;
}

function buildDictionary(
  manifest: KAnonymityManifest | DpManifest,
  synthetic: WideTable | undefined,
  aggregates: WideTable,
  order: ValueOrder | undefined,
): Dictionary {
  const width = manifest.columns.length;
  const alone = reportedAlone(aggregates, width);
  const columns: ViewColumn[] = [];
  const syntheticParts: string[][][] = [];
  const aggregateParts: string[][][] = [];
  let next = 0;
  manifest.columns.forEach((mc, c) => {
    const sParts = (synthetic?.cells[c] ?? []).map((cell) => partsOf("synthetic.csv", mc, cell));
    const aParts = aggregates.cells[c]!.map((cell) => partsOf("aggregates.csv", mc, cell));
    syntheticParts.push(sParts);
    aggregateParts.push(aParts);
    const values = orderValues({
      values: [...sParts.flat(), ...aParts.flat()],
      binLabels: mc.bins?.labels,
      reportedAlone: alone[c] ?? [],
      ...(order !== undefined && { order }),
      missingLabel: mc.missingLabel,
    });
    columns.push({
      name: mc.name,
      kind: mc.kind,
      ...(mc.delimiter !== undefined && { delimiter: mc.delimiter }),
      ...(mc.missingLabel !== undefined && { missingLabel: mc.missingLabel }),
      values,
      firstAttribute: next,
    });
    next += values.length;
  });
  const attributeColumn = new Uint32Array(next);
  const toIds = (parts: string[][], column: ViewColumn) => {
    const id = new Map(column.values.map((v, i) => [v, column.firstAttribute + i]));
    return parts.map((p) => Uint32Array.from(p, (v) => id.get(v)!).sort());
  };
  columns.forEach((column, c) => {
    attributeColumn.fill(c, column.firstAttribute, column.firstAttribute + column.values.length);
  });
  return {
    columns,
    attributeColumn,
    syntheticIds: columns.map((column, c) => toIds(syntheticParts[c]!, column)),
    aggregateIds: columns.map((column, c) => toIds(aggregateParts[c]!, column)),
  };
}

/** Per column: the single values that aggregates.csv reports alone, in file order. */
function reportedAlone(aggregates: WideTable, width: number): string[][] {
  const alone: string[][] = Array.from({ length: width }, () => []);
  for (let r = 0; r < aggregates.rows; r++) {
    let only = -1;
    for (let c = 0; c < width; c++) {
      if (aggregates.cellIndex[r * width + c]! < 0) continue;
      only = only === -1 ? c : -2;
    }
    if (only >= 0) {
      alone[only]!.push(aggregates.cells[only]![aggregates.cellIndex[r * width + only]!]!);
    }
  }
  return alone;
}

function encodeRecords(
  d: Dictionary,
  synthetic: WideTable | undefined,
): Pick<ReleaseView, "recordCount" | "recordOffsets" | "recordAttributes"> {
  const rows = synthetic?.rows ?? 0;
  const width = d.columns.length;
  const recordOffsets = new Uint32Array(rows + 1);
  if (synthetic === undefined) {
    return { recordCount: 0, recordOffsets, recordAttributes: new Uint32Array(0) };
  }
  const { cellIndex } = synthetic;
  let total = 0;
  for (let r = 0; r < rows; r++) {
    for (let c = 0; c < width; c++) {
      const cell = cellIndex[r * width + c]!;
      if (cell >= 0) total += d.syntheticIds[c]![cell]!.length;
    }
    recordOffsets[r + 1] = total;
  }
  const recordAttributes = new Uint32Array(total);
  let p = 0;
  for (let r = 0; r < rows; r++) {
    // Ids are assigned column by column, so concatenating the cells keeps them ascending.
    for (let c = 0; c < width; c++) {
      const cell = cellIndex[r * width + c]!;
      if (cell < 0) continue;
      const ids = d.syntheticIds[c]![cell]!;
      recordAttributes.set(ids, p);
      p += ids.length;
    }
  }
  return { recordCount: rows, recordOffsets, recordAttributes };
}

function encodeAggregates(d: Dictionary, aggregates: WideTable, L: number): Map<string, number> {
  const width = d.columns.length;
  const map = new Map<string, number>();
  const ids: number[] = [];
  for (let r = 0; r < aggregates.rows; r++) {
    ids.length = 0;
    for (let c = 0; c < width; c++) {
      const cell = aggregates.cellIndex[r * width + c]!;
      if (cell >= 0) ids.push(...d.aggregateIds[c]![cell]!);
    }
    const where = `aggregates.csv, row ${r + 1}`;
    if (ids.length === 0 || ids.length > L) {
      throw badRelease(
        "aggregates.csv",
        `${where} holds a combination of ${ids.length} attributes; the reporting length is ${L}, so it must hold 1 to ${L}.`,
      );
    }
    const key = combinationKey(ids);
    if (map.has(key)) {
      throw badRelease("aggregates.csv", `${where} repeats a combination of an earlier row.`);
    }
    map.set(key, aggregates.counts![r]!);
  }
  return map;
}
