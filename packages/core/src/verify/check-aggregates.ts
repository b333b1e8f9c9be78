/**
 * Re-checks aggregates.csv against the sensitive data (docs/design.md §3, §7): every row names known
 * attribute values, at most L of them, held by at least k records, with the count
 * floor_k(true count), listed once; and every combination of up to L attributes held by at
 * least k records has a row.
 *
 * The truth is the counting engine's reportable table, computed from the data. Rows are
 * matched to it through a hash of attribute ids (CombinationIndex) and a flag per combination, so
 * millions of rows are compared in linear time; only rows that are not reportable have their
 * true count looked up (RecordSupport), to say why.
 */
import type { AggregateTable } from "../aggregate/aggregate-table.js";
import type { CombinationIndex } from "../aggregate/combination-index.js";
import { NONE } from "../aggregate/count-partition.js";
import { invariant } from "../errors.js";
import type { Dataset } from "../ingest/types.js";
import { readCells } from "../release/read-cells.js";
import type { ReleaseTable } from "../release/read-csv.js";
import type { RecordSupport } from "./record-support.js";
import {
  checkHeader,
  describeCells,
  describeIds,
  records,
  unreadable,
  type Violations,
} from "./release-cells.js";

/** What the checks of one release share: the data, the truth computed from it, the findings. */
export interface VerifyContext {
  data: Dataset;
  k: number;
  /** aggregates.csv's count column, as the manifest names it (countColumnOf). */
  countColumn: string;
  /** Reporting length, clamped to the number of columns as when counting. */
  length: number;
  /** Every combination of up to L attributes held by ≥ k records, count rounded down. */
  reportable: AggregateTable;
  reportableSet: CombinationIndex;
  support: RecordSupport;
  violations: Violations;
}

const FILE = "aggregates.csv";
const WHOLE = /^\d+$/;

/** Checks aggregates.csv; returns the number of data rows read. */
export async function checkAggregates(ctx: VerifyContext, table: ReleaseTable): Promise<number> {
  const { data, k, length, reportable, reportableSet, support, violations: v } = ctx;
  const map = checkHeader(data, FILE, table.header, ctx.countColumn, v);
  if (map === undefined) return unreadable(FILE, table, v);
  let row = 0;
  const names = table.header;
  const matched = new Uint8Array(reportable.counts.length);
  const key = new Uint32Array(reportable.length);
  const ids: number[] = [];
  for await (const cells of table.rows) {
    row++;
    const where = () =>
      `${FILE} row ${row} (${describeCells(names, cellsWithout(cells, map.extra))})`;
    if (cells.length !== names.length) {
      v.add(
        "malformed-row",
        `${where()}: has ${cells.length} cells, but the header has ${names.length}.`,
      );
      continue;
    }
    const countText = cells[map.extra]!;
    if (!WHOLE.test(countText)) {
      v.add("malformed-row", `${where()}: the count "${countText}" is not a whole number.`);
      continue;
    }
    const count = Number(countText);
    const problem = readCells(data, cells, map.columnOf, ids);
    if (problem) {
      const nobody = problem.kind === "unknown-value" ? ", so the row describes nobody" : "";
      v.add(problem.kind, `${where()}: ${problem.message}${nobody}.`);
      continue;
    }
    if (ids.length === 0) {
      v.add("malformed-row", `${where()}: the row names no attribute.`);
      continue;
    }
    if (ids.length > length) {
      v.add(
        "aggregate-too-long",
        `${where()}: a combination of ${ids.length} attributes, longer than the reporting length L = ${length}.`,
      );
      continue;
    }
    key.set(ids);
    const i = reportableSet.find(key, 0, ids.length);
    if (i < 0) {
      const s = support.support(ids, 0, ids.length, k);
      invariant(s < k, "a combination held by k records is missing from the reportable table");
      if (s === 0) {
        v.add("aggregate-absent", `${where()}: no record in the data holds this combination.`);
      } else {
        v.add(
          "aggregate-rare",
          `${where()}: only ${records(s)} in the data ${s === 1 ? "holds" : "hold"} this combination, fewer than k = ${k}.`,
        );
      }
      continue;
    }
    if (matched[i] === 1) {
      v.add("aggregate-duplicate", `${where()}: the combination is listed more than once.`);
      continue;
    }
    matched[i] = 1;
    const expected = reportable.counts[i]!;
    if (count !== expected) {
      v.add(
        "aggregate-count",
        `${where()}: the count is ${count}, but the data give ${expected} (the true count rounded down to a multiple of k = ${k}).`,
      );
    }
  }
  const { attrs, length: width } = reportable;
  for (let i = 0; i < matched.length; i++) {
    if (matched[i] === 1) continue;
    v.add("aggregate-missing", () => {
      let end = i * width;
      while (end < (i + 1) * width && attrs[end] !== NONE) end++;
      return `${FILE} has no row for ${describeIds(data, attrs, i * width, end)}, which at least k = ${k} records hold (its count would be ${reportable.counts[i]}).`;
    });
  }
  return row;
}

/** The cells of a row without the count (for naming the combination). */
function cellsWithout(cells: readonly string[], at: number): string[] {
  return cells.map((c, i) => (i === at ? "" : c));
}
