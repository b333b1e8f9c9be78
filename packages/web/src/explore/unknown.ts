/**
 * A column's published missing cells (docs/design.md §12): a value equal to MISSING_LABEL in a column
 * whose manifest column has `missingLabel` is no value of the column but "not known". The views
 * label it "Unknown" (the exact label, "(missing)", stays in the row's title and its data),
 * draw it apart and list it after the column's other values (value-order.ts).
 */
import { MISSING_LABEL } from "@commonground/core/internal";

/** What an unknown value is called on screen. */
export const UNKNOWN_TEXT = "Unknown";

/** Whether a value of a column stands for its published missing cells. */
export function isUnknown(column: { missingLabel?: string }, value: string): boolean {
  return column.missingLabel !== undefined && value === MISSING_LABEL;
}

/** A value as shown: "Unknown" for the published missing cells, else the value itself. */
export function shownLabel(column: { missingLabel?: string }, value: string): string {
  return isUnknown(column, value) ? UNKNOWN_TEXT : value;
}

/** A value in a table that lists the files' values: "Unknown (missing)" for the missing cells. */
export function tableLabel(column: { missingLabel?: string }, value: string): string {
  return isUnknown(column, value) ? `${UNKNOWN_TEXT} ${value}` : value;
}
