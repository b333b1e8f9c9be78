/**
 * What the public files promise about themselves, checked without the true counts (DP verify
 * and `verify --public`, docs/design.md §5, §15):
 *
 * - aggregates.csv: known values, 1 to L attributes per row, whole counts (positive; under
 *   k-anonymity at least k and a multiple of k), each combination listed once;
 * - closed and monotone: every sub-combination of a listed combination is listed, with a count at
 *   least as large (k-anonymity: a part of a combination held by ≥ k records is held by at least
 *   as many, and rounding down to multiples of k keeps the order; DP: the post-processing);
 * - synthetic.csv: every combination of up to L attributes of a record is listed (DP and
 *   aggregate-seeded by construction; the record-based modes because each such combination is
 *   held by ≥ k records, so reportable); row- and value-seeded: each value appears exactly as
 *   often as its single-value count.
 *
 * `data` supplies the columns and values to read cells into attribute ids: the sensitive data
 * (DP verify) or the values aggregates.csv lists (vocabularyOf, for --public).
 */

import type { Dataset } from "../ingest/types.js";
import { type AttributeCounts, keepsCount } from "../release/manifest.js";
import { readCells } from "../release/read-cells.js";
import type { ReleaseTable } from "../release/read-csv.js";
import { splitCell } from "../release/read-release.js";
import { CombinationKeys, forEachSubset } from "../synthesize/combination-keys.js";
import {
  checkHeader,
  describeCells,
  describeIds,
  records,
  unreadable,
  type Violations,
} from "./release-cells.js";

const WHOLE = /^\d+$/;

export interface Published {
  keys: CombinationKeys;
  /** Every readable row of aggregates.csv, by combination key. */
  rows: Map<number | string, { ids: number[]; count: number }>;
  /** Data rows read. */
  read: number;
}

/** Reads aggregates.csv's rows; every unreadable row is a violation. */
export async function readPublished(
  data: Dataset,
  table: ReleaseTable,
  o: { countColumn: string; length: number; k?: number },
  v: Violations,
): Promise<Published> {
  const keys = new CombinationKeys(data.attributeColumn.length, o.length);
  const rows = new Map<number | string, { ids: number[]; count: number }>();
  const map = checkHeader(data, "aggregates.csv", table.header, o.countColumn, v);
  if (map === undefined) {
    return { keys, rows, read: await unreadable("aggregates.csv", table, v) };
  }
  const ids: number[] = [];
  const k = o.k ?? 1;
  let row = 0;
  for await (const cells of table.rows) {
    row++;
    const where = () =>
      `aggregates.csv row ${row} (${describeCells(table.header.slice(0, -1), cells)})`;
    const count = cells[map.extra] ?? "";
    if (cells.length !== table.header.length || !WHOLE.test(count) || Number(count) < 1) {
      v.add("malformed-row", `${where()}: not a row of values with a positive whole count.`);
      continue;
    }
    if (k > 1 && (Number(count) < k || Number(count) % k !== 0)) {
      v.add(
        "aggregate-count",
        `${where()}: the count ${count} is not a multiple of k = ${k} of at least k.`,
      );
    }
    const problem = readCells(data, cells, map.columnOf, ids);
    if (problem) {
      v.add(problem.kind, `${where()}: ${problem.message}.`);
      continue;
    }
    if (ids.length === 0 || ids.length > o.length) {
      v.add(
        ids.length === 0 ? "malformed-row" : "aggregate-too-long",
        `${where()}: holds ${ids.length} attributes; rows hold 1 to ${o.length}.`,
      );
      continue;
    }
    const key = keys.key(ids);
    if (rows.has(key)) {
      v.add("aggregate-duplicate", `${where()}: the combination is listed twice.`);
      continue;
    }
    rows.set(key, { ids: [...ids], count: Number(count) });
  }
  return { keys, rows, read: row };
}

/** Every sub-combination listed, with a count at least as large. */
export function checkClosedMonotone(data: Dataset, p: Published, v: Violations): void {
  const sub: number[] = [];
  for (const { ids: combo, count } of p.rows.values()) {
    if (combo.length < 2) continue;
    for (let skip = 0; skip < combo.length; skip++) {
      sub.length = 0;
      for (let i = 0; i < combo.length; i++) if (i !== skip) sub.push(combo[i]!);
      const parent = p.rows.get(p.keys.key(sub));
      if (!parent)
        v.add(
          "aggregate-missing",
          `aggregates.csv lists ${describeIds(data, combo)} but not its part ${describeIds(data, sub)}.`,
        );
      else if (parent.count < count)
        v.add(
          "aggregate-count",
          `aggregates.csv counts ${describeIds(data, combo)} ${count} times, more than its part ${describeIds(data, sub)} (${parent.count}).`,
        );
    }
  }
}

