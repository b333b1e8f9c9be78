/**
 * Reported missing cells (docs/design.md §12): `reportMissing` makes a missing cell of a column the
 * attribute `COL = (missing)`; everything else about the data stays as it was.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { MISSING_LABEL, missingAttribute, readDatasetFromText } from "../../src/internal.js";
import { randomTableArb, readRandomTable, recordsOf } from "../random-table.js";
import { userError } from "../user-error.js";

const TEXT = [
  "id,a,age,m",
  "1,x,,p;q",
  "2,,30,",
  "1,x,,", // the same person as line 2: a stays x, m keeps p;q
  "3,w,,",
  "4,,41,p",
  "",
].join("\n");
const OPTIONS = { subjectId: "id", multiValue: { m: ";" }, bins: { age: "edges:40" } };

describe("reportMissing", () => {
  it("gives a missing cell of every kind of column the value (missing), once per person", () => {
    const data = readDatasetFromText(TEXT, { ...OPTIONS, reportMissing: "all" });
    expect(data.columns.map((c) => [c.name, c.values, c.missingRecords, c.missingLabel])).toEqual([
      ["a", [MISSING_LABEL, "w", "x"], 2, MISSING_LABEL],
      ["age", [MISSING_LABEL, "40+", "<40"], 2, MISSING_LABEL],
      ["m", [MISSING_LABEL, "p", "q"], 2, MISSING_LABEL],
    ]);
    expect(recordsOf(data)).toEqual([
      ["a=x", "age=(missing)", "m=p", "m=q"],
      ["a=(missing)", "age=<40", "m=(missing)"],
      ["a=w", "age=(missing)", "m=(missing)"],
      ["a=(missing)", "age=40+", "m=p"],
    ]);
  });

  it("reports only the columns listed; the others keep a missing cell as no attribute", () => {
    const data = readDatasetFromText(TEXT, { ...OPTIONS, reportMissing: ["m"] });
    expect(data.columns.map((c) => c.missingLabel)).toEqual([undefined, undefined, MISSING_LABEL]);
    expect(recordsOf(data)[1]).toEqual(["age=<40", "m=(missing)"]);
    expect(missingAttribute(data.columns[0]!)).toBe(-1);
    expect(missingAttribute(data.columns[2]!)).toBe(data.columns[2]!.firstAttribute);
  });

  it("adds no value to a reported column without missing cells, and none when the list is empty", () => {
    const full = readDatasetFromText("a,b\nx,y\nz,\n", { reportMissing: ["a"] });
    expect(full.columns[0]!.values).toEqual(["x", "z"]);
    expect(full.columns[0]!.missingLabel).toBe(MISSING_LABEL);
    expect(missingAttribute(full.columns[0]!)).toBe(-1);
    const none = readDatasetFromText(TEXT, { ...OPTIONS, reportMissing: [] });
    expect(none).toEqual(readDatasetFromText(TEXT, OPTIONS));
  });

  it("refuses a column that holds the label as a real value, naming the column and the way out", () => {
    const e = userError(() =>
      readDatasetFromText("a,b\n(missing),1\n,2\n", { reportMissing: "all" }),
    );
    expect(e.code).toBe("reserved-label");
    expect(e.location).toMatchObject({ column: "a", option: "reportMissing", line: 2 });
    expect(e.message).toContain('"(missing)"');
    expect(e.hint).toContain("missing token");
    // The line is where the label first stands, in a single- or a multi-value column.
    const later = userError(() =>
      readDatasetFromText("a,b\nx,1\n,2\n(missing),3\n", { reportMissing: "all" }),
    );
    expect(later.location).toMatchObject({ column: "a", line: 4 });
    expect(later.message).toMatch(/^Line 4, column "a"/);
    const multi = userError(() =>
      readDatasetFromText("a,b\nx;y,1\n,2\nz;(missing),3\n", {
        reportMissing: "all",
        multiValue: { a: ";" },
      }),
    );
    expect(multi.location).toMatchObject({ column: "a", line: 4 });
    // Declared a missing token, the same text is fine.
    const ok = readDatasetFromText("a,b\n(missing),1\n,2\n", {
      reportMissing: "all",
      missing: [MISSING_LABEL],
    });
    expect(ok.columns[0]!.values).toEqual([MISSING_LABEL]);
    expect(ok.columns[0]!.missingRecords).toBe(2);
  });

  it("refuses an unknown column and a column that is not selected", () => {
    expect(userError(() => readDatasetFromText("a,b\n1,2\n", { reportMissing: ["c"] })).code).toBe(
      "unknown-column",
    );
    const e = userError(() =>
      readDatasetFromText("a,b\n1,2\n", { columns: ["a"], reportMissing: ["b"] }),
    );
    expect(e.code).toBe("invalid-option");
    expect(e.message).toContain("not one of the selected columns");
  });

  it("still refuses a file whose every cell is missing", () => {
    expect(userError(() => readDatasetFromText("a,b\n,\n,\n", { reportMissing: "all" })).code).toBe(
      "all-missing",
    );
  });

  it("changes nothing but the missing cells (property)", () => {
    fc.assert(
      fc.property(randomTableArb({ maxSingles: 4, maxMultis: 2 }), (t) => {
        const plain = readRandomTable(t);
        const reported = readRandomTable(t, { reportMissing: "all" });
        if (!plain || !reported) return;
        expect(reported.recordCount).toBe(plain.recordCount);
        const withLabels = recordsOf(reported);
        const without = recordsOf(plain);
        for (let r = 0; r < plain.recordCount; r++) {
          // Dropping the labels gives the record read without reportMissing …
          expect(withLabels[r]!.filter((a) => !a.endsWith(`=${MISSING_LABEL}`))).toEqual(
            without[r],
          );
          // … and every column has a value: exactly one per single-value column.
          for (const column of reported.columns) {
            const held = withLabels[r]!.filter((a) => a.startsWith(`${column.name}=`)).length;
            if (column.kind === "single") expect(held).toBe(1);
            else expect(held).toBeGreaterThanOrEqual(1);
          }
        }
        reported.columns.forEach((c, j) => {
          expect(c.missingRecords).toBe(plain.columns[j]!.missingRecords);
        });
      }),
      { numRuns: 200 },
    );
  });
});
