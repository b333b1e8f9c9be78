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
