/**
 * Results never depend on --threads (docs/design.md §8): on a file big enough for the CLI to count on
 * worker threads, one thread and two threads give byte-identical aggregates and risk analysis.
 */
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { aggregate, ensureBuilt, expectSuccess, readJson, tempDir } from "./run-cli.js";

beforeAll(ensureBuilt);

/** xorshift32: a small seeded PRNG, uniform in [0, 1). */
function prng(seed: number): () => number {
  let state = seed >>> 0 || 1;
  return () => {
    state ^= state << 13;
    state ^= state >>> 17;
    state ^= state << 5;
    return (state >>> 0) / 2 ** 32;
  };
}

/**
 * `rows` × 8 columns of skewed small-alphabet values (few missing cells) plus one multi-value
 * column. The CLI uses workers above ~250,000 attribute entries; this has about 400,000.
 */
function table(seed: number, rows: number): string {
  const next = prng(seed);
  const columns = ["c0", "c1", "c2", "c3", "c4", "c5", "c6", "c7"];
  const lines = [[...columns, "multi"].join(",")];
  for (let r = 0; r < rows; r++) {
    const cells = columns.map((_, i) => {
      const u = next();
      return u < 0.02 ? "" : `v${Math.floor(u * u * (3 + i))}`;
    });
    const multi = ["p", "q", "r"].filter(() => next() < 0.3).join(";");
    lines.push([...cells, multi].join(","));
  }
  return `${lines.join("\n")}\n`;
}

describe("--threads", () => {
  it("gives byte-identical aggregates.csv and identical risk.json with 1 and 2 threads", () => {
    const dir = tempDir();
    const input = join(dir, "big.csv");
    writeFileSync(input, table(20240611, 50_000));
    const outs = ["one", "two"].map((name) => join(dir, name));
    for (const [i, threads] of ["1", "2"].entries()) {
      const r = aggregate([
        input,
        ...["--multi-value", "multi=;", "--k", "5", "--length", "3"],
        ...["--threads", threads, "--out", outs[i]!, "--write-sensitive-aggregates", "--quiet"],
      ]);
      expectSuccess(r);
    }
    const [one, two] = outs as [string, string];
    const bytes = (path: string) => readFileSync(path);
    const agg1 = bytes(join(one, "aggregates.csv"));
    expect(agg1.length).toBeGreaterThan(10_000);
    expect(bytes(join(two, "aggregates.csv")).equals(agg1)).toBe(true);
    expect(
      bytes(join(`${two}.private`, "sensitive-aggregates.csv")).equals(
        bytes(join(`${one}.private`, "sensitive-aggregates.csv")),
      ),
    ).toBe(true);
    expect(readJson(join(`${two}.private`, "risk.json"))).toEqual(
      readJson(join(`${one}.private`, "risk.json")),
    );
    expect(
      bytes(join(`${two}.private`, "risk.json")).equals(bytes(join(`${one}.private`, "risk.json"))),
    ).toBe(true);
    const { createdAt: _a, ...m1 } = readJson(join(one, "manifest.json")) as Record<
      string,
      unknown
    >;
    const { createdAt: _b, ...m2 } = readJson(join(two, "manifest.json")) as Record<
      string,
      unknown
    >;
    expect(m2).toEqual(m1);
  });
});
