/**
 * Record-based synthesis with an identifier-like column left in (a different value in every
 * record): none of its values can ever be added (each is held by one record, fewer than k),
 * so the column must cost next to nothing and change nothing (issue 11, defect 9: completion
 * used to scan every value of the column for every record — quadratic; so did unseeded draws).
 */
import { describe, expect, it } from "vitest";
import {
  aggregate,
  type Dataset,
  formatCsvRow,
  readDatasetFromText,
  type SynthesisMode,
  seededRng,
  synthesize,
  syntheticCsvText,
} from "../../../src/internal.js";
import { bruteSupport } from "../../brute.js";

const MODES: SynthesisMode[] = ["row-seeded", "value-seeded", "unseeded"];

/** Dependent columns a, b, c with blanks, and (when asked) a last column `id` = P0, P1, …. */
function table(rows: number, withId: boolean): Dataset {
  const rng = seededRng(`identifier-${rows}`);
  const header = ["a", "b", "c", ...(withId ? ["id"] : [])];
  let text = formatCsvRow(header);
  for (let r = 0; r < rows; r++) {
    const base = rng.below(4);
    const cells = [0, 1, 2].map((j) =>
      rng.below(6) === 0 ? "" : `v${rng.below(3) === 0 ? rng.below(6) : (base + j) % 6}`,
    );
    text += formatCsvRow(withId ? [...cells, `P${r}`] : cells);
  }
  return readDatasetFromText(text, withId ? { keepIdentifiers: ["id"] } : {});
}

async function run(data: Dataset, mode: SynthesisMode, seed: number) {
  const { reportable } = await aggregate(data, { k: 5, length: 3 });
  return synthesize(data, { mode, k: 5, length: 3, reportable, rng: seededRng(seed) });
}

/** How often each (column, value) occurs in CSV lines (no quoting in these tables). */
function tally(lines: string[]): Record<string, number> {
  const out: Record<string, number> = {};
  for (const line of lines)
    line.split(",").forEach((cell, j) => {
      if (cell !== "") out[`${j}=${cell}`] = (out[`${j}=${cell}`] ?? 0) + 1;
    });
  return out;
}

/** Counts every read of an array's elements and length. */
function counted(values: string[]): { values: string[]; reads: () => number } {
  let reads = 0;
  const proxy = new Proxy(values, {
    get(target, key, receiver) {
      if (key === "length" || (typeof key === "string" && /^\d+$/.test(key))) reads++;
      return Reflect.get(target, key, receiver);
    },
  });
  return { values: proxy, reads: () => reads };
}

describe("record-based synthesis with an identifier-like column", () => {
  it("leaves it empty, keeps the support guarantee and the consolidated counts", async () => {
    const plain = table(400, false);
    const withId = table(400, true);
    for (const mode of MODES) {
      const synthetic = await run(withId, mode, 3);
      const a = syntheticCsvText(plain, await run(plain, mode, 3));
      const b = syntheticCsvText(withId, synthetic);
      const lines = b.split("\n").slice(1, -1);
      expect(lines.length).toBeGreaterThan(0);
      for (const line of lines) expect(line.endsWith(",")).toBe(true);
      for (let r = 0; r < synthetic.recordCount; r++) {
        const set = Array.from(
          synthetic.attrs.subarray(synthetic.offsets[r]!, synthetic.offsets[r + 1]!),
        );
        expect(bruteSupport(withId, set)).toBeGreaterThanOrEqual(5);
      }
      // Row- and value-seeded consolidate: each value occurs floor_k(n_v) times, as without the id.
      if (mode !== "unseeded")
        expect(tally(lines.map((l) => l.slice(0, -1)))).toEqual(tally(a.split("\n").slice(1, -1)));
    }
  });

  it("reads the identifier column's values a bounded number of times per record, not once per value", async () => {
    const rows = 3000;
    const data = table(rows, true);
    const id = data.columns[3]!;
    const { values, reads } = counted(id.values);
    data.columns[3] = { ...id, values };
    for (const mode of MODES) {
      const before = reads();
      const synthetic = await run(data, mode, 1);
      expect(synthetic.recordCount).toBeGreaterThan(0);
      // Quadratic completion read the list ~rows² (9 M) times; linear work stays far below.
      expect(reads() - before).toBeLessThan(20 * rows);
    }
  });
});
