import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  formatCsvCell,
  formatCsvRow,
  unescapeSpreadsheetCell,
} from "../../src/release/csv-writer.js";

describe("formatCsvCell", () => {
  it("quotes only where needed", () => {
    expect(formatCsvCell("plain text")).toBe("plain text");
    expect(formatCsvCell(" padded ")).toBe(" padded ");
    expect(formatCsvCell("")).toBe("");
    expect(formatCsvCell("a,b")).toBe('"a,b"');
    expect(formatCsvCell('say "hi"')).toBe('"say ""hi"""');
    expect(formatCsvCell("two\nlines")).toBe('"two\nlines"');
    expect(formatCsvCell("cr\rhere")).toBe('"cr\rhere"');
    expect(formatCsvCell("a;b")).toBe("a;b");
    expect(formatCsvCell("a;b", ";")).toBe('"a;b"');
    expect(formatCsvCell("a,b", "\t")).toBe("a,b");
    expect(formatCsvCell("a\tb", "\t")).toBe('"a\tb"');
  });

  it("prefixes cells a spreadsheet would read as a formula", () => {
    expect(formatCsvCell("=SUM(A1)")).toBe("'=SUM(A1)");
    expect(formatCsvCell("-abc")).toBe("'-abc");
    expect(formatCsvCell("+x")).toBe("'+x");
    expect(formatCsvCell("@x")).toBe("'@x");
    expect(formatCsvCell("\tx")).toBe("'\tx");
    expect(formatCsvCell("\rx")).toBe('"\'\rx"');
    expect(formatCsvCell("=a,b")).toBe('"\'=a,b"');
    expect(formatCsvCell("-")).toBe("'-");
    expect(formatCsvCell("'=x")).toBe("''=x");
  });

  it("leaves numbers and harmless cells alone", () => {
    for (const value of [
      "-5",
      "+1e5",
      "-0.5",
      "+.5",
      "-3.",
      "1e-3",
      "-2E+10",
      "x=1",
      "a@b",
      "'x",
    ]) {
      expect(formatCsvCell(value)).toBe(value);
    }
    expect(formatCsvCell("'-5")).toBe("'-5");
  });
});

describe("formatCsvRow", () => {
  it("joins cells and ends the line with \\n", () => {
    expect(formatCsvRow(["a", "b,c", "=1+1"])).toBe('a,"b,c",\'=1+1\n');
    expect(formatCsvRow(["a", "b"], ";")).toBe("a;b\n");
    expect(formatCsvRow(["", ""])).toBe(",\n");
  });

  it("quotes a lone empty or blank cell so that the row is not a blank line", () => {
    expect(formatCsvRow([""])).toBe('""\n');
    expect(formatCsvRow(["  "])).toBe('"  "\n');
    expect(formatCsvRow(["x"])).toBe("x\n");
  });
});

describe("unescapeSpreadsheetCell", () => {
  it("removes the prefix only where the writer adds it", () => {
    expect(unescapeSpreadsheetCell("'=SUM(A1)")).toBe("=SUM(A1)");
    expect(unescapeSpreadsheetCell("'-abc")).toBe("-abc");
    expect(unescapeSpreadsheetCell("'-5")).toBe("'-5");
    expect(unescapeSpreadsheetCell("'abc")).toBe("'abc");
    expect(unescapeSpreadsheetCell("''=x")).toBe("'=x");
    expect(unescapeSpreadsheetCell("'")).toBe("'");
    expect(unescapeSpreadsheetCell("")).toBe("");
  });

  it("inverts the prefix for every string", () => {
    const unit = fc.constantFrom("=", "+", "-", "@", "\t", "\r", "'", "1", ".", "e", "E", "a", " ");
    const value = fc.oneof(fc.string(), fc.string({ unit, maxLength: 8 }));
    fc.assert(
      fc.property(value, (v) => {
        // Without quoting: a delimiter that never occurs, then no quote/CR/LF present.
        const plain = v.replace(/["\r\n]/g, "");
        expect(unescapeSpreadsheetCell(formatCsvCell(plain, "\u0000"))).toBe(plain);
        const prefixed = formatCsvCell(v, "\u0000");
        if (!/["\r\n]/.test(prefixed)) expect(unescapeSpreadsheetCell(prefixed)).toBe(v);
      }),
      { numRuns: 2000 },
    );
  });
});
