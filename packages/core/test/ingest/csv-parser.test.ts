import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { type CsvParserOptions, createCsvParser } from "../../src/ingest/csv-parser.js";
import { formatCsvRow, unescapeSpreadsheetCell } from "../../src/release/csv-writer.js";
import { userError } from "../user-error.js";

const encoder = new TextEncoder();

interface Row {
  fields: string[];
  line: number;
}

/** Parses the input, pushed in chunks of the given sizes (cycled), or all at once. */
function parse(
  input: string | Uint8Array,
  options: Omit<CsvParserOptions, "onRow"> = {},
  chunkSizes: readonly number[] = [],
) {
  const rows: Row[] = [];
  const parser = createCsvParser({
    ...options,
    onRow: (fields, line) => rows.push({ fields, line }),
  });
  const bytes = typeof input === "string" ? encoder.encode(input) : input;
  if (chunkSizes.length === 0) parser.push(bytes);
  else {
    for (let at = 0, k = 0; at < bytes.length; k++) {
      const size = chunkSizes[k % chunkSizes.length]!;
      parser.push(bytes.subarray(at, at + size));
      at += size;
    }
  }
  parser.end();
  return { rows, fields: rows.map((r) => r.fields), lines: rows.map((r) => r.line), parser };
}

function utf16(text: string, bigEndian: boolean, bom = true): Uint8Array {
  const units = (bom ? "\uFEFF" : "") + text;
  const out = new Uint8Array(units.length * 2);
  for (let i = 0; i < units.length; i++) {
    const u = units.charCodeAt(i);
    out[2 * i + (bigEndian ? 1 : 0)] = u & 0xff;
    out[2 * i + (bigEndian ? 0 : 1)] = u >> 8;
  }
  return out;
}

function countBreaks(text: string): number {
  return (text.match(/\r\n|\r|\n/g) ?? []).length;
}

describe("delimiter", () => {
  it.each([
    ["a,b,c\n1,2,3\n", ","],
    ["a;b;c\n1;2;3\n", ";"],
    ["a\tb\tc\n1\t2\t3\n", "\t"],
    ["a|b|c\n1|2|3\n", "|"],
    ["single\nvalue\n", ","],
    ['"x,y";b;c\n1;2;3\n', ";"],
    ["a,b;c\n", ","],
    ["\n\n a;b\n", ";"],
  ])("detects it from the header line of %j", (text, expected) => {
    const { parser, fields } = parse(text);
    expect(parser.delimiter).toBe(expected);
    expect(fields[0]?.length).toBe(countOf(text, expected) + 1);
  });

  it("uses a tab for a .tsv file name, and the option over both", () => {
    expect(parse("a,b\tc\n", { fileName: "x.TSV" }).fields).toEqual([["a,b", "c"]]);
    expect(parse("a,b\tc\n", { fileName: "x.tsv", delimiter: "," }).fields).toEqual([
      ["a", "b\tc"],
    ]);
    expect(parse("a;b,c|d\n", { delimiter: "|" }).fields).toEqual([["a;b,c", "d"]]);
    expect(createCsvParser({ delimiter: ";", onRow: () => {} }).delimiter).toBe(";");
  });

  it("detects it when the header line arrives byte by byte", () => {
    const { fields, parser } = parse("a;b\n1;2\n", {}, [1]);
    expect(parser.delimiter).toBe(";");
    expect(fields).toEqual([
      ["a", "b"],
      ["1", "2"],
    ]);
  });

  it("refuses a delimiter that is not one safe character", () => {
    for (const delimiter of ["", ";;", '"', "\n"]) {
      expect(userError(() => createCsvParser({ delimiter, onRow: () => {} })).code).toBe(
        "invalid-option",
      );
    }
  });
});

function countOf(text: string, delimiter: string): number {
  const header = text.split("\n").find((l) => l.trim() !== "") ?? "";
  return header.replace(/"[^"]*"/g, "").split(delimiter).length - 1;
}

