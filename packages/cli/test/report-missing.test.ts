/**
 * --report-missing (docs/design.md §12): missing cells published as the value "(missing)" in every file
 * of the release, checked by verify; bad values are clear errors.
 */
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  aggregate,
  ensureBuilt,
  expectNoStackTrace,
  expectSuccess,
  readJson,
  readText,
  runCli,
  synthesize,
} from "./run-cli.js";

/** B is missing for the two people of A = a (and C for one of them). */
const CSV = "A,B,C\na,,p\na,,\nb,x,p\nb,x,p\na,x,p\nb,y,q\nb,y,q\n";

let dir: string;
let input: string;
beforeAll(() => {
  ensureBuilt();
  dir = mkdtempSync(join(tmpdir(), "commonground-cli-test-"));
  input = join(dir, "cases.csv");
  writeFileSync(input, CSV);
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const columnsOf = (out: string) =>
  (readJson(join(out, "manifest.json")) as { columns: { name: string; missingLabel?: string }[] })
    .columns;

describe("--report-missing", () => {
  it("publishes the listed columns' missing cells as counts, and verify accepts them", () => {
    const out = join(dir, "agg");
    expectSuccess(aggregate([input, "--out", out, "--k", "2", "--report-missing", "B"]));
    const lines = readText(join(out, "aggregates.csv")).split("\n");
    expect(lines).toContain(",(missing),,2");
    expect(lines).toContain("a,(missing),,2");
    // C's single missing cell is not reported: not listed, and held by one person anyway.
    expect(lines.some((l) => l.endsWith(",(missing),1") || l.includes(",,(missing)"))).toBe(false);
    expect(columnsOf(out).map((c) => c.missingLabel)).toEqual([undefined, "(missing)", undefined]);
    expectSuccess(runCli(["verify", input, out]));
    expectSuccess(runCli(["verify", "--public", out]));
  });

  it("writes the label in synthetic.csv, and none by default", () => {
    const out = join(dir, "syn");
    const r = synthesize([
      input,
      "--out",
      out,
      "--k",
      "2",
      "--seed",
      "1",
      "--report-missing",
      "all",
    ]);
    expectSuccess(r);
    expect(readText(join(out, "synthetic.csv"))).toContain("(missing)");
    expect(columnsOf(out).every((c) => c.missingLabel === "(missing)")).toBe(true);
    expectSuccess(runCli(["verify", input, out]));
    const plain = join(dir, "plain");
    expectSuccess(synthesize([input, "--out", plain, "--k", "2", "--seed", "1"]));
    expect(readText(join(plain, "synthetic.csv"))).not.toContain("(missing)");
    expect(readText(join(plain, "aggregates.csv"))).not.toContain("(missing)");
  });

  it("is read from the config file as a list", () => {
    const config = join(dir, "config.json");
    writeFileSync(config, JSON.stringify({ reportMissing: ["B"], k: 2 }));
    const out = join(dir, "configured");
    expectSuccess(aggregate([input, "--out", out, "--config", config]));
    expect(columnsOf(out)[1]!.missingLabel).toBe("(missing)");
  });

  it("refuses a mix of all/none and columns, and an unknown column, without a stack trace", () => {
    const mixed = aggregate([input, "--out", join(dir, "x"), "--report-missing", "all,B"]);
    expect(mixed.status).toBe(2);
    expect(mixed.stderr).toContain('"all", "none" or a list of columns');
    expectNoStackTrace(mixed.stderr);
    const unknown = aggregate([input, "--out", join(dir, "y"), "--report-missing", "Z"]);
    expect(unknown.status).toBe(2);
    expect(unknown.stderr).toContain('--report-missing names the column "Z"');
    expectNoStackTrace(unknown.stderr);
  });

  it("refuses a column holding the label as data, naming the line and the column", () => {
    const bad = join(dir, "bad.csv");
    writeFileSync(bad, "A,B\n(missing),x\n,y\n");
    const r = aggregate([bad, "--out", join(dir, "z"), "--k", "2", "--report-missing", "A"]);
    expect(r.status).toBe(2);
    expect(r.stderr).toContain('Line 2, column "A": the value "(missing)"');
    expect(r.stderr).toMatch(/where: .*bad\.csv.*line 2/);
    expectNoStackTrace(r.stderr);
  });
});
