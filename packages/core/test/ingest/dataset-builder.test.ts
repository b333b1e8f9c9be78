import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  type Dataset,
  describeAttribute,
  type IngestOptions,
  readDataset,
  readDatasetFromText,
  UserError,
} from "../../src/internal.js";
import { userError } from "../user-error.js";

const read = readDatasetFromText;

async function userErrorAsync(run: () => Promise<unknown>): Promise<UserError> {
  try {
    await run();
  } catch (error) {
    if (error instanceof UserError) return error;
    throw error;
  }
  throw new Error("expected a UserError");
}

/** Each record as a list of `column=value`, in attribute id order. */
function records(data: Dataset): string[][] {
  const out: string[][] = [];
  for (let r = 0; r < data.recordCount; r++) {
    const attributes: string[] = [];
    for (let i = data.recordOffsets[r]!; i < data.recordOffsets[r + 1]!; i++) {
      const { column, value } = describeAttribute(data, data.recordAttributes[i]!);
      attributes.push(`${column.name}=${value}`);
    }
    out.push(attributes);
  }
  return out;
}

const names = (data: Dataset) => data.columns.map((c) => c.name);
const valuesOf = (data: Dataset, name: string) => data.columns.find((c) => c.name === name)!.values;

/** A CSV line with every field quoted. */
const csvLine = (cells: readonly string[]) =>
  `${cells.map((c) => `"${c.replaceAll('"', '""')}"`).join(",")}\n`;

/** The structural invariants of every Dataset (types.ts). */
function checkInvariants(data: Dataset): void {
  let next = 0;
  data.columns.forEach((column, j) => {
    expect(column.firstAttribute).toBe(next);
    expect(column.values).toEqual([...new Set(column.values)].sort());
    for (let i = 0; i < column.values.length; i++) expect(data.attributeColumn[next + i]).toBe(j);
    next += column.values.length;
  });
  expect(data.attributeColumn.length).toBe(next);
  expect(data.recordOffsets.length).toBe(data.recordCount + 1);
  expect(data.recordOffsets[0]).toBe(0);
  expect(data.recordOffsets[data.recordCount]).toBe(data.recordAttributes.length);
  const seenPerColumn = data.columns.map(() => 0);
  for (let r = 0; r < data.recordCount; r++) {
    const from = data.recordOffsets[r]!;
    const to = data.recordOffsets[r + 1]!;
    expect(to).toBeGreaterThanOrEqual(from);
    const columnsHere = new Set<number>();
    for (let i = from; i < to; i++) {
      const id = data.recordAttributes[i]!;
      expect(id).toBeLessThan(next);
      if (i > from) expect(id).toBeGreaterThan(data.recordAttributes[i - 1]!);
      const j = data.attributeColumn[id]!;
      if (data.columns[j]!.kind === "single") expect(columnsHere.has(j)).toBe(false);
      columnsHere.add(j);
    }
    for (const j of columnsHere) seenPerColumn[j]!++;
  }
  data.columns.forEach((column, j) => {
    expect(column.missingRecords).toBe(data.recordCount - seenPerColumn[j]!);
  });
}