describe("rows", () => {
  it("skips a UTF-8 BOM", () => {
    const bytes = new Uint8Array([0xef, 0xbb, 0xbf, ...encoder.encode("a,b\n1,2")]);
    expect(parse(bytes).fields).toEqual([
      ["a", "b"],
      ["1", "2"],
    ]);
    expect(parse(bytes, {}, [1]).fields[0]).toEqual(["a", "b"]);
  });

  it("ends rows at LF, CRLF and a lone CR, with physical line numbers", () => {
    const text = "h1,h2\r\na,b\nc,d\re,f\r\n\r\ng,h";
    for (const sizes of [[], [1], [2], [3], [5]]) {
      const { fields, lines } = parse(text, {}, sizes);
      expect(fields).toEqual([
        ["h1", "h2"],
        ["a", "b"],
        ["c", "d"],
        ["e", "f"],
        ["g", "h"],
      ]);
      expect(lines).toEqual([1, 2, 3, 4, 6]);
    }
  });

  it("reads quoted fields with delimiters, doubled quotes and embedded newlines", () => {
    const text = 'a,b,c\n"x,y","say ""hi""","two\nlines"\n"3\r\nlines\r\n",,z\nlast,"",""\n';
    for (const sizes of [[], [1], [2], [7]]) {
      const { fields, lines } = parse(text, {}, sizes);
      expect(fields).toEqual([
        ["a", "b", "c"],
        ["x,y", 'say "hi"', "two\nlines"],
        ["3\r\nlines\r\n", "", "z"],
        ["last", "", ""],
      ]);
      expect(lines).toEqual([1, 2, 4, 7]);
    }
  });

  it("is lenient after a closing quote and with quotes inside unquoted fields", () => {
    expect(parse('"ab"c,d\na"b,e"\n').fields).toEqual([
      ["abc", "d"],
      ['a"b', 'e"'],
    ]);
  });

  it("skips blank lines but keeps empty fields, quoted empties and untrimmed cells", () => {
    const { fields, lines } = parse('a,b\n\n  \n\t\n1, 2 \n,\n""\n  \n');
    expect(fields).toEqual([["a", "b"], ["1", " 2 "], ["", ""], [""]]);
    expect(lines).toEqual([1, 5, 6, 7]);
  });

  it("flushes a last row without a line break, including a trailing delimiter", () => {
    expect(parse("a,b\nc,").fields).toEqual([
      ["a", "b"],
      ["c", ""],
    ]);
    expect(parse('a,b\n"c"').fields).toEqual([["a", "b"], ["c"]]);
  });

  it("emits no rows for empty input", () => {
    expect(parse("").rows).toEqual([]);
    expect(parse(new Uint8Array([0xef, 0xbb, 0xbf])).rows).toEqual([]);
    expect(parse("\n\r\n  \n").rows).toEqual([]);
    expect(parse(new Uint8Array([0xff, 0xfe])).rows).toEqual([]);
  });

  it("hands each row a new array", () => {
    const seen: string[][] = [];
    const parser = createCsvParser({ onRow: (fields) => seen.push(fields) });
    parser.push(encoder.encode("a,b\nc,d\n"));
    parser.end();
    expect(seen[0]).not.toBe(seen[1]);
    expect(seen).toEqual([
      ["a", "b"],
      ["c", "d"],
    ]);
  });
});

