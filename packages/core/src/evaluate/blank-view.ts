/**
 * The fidelity measures read a reported missing cell (docs/design.md §12: the attribute
 * `COL = (missing)`) as what it stands for, a blank cell: so the score of a release does not
 * depend on whether its missing cells were published, and equals SDNist's score with the
 * missing values restored. These views drop the MISSING_LABEL attributes from records,
 * keeping every record (one whose cells are all missing becomes an empty record).
 */
import { type Dataset, missingAttribute } from "../ingest/types.js";
import type { SyntheticData } from "../synthesize/synthetic-data.js";

/** Attribute ids that stand for a missing cell, as a mask over the attribute ids (undefined: none). */
function labelMask(data: Dataset): Uint8Array | undefined {
  let mask: Uint8Array | undefined;
  for (const column of data.columns) {
    const id = missingAttribute(column);
    if (id < 0) continue;
    mask ??= new Uint8Array(data.attributeColumn.length);
    mask[id] = 1;
  }
  return mask;
}

function strip(
  mask: Uint8Array,
  offsets: Uint32Array,
  attrs: Uint32Array,
  rows: number,
): { offsets: Uint32Array; attrs: Uint32Array } {
  const outOffsets = new Uint32Array(rows + 1);
  const out = new Uint32Array(attrs.length);
  let at = 0;
  for (let r = 0; r < rows; r++) {
    for (let p = offsets[r]!; p < offsets[r + 1]!; p++) {
      const a = attrs[p]!;
      if (mask[a] === 0) out[at++] = a;
    }
    outOffsets[r + 1] = at;
  }
  return { offsets: outOffsets, attrs: out.slice(0, at) };
}

/** The real records with reported missing cells blank again. */
export function blankRealView(data: Dataset): Dataset {
  const mask = labelMask(data);
  if (mask === undefined) return data;
  const { offsets, attrs } = strip(
    mask,
    data.recordOffsets,
    data.recordAttributes,
    data.recordCount,
  );
  return { ...data, recordOffsets: offsets, recordAttributes: attrs };
}

/** Synthetic records with reported missing cells blank (a record of only such cells stays, empty). */
export function blankSyntheticView(data: Dataset, synthetic: SyntheticData): SyntheticData {
  const mask = labelMask(data);
  if (mask === undefined) return synthetic;
  const { offsets, attrs } = strip(mask, synthetic.offsets, synthetic.attrs, synthetic.recordCount);
  return { recordCount: synthetic.recordCount, offsets, attrs };
}