describe("column selection", () => {
  const text = "id,b,a,c\n1,x,y,z\n2,x,y,w\n";

  it("defaults to file order", () => {
    expect(names(read(text))).toEqual(["id", "b", "a", "c"]);
  });

  it("leaves the subject ID out of the default selection", () => {
    const data = read(text, { subjectId: "id" });
    expect(names(data)).toEqual(["b", "a", "c"]);
    expect(
      records(data)
        .flat()
        .some((a) => a.startsWith("id=")),
    ).toBe(false);
  });

  it("respects the order of `columns`", () => {
    const data = read(text, { columns: ["c", "a"] });
    expect(names(data)).toEqual(["c", "a"]);
    expect(records(data)).toEqual([
      ["c=z", "a=y"],
      ["c=w", "a=y"],
    ]);
  });

  it("trims header names and selected names", () => {
    const data = read(" id ,\tb , a ,c\n1,x,y,z\n", { columns: [" a", "b "], subjectId: "id " });
    expect(names(data)).toEqual(["a", "b"]);
  });

  it.each<[string, IngestOptions]>([
    ["--columns", { columns: ["a", "nope"] }],
    ["--subject-id", { subjectId: "nope" }],
    ["--multi-value", { multiValue: { nope: ";" } }],
    ["--bin", { bins: { nope: "width:10" } }],
    ["missingByColumn", { missingByColumn: { nope: ["NA"] } }],
  ])("refuses an unknown column in %s, listing the columns", (flag, options) => {
    const error = userError(() => read(text, { fileName: "cases.csv", ...options }));
    expect(error.code).toBe("unknown-column");
    expect(error.message).toBe(`${flag} names the column "nope", which is not in the file.`);
    expect(error.location).toEqual({ file: "cases.csv", line: 1, column: "nope" });
    expect(error.hint).toBe("The columns are: id, b, a, c.");
  });

  it("refuses duplicate header names", () => {
    const error = userError(() => read("a,b,a\n1,2,3\n", { fileName: "cases.csv" }));
    expect(error.code).toBe("duplicate-column");
    expect(error.message).toBe('The header has two columns named "a": columns 1 and 3.');
    expect(error.location).toEqual({ file: "cases.csv", line: 1, column: "a" });
  });

  it("refuses header names that are equal after trimming", () => {
    const error = userError(() => read("a, a\n1,2\n"));
    expect(error.code).toBe("duplicate-column");
    expect(error.message).toContain("after trimming");
    expect(error.message).toContain("columns 1 and 2");
  });

  it("checks the header even when the columns are not selected", () => {
    expect(userError(() => read("a,b,b\n1,2,3\n", { columns: ["a"] })).code).toBe(
      "duplicate-column",
    );
  });

  it("leaves an unnamed column out of the default selection, with a warning", () => {
    const data = read(",a, ,b\n1,x,2,y\n2,x,3,z\n");
    expect(names(data)).toEqual(["a", "b"]);
    expect(records(data)).toEqual([
      ["a=x", "b=y"],
      ["a=x", "b=z"],
    ]);
    const messages = data.warnings.map((w) => w.message);
    expect(messages).toEqual([
      "Column 1 has no name in the header and is left out.",
      "Column 3 has no name in the header and is left out.",
    ]);
  });

  it("refuses an unnamed column when it is selected", () => {
    const cases: [string, IngestOptions][] = [
      ["--columns", { columns: ["a", ""] }],
      ["--subject-id", { subjectId: " " }],
    ];
    for (const [flag, options] of cases) {
      const error = userError(() => read(",a,\n1,x,2\n", { fileName: "cases.csv", ...options }));
      expect(error.code).toBe("unnamed-column");
      expect(error.message).toBe(
        `${flag} names a column with no name; only columns named in the header can be used.`,
      );
      expect(error.location).toEqual({ file: "cases.csv", line: 1 });
      expect(error.hint).toContain("(unnamed: column 1, column 3)");
    }
  });

  it("allows several unnamed columns", () => {
    expect(names(read(",a,\n1,x,2\n"))).toEqual(["a"]);
  });

  it("refuses a column selected twice", () => {
    for (const columns of [
      ["a", "b", "a"],
      ["a", " a"],
    ]) {
      const error = userError(() => read(text, { columns }));
      expect(error.code).toBe("invalid-option");
      expect(error.message).toBe('--columns lists "a" twice.');
    }
  });

  it("refuses the subject ID among the selected columns", () => {
    const error = userError(() => read(text, { subjectId: "id", columns: ["a", "id"] }));
    expect(error.code).toBe("invalid-option");
    expect(error.message).toContain('"id"');
    expect(error.message).toContain("never published");
  });

  it("refuses a selection with no columns left", () => {
    expect(userError(() => read("id\n1\n", { subjectId: "id" })).code).toBe("invalid-option");
    expect(userError(() => read(text, { columns: [] })).code).toBe("invalid-option");
  });

  it("handles columns named like Object.prototype members", () => {
    const data = read("constructor,toString,__proto__,g\n1,2,3,a;b\n", {
      multiValue: { g: ";" },
      bins: {},
      missingByColumn: {},
    });
    expect(names(data)).toEqual(["constructor", "toString", "__proto__", "g"]);
    expect(data.columns.map((c) => c.kind)).toEqual(["single", "single", "single", "multi"]);
    expect(records(data)).toEqual([["constructor=1", "toString=2", "__proto__=3", "g=a", "g=b"]]);
  });

  it("applies per-column options given with surrounding spaces", () => {
    const data = read("a,b,c\nx;y,1,NA\n", {
      multiValue: { " a": ";" },
      bins: { "b ": "edges:5" },
      missingByColumn: { " c ": ["NA"] },
    });
    expect(data.columns.map((c) => c.kind)).toEqual(["multi", "single", "single"]);
    expect(records(data)).toEqual([["a=x", "a=y", "b=<5"]]);
  });
});

