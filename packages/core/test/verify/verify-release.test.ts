/**
 * verifyRelease on small hand-made releases: correct ones pass (aggregates-only from
 * aggregate() + aggregatesCsvText, synthetic ones built by hand), and each kind of tampering
 * fails with its own violation kind.
 */
import { describe, expect, it } from "vitest";
import {
  aggregate,
  aggregatesCsvText,
  type Dataset,
  kAnonymityManifest,
  type ParsedRelease,
  parseReleaseCsv,
  type ReleaseMode,
  readDatasetFromText,
  readReleaseTable,
  verifyRelease,
} from "../../src/internal.js";

// n = 7, k = 2: a 4, b 2, c 1 · x 4, y 3 · p 4, q 4 (T is multi-value).
const TEXT = "A,B,T\na,x,p;q\na,x,p\na,y,q\na,y,p;q\nb,x,p\nb,x,\nc,y,q\n";
const K = 2;
const L = 2;
const read = () => readDatasetFromText(TEXT, { multiValue: { T: ";" } });

/**
 * A row-seeded release: every record is held by ≥ 2 real records, and the attribute counts are
 * floor_2(n_v): a 4, b 2, x 4, y 2, p 4, q 4, c 0.
 */
const SYNTHETIC = "A,B,T\na,x,p\na,x,p\na,y,q\na,y,q\nb,x,\nb,x,\n,,p;q\n,,p;q\n";

interface Made {
  data: Dataset;
  release: ParsedRelease;
  manifest: Record<string, unknown>;
}

async function make(
  mode: ReleaseMode,
  synthetic?: string,
  text = TEXT,
  options: { k?: number; length?: number; attributeCounts?: "exact" | "at-most" } = {},
): Promise<Made> {
  const data = text === TEXT ? read() : readDatasetFromText(text);
  const k = options.k ?? K;
  const length = options.length ?? L;
  const { reportable, reportedRecords } = await aggregate(data, { k, length });
  const rows = synthetic === undefined ? undefined : parseReleaseCsv(synthetic);
  const manifest = kAnonymityManifest(data, {
    version: "test",
    createdAt: new Date(0),
    mode,
    k,
    length,
    reportedRecords,
    ...(options.attributeCounts && { attributeCounts: options.attributeCounts }),
    ...(rows && { syntheticRecords: [...(rows.rows as Iterable<readonly string[]>)].length }),
    input: { delimiter: ",", missing: [""] },
    files: rows
      ? ["synthetic.csv", "aggregates.csv", "manifest.json"]
      : ["aggregates.csv", "manifest.json"],
  }) as unknown as Record<string, unknown>;
  const release: ParsedRelease = {
    manifest,
    aggregates: parseReleaseCsv(aggregatesCsvText(data, reportable)),
    ...(rows && { synthetic: parseReleaseCsv(synthetic!) }),
  };
  return { data, release, manifest };
}

/** The aggregates as lines (header first), to tamper with. */
const lines = (r: ParsedRelease) => [
  r.aggregates.header.join(","),
  ...[...(r.aggregates.rows as string[][])].map((c) => c.join(",")),
];
const withAggregates = (r: ParsedRelease, text: string[]): ParsedRelease => ({
  ...r,
  aggregates: parseReleaseCsv(`${text.join("\n")}\n`),
});
const kinds = async (data: Dataset, release: ParsedRelease) =>
  (await verifyRelease(data, release)).violations.map((v) => v.kind);

