/**
 * The showcase's words that depend on the release: what the statement means for selections
 * longer than L in each kind of release, the facts, and file sizes.
 */
import { describe, expect, it } from "vitest";
import type { ReleaseView } from "../../src/explore/release-view.js";
import {
  formatBytes,
  formatSmall,
  longerSelectionNote,
  releaseFacts,
} from "../../src/showcase/showcase-text.js";

const view = (over: Partial<ReleaseView>): ReleaseView =>
  ({
    mode: "row-seeded",
    privacy: { model: "k-anonymity", k: 10, guarantee: "all-lengths" },
    reportingLength: 3,
    recordCount: 100,
    reportedRecords: 120,
    aggregates: new Map([["0", 10]]),
    ...over,
  }) as ReleaseView;

describe("longerSelectionNote", () => {
  it("k-anonymity on every length: longer counts are estimates, combinations still ≥ k", () => {
    const note = longerSelectionNote({ view: view({}) });
    expect(note).toContain("up to 3 attributes");
    expect(note).toContain("still describes at least 10 real people");
  });

  it("aggregate-seeded: longer combinations may not exist in the original data", () => {
    const note = longerSelectionNote({
      view: view({
        mode: "aggregate-seeded",
        privacy: { model: "k-anonymity", k: 5, guarantee: "up-to-length" },
        reportingLength: 2,
      }),
    });
    expect(note).toContain("up to 2 attributes");
    expect(note).toContain("not occur there at all");
  });

  it("differential privacy: estimates under the same guarantee", () => {
    const note = longerSelectionNote({
      view: view({
        mode: "dp",
        privacy: { model: "differential-privacy", epsilon: 1, delta: 1e-6 },
      }),
    });
    expect(note).toContain("same differential privacy guarantee");
  });

  it("no synthetic records: nothing beyond L", () => {
    const note = longerSelectionNote({ view: view({ mode: "aggregates-only", recordCount: 0 }) });
    expect(note).toContain("no synthetic records");
    expect(longerSelectionNote({ view: view({ reportingLength: 1 }) })).toContain("1 attribute.");
  });
});

describe("releaseFacts", () => {
  it("names k, L, the records and when the release was made", () => {
    const facts = releaseFacts({
      view: view({}),
      manifest: { createdAt: "2026-01-02T03:04:05Z", tool: "CommonGround", version: "0.1.0" },
    });
    expect(Object.fromEntries(facts.map((f) => [f.term, f.detail]))).toMatchObject({
      "Privacy resolution k": expect.stringContaining("10 people"),
      "Reporting length L": "combinations of up to 3 attributes have reportable counts",
      Records: "120 reported (rounded down to a multiple of 10)",
      "Synthetic records": "100",
      "Reportable counts": "1",
      Made: "2026-01-02 with CommonGround 0.1.0",
    });
  });

  it("gives ε and δ for differential privacy", () => {
    const facts = releaseFacts({
      view: view({
        mode: "dp",
        privacy: { model: "differential-privacy", epsilon: 2, delta: 1e-7 },
      }),
      manifest: {},
    });
    expect(facts.find((f) => f.term === "Privacy budget")?.detail).toBe("ε = 2, δ = 1e-7");
  });
});

describe("formatSmall", () => {
  it("writes privacy parameters short", () => {
    expect([1, 0.5, 10, 1.04455767e-5, 1e-6, 0.0012345].map(formatSmall)).toEqual([
      "1",
      "0.5",
      "10",
      "1.04e-5",
      "1e-6",
      "0.00123",
    ]);
  });
});

describe("formatBytes", () => {
  it("uses decimal units", () => {
    expect([999, 1000, 1_660_000].map(formatBytes)).toEqual(["999 bytes", "1.0 kB", "1.7 MB"]);
  });
});
