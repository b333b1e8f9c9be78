/**
 * What a bar chart of the Explore view shows, decided without React (pure, snapshot-tested):
 * one row per value of the column in value order — so every bar pair sits in the same row as
 * its label whatever is or is not reportable — with both counts, the bar widths as fractions
 * of one scale shared by all bars of the chart, and the row's meaning in words for assistive
 * technology. Also the one-line consequence of the reporting length shown above the charts.
 */
import type { ColumnCounts, Unreported } from "@commonground/core/internal";
import type { ReleaseView } from "./release-view.js";
import { isUnknown, UNKNOWN_TEXT } from "./unknown.js";

export interface ChartRow {
  /** Index into the column's values. */
  value: number;
  /** As shown: the value, or "Unknown" for the column's published missing cells. */
  label: string;
  /** The value as in the release's files (e.g. "(missing)" for an unknown row). */
  exact: string;
  /** The row counts the column's published missing cells (drawn apart, listed last). */
  unknown: boolean;
  synthetic: number;
  reportable: number | null;
  reason: Unreported | null;
  selected: boolean;
  /** Bar widths in [0, 1] on the chart's scale. */
  syntheticWidth: number;
  reportableWidth: number;
  /** Short visible text where the reportable number would be ("" when there is a number). */
  missingText: string;
  /**
   * The row in words, e.g. "Female: 3,210 synthetic records, 3,200 reportable"; an unknown row
   * names its exact label: "Unknown, “(missing)” in the files: 12 synthetic records, …".
   */
  text: string;
}

export interface ChartSpec {
  column: number;
  name: string;
  kind: "single" | "multi";
  /** How selecting works in this column, in words. */
  hint: string;
  /** The count that a full-width bar stands for (at least 1). */
  scale: number;
  rows: ChartRow[];
}

export interface ChartSpecOptions {
  view: ReleaseView;
  counts: ColumnCounts;
  /** The count of a full-width bar; default: the largest count of this chart. */
  scale?: number;
}

/** 12345 → "12,345" (fixed locale: the same text everywhere and in snapshots). */
export function formatCount(n: number): string {
  return n.toLocaleString("en-US");
}

const plural = (n: number, one: string, many: string) =>
  `${formatCount(n)} ${n === 1 ? one : many}`;

/** The chart of one column's counts. */
export function chartSpec(o: ChartSpecOptions): ChartSpec {
  const { view, counts } = o;
  const column = view.columns[counts.column]!;
  const largest = counts.values.reduce(
    (max, v) => Math.max(max, v.synthetic, v.reportable ?? 0),
    0,
  );
  const scale = Math.max(1, o.scale ?? largest);
  const width = (n: number) => Math.min(1, n / scale);
  const L = view.reportingLength;
  const rows = counts.values.map((v): ChartRow => {
    const unknown = isUnknown(column, v.label);
    const label = unknown ? UNKNOWN_TEXT : v.label;
    const named = unknown ? `${UNKNOWN_TEXT}, “${v.label}” in the files` : v.label;
    const synthetic = `${named}: ${plural(v.synthetic, "synthetic record", "synthetic records")}`;
    const reported =
      v.reportable !== null
        ? `${formatCount(v.reportable)} reportable`
        : v.reason === "too-long"
          ? `no reportable count (${v.length} attributes, more than ${L})`
          : "not in the reportable counts";
    return {
      value: v.value,
      label,
      exact: v.label,
      unknown,
      synthetic: v.synthetic,
      reportable: v.reportable,
      reason: v.reason,
      selected: v.selected,
      syntheticWidth: width(v.synthetic),
      reportableWidth: v.reportable === null ? 0 : width(v.reportable),
      missingText:
        v.reason === "too-long"
          ? "synthetic only"
          : v.reason === "not-reported"
            ? "not reported"
            : "",
      text: `${synthetic}, ${reported}`,
    };
  });
  return {
    column: counts.column,
    name: column.name,
    kind: column.kind,
    hint:
      column.kind === "multi"
        ? "Several values can be selected: records that include all of them."
        : "One value at a time.",
    scale,
    rows,
  };
}

/** The statement's consequence in one line: which counts are synthetic only. */
export function reportingNote(o: { view: ReleaseView }): string {
  const L = o.view.reportingLength;
  const attributes = plural(L, "attribute", "attributes");
  return (
    `Reportable counts exist for combinations of up to ${attributes}; ` +
    `for a longer selection the counts are synthetic only.`
  );
}
