import { readFileSync } from "node:fs";
import { NUMBER_OPTIONS, type NumberOption, numberAllowed } from "@commonground/core/internal";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { configJsonSchema, configSchema } from "../src/config-schema.js";
import { numberFlag } from "../src/flags.js";

describe("config schema", () => {
  it("is published exactly as generated (run `npm run schema` after changing it)", () => {
    const published = JSON.parse(
      readFileSync(new URL("../schema/config.schema.json", import.meta.url), "utf8"),
    );
    expect(published).toEqual(configJsonSchema());
  });

  it("accepts the bundled sample's config", () => {
    const sample = JSON.parse(
      readFileSync(new URL("../../../samples/ctdc-simulated/config.json", import.meta.url), "utf8"),
    );
    expect(configSchema.safeParse(sample).success).toBe(true);
  });

  it("rejects unknown keys and wrong types", () => {
    expect(configSchema.safeParse({ kk: 3 }).success).toBe(false);
    expect(configSchema.safeParse({ k: "ten" }).success).toBe(false);
    expect(configSchema.safeParse({ k: 0 }).success).toBe(false);
    expect(configSchema.safeParse({ multiValue: { a: ";" }, bin: ["age=width:10"] }).success).toBe(
      true,
    );
  });

  it("takes every numeric key's bounds from core's NUMBER_OPTIONS, as the flags do", () => {
    const keys = Object.keys(NUMBER_OPTIONS) as (keyof typeof NUMBER_OPTIONS)[];
    const near = (o: NumberOption) =>
      [o.min, o.above, o.max, o.below, o.example]
        .filter((x): x is number => x !== undefined)
        .flatMap((x) => [x, x - 1, x + 1, x - 0.5, x + 1e-9, x - 1e-9]);
    fc.assert(
      fc.property(
        fc.constantFrom(...keys),
        fc.oneof(fc.double({ noNaN: true }), fc.integer({ min: -5, max: 200 })),
        (key, random) => {
          const o: NumberOption = NUMBER_OPTIONS[key];
          for (const value of [random, ...near(o)]) {
            const core = numberAllowed(o, value);
            const config = configSchema.shape[key].safeParse(value).success;
            let flag = true;
            try {
              numberFlag(key, value);
            } catch {
              flag = false;
            }
            expect([key, value, config, flag]).toEqual([key, value, core, core]);
          }
        },
      ),
      { numRuns: 300 },
    );
  });
});
