import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { dpSynthesize } from "../../src/dp/dp-synthesize.js";
import {
  aggregate,
  type Dataset,
  readDatasetFromText,
  SYNTHESIS_MODES,
  seededRng,
  synthesize,
} from "../../src/internal.js";
import { PROGRESS_STEP, progressSpan } from "../../src/synthesize/progress.js";

/** A table with 5,000 records (several thousand walks, so that walks report within parts). */
function table(): Dataset {
  const rng = seededRng(3);
  const columns = ["a", "b", "c", "d", "e"];
  let text = `${columns.join(",")}\n`;
  for (let r = 0; r < 5000; r++) {
    const cells = columns.map((_, c) => {
      const v = rng.below(4 + c);
      return v === 0 && c > 1 ? "" : `v${v}`;
    });
    text += `${cells.join(",")}\n`;
  }
  return readDatasetFromText(text);
}

/** Reports are in [0, 1], never go back, end with 1, and move on the way. */
function expectMoving(reports: number[]): void {
  expect(reports.length).toBeGreaterThan(2);
  for (const f of reports) expect(f >= 0 && f <= 1).toBe(true);
  for (let i = 1; i < reports.length; i++)
    expect(reports[i]!).toBeGreaterThanOrEqual(reports[i - 1]!);
  expect(reports.at(-1)).toBe(1);
  expect(new Set(reports.filter((f) => f > 0 && f < 1)).size).toBeGreaterThan(0);
}

describe("synthesis progress", () => {
  const data = table();

  it.each(SYNTHESIS_MODES)(
    "%s: reports a moving share of the work and the same records",
    async (mode) => {
      const { reportable, k, length } = await aggregate(data, { k: 5, length: 3 });
      const options = { mode, k, length, reportable };
      const reports: number[] = [];
      const withProgress = synthesize(data, {
        ...options,
        rng: seededRng(9),
        onProgress: (f) => reports.push(f),
      });
      expectMoving(reports);
      const without = synthesize(data, { ...options, rng: seededRng(9) });
      expect(withProgress).toEqual(without);
    },
  );

  it("DP: reports a moving share of the synthesis", () => {
    const reports: number[] = [];
    dpSynthesize(data, {
      epsilon: 1,
      length: 2,
      rng: seededRng(5),
      onProgress: (f) => reports.push(f),
    });
    expectMoving(reports);
  });
});

describe("progressSpan", () => {
  it("maps a sub-task's share into its span, never back, at most every PROGRESS_STEP, ending at its end", () => {
    fc.assert(
      fc.property(
        fc.double({ min: 0, max: 0.9, noNaN: true }),
        fc.double({ min: 0.01, max: 0.1, noNaN: true }),
        fc.array(fc.double({ min: 0, max: 1, noNaN: true }), { maxLength: 50 }),
        (from, width, fractions) => {
          const seen: number[] = [];
          const span = progressSpan((f) => seen.push(f), from, width)!;
          const sorted = [...fractions].sort((x, y) => x - y);
          for (const f of sorted) span(f);
          span(1);
          for (const f of seen) {
            expect(f).toBeGreaterThanOrEqual(from - 1e-12);
            expect(f).toBeLessThanOrEqual(from + width + 1e-12);
          }
          // Closer than PROGRESS_STEP only when the report is the span's end (its last one).
          for (let i = 1; i < seen.length; i++)
            if (seen[i]! < from + width - 1e-12)
              expect(seen[i]! - seen[i - 1]!).toBeGreaterThanOrEqual(PROGRESS_STEP - 1e-12);
          expect(seen.at(-1)).toBeCloseTo(from + width, 12);
        },
      ),
    );
  });

  it("is undefined without a listener", () => {
    expect(progressSpan(undefined, 0, 1)).toBeUndefined();
  });
});