describe("errors", () => {
  it("reports an unterminated quote with the line where it starts", () => {
    const error = userError(() => parse('a,b\n1,2\n3,"open\n4,5\n', { fileName: "cases.csv" }));
    expect(error.code).toBe("unterminated-quote");
    expect(error.message).toBe("A quoted field that starts on line 3 is never closed.");
    expect(error.location).toEqual({ file: "cases.csv", line: 3 });
    expect(error.hint).toContain('"');
  });

  it("refuses binary files", () => {
    const zip = new Uint8Array([0x50, 0x4b, 0x03, 0x04, 0x14, 0x00, 0x06, 0x00, 0x08, 0x00]);
    const error = userError(() => parse(zip, { fileName: "cases.xlsx" }));
    expect(error.code).toBe("binary-file");
    expect(error.message).toContain("cases.xlsx looks like a binary file, not a CSV text file");
    expect(error.hint).toBe("Export the data as CSV (comma- or tab-separated text) and try again.");
    const controls = new Uint8Array(400).map((_, i) => (i % 3 === 0 ? 1 + (i % 7) : 65));
    expect(userError(() => parse(controls)).code).toBe("binary-file");
  });

  it("refuses a NUL character after the first 8 KiB, naming its line and column", () => {
    const prefix = "name,value\n".repeat(1000); // past the 8 KiB sniffed at once
    const text = `${prefix}x,ok\ny,ab\u0000c\nz,1\n`;
    for (const sizes of [[], [1], [100], [4096], [9000]]) {
      const error = userError(() => parse(text, { fileName: "in.csv" }, sizes));
      expect(error.code).toBe("binary-file");
      expect(error.message).toBe(
        'in.csv has a NUL character (a zero byte) on line 1002, in column "value": a CSV text file never holds one.',
      );
      expect(error.location).toEqual({ file: "in.csv", line: 1002, column: "value" });
      expect(error.hint).toContain("Export the data as CSV");
    }
  });

  it("refuses a NUL character in a quoted field or in a long header, by field number", () => {
    const prefix = "name,value\n".repeat(1000);
    const quoted = userError(() => parse(`${prefix}"multi\nline",x\u0000\n`));
    expect(quoted.location).toEqual({ line: 1002, column: "value" });
    expect(quoted.message).toContain("The input has a NUL character");
    const header = `${"c,".repeat(5000)}d\u0000\n1\n`;
    const inHeader = userError(() => parse(header));
    expect(inHeader.location).toEqual({ line: 1, column: "5001" });
    expect(inHeader.message).toContain("on line 1, in field 5001 of the header");
  });

  it("refuses a header of more than 16,384 columns before handing it on", () => {
    const header = Array.from({ length: 100_000 }, (_, i) => `c${i}`).join(",");
    const rows: string[][] = [];
    const parser = createCsvParser({ fileName: "wide.csv", onRow: (f) => rows.push(f) });
    const error = userError(() => {
      parser.push(encoder.encode(`${header}\n1\n`));
      parser.end();
    });
    expect(error.code).toBe("too-many-columns");
    expect(error.message).toBe(
      "The header of wide.csv has more than 16,384 columns; CommonGround reads at most 16,384.",
    );
    expect(error.location).toEqual({ file: "wide.csv", line: 1 });
    expect(error.hint).toContain("delimiter");
    expect(rows).toEqual([]);
  });

  it("refuses a wide header while it is still arriving, with a given delimiter", () => {
    const bytes = encoder.encode(Array.from({ length: 100_000 }, (_, i) => `c${i}`).join(","));
    const parser = createCsvParser({ delimiter: ",", onRow: () => {} });
    let pushed = 0;
    const error = userError(() => {
      for (; pushed < bytes.length; pushed += 4096)
        parser.push(bytes.subarray(pushed, pushed + 4096));
      parser.end();
    });
    expect(error.code).toBe("too-many-columns");
    // Column 16,385 starts near byte 16,384 × 7: refused within a chunk of it.
    expect(pushed).toBeLessThan(16_385 * 7 + 4096);
  });

  it("accepts 16,384 columns, and refuses a longer data row by its line", () => {
    const names = Array.from({ length: 16_384 }, (_, i) => `c${i}`).join(",");
    expect(parse(`${names}\n${"1,".repeat(16_383)}1\n`).fields[0]).toHaveLength(16_384);
    const error = userError(() =>
      parse(`a,b\n1,2\n${"1,".repeat(20_000)}\n`, { fileName: "x.csv" }),
    );
    expect(error.code).toBe("too-many-columns");
    expect(error.message).toBe(
      "Line 3 of x.csv has more than 16,384 fields; CommonGround reads at most 16,384 columns.",
    );
    expect(error.location).toEqual({ file: "x.csv", line: 3 });
  });

  it("refuses invalid UTF-8 naming the line", () => {
    const prefix = "name,value\n".repeat(1000); // past the 8 KiB sniffed at once
    const bytes = new Uint8Array([...encoder.encode(`${prefix}x,ok\ny,caf`), 0xe9, 0x0a]);
    for (const sizes of [[], [1], [100], [4096]]) {
      const error = userError(() => parse(bytes, { fileName: "in.csv" }, sizes));
      expect(error.code).toBe("bad-encoding");
      expect(error.message).toContain("not valid UTF-8");
      expect(error.message).toContain("line 1002");
      expect(error.location).toEqual({ file: "in.csv", line: 1002 });
      expect(error.hint).toBe(
        "Save the file as UTF-8 (in Excel: Save As → CSV UTF-8) and try again.",
      );
    }
    expect(userError(() => parse(new Uint8Array([0x61, 0x0a, 0xe6, 0x97]))).location.line).toBe(2);
  });
});

