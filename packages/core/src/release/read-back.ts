/**
 * Reads the tables of a published release (synthetic.csv, aggregates.csv, parsed by the release
 * reader, release/read-csv.ts) back into the attribute-id space of the sensitive data, for
 * `evaluate`. The count column is the one the manifest names (countColumnOf). Rows holding a
 * value the data does not have cannot be compared and are counted as skipped.
 */
import type { AggregateTable } from "../aggregate/aggregate-table.js";
import { NONE } from "../aggregate/count-partition.js";
import type { Dataset } from "../ingest/types.js";
import type { SyntheticData } from "../synthesize/synthetic-data.js";
import { syntheticFromLists } from "../synthesize/synthetic-data.js";
import { mapHeader, readCells } from "./read-cells.js";
import type { ReleaseTable } from "./read-csv.js";

export interface ReadBack<T> {
  value: T;
  /** Rows that could not be read (unknown values, malformed cells). */
  skipped: number;
}

export async function syntheticFromRelease(
  data: Dataset,
  table: ReleaseTable,
): Promise<ReadBack<SyntheticData>> {
  const columnOf = mapHeader(data, table.header);
  const lists: number[][] = [];
  const ids: number[] = [];
  let skipped = 0;
  for await (const row of table.rows) {
    if (readCells(data, row, columnOf, ids) !== undefined) skipped++;
    else if (ids.length > 0) lists.push(ids.slice());
  }
  return { value: syntheticFromLists(lists), skipped };
}

export async function aggregatesFromRelease(
  data: Dataset,
  table: ReleaseTable,
  length: number,
  /** The count column's name, as the manifest states it (countColumnOf). */
  countColumn: string,
): Promise<ReadBack<AggregateTable>> {
  const columnOf = mapHeader(data, table.header);
  // The count column is the last one (a data column may be named like it).
  const countAt = table.header.lastIndexOf(countColumn);
  if (countAt >= 0) columnOf[countAt] = -1;
  const attrs: number[] = [];
  const counts: number[] = [];
  const ids: number[] = [];
  let skipped = 0;
  for await (const row of table.rows) {
    const count = Number(row[countAt] ?? "");
    if (
      readCells(data, row, columnOf, ids) !== undefined ||
      ids.length === 0 ||
      ids.length > length ||
      !Number.isInteger(count) ||
      count < 0
    ) {
      skipped++;
      continue;
    }
    for (let i = 0; i < length; i++) attrs.push(i < ids.length ? ids[i]! : NONE);
    counts.push(count);
  }
  return {
    value: { length, attrs: Uint32Array.from(attrs), counts: Uint32Array.from(counts) },
    skipped,
  };
}
