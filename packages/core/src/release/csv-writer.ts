/**
 * CSV bytes of docs/design.md §7: RFC 4180 quoting only where needed, "\n" line endings, and
 * spreadsheet safety — a cell starting with = + - @ tab or CR that is not a number gets a
 * leading `'`, which `unescapeSpreadsheetCell` removes again when CommonGround reads its own files.
 *
 * So that the prefix is reversible for every string, a cell that already starts with one or more
 * `'` followed by such a dangerous start also gets one more `'` (`'=x` is written `''=x`).
 */

const NUMBER = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/;
const APOSTROPHE = 39;

/** True when the cell, after any leading `'`, starts with = + - @ tab or CR and is not a number. */
function needsPrefix(value: string): boolean {
  let i = 0;
  while (value.charCodeAt(i) === APOSTROPHE) i++;
  const c = value.charCodeAt(i);
  // = + - @ tab CR
  if (c !== 61 && c !== 43 && c !== 45 && c !== 64 && c !== 9 && c !== 13) return false;
  return !NUMBER.test(i === 0 ? value : value.slice(i));
}

/** The value with the spreadsheet-safety prefix `'` where docs/design.md §7 asks for it (no quoting). */
export function spreadsheetSafe(value: string): string {
  return needsPrefix(value) ? `'${value}` : value;
}

/** The cell as written: spreadsheet-safe prefix, then quoting where needed (delimiter, ", CR, LF). */
export function formatCsvCell(value: string, delimiter = ","): string {
  const cell = spreadsheetSafe(value);
  if (
    cell.includes(delimiter) ||
    cell.includes('"') ||
    cell.includes("\n") ||
    cell.includes("\r")
  ) {
    return `"${cell.replaceAll('"', '""')}"`;
  }
  return cell;
}

/**
 * One line, fields joined by the delimiter (default ","), terminated by "\n". A row of one cell
 * that is empty or only whitespace is written quoted (`""`), as a bare blank line would be
 * skipped by readers (docs/design.md §2).
 */
export function formatCsvRow(cells: readonly string[], delimiter = ","): string {
  if (cells.length === 1) {
    const cell = formatCsvCell(cells[0]!, delimiter);
    return cell.trim() === "" ? `"${cell}"\n` : `${cell}\n`;
  }
  let line = "";
  for (let i = 0; i < cells.length; i++) {
    if (i > 0) line += delimiter;
    line += formatCsvCell(cells[i]!, delimiter);
  }
  return `${line}\n`;
}

/** Inverse of the prefix: removes a leading `'` only when the rest would have needed one. */
export function unescapeSpreadsheetCell(value: string): string {
  return value.charCodeAt(0) === APOSTROPHE && needsPrefix(value.slice(1)) ? value.slice(1) : value;
}
