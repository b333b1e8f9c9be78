import {
  aggregate,
  evaluateRelease,
  readDatasetFromText,
  seededRng,
  synthesize,
} from "@commonground/core";
import { describe, expect, it } from "vitest";
import { evaluationSpecs, metricRows } from "../../src/evaluate/metrics.js";

const rows: string[] = ["a,b,c"];
for (let i = 0; i < 60; i++)
  rows.push(`${"xyz"[i % 3]},${i % 4},${i % 5 === 0 ? "" : "pq"[i % 2]}`);
const CSV = `${rows.join("\n")}\n`;

async function evaluation(seed: string) {
  const data = readDatasetFromText(CSV);
  const counted = await aggregate(data, { k: 3, length: 2 });
  const synthetic = synthesize(data, {
    k: 3,
    length: 2,
    reportable: counted.reportable,
    rng: seededRng(seed),
  });
  return evaluateRelease(data, synthetic, counted.reportable, { k: 3, length: 2 });
}

describe("evaluation table and charts", () => {
  it("show every measure for each run compared, from the evaluation itself", async () => {
    const a = await evaluation("1");
    const b = await evaluation("2");
    const table = metricRows([a, b]);
    expect(table.map((r) => r.values.length)).toEqual(table.map(() => 2));
    const km = table.find((r) => r.name.startsWith("k-marginal"))!;
    expect(km.values).toEqual([a, b].map((e) => e.synthetic!.kMarginal.score!.toFixed(0)));
    const uem = table.find((r) => r.name === "Unique exact match")!;
    expect(uem.higherIsBetter).toBe(false);
    expect(uem.values[0]).toBe(`${a.synthetic!.uniqueExactMatch.matchedPercent.toFixed(1)} %`);
  });

  it("chart specs are stable (snapshot)", async () => {
    const specs = evaluationSpecs(await evaluation("1"));
    expect(specs).toMatchSnapshot();
    expect(specs[0]!.rows).toHaveLength(2);
  });

  it("an aggregates-only evaluation shows dashes for the synthetic measures", async () => {
    const data = readDatasetFromText(CSV);
    const counted = await aggregate(data, { k: 3, length: 2 });
    const e = await evaluateRelease(data, undefined, counted.reportable, { k: 3, length: 2 });
    const table = metricRows([e]);
    expect(table.find((r) => r.name.startsWith("k-marginal"))!.values).toEqual(["—"]);
    expect(table.find((r) => r.name === "Mean count error (reportable)")!.values[0]).not.toBe("—");
  });
});
