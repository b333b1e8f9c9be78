/**
 * synthetic.csv (DESIGN §7): the selected columns; a missing value is an empty cell; a
 * multi-value cell holds its values sorted and joined by the column's delimiter. Rows come in
 * the synthesizer's sorted order. Written as UTF-8 byte chunks.
 */
import type { Dataset } from "../ingest/types.js";
import type { SyntheticData } from "../synthesize/synthetic-data.js";
import { ByteSink, decodeUtf8, encodeUtf8 } from "../util/text.js";
import { formatCsvCell, formatCsvRow } from "./csv-writer.js";

export function* syntheticCsv(
  data: Dataset,
  synthetic: SyntheticData,
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
  const sink = new ByteSink(chunkBytes + 4096);
  sink.put(encodeUtf8(formatCsvRow(data.columns.map((c) => c.name))));
  const { offsets, attrs } = synthetic;
  for (let r = 0; r < synthetic.recordCount; r++) {
    let p = offsets[r]!;
    const end = offsets[r + 1]!;
    if (columns === 1 && p === end) sink.put(encodeUtf8('""'));
    for (let c = 0; c < columns; c++) {
      if (c > 0) sink.byte(44);
      if (p >= end || col[attrs[p]!] !== c) continue;
      let q = p + 1;
      while (q < end && col[attrs[q]!] === c) q++;
      if (q === p + 1) sink.put(cellBytes[attrs[p]!]!);
      else {
        const column = data.columns[c]!;
        const values: string[] = [];
        for (let i = p; i < q; i++) values.push(column.values[attrs[i]! - column.firstAttribute]!);
        sink.put(encodeUtf8(formatCsvCell(values.join(column.delimiter ?? ""))));
      }
      p = q;
    }
    sink.byte(10);
    if (sink.pos >= chunkBytes) yield sink.take();
  }
  if (sink.pos > 0) yield sink.take();
}

export function syntheticCsvText(data: Dataset, synthetic: SyntheticData): string {
  return [...syntheticCsv(data, synthetic)].map(decodeUtf8).join("");
}
