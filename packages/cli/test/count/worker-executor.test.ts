import { aggregate, formatCsvRow, readDatasetFromText } from "@commonground/core/internal";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { sharedAllocate, workerExecutor } from "../../src/count/worker-executor.js";

/** A table of `rows` × `cols` small-alphabet values, some missing, one multi-value column. */
function table(seed: number, rows: number, cols: number): string {
  let state = seed >>> 0 || 1;
  const next = () => {
    state ^= state << 13;
    state ^= state >>> 17;
    state ^= state << 5;
    return (state >>> 0) / 2 ** 32;
  };
  let text = formatCsvRow([...Array.from({ length: cols }, (_, i) => `c${i}`), "multi"]);
  for (let r = 0; r < rows; r++) {
    const cells = Array.from({ length: cols }, (_, i) => {
      const u = next();
      return u < 0.05 ? "" : `v${Math.floor(u * u * (3 + i))}`;
    });
    const multi = ["p", "q", "r", "s"].filter(() => next() < 0.4).join(";");
    text += formatCsvRow([...cells, multi]);
  }
  return text;
}

describe("workerExecutor", () => {
  it("gives exactly the single-threaded result, whatever the number of threads and tasks", async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.integer({ min: 1, max: 2 ** 31 }),
        fc.integer({ min: 1, max: 3 }),
        fc.integer({ min: 1, max: 12 }),
        fc.integer({ min: 1, max: 8 }),
        fc.integer({ min: 1, max: 4 }),
        async (seed, threads, tasks, k, length) => {
          const data = readDatasetFromText(table(seed, 1500, 6), { multiValue: { multi: ";" } });
          const inline = await aggregate(data, { k, length, sensitive: true });
          const parallel = await aggregate(data, {
            k,
            length,
            sensitive: true,
            executor: workerExecutor(threads),
            tasks,
            allocate: sharedAllocate,
          });
          expect(parallel.reportable).toEqual(inline.reportable);
          expect(parallel.sensitive).toEqual(inline.sensitive);
          expect(parallel.risk).toEqual(inline.risk);
          expect(inline.reportable.counts.length).toBeGreaterThan(10);
        },
      ),
      { numRuns: 6 },
    );
  });

  it("reports progress up to the whole work", async () => {
    const data = readDatasetFromText(table(9, 2000, 5), { multiValue: { multi: ";" } });
    const seen: number[] = [];
    await aggregate(data, {
      k: 3,
      executor: workerExecutor(2),
      tasks: 6,
      onProgress: (f) => seen.push(f),
    });
    expect(seen.length).toBeGreaterThan(0);
    expect(seen[seen.length - 1]).toBeCloseTo(1, 9);
    for (let i = 1; i < seen.length; i++) expect(seen[i]!).toBeGreaterThanOrEqual(seen[i - 1]!);
  });
});
