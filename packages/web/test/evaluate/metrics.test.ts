import {
  aggregate,
  evaluateRelease,
  readDatasetFromText,
  seededRng,
  synthesize,
} from "@commonground/core/internal";
import { describe, expect, it } from "vitest";
import { comparisonSpecs, evaluationSpecs, metricRows } from "../../src/evaluate/metrics.js";

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
  it("compare two runs length by length and count by count, one row per run, on one scale", async () => {
    const a = await evaluation("1");
    const b = await evaluation("2");
    const [kept, errors] = comparisonSpecs([
      { label: "Run 1", evaluation: a },
      { label: "Run 2", evaluation: b },
    ]);
    expect(kept!.rows.map((r) => r.label)).toEqual([
      "1 attribute · Run 1",
      "1 attribute · Run 2",
      "2 attributes · Run 1",
      "2 attributes · Run 2",
    ]);
    const keptOf = (e: typeof a, length: number) =>
      100 - e.synthetic!.combinations.byLength.find((l) => l.length === length)!.suppressedPercent;
    expect(kept!.rows.map((r) => r.width)).toEqual(
      [keptOf(a, 1), keptOf(b, 1), keptOf(a, 2), keptOf(b, 2)].map((v) =>
        v > 0 ? Math.max(0.01, v / 100) : 0,
      ),
    );
    // Error rows pair up by count bucket, both runs' bars on the scale of the larger.
    const labels = errors!.rows.map((r) => r.label);
    expect(labels.filter((l) => l.endsWith("Run 1")).length).toBe(
      labels.filter((l) => l.endsWith("Run 2")).length,
    );
    expect(Math.max(...errors!.rows.map((r) => r.width))).toBe(1);
  });

  it("show every measure for each run compared, from the evaluation itself", async () => {
    const a = await evaluation("1");
    const b = await evaluation("2");
    const table = metricRows([a, b]);
    expect(table.map((r) => r.values.length)).toEqual(table.map(() => 2));
    const row = (name: string) => table.find((r) => r.name === name)!;
    const km = row("k-marginal, an empty cell counted as a value");
    expect(km.values).toEqual([a, b].map((e) => String(Math.floor(e.synthetic!.kMarginal.score!))));
    expect(km.better).toBe("higher");
    // The table and the summary's text give the same score.
    for (const [i, e] of [a, b].entries()) {
      expect(e.summary.join("\n")).toContain(`k-marginal ${km.values[i]} of 1000`);
    }
    expect(row("k-marginal on complete rows (NIST SDNist)").values).toEqual(
      [a, b].map((e) => String(Math.floor(e.synthetic!.kMarginalCompleteRows.score!))),
    );
    const expansion = row("Synthetic records per real record");
    expect(expansion.better).toBe("nearer 1");
    expect(expansion.meaning).toMatch(/1 is best/);
    // The table: 60 rows, c empty in every fifth (12 of 60, 20 %), a and b never.
    const complete = row("Complete rows, synthetic (real)");
    expect(complete.values[0]).toBe(`${a.synthetic!.completePercent.toFixed(1)} % (80.0 %)`);
    expect(complete.better).toBe("nearer the real data");
    const columns = a.synthetic!.missingness.columns;
    expect(columns.map((c) => c.realPercent)).toEqual([0, 0, 20]);
    const gaps = columns.map((c) => Math.abs(c.syntheticPercent - c.realPercent));
    const widest = gaps.indexOf(Math.max(...gaps));
    expect(row("Empty cells, largest gap").values[0]).toBe(
      `${gaps[widest]!.toFixed(1)} points (${columns[widest]!.name})`,
    );
    const worst = a.synthetic!.missingness.worstPairs[0]!;
    expect(row("Most different pair of columns").values[0]).toBe(
      `${worst.distance.toFixed(2)} (${worst.columns.join(" × ")})`,
    );
    const uem = row("Unique exact match");
    expect(uem.better).toBe("lower");
    expect(uem.values[0]).toBe(`${a.synthetic!.uniqueExactMatch.matchedPercent.toFixed(1)} %`);
  });

  it("chart specs are stable (snapshot)", async () => {
    const specs = evaluationSpecs(await evaluation("1"));
    expect(specs).toMatchSnapshot();
    expect(specs.map((s) => s.rows.length)).toEqual([3, 3, 2, 2, 3]);
  });

  it("an aggregates-only evaluation shows dashes for the synthetic measures", async () => {
    const data = readDatasetFromText(CSV);
    const counted = await aggregate(data, { k: 3, length: 2 });
    const e = await evaluateRelease(data, undefined, counted.reportable, { k: 3, length: 2 });
    const table = metricRows([e]);
    for (const r of table.filter((r) => r.name.startsWith("k-marginal"))) {
      expect(r.values).toEqual(["—"]);
    }
    expect(table.find((r) => r.name === "Most different pair of columns")!.values).toEqual(["—"]);
    expect(evaluationSpecs(e).map((s) => s.title)).not.toContainEqual(
      expect.stringContaining("Empty cells"),
    );
    expect(table.find((r) => r.name === "Mean count error (reportable)")!.values[0]).not.toBe("—");
  });
});