describe("cells and missing values", () => {
  it("trims cells", () => {
    expect(records(read("a,b\n  x ,\ty\n x,y \n"))).toEqual([
      ["a=x", "b=y"],
      ["a=x", "b=y"],
    ]);
  });

  it("keeps inner spaces, case and any character in values", () => {
    const data = read('a\n"New  York"\nnew york\n"a,b ""c"""\n=1+1\n');
    expect(valuesOf(data, "a")).toEqual(["=1+1", "New  York", 'a,b "c"', "new york"]);
  });

  it("treats empty cells as missing", () => {
    const data = read("a,b\nx,\n,y\n");
    expect(records(data)).toEqual([["a=x"], ["b=y"]]);
    expect(data.columns.map((c) => c.missingRecords)).toEqual([1, 1]);
  });

  it("applies global missing tokens to every column", () => {
    const data = read("a,b\nNA,x\ny, NA \nNAN,z\n", { missing: ["NA"] });
    expect(records(data)).toEqual([["b=x"], ["a=y"], ["a=NAN", "b=z"]]);
  });

  it("trims the missing tokens themselves", () => {
    expect(records(read("a\n-99\n1\n", { missing: [" -99 "] }))).toEqual([[], ["a=1"]]);
  });

  it("applies per-column missing tokens to that column only, besides the global ones", () => {
    const data = read("a,b\n-99,-99\nNA,NA\nx,y\n", {
      missing: ["NA"],
      missingByColumn: { b: ["-99"] },
    });
    expect(records(data)).toEqual([["a=-99"], [], ["a=x", "b=y"]]);
  });

  it("counts a row with every cell missing as a record without attributes", () => {
    const data = read("a,b\nx,y\n,\nNA, \n", { missing: ["NA"] });
    expect(data.recordCount).toBe(3);
    expect(data.rowsRead).toBe(3);
    expect(records(data)).toEqual([["a=x", "b=y"], [], []]);
    expect(data.columns.map((c) => c.missingRecords)).toEqual([2, 2]);
    checkInvariants(data);
  });

  it("refuses a file where every cell is missing", () => {
    const error = userError(() =>
      read("a,b\n,\nNA,\n", { missing: ["NA"], fileName: "cases.csv" }),
    );
    expect(error.code).toBe("all-missing");
    expect(error.message).toContain("cases.csv");
    expect(error.location).toEqual({ file: "cases.csv" });
  });

  it("refuses a file whose selected columns are all missing", () => {
    expect(userError(() => read("a,b\nx,\ny,\n", { columns: ["b"] })).code).toBe("all-missing");
  });

  it("refuses a header without data rows", () => {
    for (const text of ["a,b\n", "a,b", "a,b\n\n  \n"]) {
      const error = userError(() => read(text, { fileName: "cases.csv" }));
      expect(error.code).toBe("no-data-rows");
      expect(error.message).toBe("cases.csv has a header line but no data rows.");
    }
  });

  it("refuses an empty file", () => {
    for (const text of ["", "\n\n", "  \r\n\t\n", "\uFEFF"]) {
      const error = userError(() => read(text, { fileName: "cases.csv" }));
      expect(error.code).toBe("empty-file");
      expect(error.location).toEqual({ file: "cases.csv" });
    }
    expect(userError(() => read("")).message).toContain("The input is empty");
  });

  it("reads a table of one row", () => {
    const data = read("a,b\nx,y");
    expect(data.recordCount).toBe(1);
    expect(data.rowsRead).toBe(1);
    expect(records(data)).toEqual([["a=x", "b=y"]]);
    expect(data.warnings).toEqual([]);
    checkInvariants(data);
  });

  it("reads a column with one value", () => {
    const data = read("a,b\nx,1\nx,2\nx,3\n");
    expect(valuesOf(data, "a")).toEqual(["x"]);
    expect(records(data).every((r) => r[0] === "a=x")).toBe(true);
  });

  it("reads a table where all rows are unique", () => {
    const rows = Array.from({ length: 30 }, (_, i) => `r${i},${i % 2}\n`).join("");
    // Kept although identifier-like (left out by default: identifier-columns.test.ts).
    const data = read(`id,g\n${rows}`, { keepIdentifiers: ["id"] });
    expect(data.recordCount).toBe(30);
    expect(valuesOf(data, "id")).toHaveLength(30);
    expect(new Set(records(data).map((r) => r.join("|"))).size).toBe(30);
    checkInvariants(data);
  });
});

