import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { configJsonSchema, configSchema } from "../src/config-schema.js";

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
});
