/**
 * Synthetic records in the attribute-id space of the sensitive Dataset they were made from:
 * record i holds attrs[offsets[i]] … attrs[offsets[i+1]-1], ascending, never empty.
 */
import type { Dataset } from "../ingest/types.js";

export interface SyntheticData {
  recordCount: number;
  offsets: Uint32Array;
  attrs: Uint32Array;
}

/** Builds SyntheticData from records given as attribute-id lists (each sorted here; empty ones dropped). */
export function syntheticFromLists(records: ArrayLike<number>[]): SyntheticData {
  let total = 0;
  let count = 0;
  for (const r of records) {
    if (r.length > 0) {
      total += r.length;
      count++;
    }
  }
  const offsets = new Uint32Array(count + 1);
  const attrs = new Uint32Array(total);
  let at = 0;
  let i = 0;
  for (const r of records) {
    if (r.length === 0) continue;
    const sorted = Array.from(r).sort((a, b) => a - b);
    attrs.set(sorted, at);
    at += sorted.length;
    offsets[++i] = at;
  }
  return { recordCount: count, offsets, attrs };
}

/**
 * Views synthetic records as a Dataset with the sensitive data's columns and dictionary, so
 * that the counting engine (and everything else that reads a Dataset) can run on them.
 */
export function syntheticAsDataset(data: Dataset, synthetic: SyntheticData): Dataset {
  const columns = data.columns.map((c) => ({ ...c, missingRecords: 0 }));
  const seen = new Uint8Array(columns.length);
  for (let r = 0; r < synthetic.recordCount; r++) {
    seen.fill(0);
    for (let e = synthetic.offsets[r]!; e < synthetic.offsets[r + 1]!; e++) {
      seen[data.attributeColumn[synthetic.attrs[e]!]!] = 1;
    }
    for (let c = 0; c < columns.length; c++) if (seen[c] === 0) columns[c]!.missingRecords++;
  }
  return {
    columns,
    attributeColumn: data.attributeColumn,
    recordCount: synthetic.recordCount,
    recordOffsets: synthetic.offsets,
    recordAttributes: synthetic.attrs,
    rowsRead: synthetic.recordCount,
    delimiter: data.delimiter,
    warnings: [],
  };
}