describe("attribute ids", () => {
  it("orders each column's values in JavaScript's default string order", () => {
    const data = read("v,w\nb,2\nB,10\na,9\n10,x\n9,\né,\n");
    expect(valuesOf(data, "v")).toEqual(["10", "9", "B", "a", "b", "é"]);
    expect(valuesOf(data, "w")).toEqual(["10", "2", "9", "x"]);
    expect(data.columns.map((c) => c.firstAttribute)).toEqual([0, 6]);
    expect([...data.attributeColumn]).toEqual([0, 0, 0, 0, 0, 0, 1, 1, 1, 1]);
    expect([...data.recordAttributes.subarray(0, 2)]).toEqual([4, 7]);
  });

  it("does not depend on row order", () => {
    const rows = ["b,2", "B,10", "a,9", "10,x"];
    const forward = read(`v,w\n${rows.join("\n")}\n`);
    const backward = read(`v,w\n${[...rows].reverse().join("\n")}\n`);
    expect(backward.columns).toEqual(forward.columns);
    expect(records(backward)).toEqual(records(forward).reverse());
  });

  const cell = fc.constantFrom("", " ", "a", "A", "b", " a ", "NA", "10", "9", "é", "x;y", "y; x;");
  const table = fc
    .record({ width: fc.integer({ min: 1, max: 4 }), height: fc.integer({ min: 1, max: 25 }) })
    .chain(({ width, height }) =>
      fc.record({
        rows: fc.array(fc.array(cell, { minLength: width, maxLength: width }), {
          minLength: height,
          maxLength: height,
        }),
        multi: fc.array(fc.boolean(), { minLength: width, maxLength: width }),
        missingNA: fc.boolean(),
      }),
    );

  it("are dense, sorted per column and ascending in every record (random tables)", () => {
    fc.assert(
      fc.property(table, ({ rows, multi, missingNA }) => {
        const header = rows[0]!.map((_, j) => `c${j}`);
        const text = csvLine(header) + rows.map(csvLine).join("");
        const options: IngestOptions = { multiValue: {} };
        header.forEach((h, j) => {
          if (multi[j]) options.multiValue![h] = ";";
        });
        if (missingNA) options.missing = ["NA"];
        const isMissing = (v: string) => v === "" || (missingNA && v === "NA");
        // The model: each row's attributes, by the rules of docs/design.md §2.
        const expected = rows.map((row) =>
          row.flatMap((raw, j) => {
            const parts = multi[j] ? raw.split(";") : [raw];
            const values = [...new Set(parts.map((p) => p.trim()).filter((v) => !isMissing(v)))];
            return values.map((v) => `c${j}=${v}`);
          }),
        );
        if (expected.every((r) => r.length === 0)) {
          expect(userError(() => read(text, options)).code).toBe("all-missing");
          return;
        }
        const data = read(text, options);
        checkInvariants(data);
        expect(data.recordCount).toBe(rows.length);
        expect(records(data).map((r) => [...r].sort())).toEqual(expected.map((r) => r.sort()));
      }),
      { numRuns: 300 },
    );
  });
});

describe("multi-value columns", () => {
  it("splits, trims and collapses duplicates", () => {
    const data = read('t,g\n"a; b;a",f\n', { multiValue: { t: ";" } });
    expect(records(data)).toEqual([["t=a", "t=b", "g=f"]]);
    expect(data.columns[0]).toMatchObject({ name: "t", kind: "multi", delimiter: ";" });
    expect(data.columns[1]).toMatchObject({ name: "g", kind: "single" });
    expect(data.columns[1]!.delimiter).toBeUndefined();
  });

  it("drops empty parts and missing-token parts", () => {
    const data = read("t\na;;b;\n;NA; c\nNA\n;\n", { multiValue: { t: ";" }, missing: ["NA"] });
    expect(records(data)).toEqual([["t=a", "t=b"], ["t=c"], [], []]);
    expect(data.columns[0]!.missingRecords).toBe(2);
  });

  it("splits on a delimiter that is also the file's, inside quotes", () => {
    const data = read('t;g\n"x;y";1\n', { multiValue: { t: ";" } });
    expect(records(data)).toEqual([["t=x", "t=y", "g=1"]]);
  });

  it("supports multi-character delimiters", () => {
    expect(records(read("t\nx / y/z\n", { multiValue: { t: " / " } }))).toEqual([["t=x", "t=y/z"]]);
  });

  it("refuses an empty delimiter and a column both multi-value and binned", () => {
    expect(userError(() => read("t\n1\n", { multiValue: { t: "" } })).code).toBe("invalid-option");
    const error = userError(() =>
      read("t\n1\n", { multiValue: { t: ";" }, bins: { t: "width:10" } }),
    );
    expect(error.code).toBe("invalid-option");
    expect(error.message).toContain('"t"');
  });
});

