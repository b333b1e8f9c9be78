/**
 * Risk analysis of the sensitive data (docs/design.md §3) — shown to the data steward, never published.
 *
 * A combination is unique when one record holds it and rare when fewer than k do. Per length l:
 * U_l = records whose shortest unique combination has length l; R_l = records whose shortest
 * rare combination has length l and that hold no unique combination at all. Per attribute v:
 * the share of the records holding v that hold a rare combination containing v; per column:
 * the mean over its attributes ("linkability").
 */

import type { Dataset } from "../ingest/types.js";
import { NO_LENGTH, type PartialCounts } from "./count-partition.js";
import type { CountingInput } from "./counting-input.js";

export interface LengthRisk {
  length: number;
  /** Records whose shortest unique combination has this length. */
  uniqueRecords: number;
  uniquePercent: number;
  /** Records whose shortest rare combination has this length, holding no unique one. */
  rareRecords: number;
  rarePercent: number;
  /** Distinct combinations of this length in the data, with count < k, with count 1, with count ≥ k. */
  combinations: number;
  rareCombinations: number;
  uniqueCombinations: number;
  reportableCombinations: number;
}

export interface AttributeRisk {
  column: string;
  value: string;
  records: number;
  /** Records holding this value that hold a rare combination containing it. */
  rareRecords: number;
  percent: number;
}

export interface ColumnRisk {
  column: string;
  /** Mean over the column's values of AttributeRisk.percent. */
  linkability: number;
  values: number;
}

export interface RiskReport {
  k: number;
  reportingLength: number;
  records: number;
  byLength: LengthRisk[];
  total: {
    uniqueRecords: number;
    uniquePercent: number;
    rareRecords: number;
    rarePercent: number;
    combinations: number;
    reportableCombinations: number;
  };
  /** Most linkable first. */
  columns: ColumnRisk[];
  /** Most linkable first (ties: fewer records first). */
  attributes: AttributeRisk[];
}

const pct = (part: number, whole: number) => (whole === 0 ? 0 : (100 * part) / whole);

/** Builds the risk report from the merged counting result. */
export function analyseRisk(
  data: Dataset,
  input: CountingInput,
  counts: PartialCounts,
  k: number,
  length: number,
): RiskReport {
  const n = data.recordCount;
  const uniqueAt = new Float64Array(length + 2);
  const rareAt = new Float64Array(length + 2);
  for (let r = 0; r < n; r++) {
    const u = counts.minUnique[r]!;
    if (u !== NO_LENGTH) uniqueAt[u]!++;
    else if (counts.minRare[r] !== NO_LENGTH) rareAt[counts.minRare[r]!]!++;
  }
  const reportableByLength = new Float64Array(length + 1);
  for (let i = 0; i < counts.comboCounts.length; i++) {
    if (counts.comboCounts[i]! < k) continue;
    let l = 0;
    while (l < length && counts.comboAttrs[i * length + l] !== 0xffffffff) l++;
    reportableByLength[l]!++;
  }
  const byLength: LengthRisk[] = [];
  for (let l = 1; l <= length; l++) {
    byLength.push({
      length: l,
      uniqueRecords: uniqueAt[l]!,
      uniquePercent: pct(uniqueAt[l]!, n),
      rareRecords: rareAt[l]!,
      rarePercent: pct(rareAt[l]!, n),
      combinations: counts.distinct[l]!,
      rareCombinations: counts.rare[l]!,
      uniqueCombinations: counts.unique[l]!,
      reportableCombinations: reportableByLength[l]!,
    });
  }
  const uniqueRecords = byLength.reduce((s, x) => s + x.uniqueRecords, 0);
  const rareRecords = byLength.reduce((s, x) => s + x.rareRecords, 0);

  const attributeCount = input.attributeCount;
  const rareHolders = new Float64Array(attributeCount);
  const { attrs, entryRecord } = input;
  for (let e = 0; e < attrs.length; e++) {
    if (counts.entryRare[e] === 1 || counts.recordWide[entryRecord[e]!] === 1)
      rareHolders[attrs[e]!]!++;
  }
  const attributes: AttributeRisk[] = [];
  const columns: ColumnRisk[] = data.columns.map((column) => {
    let sum = 0;
    column.values.forEach((value, i) => {
      const a = column.firstAttribute + i;
      const records = input.attrStart[a + 1]! - input.attrStart[a]!;
      const percent = pct(rareHolders[a]!, records);
      sum += percent;
      attributes.push({
        column: column.name,
        value,
        records,
        rareRecords: rareHolders[a]!,
        percent,
      });
    });
    return {
      column: column.name,
      linkability: column.values.length === 0 ? 0 : sum / column.values.length,
      values: column.values.length,
    };
  });
  columns.sort((a, b) => b.linkability - a.linkability || (a.column < b.column ? -1 : 1));
  attributes.sort(
    (a, b) =>
      b.percent - a.percent ||
      a.records - b.records ||
      (a.column < b.column ? -1 : a.column > b.column ? 1 : a.value < b.value ? -1 : 1),
  );
  return {
    k,
    reportingLength: length,
    records: n,
    byLength,
    total: {
      uniqueRecords,
      uniquePercent: pct(uniqueRecords, n),
      rareRecords,
      rarePercent: pct(rareRecords, n),
      combinations: byLength.reduce((s, x) => s + x.combinations, 0),
      reportableCombinations: byLength.reduce((s, x) => s + x.reportableCombinations, 0),
    },
    columns,
    attributes,
  };
}
