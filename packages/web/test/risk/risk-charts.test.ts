import { aggregate, readDatasetFromText } from "@commonground/core/internal";
import { describe, expect, it } from "vitest";
import { byLengthSpecs, linkabilitySpecs } from "../../src/risk/risk-charts.js";

const CSV = "a,b,c\nx,1,p\nx,1,p\nx,2,p\ny,1,q\ny,2,q\nz,1,p\n";

describe("risk chart specs", () => {
  it("are stable for a fixed data set (snapshot) and consistent with the report", async () => {
    const data = readDatasetFromText(CSV);
    const { risk } = await aggregate(data, { k: 2, length: 2 });
    const specs = [...byLengthSpecs(risk), ...linkabilitySpecs(risk)];
    expect(specs).toMatchSnapshot();
    expect(specs[0]!.rows.map((r) => r.label)).toEqual(["1 attribute", "2 attributes"]);
    for (const spec of specs)
      for (const row of spec.rows) {
        expect(row.width).toBeGreaterThanOrEqual(0);
        expect(row.width).toBeLessThanOrEqual(1);
        expect(row.description).toBe(`${row.label}: ${row.text}`);
      }
  });
});