/**
 * synthetic.csv against the published aggregates: every combination of up to `length`
 * attributes of a record is listed; with `counts`, each value appears exactly (or at most) as
 * often as its single-value count. Returns the number of rows read.
 */
export async function checkSyntheticCovered(
  data: Dataset,
  table: ReleaseTable,
  p: Published,
  o: {
    length: number;
    /** Row- and value-seeded: each value's count against its count in aggregates.csv. */
    counts: AttributeCounts | undefined;
    mode: string;
    /** `data` holds only the values aggregates.csv lists (verify --public). */
    vocabulary?: boolean;
  },
  v: Violations,
): Promise<number> {
  const map = checkHeader(data, "synthetic.csv", table.header, undefined, v);
  if (map === undefined) return unreadable("synthetic.csv", table, v);
  const held = new Uint32Array(data.attributeColumn.length);
  const ids: number[] = [];
  let previous = "";
  let row = 0;
  for await (const cells of table.rows) {
    row++;
    if (cells.length !== table.header.length) {
      v.add(
        "malformed-row",
        `synthetic.csv row ${row}: has ${cells.length} cells, but the header has ${table.header.length}.`,
      );
      continue;
    }
    const problem = readCells(data, cells, map.columnOf, ids);
    if (problem) {
      const message = o.vocabulary
        ? problem.message.replace(
            "a value that no record in the data has",
            "a value aggregates.csv does not list",
          )
        : problem.message;
      v.add(
        o.vocabulary && problem.kind === "unknown-value" ? "synthetic-unpublished" : problem.kind,
        `synthetic.csv row ${row}: ${message}.`,
      );
      continue;
    }
    for (const a of ids) held[a]!++;
    // Rows are written sorted: a row equal to the one before has its verdict.
    const text = ids.join(",");
    if (text === previous) continue;
    previous = text;
    const record = [...ids];
    forEachSubset(record, o.length, (combo) => {
      if (!p.rows.has(p.keys.key(combo))) {
        v.add(
          "synthetic-unpublished",
          () =>
            `synthetic.csv row ${row} holds ${describeIds(data, combo)}, a combination aggregates.csv does not list.`,
        );
      }
    });
  }
  if (o.counts) {
    const often = o.counts === "exact" ? "exactly" : "at most";
    for (const { ids: combo, count } of p.rows.values()) {
      if (combo.length !== 1) continue;
      const n = held[combo[0]!]!;
      if (keepsCount(o.counts, n, count)) continue;
      v.add(
        "attribute-count",
        `synthetic.csv holds ${describeIds(data, combo)} in ${records(n)}, but this ${o.mode} release holds each value ${often} as often as its count in aggregates.csv, ${count}.`,
      );
    }
  }
  return row;
}

/**
 * The columns of `columns` with the values aggregates.csv lists (multi-value cells split), as a
 * Dataset without records: what `verify --public` reads cells against.
 */
export function vocabularyOf(
  columns: readonly { name: string; kind: "single" | "multi"; delimiter?: string }[],
  rows: readonly (readonly string[])[],
): Dataset {
  const values = columns.map(() => new Set<string>());
  for (const cells of rows) {
    columns.forEach((c, i) => {
      const cell = cells[i] ?? "";
      if (cell === "") return;
      const split = splitCell(c, cell);
      if ("parts" in split) for (const part of split.parts) values[i]!.add(part);
    });
  }
  let next = 0;
  const out = columns.map((c, i) => {
    const sorted = [...values[i]!].sort();
    const column = {
      name: c.name,
      kind: c.kind,
      ...(c.delimiter !== undefined && { delimiter: c.delimiter }),
      firstAttribute: next,
      values: sorted,
      missingRecords: 0,
    };
    next += sorted.length;
    return column;
  });
  const attributeColumn = new Uint32Array(next);
  out.forEach((c, i) => {
    attributeColumn.fill(i, c.firstAttribute, c.firstAttribute + c.values.length);
  });
  return {
    columns: out,
    attributeColumn,
    recordCount: 0,
    recordOffsets: new Uint32Array(1),
    recordAttributes: new Uint32Array(0),
    rowsRead: 0,
    delimiter: ",",
    warnings: [],
  };
}
