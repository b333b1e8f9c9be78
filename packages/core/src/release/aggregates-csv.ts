/** aggregates.csv (DESIGN §7): the reportable (or sensitive) aggregates in the wide form. */
import type { AggregateTable } from "../aggregate/aggregate-table.js";
import { NONE } from "../aggregate/count-partition.js";
import type { Dataset } from "../ingest/types.js";
import { decodeUtf8 } from "../util/text.js";
import { wideCsv } from "./wide-csv.js";

export function aggregatesCsv(data: Dataset, table: AggregateTable): Generator<Uint8Array> {
  const { attrs, length } = table;
  return wideCsv(data, {
    count: table.counts.length,
    span: (i) => {
      const from = i * length;
      let to = from;
      while (to < from + length && attrs[to] !== NONE) to++;
      return { attrs, from, to };
    },
    value: (i) => table.counts[i]!,
  });
}

/** The same CSV as one string (small tables, tests). */
export function aggregatesCsvText(data: Dataset, table: AggregateTable): string {
  return [...aggregatesCsv(data, table)].map(decodeUtf8).join("");
}
