/**
 * Identifier-like columns from the command line (docs/design.md §15): left out with a privacy
 * warning naming the column and the flag that keeps it, kept with --keep-identifiers (also from
 * the config file), refused under DP; verify re-reads a release's columns as they were.
 */
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import {
  ensureBuilt,
  expectFailure,
  expectSuccess,
  readJson,
  readText,
  runCli,
  synthesize,
  tempDir,
} from "./run-cli.js";

beforeAll(ensureBuilt);

/** 200 cases: a case number each, and three columns that describe groups of people. */
function casesFile(dir: string): string {
  let text = "case_id,sex,age,region\n";
  for (let i = 0; i < 200; i++) {
    text += `C-${10_000 + i},${i % 2 ? "F" : "M"},${["0-17", "18-24", "25+"][i % 3]},${["north", "south"][i % 4 < 3 ? 0 : 1]}\n`;
  }
  const file = join(dir, "cases.csv");
  writeFileSync(file, text);
  return file;
}

const header = (out: string) => readText(join(out, "synthetic.csv")).split("\n")[0];

describe("identifier-like columns", () => {
  it("are left out of a release, with a warning naming the column and how to keep it", () => {
    const dir = tempDir();
    const out = join(dir, "out");
    const r = synthesize([casesFile(dir), "--out", out, "--seed", "1", "--no-showcase"]);
    expectSuccess(r);
    expect(r.stderr).toContain('"case_id"');
    expect(r.stderr).toContain("--keep-identifiers");
    expect(header(out)).toBe("sex,age,region");
    const manifest = readJson(join(out, "manifest.json")) as { columns: { name: string }[] };
    expect(manifest.columns.map((c) => c.name)).toEqual(["sex", "age", "region"]);
    // verify re-reads the columns the release used, and passes.
    expectSuccess(runCli(["verify", join(dir, "cases.csv"), out]));
  });

  it("--quiet never hides it (a privacy warning)", () => {
    const dir = tempDir();
    const r = synthesize([casesFile(dir), "--out", join(dir, "out"), "--quiet", "--no-showcase"]);
    expectSuccess(r);
    expect(r.stderr).toContain('"case_id"');
    expect(r.stdout).toBe("");
  });

  it("are kept with --keep-identifiers, or the config file's keepIdentifiers", () => {
    const dir = tempDir();
    const input = casesFile(dir);
    const flagged = join(dir, "flagged");
    expectSuccess(
      synthesize([input, "--out", flagged, "--keep-identifiers", "case_id", "--no-showcase"]),
    );
    expect(header(flagged)).toBe("case_id,sex,age,region");
    const config = join(dir, "config.json");
    writeFileSync(config, JSON.stringify({ keepIdentifiers: ["case_id"] }));
    const configured = join(dir, "configured");
    expectSuccess(synthesize([input, "--out", configured, "--config", config, "--no-showcase"]));
    expect(header(configured)).toBe("case_id,sex,age,region");
    expectSuccess(runCli(["verify", input, flagged]));
  });

  it("are refused under differential privacy, naming the column; kept explicitly, the run goes ahead", () => {
    const dir = tempDir();
    const input = casesFile(dir);
    expectFailure(
      synthesize([input, "--out", join(dir, "out"), "--mode", "dp", "--epsilon", "1"]),
      {
        says: ['"case_id"', "identifier", "--keep-identifiers"],
        dir,
      },
    );
    expectSuccess(
      synthesize([
        input,
        "--out",
        join(dir, "kept"),
        "--mode",
        "dp",
        "--epsilon",
        "1",
        "--keep-identifiers",
        "case_id",
        "--no-showcase",
      ]),
    );
  });
});
