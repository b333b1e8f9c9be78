/**
 * The public entry is small: making a release and what it needs. The stages behind it are
 * `internal.ts`'s (for CommonGround's own hosts), not the library's promise.
 */
import { describe, expect, it } from "vitest";
import * as api from "../src/index.js";
import * as internal from "../src/internal.js";

describe("the public entry", () => {
  it("exports makeRelease, its errors and defaults, and nothing else", () => {
    expect(Object.keys(api).sort()).toEqual([
      "InternalError",
      "RELEASE_DEFAULTS",
      "RUN_MODES",
      "ReleaseCancelled",
      "UserError",
      "VERSION",
      "emptyLedger",
      "makeRelease",
      "parseLedger",
    ]);
  });

  it("keeps the engine's internals (counting kernels, synthesizers) out of it", () => {
    for (const name of ["countPartition", "countCombinations", "synthesize", "seededRng"]) {
      expect(internal).toHaveProperty(name);
      expect(api).not.toHaveProperty(name);
    }
  });

  it("is the same code as the internal entry's (one makeRelease)", () => {
    expect(api.makeRelease).toBe(internal.makeRelease);
    expect(api.UserError).toBe(internal.UserError);
  });

  it("makes a release with nothing but the input, k and a secure random source", async () => {
    const csv = `${"a,b\n"}${"x,y\n".repeat(12)}${"x,z\n".repeat(12)}`;
    const made = await api.makeRelease(
      { chunks: [new TextEncoder().encode(csv)], name: "t.csv" },
      { k: 10, synthesis: { mode: "row-seeded", seed: "1" } },
      { secureRandom: (words) => crypto.getRandomValues(words) },
    );
    expect(made.public.map((f) => f.name)).toEqual([
      "synthetic.csv",
      "aggregates.csv",
      "manifest.json",
      "datapackage.json",
    ]);
    expect(made.manifest.privacy).toMatchObject({ k: 10 });
  });
});
