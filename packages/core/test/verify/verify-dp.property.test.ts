/**
 * verifyDpRelease over random tables: every DP release CommonGround makes passes; a synthetic
 * record with an unpublished combination, an aggregate count above its part's, a missing part
 * and a budget that does not add up each fail.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  aggregatesCsvText,
  type Dataset,
  dpManifest,
  dpPrivacy,
  dpSynthesize,
  type ParsedRelease,
  parseReleaseCsv,
  seededRng,
  syntheticCsvText,
  verifyDpRelease,
} from "../../src/internal.js";
import { randomTableArb, readRandomTable, withParameters } from "../random-table.js";

function dpRelease(
  data: Dataset,
  epsilon: number,
  length: number,
  style: "fitted" | "sds",
  seed: number,
): ParsedRelease {
  const out = dpSynthesize(data, { epsilon, length, style, rng: seededRng(seed) });
  const manifest = dpManifest(data, {
    version: "test",
    createdAt: new Date(0),
    privacy: dpPrivacy(out, { epsilon, privacyUnit: "row" }),
    reportedRecords: out.aggregates.noisyRecords,
    syntheticRecords: out.synthetic.recordCount,
    input: { delimiter: ",", missing: [""] },
    files: ["synthetic.csv", "aggregates.csv", "manifest.json", "datapackage.json"],
  });
  return {
    manifest: JSON.parse(JSON.stringify(manifest)),
    aggregates: parseReleaseCsv(aggregatesCsvText(data, out.aggregates.table)),
    synthetic: parseReleaseCsv(syntheticCsvText(data, out.synthetic)),
  };
}

const arb = withParameters(
  randomTableArb({ maxSingles: 3, maxMultis: 1, maxRows: 50, singleValues: ["x", "y", "-z"] }),
  {
    epsilon: fc.constantFrom(0.5, 5, 1000),
    length: fc.integer({ min: 1, max: 3 }),
    style: fc.constantFrom("fitted", "sds"),
    seed: fc.integer(),
  },
);

describe("verifyDpRelease", () => {
  it("passes every DP release CommonGround makes", async () => {
    await fc.assert(
      fc.asyncProperty(arb, async (t) => {
        const data = readRandomTable(t);
        if (data === undefined) return;
        const r = dpRelease(data, t.epsilon, t.length, t.style as "fitted", t.seed);
        const result = await verifyDpRelease(data, r);
        expect(result.violations).toEqual([]);
        expect(result.ok).toBe(true);
      }),
      { numRuns: 100 },
    );
  });

  it("fails on tampering: an unpublished combination, a count above its part's, a missing part, a changed budget", async () => {
    // Two columns, every pair common: at ε = 1000 all 1- and 2-combinations are published.
    const { readDatasetFromText } = await import("../../src/internal.js");
    let text = "u,v\n";
    for (let i = 0; i < 600; i++) text += `${"ab"[i % 2]},${"pq"[Math.floor(i / 2) % 2]}\n`;
    text += "c,r\n"; // c and r are each held by one person: never published
    const data = readDatasetFromText(text, {});
    const fresh = () => dpRelease(data, 1000, 2, "fitted", 11);
    const kinds = async (r: ParsedRelease) =>
      (await verifyDpRelease(data, r)).violations.map((v) => v.kind);
    expect(await kinds(fresh())).toEqual([]);

    const unpublished = fresh();
    (unpublished.synthetic!.rows as string[][])[0] = ["a", "r"];
    expect(await kinds(unpublished)).toContain("synthetic-unpublished");

    const inflated = fresh();
    const rows = inflated.aggregates.rows as string[][];
    const pair = rows.find((row) => row[0] !== "" && row[1] !== "")!;
    pair[2] = String(Number(pair[2]) + 10_000);
    expect(await kinds(inflated)).toContain("aggregate-count");

    const orphan = fresh();
    const orphanRows = orphan.aggregates.rows as string[][];
    const single = orphanRows.findIndex((row) => row[0] === "a" && row[1] === "");
    orphanRows.splice(single, 1);
    expect(await kinds(orphan)).toContain("aggregate-missing");

    const budget = fresh();
    (budget.manifest as { privacy: { epsilon: number } }).privacy.epsilon = 2000;
    expect(await kinds(budget)).toEqual(expect.arrayContaining(["budget", "statement"]));

    const sigma = fresh();
    (sigma.manifest as { privacy: { split: { noise: { sigmas: number[] } } } }).privacy.split.noise
      .sigmas[0]! /= 2;
    // ρ no longer adds up, and σ_1 is out of the accuracy mode's proportions.
    expect(new Set(await kinds(sigma))).toEqual(new Set(["budget"]));
  });

  it("checks the note on a measured length below the requested one", async () => {
    const { readDatasetFromText } = await import("../../src/internal.js");
    let text = "u,v,w\n";
    for (let i = 0; i < 300; i++)
      text += `${"ab"[i % 2]},${"pq"[i % 3 ? 0 : 1]},${"xy"[i % 5 ? 0 : 1]}\n`;
    const data = readDatasetFromText(text, {});
    const fresh = () => dpRelease(data, 5, 3, "fitted", 3);
    const privacy = (r: ParsedRelease) =>
      (r.manifest as { privacy: { requestedLength?: number; lengthNote?: string } }).privacy;
    const ok = fresh();
    expect(privacy(ok)).toMatchObject({ requestedLength: 3, reportingLength: 2 });
    expect((await verifyDpRelease(data, ok)).violations).toEqual([]);
    const changed = fresh();
    privacy(changed).lengthNote = "Combinations of up to 3 attributes were measured.";
    expect((await verifyDpRelease(data, changed)).violations.map((v) => v.kind)).toEqual([
      "statement",
    ]);
    const lower = fresh();
    privacy(lower).requestedLength = 2;
    expect((await verifyDpRelease(data, lower)).violations.map((v) => v.kind)).toEqual([
      "statement",
    ]);
  });
});
