import { describe, expect, it } from "vitest";
import { aggregate, choose, readDatasetFromText } from "../../src/internal.js";

/**
 * A V8 Map holds at most 2^24 entries; the engine must count past that. Every person here
 * appears twice (so no combination is unique and each is walked explicitly) and no two people
 * share a value, so the distinct combinations are known exactly: people × Σ_l C(columns, l).
 */
describe("counting beyond 2^24 distinct combinations", () => {
  it("counts 23 million distinct combinations exactly", async () => {
    const people = 10_000;
    const columns = 24;
    const header = Array.from({ length: columns }, (_, c) => `c${c}`).join(",");
    const lines = [header];
    for (let p = 0; p < people; p++) {
      const row = Array.from({ length: columns }, (_, c) => `${p}_${c}`).join(",");
      lines.push(row, row);
    }
    const data = readDatasetFromText(`${lines.join("\n")}\n`);
    const { risk } = await aggregate(data, { k: 3, length: 3 });
    const perPerson = choose(columns, 1) + choose(columns, 2) + choose(columns, 3);
    expect(risk.total.combinations).toBe(people * perPerson);
    expect(risk.total.combinations).toBeGreaterThan(2 ** 24);
    expect(risk.byLength.map((l) => l.rareCombinations)).toEqual([
      people * choose(columns, 1),
      people * choose(columns, 2),
      people * choose(columns, 3),
    ]);
    expect(risk.total.rarePercent).toBe(100);
    expect(risk.total.reportableCombinations).toBe(0);
  });
});
