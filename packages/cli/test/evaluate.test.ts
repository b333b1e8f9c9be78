import { existsSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import {
  aggregate,
  ensureBuilt,
  expectSuccess,
  permissions,
  readJson,
  runCli,
  synthesize,
  tempDir,
} from "./run-cli.js";

/** A table with a multi-value column, subject IDs and a numeric column. */
function table(dir: string): string {
  const path = join(dir, "people.csv");
  const lines = ["id,age,region,work"];
  for (let i = 0; i < 400; i++) {
    const age = 18 + ((i * 7) % 50);
    const region = ["north", "south", "east"][i % 3]!;
    const work = ["farm", "farm;mine", "sea", ""][i % 4]!;
    lines.push(`P${i},${age},${region},${work}`);
  }
  writeFileSync(path, `${lines.join("\n")}\n`);
  return path;
}

const settings = ["--subject-id", "id", "--multi-value", "work=;", "--k", "5"];

describe("commonground evaluate", () => {
  beforeAll(() => ensureBuilt());

  it("writes into the private folder the same evaluation that synthesize makes", () => {
    const dir = tempDir();
    const input = table(dir);
    const a = join(dir, "a");
    const b = join(dir, "b");
    const common = [input, ...settings, "--seed", "9", "--numeric", "age", "--quiet"];
    expectSuccess(synthesize([...common, "--out", a]));
    expectSuccess(synthesize([...common, "--out", b, "--no-evaluate"]));
    expect(existsSync(join(`${b}.private`, "evaluation.json"))).toBe(false);
    const r = runCli(["evaluate", input, b, "--numeric", "age"]);
    expectSuccess(r);
    expect(r.stdout).toContain("k-marginal");
    expect(r.stdout).toContain("evaluation.json");
    const made = join(`${b}.private`, "evaluation.json");
    expect(permissions(made)).toBe(0o600);
    expect(readJson(made)).toEqual(readJson(join(`${a}.private`, "evaluation.json")));
  });

  it("prints with --json the headline k-marginal, the complete-rows score and where cells are empty", () => {
    const dir = tempDir();
    const input = table(dir);
    const out = join(dir, "syn");
    expectSuccess(synthesize([input, ...settings, "--seed", "3", "--out", out, "--quiet"]));
    const r = runCli(["evaluate", input, out, "--json"]);
    expectSuccess(r);
    type KM = { missing: string; score: number; completeRealPercent: number; worstPairs: unknown };
    const e = JSON.parse(r.stdout) as {
      synthetic: {
        kMarginal: KM;
        kMarginalCompleteRows: KM;
        missingness: {
          columns: { name: string; realPercent: number; syntheticPercent: number }[];
          worstPairs: { columns: string[]; distance: number }[];
        };
      };
    };
    // --json carries the figures; the sentences are in the private evaluation.json.
    expect(e).not.toHaveProperty("summary");
    const { summary } = readJson(join(`${out}.private`, "evaluation.json")) as {
      summary: string[];
    };
    const s = e.synthetic;
    expect([s.kMarginal.missing, s.kMarginalCompleteRows.missing]).toEqual(["category", "row"]);
    // work is empty in every fourth of the 400 records: 75 % of them are complete.
    expect(s.kMarginalCompleteRows.completeRealPercent).toBe(75);
    expect(s.missingness.columns.map((c) => [c.name, c.realPercent])).toEqual([
      ["age", 0],
      ["region", 0],
      ["work", 25],
    ]);
    // Three columns, three pairs, all listed.
    expect(s.missingness.worstPairs).toHaveLength(3);
    expect(s.missingness.worstPairs).toEqual(s.kMarginal.worstPairs);
    const text = summary.join("\n");
    expect(text).toContain(
      `k-marginal ${Math.floor(s.kMarginal.score)} of 1000 with a missing cell counted as a value of its own`,
    );
    // Beside it the complete-rows score, or why it says nothing (no complete synthetic row).
    const rows = summary.find((l) => l.startsWith("k-marginal on complete rows only"));
    expect(rows).toMatch(
      new RegExp(
        `(is ${Math.floor(s.kMarginalCompleteRows.score)} of 1000;|says nothing here:) complete rows are 75\\.0 % of the real records`,
      ),
    );
  });

  it("evaluates an aggregates-only release (the reportable aggregates against the data)", () => {
    const dir = tempDir();
    const input = table(dir);
    const out = join(dir, "agg");
    expectSuccess(aggregate([input, ...settings, "--out", out, "--quiet"]));
    const r = runCli(["evaluate", input, out, "--json"]);
    expectSuccess(r);
    const e = JSON.parse(r.stdout) as { target: string; synthetic?: unknown; reportable: unknown };
    expect(e.target).toBe("aggregates");
    expect(e.synthetic).toBeUndefined();
    expect(e.reportable).toBeDefined();
  });

  it("refuses a folder that is not a release (exit 2, clear message)", () => {
    const dir = tempDir();
    const input = table(dir);
    const r = runCli(["evaluate", input, join(dir, "nothing")]);
    expect(r.status).toBe(2);
    expect(r.stderr).toContain("does not exist");
    expect(r.stderr).not.toMatch(/^\s+at\s/m);
  });
});
