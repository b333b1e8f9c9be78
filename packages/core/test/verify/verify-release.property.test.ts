/**
 * Properties of verifyRelease over random tables (missing cells, multi-value columns, values
 * that need quoting or the spreadsheet-safety prefix): every release CommonGround makes passes
 * — aggregates-only and each synthesis mode — and a changed aggregate count never does.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  aggregate,
  aggregatesCsvText,
  type Dataset,
  kAnonymityManifest,
  type ParsedRelease,
  parseReleaseCsv,
  type ReleaseMode,
  SYNTHESIS_MODES,
  seededRng,
  synthesize,
  syntheticCsvText,
  verifyRelease,
} from "../../src/internal.js";
import { randomTableArb, readRandomTable, withParameters } from "../random-table.js";

const VALUES = ["x", "y", "-z", "=w", "v,u"];

const tableArb = withParameters(
  randomTableArb({ maxSingles: 3, maxMultis: 2, maxRows: 40, singleValues: VALUES.slice(0, 4) }),
  {
    k: fc.integer({ min: 1, max: 4 }),
    length: fc.integer({ min: 1, max: 3 }),
    seed: fc.integer({ min: 0, max: 1000 }),
  },
);

async function release(
  data: Dataset,
  mode: ReleaseMode,
  k: number,
  length: number,
  seed: number,
): Promise<ParsedRelease> {
  const result = await aggregate(data, { k, length });
  let synthetic: string | undefined;
  let records: number | undefined;
  if (mode !== "aggregates-only" && mode !== "dp") {
    const made = synthesize(data, {
      mode,
      k,
      length: result.length,
      reportable: result.reportable,
      rng: seededRng(seed),
    });
    synthetic = syntheticCsvText(data, made);
    records = made.recordCount;
  }
  const manifest = kAnonymityManifest(data, {
    version: "test",
    createdAt: new Date(0),
    mode,
    k,
    length: result.length,
    reportedRecords: result.reportedRecords,
    ...(records !== undefined && { syntheticRecords: records }),
    input: { delimiter: ",", missing: [""] },
    files: ["aggregates.csv", "manifest.json", ...(synthetic ? ["synthetic.csv"] : [])],
  });
  return {
    manifest: JSON.parse(JSON.stringify(manifest)),
    aggregates: parseReleaseCsv(aggregatesCsvText(data, result.reportable)),
    ...(synthetic !== undefined && { synthetic: parseReleaseCsv(synthetic) }),
  };
}

describe("verifyRelease over random tables", () => {
  it("passes every aggregates-only release and fails it once a count is changed", async () => {
    await fc.assert(
      fc.asyncProperty(tableArb, fc.nat(), async (t, pick) => {
        const data = readRandomTable(t);
        if (data === undefined || t.k > data.recordCount) return;
        const r = await release(data, "aggregates-only", t.k, t.length, t.seed);
        const ok = await verifyRelease(data, r);
        expect(ok.violations).toEqual([]);
        const rows = r.aggregates.rows as string[][];
        if (rows.length === 0) return;
        const row = rows[pick % rows.length]!;
        row[row.length - 1] = String(Number(row.at(-1)) + t.k);
        const bad = await verifyRelease(data, r);
        expect(bad.violations.map((v) => v.kind)).toEqual(["aggregate-count"]);
      }),
      { numRuns: 150 },
    );
  });

  for (const mode of SYNTHESIS_MODES) {
    it(`passes every ${mode} release`, async () => {
      await fc.assert(
        fc.asyncProperty(tableArb, async (t) => {
          const data = readRandomTable(t);
          if (data === undefined || t.k > data.recordCount) return;
          const r = await release(data, mode, t.k, t.length, t.seed);
          const result = await verifyRelease(data, r);
          expect(result.violations).toEqual([]);
        }),
        { numRuns: 100 },
      );
    });
  }
});