describe("verifyRelease on correct releases", () => {
  it("passes an aggregates-only release made by aggregate() and aggregatesCsvText", async () => {
    const { data, release } = await make("aggregates-only");
    const r = await verifyRelease(data, release);
    expect(r.violations).toEqual([]);
    expect(r.ok).toBe(true);
    expect(r.checked).toEqual({ syntheticRecords: 0, aggregateRows: 14, combinations: 14 });
    expect([r.k, r.length, r.mode]).toEqual([2, 2, "aggregates-only"]);
  });

  it("passes a row-seeded release built by hand", async () => {
    const { data, release } = await make("row-seeded", SYNTHETIC);
    const r = await verifyRelease(data, release);
    expect(r.violations).toEqual([]);
    expect(r.checked.syntheticRecords).toBe(8);
  });

  it("reads streamed rows the same as arrays (readReleaseTable over byte chunks)", async () => {
    const { data, release } = await make("row-seeded", SYNTHETIC);
    const bytes = new TextEncoder().encode(SYNTHETIC);
    const chunks = [bytes.subarray(0, 7), bytes.subarray(7, 20), bytes.subarray(20)];
    const synthetic = await readReleaseTable(chunks, "synthetic.csv");
    const r = await verifyRelease(data, { ...release, synthetic });
    expect(r.violations).toEqual([]);
  });

  it("passes values that carry the spreadsheet-safety prefix", async () => {
    const text = "A,B\n=x,-1\n=x,-1\n@y,+z\n@y,+z\n";
    const { data, release } = await make("aggregates-only", undefined, text);
    expect(release.aggregates.header).toEqual(["A", "B", "count"]);
    expect((await verifyRelease(data, release)).violations).toEqual([]);
  });

  it("holds aggregate-seeded records to combinations of up to L, record-based ones to all", async () => {
    // Every pair of 1s is held by 2 records, the triple (1,1,1) by none.
    const xor = "X,Y,Z\n1,1,0\n1,1,0\n1,0,1\n1,0,1\n0,1,1\n0,1,1\n";
    const record = "X,Y,Z\n1,1,1\n";
    const seeded = await make("aggregate-seeded", record, xor);
    expect((await verifyRelease(seeded.data, seeded.release)).violations).toEqual([]);
    const unseeded = await make("unseeded", record, xor);
    const r = await verifyRelease(unseeded.data, unseeded.release);
    expect(r.violations.map((v) => v.kind)).toEqual(["synthetic-rare"]);
    expect(r.violations[0]!.message).toBe(
      'synthetic.csv row 1 (X = "1", Y = "1", Z = "1"): no record in the data holds all its attributes together.',
    );
  });
});

