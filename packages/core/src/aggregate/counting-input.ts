/**
 * The flat arrays the counting engine works on, derived once from a Dataset.
 *
 * An *entry* is one (record, attribute) occurrence: position e in `attrs`. The engine walks
 * combinations depth-first; a node of the walk is the list of entries of its last attribute,
 * so only integer lists are ever materialised (no hash maps, no 2^24 limit).
 * Allocation is injectable so that a Node host can place the arrays in shared memory for
 * its worker threads.
 */
import type { Dataset } from "../ingest/types.js";

export interface CountingInput {
  recordCount: number;
  attributeCount: number;
  /** Record r's entries are offsets[r] … offsets[r+1]-1. */
  offsets: Uint32Array;
  /** Attribute id of each entry; ascending within a record. */
  attrs: Uint32Array;
  /** Record of each entry. */
  entryRecord: Uint32Array;
  /** Entries of attribute a are attrEntries[attrStart[a]] … attrEntries[attrStart[a+1]-1]. */
  attrStart: Uint32Array;
  attrEntries: Uint32Array;
}

export type Allocate = (length: number) => Uint32Array;

const plain: Allocate = (length) => new Uint32Array(length);

/** Builds the counting arrays (inverted index by attribute, record of each entry). */
export function prepareCounting(data: Dataset, allocate: Allocate = plain): CountingInput {
  const n = data.recordCount;
  const a = data.attributeColumn.length;
  const nnz = data.recordAttributes.length;
  const offsets = allocate(n + 1);
  offsets.set(data.recordOffsets);
  const attrs = allocate(nnz);
  attrs.set(data.recordAttributes);
  const entryRecord = allocate(nnz);
  for (let r = 0; r < n; r++) entryRecord.fill(r, offsets[r]!, offsets[r + 1]!);
  const attrStart = allocate(a + 1);
  for (let e = 0; e < nnz; e++) attrStart[attrs[e]! + 1]!++;
  for (let i = 0; i < a; i++) attrStart[i + 1]! += attrStart[i]!;
  const cursor = attrStart.slice(0, a);
  const attrEntries = allocate(nnz);
  for (let e = 0; e < nnz; e++) attrEntries[cursor[attrs[e]!]!++] = e;
  return { recordCount: n, attributeCount: a, offsets, attrs, entryRecord, attrStart, attrEntries };
}

/** Binomial coefficient as a float (exact below 2^53). */
export function choose(n: number, r: number): number {
  if (r < 0 || r > n) return 0;
  let result = 1;
  for (let i = 1; i <= r; i++) result = (result * (n - r + i)) / i;
  return Math.round(result);
}

/**
 * The work estimate of docs/design.md §2: Σ over records of Σ_{l ≤ L} C(m_r, l), the number of
 * (record, combination) incidences the engine may visit.
 */
export function estimateWork(
  input: Pick<CountingInput, "offsets" | "recordCount">,
  length: number,
): number {
  const { offsets, recordCount } = input;
  // Records with the same number of attributes cost the same: tally sizes first.
  const bySize = new Map<number, number>();
  for (let r = 0; r < recordCount; r++) {
    const m = offsets[r + 1]! - offsets[r]!;
    bySize.set(m, (bySize.get(m) ?? 0) + 1);
  }
  let total = 0;
  for (const [m, records] of bySize) {
    let perRecord = 0;
    for (let l = 1; l <= length; l++) perRecord += choose(m, l);
    total += perRecord * records;
  }
  return total;
}
