/**
 * Unique exact match, the privacy check of NIST's SDNist (sdnist/metrics/unique_exact_matches.py):
 * of the records that are unique in the real data (no other record has the same full attribute
 * set), the share whose full attribute set appears verbatim among the synthetic records.
 *
 * A record is compared as its set of attributes, so blank cells must be blank at the same
 * places. (SDNist drops synthetic rows with a blank cell before matching; the NIST excerpts
 * have no blank real cell, so such a row could not match there either.) A synthetic row
 * repeated several times counts once, as SDNist's drop_duplicates does. A real record with
 * every cell blank is never counted as unique (it identifies no one, and SDNist drops it).
 */

import { RecordIndex } from "../aggregate/combination-index.js";
import type { Dataset } from "../ingest/types.js";
import type { SyntheticData } from "../synthesize/synthetic-data.js";
import { percent } from "./compare-combinations.js";

export interface UniqueExactMatchResult {
  realRecords: number;
  /** Real records (not entirely blank) whose attribute set no other real record has. */
  uniqueRecords: number;
  /** uniqueRecords as a % of the real records. */
  uniquePercent: number;
  /** Unique real records whose attribute set is also a synthetic record's. */
  matched: number;
  /** matched as a % of uniqueRecords (0 when there is none). */
  matchedPercent: number;
}

export function uniqueExactMatch(data: Dataset, synthetic: SyntheticData): UniqueExactMatchResult {
  const index = new RecordIndex(data.recordOffsets, data.recordAttributes, data.recordCount);
  const { recordOffsets } = data;
  let uniqueRecords = 0;
  for (let r = 0; r < data.recordCount; r++) {
    const g = index.group(r);
    if (index.size(g) === 1 && recordOffsets[r + 1]! > recordOffsets[r]!) uniqueRecords++;
  }
  const hit = new Uint8Array(index.groups);
  let matched = 0;
  const { offsets, attrs } = synthetic;
  for (let r = 0; r < synthetic.recordCount; r++) {
    const g = index.find(attrs, offsets[r]!, offsets[r + 1]!);
    if (g === -1 || index.size(g) !== 1 || hit[g] === 1) continue;
    hit[g] = 1;
    matched++;
  }
  return {
    realRecords: data.recordCount,
    uniqueRecords,
    uniquePercent: percent(uniqueRecords, data.recordCount),
    matched,
    matchedPercent: percent(matched, uniqueRecords),
  };
}
