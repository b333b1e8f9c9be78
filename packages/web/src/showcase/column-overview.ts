/**
 * The showcase's overview of the columns (pure): per column its kind, how many distinct values
 * it has, how many synthetic records hold a value in it, and its value distribution — each
 * value's synthetic count and reportable count (the 1-attribute row of aggregates.csv). Long
 * columns show their largest values and sum up the rest, so the overview stays short.
 */
import { columnCounts, EMPTY_SELECTION, matchRecords } from "@commonground/core/internal";
import type { ReleaseView } from "../explore/release-view.js";
import { isUnknown, UNKNOWN_TEXT } from "../explore/unknown.js";

export interface OverviewValue {
  /** As shown: the value, or "Unknown" for the column's published missing cells. */
  label: string;
  /** The value as in the release's files ("(missing)" for an unknown one). */
  exact: string;
  /** The column's published missing cells: shown apart, last, and always (never summed up). */
  unknown: boolean;
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
  /** Distinct values in the release ("Unknown" not counted). */
  valueCount: number;
  /** Synthetic records with at least one value in this column ("Unknown" is none). */
  withValue: number;
  /** The values shown, in the view's order when all fit, else largest first; "Unknown" last. */
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
    const values = counts.values.map((v): OverviewValue => {
      const unknown = isUnknown(column, v.label);
      return {
        label: unknown ? UNKNOWN_TEXT : v.label,
        exact: v.label,
        unknown,
        synthetic: v.synthetic,
        reportable: v.reportable,
      };
    });
    const size = (v: OverviewValue) => (view.recordCount > 0 ? v.synthetic : (v.reportable ?? 0));
    let shown = values;
    let hidden = { values: 0, synthetic: 0 };
    if (values.length > limit) {
      // The unknown value (last in the view's order) is always shown, after the largest others.
      const unknown = values.filter((v) => v.unknown);
      const ranked = values
        .map((v, i) => ({ v, i }))
        .filter((x) => !x.v.unknown)
        .sort((a, b) => size(b.v) - size(a.v) || a.i - b.i);
      shown = [...ranked.slice(0, top).map((x) => x.v), ...unknown];
      const rest = ranked.slice(top);
      hidden = { values: rest.length, synthetic: rest.reduce((s, x) => s + x.v.synthetic, 0) };
    }
    const scale = Math.max(1, ...shown.map((v) => Math.max(v.synthetic, v.reportable ?? 0)));
    return {
      column: c,
      name: column.name,
      kind: column.kind,
      ...(column.delimiter !== undefined && { delimiter: column.delimiter }),
      valueCount: values.filter((v) => !v.unknown).length,
      withValue: withValue[c] ?? 0,
      shown,
      hidden,
      scale,
    };
  });
}

/** Per column: the synthetic records holding at least one of its values, "Unknown" aside (one pass). */
function recordsPerColumn(view: ReleaseView): Uint32Array {
  const out = new Uint32Array(view.columns.length);
  const { recordOffsets: offsets, recordAttributes: attrs, attributeColumn: col } = view;
  const unknown = new Uint8Array(col.length);
  for (const column of view.columns) {
    column.values.forEach((v, i) => {
      if (isUnknown(column, v)) unknown[column.firstAttribute + i] = 1;
    });
  }
  for (let r = 0; r < view.recordCount; r++) {
    let last = -1;
    const end = offsets[r + 1]!;
    for (let p = offsets[r]!; p < end; p++) {
      if (unknown[attrs[p]!] === 1) continue;
      const c = col[attrs[p]!]!;
      // Ids ascend, so a record's attributes of one column are adjacent.
      if (c !== last) out[c]!++;
      last = c;
    }
  }
  return out;
}
