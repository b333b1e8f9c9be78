/**
 * Identifier-like columns (docs/design.md §15): a single-value column whose value differs for
 * every person who has one (after subject merging), held by more than IDENTIFIER_MIN_RECORDS
 * people, is left out with a privacy warning naming it; kept when asked; refused when asked
 * (DP). Checked on examples and, as a property, against a brute-force reading of random tables.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { IDENTIFIER_MIN_RECORDS } from "../../src/ingest/options.js";
import { formatCsvRow, readDatasetFromText, UserError } from "../../src/internal.js";

/** n rows: a case number per row, a sex, an age band. */
function cases(n: number, caseOf = (i: number) => `C-${1000 + i}`): string {
  let text = formatCsvRow(["case", "sex", "age"]);
  for (let i = 0; i < n; i++) {
    text += formatCsvRow([caseOf(i), i % 2 ? "F" : "M", ["0-17", "18-24", "25+"][i % 3]!]);
  }
  return text;
}

describe("identifier-like columns", () => {
  it("are left out, with a privacy warning naming them", () => {
    const data = readDatasetFromText(cases(30), {});
    expect(data.columns.map((c) => c.name)).toEqual(["sex", "age"]);
    const warning = data.warnings.find((w) => w.code === "identifier-column");
    expect(warning).toMatchObject({ privacy: true, column: "case", option: "keepIdentifiers" });
    expect(warning!.message).toContain('"case"');
    // Host-neutral words: the web app shows the same message.
    expect(warning!.message).not.toMatch(/--/);
  });

  it("are kept when asked, with the warning that every record is unique", () => {
    const data = readDatasetFromText(cases(150), { keepIdentifiers: ["case"] });
    expect(data.columns.map((c) => c.name)).toEqual(["case", "sex", "age"]);
    expect(data.warnings.some((w) => w.code === "identifier-column")).toBe(false);
    expect(data.warnings.find((w) => w.column === "case")).toMatchObject({ privacy: true });
  });

  it("are refused when the run must not choose columns from the data (DP)", () => {
    let error: unknown;
    try {
      readDatasetFromText(cases(30), { identifierColumns: "refuse" });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(UserError);
    expect(error).toMatchObject({ code: "identifier-column", location: { column: "case" } });
    expect((error as UserError).message).not.toMatch(/--/);
    // Kept explicitly, the same run goes ahead.
    const kept = readDatasetFromText(cases(30), {
      identifierColumns: "refuse",
      keepIdentifiers: ["case"],
    });
    expect(kept.columns).toHaveLength(3);
  });

  it("are judged per person, after subject merging", () => {
    // 60 rows, two per person; the case number is the person's: 30 values, one per person.
    let text = formatCsvRow(["person", "case", "sex"]);
    for (let i = 0; i < 60; i++) {
      const p = i % 30;
      text += formatCsvRow([`P${p}`, `C-${p}`, p % 2 ? "F" : "M"]);
    }
    const merged = readDatasetFromText(text, { subjectId: "person" });
    expect(merged.recordCount).toBe(30);
    expect(merged.columns.map((c) => c.name)).toEqual(["sex"]);
  });

  it("leave alone a column whose values some people share, and small files", () => {
    const shared = readDatasetFromText(
      cases(40, (i) => `C-${Math.min(i, 38)}`),
      {},
    );
    expect(shared.columns.map((c) => c.name)).toEqual(["case", "sex", "age"]);
    const small = readDatasetFromText(cases(IDENTIFIER_MIN_RECORDS), {});
    expect(small.columns.map((c) => c.name)).toEqual(["case", "sex", "age"]);
  });

  it("count the people who have a value: missing cells do not hide an identifier", () => {
    const data = readDatasetFromText(
      cases(40, (i) => (i % 4 === 0 ? "" : `C-${i}`)),
      {},
    );
    expect(data.columns.map((c) => c.name)).toEqual(["sex", "age"]);
  });

  it("refuse a keep naming a column not in the file", () => {
    expect(() => readDatasetFromText(cases(30), { keepIdentifiers: ["nosuch"] })).toThrow(
      /not in the file/,
    );
  });

  it("are exactly the columns in which no value is shared, for random tables", () => {
    const table = fc.record({
      rows: fc.integer({ min: 1, max: 60 }),
      // Per column: how many distinct values it draws from (many: likely all unique), and how
      // often a cell is empty.
      columns: fc.array(
        fc.record({
          domain: fc.integer({ min: 1, max: 400 }),
          empty: fc.double({ min: 0, max: 0.5 }),
        }),
        { minLength: 1, maxLength: 4 },
      ),
      seed: fc.integer(),
    });
    fc.assert(
      fc.property(table, ({ rows, columns, seed }) => {
        let state = seed >>> 0 || 1;
        const next = () => {
          state ^= state << 13;
          state ^= state >>> 17;
          state ^= state << 5;
          return (state >>> 0) / 2 ** 32;
        };
        const names = columns.map((_, j) => `c${j}`);
        const cells = Array.from({ length: rows }, () =>
          columns.map((c) => (next() < c.empty ? "" : `v${Math.floor(next() * c.domain)}`)),
        );
        let data: ReturnType<typeof readDatasetFromText>;
        try {
          data = readDatasetFromText(
            [formatCsvRow(names), ...cells.map((r) => formatCsvRow(r))].join(""),
            {},
          );
        } catch (e) {
          // Every cell empty, or every column an identifier: refused with a user error.
          expect(e).toBeInstanceOf(UserError);
          return;
        }
        const kept = new Set(data.columns.map((c) => c.name));
        names.forEach((name, j) => {
          const present = cells.map((r) => r[j]!).filter((v) => v !== "");
          const identifier =
            present.length > IDENTIFIER_MIN_RECORDS && new Set(present).size === present.length;
          expect(kept.has(name), name).toBe(!identifier);
          expect(
            data.warnings.some((w) => w.code === "identifier-column" && w.column === name),
          ).toBe(identifier);
        });
      }),
      { numRuns: 300 },
    );
  });
});