describe("verifyRelease on tampered releases", () => {
  it("finds a synthetic row holding a rare combination", async () => {
    const { data, release } = await make("unseeded", `${SYNTHETIC}b,x,p\n`);
    const r = await verifyRelease(data, release);
    expect(r.violations).toEqual([
      {
        kind: "synthetic-rare",
        message:
          'synthetic.csv row 9 (A = "b", B = "x", T = "p"): only 1 record in the data holds all its attributes together, fewer than k = 2.',
      },
    ]);
  });

  it("finds an aggregate-seeded row with a rare combination of up to L attributes", async () => {
    const { data, release } = await make("aggregate-seeded", "A,B,T\na,x,p\nb,,p\n");
    const r = await verifyRelease(data, release);
    expect(r.violations.map((v) => v.kind)).toEqual(["synthetic-rare"]);
    expect(r.violations[0]!.message).toContain('row 2 (A = "b", T = "p"): its combination');
  });

  it("finds attribute counts of a row-seeded release that are not floor_k(n_v) when it states exact counts", async () => {
    // One record {a,x,p} replaced by {a,x}: p appears 3 times instead of 4.
    const fewer = SYNTHETIC.replace("a,x,p\n", "a,x,\n");
    const exact = await make("row-seeded", fewer, TEXT, { attributeCounts: "exact" });
    expect(await kinds(exact.data, exact.release)).toEqual(["attribute-count"]);
    // Stating "at most", fewer is what it promises.
    const atMost = await make("row-seeded", fewer, TEXT, { attributeCounts: "at-most" });
    expect(await kinds(atMost.data, atMost.release)).toEqual([]);
  });

  it("finds an attribute held more often than its count in a release stating at most", async () => {
    // One record {b,x} replaced by {b,x,p}: p appears 5 times, above its count 4.
    const more = SYNTHETIC.replace("b,x,\n", "b,x,p\n");
    const { data, release } = await make("row-seeded", more, TEXT, { attributeCounts: "at-most" });
    expect(await kinds(data, release)).toContain("attribute-count");
  });

  it("finds an aggregate count that was changed", async () => {
    const { data, release } = await make("aggregates-only");
    const text = lines(release);
    const i = text.indexOf("a,,,4");
    text[i] = "a,,,6";
    const r = await verifyRelease(data, withAggregates(release, text));
    expect(r.violations).toEqual([
      {
        kind: "aggregate-count",
        message: `aggregates.csv row ${i} (A = "a"): the count is 6, but the data give 4 (the true count rounded down to a multiple of k = 2).`,
      },
    ]);
  });

  it("finds a missing aggregate row", async () => {
    const { data, release } = await make("aggregates-only");
    const text = lines(release).filter((l) => l !== "a,x,,2");
    const r = await verifyRelease(data, withAggregates(release, text));
    expect(r.violations.map((v) => v.kind)).toEqual(["aggregate-missing"]);
    expect(r.violations[0]!.message).toContain('no row for A = "a", B = "x"');
  });

  it("finds fabricated, rare, repeated and too long rows", async () => {
    const { data, release } = await make("aggregates-only");
    const text = [...lines(release), "c,x,,2", "c,,,2", "a,,,4", "a,x,p,2"];
    expect(await kinds(data, withAggregates(release, text))).toEqual([
      "aggregate-absent",
      "aggregate-rare",
      "aggregate-duplicate",
      "aggregate-too-long",
    ]);
  });

  it("finds values that no record has, in aggregates and in synthetic records", async () => {
    const { data, release } = await make("unseeded", `${SYNTHETIC}a,z,\n`);
    const tampered = withAggregates(release, [...lines(release), "d,,,2", ",,p;r,2"]);
    const r = await verifyRelease(data, tampered);
    expect(r.violations.map((v) => v.kind)).toEqual([
      "unknown-value",
      "unknown-value",
      "unknown-value",
    ]);
    expect(r.violations[0]!.message).toContain('column "A" holds "d", a value that no record');
    expect(r.violations[2]!.message).toContain("synthetic.csv row 9");
  });

  it("finds a wrong reported record count", async () => {
    const { data, release, manifest } = await make("aggregates-only");
    (manifest.records as { reported: number }).reported = 8;
    expect(await kinds(data, release)).toEqual(["reported-records"]);
  });

  it("finds a statement with another k", async () => {
    const { data, release, manifest } = await make("aggregates-only");
    manifest.statement = (manifest.statement as string).replaceAll("2", "5");
    const r = await verifyRelease(data, release);
    expect(r.violations.map((v) => v.kind)).toEqual(["statement"]);
    expect(r.violations[0]!.message).toContain("it says at least 5");
  });

  it("finds a k that differs from the one expected, and a changed guarantee", async () => {
    const { data, release, manifest } = await make("row-seeded", SYNTHETIC);
    (manifest.privacy as { guarantee: string }).guarantee = "up-to-length";
    const r = await verifyRelease(data, release, { expect: { k: 10 } });
    expect(r.violations.map((v) => v.kind)).toEqual(["guarantee", "parameters"]);
  });

  it("finds a wrong synthetic count, a missing synthetic.csv and a wrong file list", async () => {
    const { data, release, manifest } = await make("row-seeded", SYNTHETIC);
    (manifest.records as { synthetic: number }).synthetic = 9;
    expect(await kinds(data, release)).toEqual(["synthetic-count"]);
    manifest.files = ["aggregates.csv", "manifest.json"];
    const { synthetic: _, ...withoutSynthetic } = release;
    expect(await kinds(data, withoutSynthetic)).toEqual(["files", "synthetic-missing"]);
  });

  it("finds columns that are not the data's", async () => {
    const { data, release, manifest } = await make("aggregates-only");
    (manifest.columns as object[])[2] = { name: "T", kind: "single" };
    const r = await verifyRelease(data, release);
    expect(r.violations).toEqual([
      {
        kind: "columns",
        message:
          'manifest.json describes column 3 as "T" (single-value), but the data read with these settings have "T" (multi-value, delimiter ";").',
      },
    ]);
  });

  it("finds a header that is not the selected columns", async () => {
    const { data, release } = await make("aggregates-only");
    const text = lines(release);
    text[0] = "A,B,U,count";
    expect(await kinds(data, withAggregates(release, text))).toEqual(["header", "header"]);
  });

  it("reports a manifest of the wrong shape without reading on", async () => {
    const { data, release, manifest } = await make("aggregates-only");
    (manifest.privacy as { k: unknown }).k = "2";
    const r = await verifyRelease(data, release);
    expect(r.ok).toBe(false);
    expect(r.violations).toEqual([
      {
        kind: "manifest",
        message: 'manifest.json: "privacy.k" must be a whole number of at least 1 (found "2").',
      },
    ]);
  });

  it("counts every violation but keeps only the first maxViolations", async () => {
    const { data, release } = await make("aggregates-only");
    const r = await verifyRelease(data, withAggregates(release, ["A,B,T,count"]), {
      maxViolations: 3,
    });
    expect(r.violationCount).toBe(14);
    expect(r.violations).toHaveLength(3);
  });
});
