/**
 * datapackage.json from the command line: the user's description, then the privacy statement;
 * `created` from the manifest; `licenses` and `version` from --license and --release-version
 * (or the config file); written for aggregate releases too; verify catches a data package that
 * says otherwise than the manifest; a licence that is no identifier is refused.
 */
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import {
  aggregate,
  ensureBuilt,
  expectFailure,
  expectSuccess,
  ORACLE_CSV,
  readJson,
  runCli,
  SAMPLE,
  SAMPLE_CONFIG,
  synthesize,
  tempDir,
} from "./run-cli.js";

beforeAll(ensureBuilt);

type Json = Record<string, unknown>;
const dataPackage = (out: string) => readJson(join(out, "datapackage.json")) as Json;
const manifest = (out: string) => readJson(join(out, "manifest.json")) as Json;

describe("datapackage.json", () => {
  it("carries the description, the time, the licence and the version of the release", () => {
    const dir = tempDir();
    const out = join(dir, "out");
    expectSuccess(
      synthesize([
        SAMPLE,
        ...["--config", SAMPLE_CONFIG, "--out", out, "--seed", "1", "--no-showcase"],
        ...["--description", "Simulated cases.", "--license", "CC-BY-4.0"],
        ...["--release-version", "2026.1"],
      ]),
    );
    const dp = dataPackage(out);
    const m = manifest(out);
    expect(dp.description).toBe(`Simulated cases.\n\n${m.statement}`);
    expect(dp.created).toBe(m.createdAt);
    expect(dp.licenses).toEqual([{ name: "CC-BY-4.0" }]);
    expect(dp.version).toBe("2026.1");
    expect(m).toMatchObject({ license: "CC-BY-4.0", releaseVersion: "2026.1" });
    expectSuccess(runCli(["verify", SAMPLE, out, "--config", SAMPLE_CONFIG]));
  });

  it("is written for an aggregate release too, from the config file's licence", () => {
    const dir = tempDir();
    const input = join(dir, "oracle.csv");
    writeFileSync(input, ORACLE_CSV);
    const config = join(dir, "config.json");
    writeFileSync(config, JSON.stringify({ license: "CC0-1.0", releaseVersion: "1" }));
    const out = join(dir, "out");
    expectSuccess(aggregate([input, "--out", out, "--k", "2", "--config", config]));
    const dp = dataPackage(out);
    expect(dp.licenses).toEqual([{ name: "CC0-1.0" }]);
    expect((dp.resources as Json[]).map((r) => r.path)).toEqual(["aggregates.csv"]);
    expect(manifest(out).files).toContain("datapackage.json");
    expectSuccess(runCli(["verify", input, out]));
  });

  it("that says otherwise than the manifest fails verify", () => {
    const dir = tempDir();
    const input = join(dir, "oracle.csv");
    writeFileSync(input, ORACLE_CSV);
    const out = join(dir, "out");
    expectSuccess(aggregate([input, "--out", out, "--k", "2", "--license", "CC-BY-4.0"]));
    const file = join(out, "datapackage.json");
    const original = readFileSync(file, "utf8");
    for (const [what, edit] of [
      ["licences", (d: Json) => ({ ...d, licenses: [{ name: "CC0-1.0" }] })],
      ["version", (d: Json) => ({ ...d, version: "9" })],
      ["description", (d: Json) => ({ ...d, description: "All fine." })],
    ] as const) {
      writeFileSync(file, JSON.stringify(edit(JSON.parse(original)), null, 2));
      const r = runCli(["verify", input, out]);
      expect(r.status, what).toBe(1);
      expect(r.stdout + r.stderr, what).toContain(`its ${what}`);
    }
  });

  it("refuses a licence that is not an identifier, before any work", () => {
    const dir = tempDir();
    const input = join(dir, "oracle.csv");
    writeFileSync(input, ORACLE_CSV);
    expectFailure(
      aggregate([input, "--out", join(dir, "out"), "--k", "2", "--license", "free for all"]),
      { says: ["identifier", "CC-BY-4.0"], dir },
    );
  });
});
