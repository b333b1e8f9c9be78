/** aggregates.csv (docs/design.md §7): the reportable (or sensitive) aggregates in the wide form. */
import type { AggregateTable } from "../aggregate/aggregate-table.js";
import { NONE } from "../aggregate/count-partition.js";
import type { Dataset } from "../ingest/types.js";
import { decodeUtf8 } from "../util/text.js";
import { wideCsv } from "./wide-csv.js";

/** The file as UTF-8 chunks, made anew on each iteration (hashed, then written). */
export function aggregatesCsv(data: Dataset, table: AggregateTable): Iterable<Uint8Array> {
  const { attrs, length } = table;
  const rows = {
    count: table.counts.length,
    span: (i: number) => {
      const from = i * length;
      let to = from;
      while (to < from + length && attrs[to] !== NONE) to++;
      return { attrs, from, to };
    },
    value: (i: number) => table.counts[i]!,
  };
  return { [Symbol.iterator]: () => wideCsv(data, rows) };
}

/** The same CSV as one string (small tables, tests). */
export function aggregatesCsvText(data: Dataset, table: AggregateTable): string {
  return [...aggregatesCsv(data, table)].map(decodeUtf8).join("");
}
