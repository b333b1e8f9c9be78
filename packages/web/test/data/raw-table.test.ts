/** The preview's table: counts against brute force, and the CLI's messages for bad files. */
import { readDataset, UserError } from "@commonground/core/internal";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { RawTable } from "../../src/data/raw-table.js";

const bytes = (text: string) => new TextEncoder().encode(text);
async function* chunked(text: string, size: number) {
  const all = bytes(text);
  for (let i = 0; i < all.length; i += size) yield all.subarray(i, i + size);
}

const cellArb = fc.constantFrom("", "a", "b", "c", "1", "2.5", "10", "x;y", "y;z");
const tableArb = fc.integer({ min: 1, max: 4 }).chain((width) =>
  fc.record({
    width: fc.constant(width),
    rows: fc.array(fc.array(cellArb, { minLength: width, maxLength: width }), {
      minLength: 1,
      maxLength: 40,
    }),
    chunk: fc.integer({ min: 1, max: 64 }),
  }),
);

describe("RawTable", () => {
  it("lists a column's values with their rows, rarest first; a list column's values split", async () => {
    const text = "a,m\nx,p;q\ny,q\nx,\nx,q;p\nz,r\n";
    const table = await RawTable.read(chunked(text, 7), "t.csv");
    expect(table.valueList("a")).toEqual({
      values: [
        { value: "y", count: 1 },
        { value: "z", count: 1 },
        { value: "x", count: 3 },
      ],
      total: 3,
    });
    expect(table.valueList("m", ";")).toEqual({
      values: [
        { value: "r", count: 1 },
        { value: "p", count: 2 },
        { value: "q", count: 3 },
      ],
      total: 3,
    });
    expect(table.valueList("a", undefined, 2).values).toHaveLength(2);
  });

  it("counts rows, distinct values and empty cells exactly, whatever the chunking", async () => {
    await fc.assert(
      fc.asyncProperty(tableArb, async (t) => {
        const header = Array.from({ length: t.width }, (_, i) => `c${i}`);
        const text = [header, ...t.rows].map((r) => r.map((c) => `"${c}"`).join(",")).join("\n");
        const table = await RawTable.read(chunked(text, t.chunk), "t.csv");
        const p = table.profile("t.csv", text.length);
        expect(p.rows).toBe(t.rows.length);
        header.forEach((_, j) => {
          const cells = t.rows.map((r) => r[j]!);
          const col = p.columns[j]!;
          expect(col.empty).toBe(cells.filter((c) => c === "").length);
          expect(col.distinct).toBe(new Set(cells.filter((c) => c !== "")).size);
          const filled = cells.filter((c) => c !== "");
          expect(col.numeric).toBe(
            filled.length > 0 && filled.every((c) => Number.isFinite(Number(c))),
          );
          for (const top of col.top)
            expect(top.count).toBe(cells.filter((c) => c === top.value).length);
        });
        expect(table.slice(0, t.rows.length)).toEqual(t.rows);
        expect(table.slice(1, 2)).toEqual(t.rows.slice(1, 2));
      }),
      { numRuns: 100 },
    );
  });

  it("fails on a ragged row with the CLI's message", async () => {
    const text = "a,b\n1,2\n3\n";
    const ours = await RawTable.read(chunked(text, 5), "bad.csv").catch((e) => e);
    const theirs = await readDataset(chunked(text, 5), { fileName: "bad.csv" }).catch((e) => e);
    expect(ours).toBeInstanceOf(UserError);
    expect(ours.message).toBe(theirs.message);
    expect(ours.hint).toBe(theirs.hint);
    expect(ours.location).toEqual(theirs.location);
  });

  it("fails on an empty file and a header without rows with the CLI's messages", async () => {
    for (const text of ["", "a,b\n"]) {
      const ours = await RawTable.read(chunked(text, 5), "e.csv").catch((e) => e);
      const theirs = await readDataset(chunked(text, 5), { fileName: "e.csv" }).catch((e) => e);
      expect(ours.message).toBe(theirs.message);
    }
  });

  it("detects list columns and numbers", async () => {
    const text = "id,type,age\n1,a;b,20\n2,b,31\n3,a;c,45\n";
    const p = (await RawTable.read(chunked(text, 100), "l.csv")).profile("l.csv", text.length);
    expect(p.columns.map((c) => [c.name, c.numeric, c.listDelimiter])).toEqual([
      ["id", true, undefined],
      ["type", false, ";"],
      ["age", true, undefined],
    ]);
  });

  it("previews binning with counts that add up to the numeric rows", async () => {
    const ages = Array.from({ length: 50 }, (_, i) => (i * 7) % 90);
    const text = `age\n${ages.join("\n")}\nunknown\n\n`;
    const table = await RawTable.read(chunked(text, 64), "h.csv");
    const h = table.histogram("age", "edges:18,65");
    expect(h.labels).toEqual(["<18", "18-64", "65+"]);
    expect(h.counts).toEqual([
      ages.filter((a) => a < 18).length,
      ages.filter((a) => a >= 18 && a < 65).length,
      ages.filter((a) => a >= 65).length,
    ]);
    expect(h.missing).toBe(1);
    const q = table.histogram("age", "quantiles:4");
    expect(q.counts.reduce((a, b) => a + b, 0)).toBe(50);
    expect(() => table.histogram("age", "width:0")).toThrow(/width must be a positive number/);
  });
});
