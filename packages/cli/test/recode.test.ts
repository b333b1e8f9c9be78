/**
 * --recode and --normalize-numbers from the command line: rare values merged before counting,
 * the old names nowhere in the public files (they name rare values), kept in the private
 * run.json, from which verify re-reads the input the same way.
 */
import { readdirSync, readFileSync, renameSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import {
  ensureBuilt,
  expectFailure,
  expectSuccess,
  readJson,
  runCli,
  synthesize,
  tempDir,
} from "./run-cli.js";

beforeAll(ensureBuilt);

/** 240 cases; citizenships MD (3 people) and BY (2) are rare; years written two ways. */
function casesFile(dir: string): string {
  let text = "citizenship,year,sex\n";
  for (let i = 0; i < 240; i++) {
    const citizenship = i < 3 ? "MD" : i < 5 ? "BY" : ["UA", "TH", "VN"][i % 3];
    const year = i % 2 === 0 ? "2016" : "2016.0";
    text += `${citizenship},${i % 5 === 0 ? "2017" : year},${i % 2 ? "F" : "M"}\n`;
  }
  const file = join(dir, "cases.csv");
  writeFileSync(file, text);
  return file;
}

describe("--recode and --normalize-numbers", () => {
  it("merge values before counting; the old names stay private; verify reads run.json", () => {
    const dir = tempDir();
    const input = casesFile(dir);
    const out = join(dir, "out");
    const r = synthesize([
      ...[input, "--out", out, "--k", "5", "--seed", "1"],
      ...["--recode", "citizenship=MD,BY:Other", "--normalize-numbers", "year"],
    ]);
    expectSuccess(r);
    const aggregates = readFileSync(join(out, "aggregates.csv"), "utf8");
    expect(aggregates).toContain("Other,,,5");
    expect(aggregates).toMatch(/^,2016,,/m);
    expect(aggregates).not.toContain("2016.0");
    for (const name of readdirSync(out)) {
      const text = readFileSync(join(out, name), "utf8");
      expect(text, name).not.toMatch(/\bMD\b|\bBY\b/);
    }
    const run = readJson(join(`${out}.private`, "run.json")) as {
      options: { ingest: { recode: unknown; normalizeNumbers: unknown } };
    };
    expect(run.options.ingest.recode).toEqual({ citizenship: { MD: "Other", BY: "Other" } });
    expect(run.options.ingest.normalizeNumbers).toEqual(["year"]);
    expectSuccess(runCli(["verify", input, out]));
    // Without the private folder, verify cannot know the recodes: it finds the difference.
    renameSync(`${out}.private`, join(dir, "elsewhere"));
    expect(runCli(["verify", input, out]).status).toBe(1);
  });

  it("hint at normalising a column that writes one number two ways", () => {
    const dir = tempDir();
    const r = synthesize([casesFile(dir), "--out", join(dir, "out"), "--k", "5", "--no-showcase"]);
    expectSuccess(r);
    expect(r.stderr).toContain('Column "year" holds one number written in different ways');
    expect(r.stderr).toContain("--normalize-numbers");
  });

  it("refuse a recode they cannot read, with an example", () => {
    const dir = tempDir();
    expectFailure(
      synthesize([casesFile(dir), "--out", join(dir, "out"), "--recode", "citizenship=MD"]),
      { says: ["--recode expects COLUMN=VALUE,VALUE:NEW", "citizenship=MD,BY:Other"], dir },
    );
  });
});
