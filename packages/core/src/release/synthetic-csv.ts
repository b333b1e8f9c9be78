/**
 * synthetic.csv (docs/design.md §7): the selected columns; a missing value is an empty cell; a
 * multi-value cell holds its values sorted and joined by the column's delimiter. Rows come in
 * the synthesizer's sorted order.
 */
import type { Dataset } from "../ingest/types.js";
import type { SyntheticData } from "../synthesize/synthetic-data.js";
import { decodeUtf8 } from "../util/text.js";
import { wideCsv } from "./wide-csv.js";

/** The file as UTF-8 chunks, made anew on each iteration (hashed, then written). */
export function syntheticCsv(data: Dataset, synthetic: SyntheticData): Iterable<Uint8Array> {
  const { offsets, attrs } = synthetic;
  const rows = {
    count: synthetic.recordCount,
    span: (i: number) => ({ attrs, from: offsets[i]!, to: offsets[i + 1]! }),
  };
  return { [Symbol.iterator]: () => wideCsv(data, rows) };
}

export function syntheticCsvText(data: Dataset, synthetic: SyntheticData): string {
  return [...syntheticCsv(data, synthetic)].map(decodeUtf8).join("");
}