describe("subject IDs", () => {
  it("merges rows whose IDs match trimmed and case-insensitively", () => {
    const data = read("id,g\nS1,f\n s1 ,f\nS2,m\n", { subjectId: "id" });
    expect(data.rowsRead).toBe(3);
    expect(data.recordCount).toBe(2);
    expect(records(data)).toEqual([["g=f"], ["g=m"]]);
  });

  it("keeps records in order of each subject's first row", () => {
    const data = read("id,g\nB,1\nA,2\nb,\n", { subjectId: "id" });
    expect(records(data)).toEqual([["g=1"], ["g=2"]]);
  });

  it("fills a missing cell from another row of the subject, in either order", () => {
    const data = read("id,g,a\nS1,,30\nS1,f,\nS1,,30\n", { subjectId: "id" });
    expect(data.recordCount).toBe(1);
    expect(records(data)).toEqual([["g=f", "a=30"]]);
    expect(data.columns.map((c) => c.missingRecords)).toEqual([0, 0]);
  });

  it("keeps a subject's column missing when every row misses it", () => {
    const data = read("id,g,a\nS1,,1\ns1,NA,1\nS2,f,2\n", { subjectId: "id", missing: ["NA"] });
    expect(records(data)).toEqual([["a=1"], ["g=f", "a=2"]]);
    expect(data.columns[0]!.missingRecords).toBe(1);
  });

  it("refuses disagreeing single-value columns, naming the column and the lines", () => {
    const error = userError(() =>
      read("id,g,a\nS1,f,30\nS2,m,40\ns1,m,30\n", { subjectId: "id", fileName: "cases.csv" }),
    );
    expect(error.code).toBe("subject-id-conflict");
    expect(error.message).toBe(
      'Line 4: the rows of subject "s1" (first on line 2) disagree in "g" (f vs m).',
    );
    expect(error.location).toEqual({ file: "cases.csv", line: 4, column: "id" });
    expect(error.hint).toContain("that column multi-value");
  });

  it("names every disagreeing column", () => {
    const error = userError(() => read("id,g,a\nS1,f,30\nS1,m,31\n", { subjectId: "id" }));
    expect(error.message).toContain('"g" (f vs m), "a" (30 vs 31)');
    expect(error.hint).toContain("those columns multi-value");
    expect(error.location.line).toBe(3);
  });

  it("reports the physical line after a multi-line quoted field", () => {
    const error = userError(() =>
      read('id,note,g\nS1,"two\nlines",f\nS1,x,m\n', { subjectId: "id", columns: ["g"] }),
    );
    expect(error.code).toBe("subject-id-conflict");
    expect(error.location.line).toBe(4);
    expect(error.message).toContain("first on line 2");
  });

  it("compares values exactly (after trimming)", () => {
    expect(records(read("id,g\nS1, f\nS1,f \n", { subjectId: "id" }))).toEqual([["g=f"]]);
    expect(userError(() => read("id,g\nS1,f\nS1,F\n", { subjectId: "id" })).code).toBe(
      "subject-id-conflict",
    );
  });

  it("takes the union of multi-value columns", () => {
    const data = read('id,t,g\nS1,"a;b",f\nS2,c,m\ns1,"b;c",\nS1,,f\n', {
      subjectId: "id",
      multiValue: { t: ";" },
    });
    expect(data.rowsRead).toBe(4);
    expect(data.recordCount).toBe(2);
    expect(records(data)).toEqual([
      ["t=a", "t=b", "t=c", "g=f"],
      ["t=c", "g=m"],
    ]);
    checkInvariants(data);
  });

  it("refuses an empty subject ID, naming the line", () => {
    for (const cell of ["", "  ", '""']) {
      const error = userError(() =>
        read(`id,g\nS1,f\n${cell},m\n`, { subjectId: "id", fileName: "cases.csv" }),
      );
      expect(error.code).toBe("empty-subject-id");
      expect(error.message).toBe('Line 3 has no subject ID in column "id".');
      expect(error.location).toEqual({ file: "cases.csv", line: 3, column: "id" });
    }
  });

  it("refuses a subject ID equal to a missing token instead of merging those rows", () => {
    for (const options of [{ missing: ["NA"] }, { missingByColumn: { id: ["NA"] } }]) {
      const error = userError(() =>
        read("id,g\nS1,f\nNA,m\nNA,f\n", { subjectId: "id", ...options }),
      );
      expect(error.code).toBe("empty-subject-id");
      expect(error.location.line).toBe(3);
      expect(error.message).toBe(
        'Line 3 has no subject ID in column "id": "NA" is a missing token.',
      );
    }
    const other = read("id,g\nNA,f\nna,NA\n", { subjectId: "id", missingByColumn: { g: ["NA"] } });
    expect(other.recordCount).toBe(1);
  });

  it("merges a binned column's numbers, refusing different numbers in one bin", () => {
    const options = { subjectId: "id", bins: { age: "edges:18,65" } };
    const data = read("id,age\nS1,30\nS1,30.0\nS1,\nS2,70\n", options);
    expect(records(data)).toEqual([["age=18-64"], ["age=65+"]]);
    const error = userError(() => read("id,age\nS1,30\nS2,70\ns1,31\n", options));
    expect(error.code).toBe("subject-id-conflict");
    expect(error.message).toContain('"age" (30 vs 31)');
    expect(error.location.line).toBe(4);
  });

  it("merges every row of a file into one subject", () => {
    const data = read("id,t\nA,x\na,y\n A,z\n", { subjectId: "id", multiValue: { t: ";" } });
    expect(data.recordCount).toBe(1);
    expect(data.rowsRead).toBe(3);
    expect(records(data)).toEqual([["t=x", "t=y", "t=z"]]);
  });
});