describe("UTF-16", () => {
  const text = "név;城市;emoji\r\nÉva;東京;😀\r\n";
  const expected = [
    ["név", "城市", "emoji"],
    ["Éva", "東京", "😀"],
  ];

  it.each([
    ["utf-16le", true],
    ["utf-16be", true],
    ["utf-16le", false],
    ["utf-16be", false],
  ])("decodes %s (BOM: %s)", (encoding, bom) => {
    for (const sizes of [[], [1], [3]]) {
      const bytes = utf16(text, encoding === "utf-16be", bom);
      const { fields, parser } = parse(bytes, {}, sizes);
      expect(parser.encoding).toBe(encoding);
      expect(parser.delimiter).toBe(";");
      expect(fields).toEqual(expected);
    }
  });
});

const cellUnit = fc.constantFrom(
  ...["a", "b", "Z", "0", "1", " ", '"', ",", ";", "\t", "|", "\n", "\r", "\r\n"],
  ...["é", "漢", "😀", "=", "+", "-", "@", "'", ".", "e"],
);

describe("chunk-boundary independence", () => {
  it("gives back exactly the rows written by formatCsvRow, however the bytes are split", () => {
    const table = fc.integer({ min: 1, max: 4 }).chain((columns) =>
      fc.array(
        fc.array(fc.string({ unit: cellUnit, maxLength: 6 }), {
          minLength: columns,
          maxLength: columns,
        }),
        {
          minLength: 1,
          maxLength: 8,
        },
      ),
    );
    fc.assert(
      fc.property(
        table,
        fc.constantFrom(",", ";", "\t", "|"),
        fc.array(fc.integer({ min: 1, max: 9 }), { minLength: 1, maxLength: 5 }),
        fc.boolean(),
        (rows, delimiter, sizes, bom) => {
          const texts = rows.map((r) => formatCsvRow(r, delimiter));
          const body = encoder.encode(texts.join(""));
          const bytes = bom ? new Uint8Array([0xef, 0xbb, 0xbf, ...body]) : body;
          const parsed = parse(bytes, { delimiter }, sizes);
          expect(parsed.fields.map((r) => r.map(unescapeSpreadsheetCell))).toEqual(rows);
          let line = 1;
          const expectedLines = texts.map((t) => {
            const at = line;
            line += countBreaks(t);
            return at;
          });
          expect(parsed.lines).toEqual(expectedLines);
        },
      ),
      { numRuns: 500 },
    );
  });

  it("parses 200k rows", () => {
    const rows: string[] = ["id,age,sex,region,note"];
    for (let i = 0; i < 200_000; i++)
      rows.push(`${i},${i % 90},${i % 2 ? "F" : "M"},r${i % 17},"n ${i}"`);
    const bytes = encoder.encode(`${rows.join("\r\n")}\r\n`);
    let count = 0;
    let lastLine = 0;
    let lastNote = "";
    const parser = createCsvParser({
      onRow: (fields, line) => {
        count++;
        lastLine = line;
        lastNote = fields[4]!;
      },
    });
    for (let at = 0; at < bytes.length; at += 65536) parser.push(bytes.subarray(at, at + 65536));
    parser.end();
    expect(count).toBe(200_001);
    expect(lastLine).toBe(200_001);
    expect(lastNote).toBe("n 199999");
  });
});
