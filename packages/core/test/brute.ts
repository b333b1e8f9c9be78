/** Brute-force references for tests: which records hold a set of attributes. */
import type { Dataset } from "../src/internal.js";

/** Ascending ids of the records holding every attribute of `set`. */
export function bruteRows(data: Dataset, set: readonly number[]): number[] {
  const out: number[] = [];
  for (let r = 0; r < data.recordCount; r++) {
    const own = new Set(
      data.recordAttributes.subarray(data.recordOffsets[r]!, data.recordOffsets[r + 1]!),
    );
    if (set.every((v) => own.has(v))) out.push(r);
  }
  return out;
}

/** The number of records holding every attribute of `set`. */
export function bruteSupport(data: Dataset, set: readonly number[]): number {
  return bruteRows(data, set).length;
}