describe("ragged rows", () => {
  it.each([
    ["a,b\n1,2\n3,4,5\n", 3, "Line 3 has 3 fields but the header has 2."],
    ["a,b\n1,2\n3\n", 3, "Line 3 has 1 field but the header has 2."],
    ["a,b\n\n\n1,2\n3\n", 5, "Line 5 has 1 field but the header has 2."],
    ["a,b\r\n1,2\r\n3,4,\r\n", 3, "Line 3 has 3 fields but the header has 2."],
    ['a,b\n"x\ny",2\n"p\r\nq\r\nr",4\n3\n', 7, "Line 7 has 1 field but the header has 2."],
  ])("refuses %j naming line %i", (text, line, message) => {
    const error = userError(() => read(text, { fileName: "cases.csv" }));
    expect(error.code).toBe("ragged-row");
    expect(error.message).toBe(message);
    expect(error.location).toEqual({ file: "cases.csv", line });
  });

  it("reports the line where a ragged multi-line row starts", () => {
    const error = userError(() => read('a,b\n1,2\n"x\ny"\n'));
    expect(error.location.line).toBe(3);
  });
});

describe("record limit", () => {
  const text = "id,g\nS1,a\ns1,a\nS2,b\nS3,c\nS4,d\n";

  it("reads only the first N data rows", () => {
    const data = read(text, { recordLimit: 2 });
    expect(data.rowsRead).toBe(2);
    expect(data.recordCount).toBe(2);
    expect(valuesOf(data, "id")).toEqual(["S1", "s1"]);
  });

  it("counts rows before subject merging", () => {
    const data = read(text, { recordLimit: 3, subjectId: "id" });
    expect(data.rowsRead).toBe(3);
    expect(data.recordCount).toBe(2);
  });

  it("reads everything when the limit is larger than the file", () => {
    expect(read(text, { recordLimit: 100 }).rowsRead).toBe(5);
    expect(read(text, { recordLimit: 5 }).rowsRead).toBe(5);
  });

  it("does not look at the rows after the limit", () => {
    const broken = 'a\n1\n2\n3,4\n"never closed\n';
    expect(read(broken, { recordLimit: 2 }).rowsRead).toBe(2);
    expect(userError(() => read(broken, { recordLimit: 3 })).code).toBe("ragged-row");
  });

  it("stops pulling from the source", async () => {
    let pulled = 0;
    let closed = false;
    async function* endless() {
      try {
        yield new TextEncoder().encode("n,g\n");
        for (let i = 0; ; i++) {
          const row = new TextEncoder().encode(`${i},${i % 3}\n`);
          pulled += row.length;
          yield row;
        }
      } finally {
        closed = true;
      }
    }
    const data = await readDataset(endless(), { recordLimit: 10 });
    expect(data.rowsRead).toBe(10);
    // The parser holds the first 8 KiB to sniff the encoding, then stops at row 11.
    expect(pulled).toBeLessThan(8192 + 20);
    expect(closed).toBe(true);
  });
});

