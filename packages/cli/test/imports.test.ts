/**
 * The CLI uses other packages through their public entries only (docs/design.md §14): never another
 * package's `src/` internals, which would couple it to their layout.
 */
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";

const SRC = new URL("../src/", import.meta.url).pathname;

function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory()
      ? sources(join(dir, e.name))
      : e.name.endsWith(".ts")
        ? [join(dir, e.name)]
        : [],
  );
}

describe("the CLI's imports", () => {
  it("reach other packages only through their public entries", () => {
    const files = sources(SRC);
    expect(files.length).toBeGreaterThan(10);
    const internal = files.flatMap((file) =>
      [...readFileSync(file, "utf8").matchAll(/from\s+"(@commonground\/[^"]+)"/g)]
        .map((m) => m[1]!)
        .filter((spec) => /^@commonground\/[^/]+\/src\//.test(spec))
        .map((spec) => `${file.slice(SRC.length)}: ${spec}`),
    );
    expect(internal).toEqual([]);
  });
});
