/**
 * --json, for every command that has it: one JSON document on stdout carrying figures as
 * numbers (the sentences of the human summary are not in it), and a `warnings` list holding
 * every warning of the run — core's (with their code) and the command line's own.
 */
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { ensureBuilt, expectSuccess, ORACLE_CSV, runCli, tempDir } from "./run-cli.js";

beforeAll(ensureBuilt);

type Json = Record<string, unknown>;

function json(args: string[]): Json {
  const r = runCli([...args, "--json"]);
  expectSuccess(r);
  const parsed = JSON.parse(r.stdout) as Json;
  expect(Array.isArray(parsed.warnings), args.join(" ")).toBe(true);
  return parsed;
}

/** Strings of 12 words or more anywhere except under the given keys: sentences. */
function sentences(value: unknown, allowed: readonly string[], at = ""): string[] {
  if (typeof value === "string") return value.split(/\s+/).length >= 12 ? [at] : [];
  if (Array.isArray(value)) return value.flatMap((v, i) => sentences(v, allowed, `${at}[${i}]`));
  if (value !== null && typeof value === "object") {
    return Object.entries(value).flatMap(([k, v]) =>
      allowed.includes(k) ? [] : sentences(v, allowed, `${at}.${k}`),
    );
  }
  return [];
}

describe("--json", () => {
  it("of every command is numbers and a list of warnings, not sentences", () => {
    const dir = tempDir();
    const input = join(dir, "oracle.csv");
    writeFileSync(input, ORACLE_CSV);
    const release = join(dir, "release");
    const ledger = join(dir, "ledger.json");
    const made = json([
      "synthesize",
      ...[input, "--out", release, "--k", "2", "--seed", "1", "--threads", "1000"],
      ...["--ledger", ledger],
    ]);
    // Core's warning (weak k, a privacy warning) with its code, and the CLI's own (threads).
    const warnings = made.warnings as { code?: string; message: string; privacy?: boolean }[];
    expect(warnings.find((w) => w.code === "weak-setting")).toMatchObject({ privacy: true });
    expect(warnings.some((w) => w.message.includes("--threads 1000"))).toBe(true);
    const evaluation = made.evaluation as { synthetic: Json };
    expect(typeof evaluation.synthetic.kMarginal).toBe("number");
    expect(typeof evaluation.synthetic.expansion).toBe("number");
    expect(sentences(made, ["warnings", "statement"])).toEqual([]);

    const dp = json([
      "synthesize",
      ...[input, "--out", join(dir, "dp"), "--mode", "dp", "--epsilon", "1", "--no-showcase"],
    ]);
    expect(sentences(dp, ["warnings", "statement"])).toEqual([]);
    expect((dp.warnings as { code?: string }[]).some((w) => w.code === "row-privacy-unit")).toBe(
      true,
    );

    const aggregates = json(["aggregate", input, "--out", join(dir, "agg"), "--k", "2"]);
    expect(sentences(aggregates, ["warnings"])).toEqual([]);

    const evaluated = json(["evaluate", input, release]);
    expect(evaluated).not.toHaveProperty("summary");
    expect(typeof (evaluated.synthetic as { kMarginal: Json }).kMarginal.score).toBe("number");
    expect(sentences(evaluated, ["warnings"])).toEqual([]);

    const verified = json(["verify", input, release]);
    expect(verified.ok).toBe(true);
    expect(verified.checked).toMatchObject({ aggregateRows: 7 });
    // What could not be checked is said in words, one short item each.
    expect(sentences(verified, ["warnings", "unchecked", "filesChecked"])).toEqual([]);

    expect(json(["verify", "--public", release]).ok).toBe(true);
    expect(json(["showcase", release]).records).toBe((made.synthesis as Json).records);
    expect(json(["ledger", ledger])).toHaveProperty("datasets");
  });
});