describe("binned columns", () => {
  it("labels integer data by edges, a value on an edge in the upper bin", () => {
    const data = read("age\n0\n17\n18\n24\n25\n64\n65\n99\n", { bins: { age: "edges:18,25,65" } });
    const age = data.columns[0]!;
    expect(age.kind).toBe("single");
    expect(age.bins).toEqual({
      spec: "edges:18,25,65",
      edges: [18, 25, 65],
      labels: ["<18", "18-24", "25-64", "65+"],
    });
    expect(age.values).toEqual(["18-24", "25-64", "65+", "<18"]);
    expect(records(data).map((r) => r[0])).toEqual([
      "age=<18",
      "age=<18",
      "age=18-24",
      "age=18-24",
      "age=25-64",
      "age=25-64",
      "age=65+",
      "age=65+",
    ]);
    checkInvariants(data);
  });

  it("labels by the edges alone: fractional data keeps the whole-number labels", () => {
    const data = read("x\n17.5\n18\n30.25\n", { bins: { x: "edges:18,25,65" } });
    expect(data.columns[0]!.bins!.labels).toEqual(["<18", "18-24", "25-64", "65+"]);
    expect(records(data)).toEqual([["x=<18"], ["x=18-24"], ["x=25-64"]]);
  });

  it("labels fractional or negative edges as intervals", () => {
    const data = read("x\n-7\n18\n30\n", { bins: { x: "edges:-5,18.5,25" } });
    expect(data.columns[0]!.bins!.labels).toEqual(["<-5", "[-5,18.5)", "[18.5,25)", "25+"]);
    expect(records(data)).toEqual([["x=<-5"], ["x=[-5,18.5)"], ["x=25+"]]);
  });

  it("lists only the bins that occur as values", () => {
    const data = read("age\n30\n40\n", { bins: { age: "edges:18,25,65" } });
    expect(data.columns[0]!.values).toEqual(["25-64"]);
    expect(data.columns[0]!.bins!.labels).toHaveLength(4);
  });

  it("width:10 cuts strictly inside the data with open outer bins", () => {
    const ages = [15, 22, 38, 47, 51, 63, 77, 84, 95];
    const data = read(`age\n${ages.join("\n")}\n`, { bins: { age: "width:10" } });
    const labels = data.columns[0]!.bins!.labels;
    expect(labels[0]).toBe("<20");
    expect(labels.at(-1)).toBe("90+");
    expect(labels.some((l) => l.includes("15") || l.includes("95"))).toBe(false);
    expect(records(data)[0]).toEqual(["age=<20"]);
    expect(records(data).at(-1)).toEqual(["age=90+"]);
  });

  it("quantiles:4 makes roughly equal groups", () => {
    const values = Array.from({ length: 40 }, (_, i) => (i * 7) % 40);
    const data = read(`v\n${values.join("\n")}\n`, { bins: { v: "quantiles:4" } });
    const counts = new Map<string, number>();
    for (const [a] of records(data)) counts.set(a!, (counts.get(a!) ?? 0) + 1);
    expect([...counts.values()]).toEqual([10, 10, 10, 10]);
  });

  it("keeps missing tokens missing", () => {
    const data = read("age,g\nNA,f\n,m\n30,f\n", {
      bins: { age: "width:10" },
      missing: ["NA"],
    });
    expect(records(data)).toEqual([["g=f"], ["g=m"], ["age=all values", "g=f"]]);
    expect(data.columns[0]!.missingRecords).toBe(2);
  });

  it("accepts a binned column where every cell is missing", () => {
    const data = read("age,g\n,f\n,m\n", { bins: { age: "quantiles:4" } });
    expect(data.columns[0]!.values).toEqual([]);
    expect(data.columns[0]!.missingRecords).toBe(2);
  });

  it("refuses a non-numeric value, naming line and column", () => {
    const error = userError(() =>
      read("g,age\nf,30\nm,unknown\n", { bins: { age: "edges:18" }, fileName: "cases.csv" }),
    );
    expect(error.code).toBe("non-numeric-value");
    expect(error.message).toContain('"unknown"');
    expect(error.message).toContain("Line 3");
    expect(error.location).toEqual({ file: "cases.csv", line: 3, column: "age" });
    expect(error.hint).toContain("--missing");
  });

  it.each(["edges:", "edges:5,3", "width:0", "width:abc", "quantiles:1", "foo:3", "width10"])(
    "refuses the spec %j, naming the column",
    (spec) => {
      const error = userError(() => read("age\n1\n", { bins: { age: spec } }));
      expect(error.code).toBe("bad-bin-spec");
      expect(error.location.column).toBe("age");
      expect(error.message).toContain('column "age"');
    },
  );

  it("refuses data-derived edges when only explicit edges are allowed", () => {
    for (const spec of ["width:10", "quantiles:4"]) {
      const error = userError(() =>
        read("age\n1\n", { bins: { age: spec }, explicitBinsOnly: true }),
      );
      expect(error.code).toBe("bad-bin-spec");
      expect(error.message).toContain("differential privacy");
      expect(error.hint).toContain("edges:");
    }
    const data = read("age\n1\n", { bins: { age: "edges:18" }, explicitBinsOnly: true });
    expect(records(data)).toEqual([["age=<18"]]);
  });
});

