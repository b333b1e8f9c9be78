import { describe, expect, it } from "vitest";
import { aggregate, aggregatesCsvText, readDatasetFromText } from "../../src/internal.js";

const ORACLE = "A,B,C\na1,b1,c1\na1,b2,c1\na2,,c2\na2,b2,c1\na1,b2,\n";

describe("the oracle example of docs/design.md §10", () => {
  it("writes exactly the documented aggregates.csv for k = 2, L = 3", async () => {
    const data = readDatasetFromText(ORACLE);
    const result = await aggregate(data, { k: 2, length: 3 });
    expect(result.reportedRecords).toBe(4);
    expect(aggregatesCsvText(data, result.reportable)).toBe(
      "A,B,C,count\na1,,,2\na2,,,2\n,b2,,2\n,,c1,2\na1,b2,,2\na1,,c1,2\n,b2,c1,2\n",
    );
  });

  it("finds the 17 combinations with their exact counts", async () => {
    const data = readDatasetFromText(ORACLE);
    const result = await aggregate(data, { k: 2, length: 3, sensitive: true });
    const rows = aggregatesCsvText(data, result.sensitive!).trim().split("\n").slice(1);
    expect(rows).toHaveLength(17);
    expect(rows).toEqual([
      "a1,,,3",
      ",b2,,3",
      ",,c1,3",
      "a2,,,2",
      ",b1,,1",
      ",,c2,1",
      "a1,b2,,2",
      "a1,,c1,2",
      ",b2,c1,2",
      "a1,b1,,1",
      "a2,b2,,1",
      "a2,,c1,1",
      "a2,,c2,1",
      ",b1,c1,1",
      "a1,b1,c1,1",
      "a1,b2,c1,1",
      "a2,b2,c1,1",
    ]);
    expect(result.risk.total.combinations).toBe(17);
  });

  it("gives the documented risk analysis", async () => {
    const data = readDatasetFromText(ORACLE);
    const { risk } = await aggregate(data, { k: 2, length: 3 });
    expect(risk.byLength.map((l) => l.uniquePercent)).toEqual([40, 20, 20]);
    expect(risk.byLength.map((l) => l.rareRecords)).toEqual([0, 0, 0]);
    expect(risk.total.uniquePercent).toBe(80);
    expect(risk.total.rarePercent).toBe(0);
  });
});
