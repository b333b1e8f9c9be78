/**
 * The one reader of the public files (release/read-release.ts) and the count column of
 * aggregates.csv (issue 11 defect 8, docs/design.md §15): a data column named `count` makes the count
 * column `count_2` (`count_3` … when taken), the manifest names it, and every reader — the
 * release reader, verify, evaluate's read-back, datapackage.json — uses the manifest's name.
 * A manifest older than the field reads as `count`.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  aggregate,
  aggregatesCsvText,
  aggregatesFromRelease,
  countColumnName,
  countColumnOf,
  type Dataset,
  dataPackage,
  decodeRelease,
  embeddedData,
  encodeRelease,
  kAnonymityManifest,
  parseReleaseCsv,
  readDatasetFromText,
  readPublicRelease,
  UserError,
  verifyRelease,
  wideRows,
} from "../../src/internal.js";

// Columns `count` and `b` (and, in the second table, `count_2` too); k = 2, L = 2.
const TEXT = "count,b\n1,x\n1,x\n1,y\n2,y\n2,x\n1,x\n";
const TEXT_2 = "count,count_2,b\n1,a,x\n1,a,x\n2,a,y\n1,a,y\n";

async function release(text: string) {
  const data = readDatasetFromText(text);
  const counted = await aggregate(data, { k: 2, length: 2 });
  const manifest = kAnonymityManifest(data, {
    version: "test",
    createdAt: new Date(0),
    mode: "aggregates-only",
    k: 2,
    length: 2,
    reportedRecords: counted.reportedRecords,
    input: { delimiter: ",", missing: [""] },
    files: ["aggregates.csv", "manifest.json"],
  });
  return { data, manifest, aggregates: aggregatesCsvText(data, counted.reportable) };
}

const header = (csv: string) => csv.slice(0, csv.indexOf("\n"));

describe("the count column (defect 8)", () => {
  it("is headed count_2 when a data column is named count, and the manifest names it", async () => {
    const { manifest, aggregates } = await release(TEXT);
    expect(header(aggregates)).toBe("count,b,count_2");
    expect(manifest.countColumn).toBe("count_2");
    const fields = (
      dataPackage(manifest).resources as { schema: { fields: { name: string }[] } }[]
    )[0]!.schema.fields.map((f) => f.name);
    expect(fields).toEqual(["count", "b", "count_2"]);
  });

  it("is headed count_3 when count and count_2 are both taken", async () => {
    const { manifest, aggregates } = await release(TEXT_2);
    expect(header(aggregates)).toBe("count,count_2,b,count_3");
    expect(manifest.countColumn).toBe("count_3");
  });

  it("is read by the name the manifest states, by every reader", async () => {
    const { data, manifest, aggregates } = await release(TEXT);
    const read = readPublicRelease({ manifest, aggregates });
    expect(read.countColumn).toBe("count_2");
    const rows = [...wideRows(read.aggregates)];
    // count = 1 is held by 4 records: rounded down to 4; the data column's value stays a value.
    expect(rows[0]).toEqual(["1", "", "4"]);
    expect(read.aggregates.cells[0]).toEqual(["1", "2"]);

    const verified = await verifyRelease(data, {
      manifest,
      aggregates: parseReleaseCsv(aggregates),
    });
    expect(verified.violations).toEqual([]);

    const back = await aggregatesFromRelease(
      data,
      parseReleaseCsv(aggregates),
      2,
      countColumnOf(manifest),
    );
    expect(back.skipped).toBe(0);
    expect([...back.value.counts]).toEqual(rows.map((r) => Number(r[2])));

    const decoded = decodeRelease(
      encodeRelease({ manifest: JSON.stringify(manifest), aggregates }),
    );
    expect(decoded.countColumn).toBe("count_2");
    expect([...wideRows(decoded.aggregates)]).toEqual(rows);
  });

  it("reads a manifest older than the field as count", async () => {
    const { data, manifest, aggregates } = await release("a,b\n1,x\n1,x\n2,y\n2,y\n");
    const old: Record<string, unknown> = { ...manifest };
    delete old.countColumn;
    expect(countColumnOf(old)).toBe("count");
    expect(readPublicRelease({ manifest: old, aggregates }).aggregates.counts).toBeDefined();
    const verified = await verifyRelease(data as Dataset, {
      manifest: old,
      aggregates: parseReleaseCsv(aggregates),
    });
    expect(verified.ok).toBe(true);
  });

  it("refuses a manifest whose count column is also a data column", async () => {
    const { manifest, aggregates } = await release(TEXT);
    const bad = { ...manifest, countColumn: "count" };
    expect(() => readPublicRelease({ manifest: bad, aggregates })).toThrow(/countColumn/);
  });

  it("is never a data column's name, and is count when that is free", () => {
    fc.assert(
      fc.property(
        fc.uniqueArray(fc.constantFrom("count", "count_2", "count_3", "count_5", "a", "b"), {
          maxLength: 6,
        }),
        (names) => {
          const name = countColumnName(names);
          expect(names).not.toContain(name);
          if (!names.includes("count")) expect(name).toBe("count");
          else expect(name).toMatch(/^count_\d+$/);
        },
      ),
    );
  });
});

describe("readPublicRelease", () => {
  it("names the file and the row of a count that is not a whole number", async () => {
    const { manifest, aggregates } = await release(TEXT);
    const broken = aggregates.replace(/,4\n/, ",four\n");
    const error = (() => {
      try {
        readPublicRelease({ manifest, aggregates: broken });
      } catch (e) {
        return e;
      }
    })();
    expect(error).toBeInstanceOf(UserError);
    expect((error as UserError).message).toMatch(/aggregates\.csv, row 1: the count "four"/);
  });

  it("needs synthetic.csv for a mode that publishes records", async () => {
    const { manifest, aggregates } = await release(TEXT);
    expect(() =>
      readPublicRelease({ manifest: { ...manifest, mode: "row-seeded" }, aggregates }),
    ).toThrow(/synthetic\.csv is needed/);
  });
});

describe("embeddedData", () => {
  it("reads the data block of a page back, and nothing from the bare template", () => {
    const data = { format: "x", text: "</script><b>" };
    const json = JSON.stringify(data).replaceAll("<", "\\u003c");
    const page = `<html><script type="application/json" id="cg-release">${json}</script></html>`;
    expect(embeddedData(page)).toEqual({ data });
    const bare = '<script type="application/json" id="cg-release">"__CG_SHOWCASE_DATA__"</script>';
    expect(embeddedData(bare)).toBeUndefined();
    expect(embeddedData(page + page)).toEqual({ problem: "it holds 2 data blocks, not one" });
  });
});
