import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { formatCsvRow } from "../../src/release/csv-writer.js";
import { forEachReleaseCsvRow, parseReleaseCsv } from "../../src/release/read-csv.js";
import { readWide, type WideTable } from "../../src/release/read-release.js";

/** Cells with what a CSV reader must get right: quotes, commas, line breaks, emoji, formula prefixes. */
const cellArb = fc.oneof(
  fc.constantFrom("", "a", "x,y", 'say "hi"', "two\nlines", "😀🇫🇷", "=SUM(A1)", "é", "-1"),
  fc.string({ unit: "grapheme", maxLength: 6 }),
);

const tableArb = fc.record({
  width: fc.integer({ min: 1, max: 4 }),
  rows: fc.array(fc.array(cellArb, { minLength: 4, maxLength: 4 }), { maxLength: 30 }),
  piece: fc.integer({ min: 1, max: 9 }),
});

function csvText(width: number, rows: string[][]): string {
  const header = Array.from({ length: width }, (_, i) => `c${i}`);
  return formatCsvRow(header) + rows.map((r) => formatCsvRow(r.slice(0, width))).join("");
}

describe("forEachReleaseCsvRow", () => {
  it("hands out the same rows as parsing the whole text, whatever the pieces it is read in", () => {
    fc.assert(
      fc.property(tableArb, ({ width, rows, piece }) => {
        const text = csvText(width, rows);
        const whole = parseReleaseCsv(text, "synthetic.csv");
        const streamed: string[][] = [];
        forEachReleaseCsvRow(text, "synthetic.csv", (row) => streamed.push(row), piece);
        expect(streamed).toEqual([whole.header, ...(whole.rows as string[][])]);
      }),
    );
  });

  it("readWide reads text row by row into the table it reads from parsed rows", () => {
    fc.assert(
      fc.property(tableArb, ({ width, rows }) => {
        const text = csvText(width, rows);
        const columns = Array.from({ length: width }, (_, i) => `c${i}`);
        const fromText: WideTable = readWide({ text, file: "synthetic.csv", columns });
        const fromRows = readWide({
          text: parseReleaseCsv(text, "synthetic.csv"),
          file: "synthetic.csv",
          columns,
        });
        expect(fromText).toEqual(fromRows);
        expect(fromText.rows).toBe(rows.length);
      }),
    );
  });
});
