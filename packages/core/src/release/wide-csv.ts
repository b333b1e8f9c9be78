/**
 * The wide CSV form shared by synthetic.csv and aggregates.csv (docs/design.md §7): one cell per
 * selected column holding the record's value there (several values of a multi-value column
 * sorted and joined by its delimiter; empty when absent), optionally a trailing count. Written
 * as UTF-8 byte chunks; each value is formatted and encoded once.
 */
import { cellText } from "../aggregate/aggregate-table.js";
import type { Dataset } from "../ingest/types.js";
import { ByteSink, encodeUtf8 } from "../util/text.js";
import { formatCsvCell, formatCsvRow } from "./csv-writer.js";
import { countColumnName } from "./manifest.js";

export interface WideRows {
  count: number;
  /** The attribute ids of row i: attrs[from … to-1], ascending. */
  span(i: number): { attrs: ArrayLike<number>; from: number; to: number };
  /** A trailing count column (headed as countColumnName says), when given. */
  value?(i: number): number;
}

const COMMA = 44;
const NEWLINE = 10;

export function* wideCsv(
  data: Dataset,
  rows: WideRows,
  chunkBytes = 1 << 20,
): Generator<Uint8Array> {
  const col = data.attributeColumn;
  const cellBytes = new Array<Uint8Array>(col.length);
  for (const c of data.columns) {
    c.values.forEach((v, i) => {
      cellBytes[c.firstAttribute + i] = encodeUtf8(formatCsvCell(v));
    });
  }
  const columns = data.columns.length;
  const names = data.columns.map((c) => c.name);
  const sink = new ByteSink(chunkBytes + 4096);
  sink.put(encodeUtf8(formatCsvRow(rows.value ? [...names, countColumnName(names)] : names)));
  for (let i = 0; i < rows.count; i++) {
    const { attrs, from, to } = rows.span(i);
    // A lone empty cell would read as a blank line, which readers skip.
    if (columns === 1 && from === to && !rows.value) sink.put(encodeUtf8('""'));
    let p = from;
    for (let c = 0; c < columns; c++) {
      if (c > 0) sink.byte(COMMA);
      if (p >= to || col[attrs[p]!] !== c) continue;
      let q = p + 1;
      while (q < to && col[attrs[q]!] === c) q++;
      sink.put(
        q === p + 1
          ? cellBytes[attrs[p]!]!
          : encodeUtf8(formatCsvCell(cellText(data, attrs, p, q))),
      );
      p = q;
    }
    if (rows.value) {
      sink.byte(COMMA);
      sink.int(rows.value(i));
    }
    sink.byte(NEWLINE);
    if (sink.pos >= chunkBytes) yield sink.take();
  }
  if (sink.pos > 0) yield sink.take();
}