describe("high cardinality", () => {
  const column = (values: readonly string[]) => `v\n${values.join("\n")}\n`;

  it("warns above 100 distinct values, suggesting binning", () => {
    const values = Array.from({ length: 202 }, (_, i) => String(i % 101));
    const data = read(column(values));
    expect(data.warnings).toEqual([
      {
        code: "high-cardinality",
        column: "v",
        message: expect.stringContaining("101 distinct values"),
      },
    ]);
    expect(data.warnings[0]!.message).toContain('--bin "v=width:10"');
  });

  it("does not warn at 100 distinct values", () => {
    const values = Array.from({ length: 200 }, (_, i) => String(i % 100));
    expect(read(column(values)).warnings).toEqual([]);
  });

  it("says that a column kept with a different value in every row makes every record unique", () => {
    const values = Array.from({ length: 150 }, (_, i) => `P${i}`);
    const [warning] = read(column(values), { keepIdentifiers: ["v"] }).warnings;
    expect(warning!.code).toBe("high-cardinality");
    expect(warning!.privacy).toBe(true);
    expect(warning!.message).toContain("makes every record unique");
  });

  it("uses a custom threshold", () => {
    const values = ["a", "b", "c", "d", "e", "f", "a", "b"];
    expect(read(column(values), { highCardinality: 5 }).warnings[0]!.message).toContain(
      "6 distinct values",
    );
    expect(read(column(values), { highCardinality: 6 }).warnings).toEqual([]);
    const ids = Array.from({ length: 30 }, (_, i) => `P${i}`);
    expect(
      read(column(ids), { highCardinality: 10, keepIdentifiers: ["v"] }).warnings[0]!.message,
    ).toContain("every record unique");
  });

  it("suggests wider bins for a binned column", () => {
    const values = Array.from({ length: 60 }, (_, i) => String(i % 30));
    const data = read(column(values), { bins: { v: "width:1" }, highCardinality: 10 });
    expect(data.warnings[0]!.message).toContain("wider bins");
  });
});

describe("streaming", () => {
  // 3000 rows of 2200 people; single-value cells depend on the person only (or are missing).
  const people = Array.from({ length: 3000 }, (_, i) => {
    const p = i % 2200;
    const id = i < 2200 ? `P${p}` : ` p${p} `;
    const note = p % 7 === 0 ? '"line\nbreak, ""quoted"""' : `n${p % 5}`;
    const types = i % 3 === 0 ? '"sexual; labour"' : i % 3 === 1 ? "labour" : "";
    const age = i % 11 === 0 ? "NA" : String((p * 37) % 90);
    const town = ["Zürich", "Genève", "Łódź", "東京", "😀 city"][p % 5];
    return `${id},${note},${types},${age},${town}\r\n`;
  });
  const text = `\uFEFFid,note,types,age,town\r\n${people.join("")}`;
  const options: IngestOptions = {
    subjectId: "id",
    multiValue: { types: ";" },
    bins: { age: "width:10" },
    missing: ["NA"],
    columns: ["town", "types", "age", "note"],
  };
  const bytes = new TextEncoder().encode(text);

  async function* chunks(size: number) {
    for (let at = 0; at < bytes.length; at += size) yield bytes.slice(at, at + size);
  }

  it("uses a text larger than one 64 KiB chunk", () => {
    expect(bytes.length).toBeGreaterThan(65_536);
  });

  it.each([1, 7, 65_536])("gives the same Dataset in %i-byte chunks", async (size) => {
    const expected = read(text, options);
    expect(expected.recordCount).toBe(2200);
    expect(expected.rowsRead).toBe(3000);
    checkInvariants(expected);
    expect(await readDataset(chunks(size), options)).toEqual(expected);
  });

  it("reads a synchronous iterable of chunks", async () => {
    const parts = [bytes.subarray(0, 100), bytes.subarray(100)];
    expect(await readDataset(parts, options)).toEqual(read(text, options));
  });

  it("reports errors with the same line whatever the chunking", async () => {
    const ragged = new TextEncoder().encode('a,b\n"x\ny",1\n2\n');
    async function* oneByte() {
      for (const b of ragged) yield Uint8Array.of(b);
    }
    const error = await userErrorAsync(() => readDataset(oneByte()));
    expect(error.code).toBe("ragged-row");
    expect(error.location.line).toBe(4);
  });
});
