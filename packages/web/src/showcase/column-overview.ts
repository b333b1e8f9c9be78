/**
 * The showcase's overview of the columns (pure): per column its kind, how many distinct values
 * it has, how many synthetic records hold a value in it, and its value distribution — each
 * value's synthetic count and reportable count (the 1-attribute row of aggregates.csv). Long
 * columns show their largest values and sum up the rest, so the overview stays short.
 */
import { columnCounts, EMPTY_SELECTION, matchRecords } from "@commonground/core";
import type { ReleaseView } from "../explore/release-view.js";

export interface OverviewValue {
  label: string;
  /** Synthetic records holding the value. */
  synthetic: number;
  /** Its count in aggregates.csv, or null when it is not reported alone. */
  reportable: number | null;
}

export interface ColumnSummary {
  column: number;
  name: string;
  kind: "single" | "multi";
  delimiter?: string;
  /** Distinct values in the release. */
  valueCount: number;
  /** Synthetic records with at least one value in this column. */
  withValue: number;
  /** The values shown, in the view's order when all fit, else largest first. */
  shown: OverviewValue[];
  /** Values not shown, and their synthetic records summed (multi-value: occurrences). */
  hidden: { values: number; synthetic: number };
  /** The count a full-width bar stands for (at least 1). */
  scale: number;
}

export interface ColumnOverviewOptions {
  view: ReleaseView;
  /** Columns with more values than this show only the largest `top` (default 12 and 10). */
  limit?: number;
  top?: number;
}

/** Summaries of every column of the view, in column order. */
export function columnOverview(o: ColumnOverviewOptions): ColumnSummary[] {
  const { view } = o;
  const limit = o.limit ?? 12;
  const top = o.top ?? 10;
  const match = matchRecords({ view, selection: EMPTY_SELECTION });
  const withValue = recordsPerColumn(view);
  return view.columns.map((column, c): ColumnSummary => {
    const counts = columnCounts({ view, selection: EMPTY_SELECTION, column: c, match });
    const values = counts.values.map(
      (v): OverviewValue => ({
        label: v.label,
        synthetic: v.synthetic,
        reportable: v.reportable,
      }),
    );
    const size = (v: OverviewValue) => (view.recordCount > 0 ? v.synthetic : (v.reportable ?? 0));
    let shown = values;
    let hidden = { values: 0, synthetic: 0 };
    if (values.length > limit) {
      const ranked = values
        .map((v, i) => ({ v, i }))
        .sort((a, b) => size(b.v) - size(a.v) || a.i - b.i);
      shown = ranked.slice(0, top).map((x) => x.v);
      const rest = ranked.slice(top);
      hidden = { values: rest.length, synthetic: rest.reduce((s, x) => s + x.v.synthetic, 0) };
    }
    const scale = Math.max(1, ...shown.map((v) => Math.max(v.synthetic, v.reportable ?? 0)));
    return {
      column: c,
      name: column.name,
      kind: column.kind,
      ...(column.delimiter !== undefined && { delimiter: column.delimiter }),
      valueCount: column.values.length,
      withValue: withValue[c] ?? 0,
      shown,
      hidden,
      scale,
    };
  });
}

/** Per column: the synthetic records holding at least one of its values (one pass). */
function recordsPerColumn(view: ReleaseView): Uint32Array {
  const out = new Uint32Array(view.columns.length);
  const { recordOffsets: offsets, recordAttributes: attrs, attributeColumn: col } = view;
  for (let r = 0; r < view.recordCount; r++) {
    let last = -1;
    const end = offsets[r + 1]!;
    for (let p = offsets[r]!; p < end; p++) {
      const c = col[attrs[p]!]!;
      // Ids ascend, so a record's attributes of one column are adjacent.
      if (c !== last) out[c]!++;
      last = c;
    }
  }
  return out;
}
