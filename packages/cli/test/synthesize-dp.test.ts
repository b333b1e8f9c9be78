/**
 * `commonground synthesize --mode dp` (issue 4, docs/design.md §5, §7): a DP release from the bundled
 * sample, and the bad DP options, each exiting 2 with what to do and nothing left behind.
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
  SAMPLE,
  SAMPLE_CONFIG,
  synthesize,
  tempDir,
} from "./run-cli.js";

beforeAll(ensureBuilt);

/** Rows of a CSV written by CommonGround (no quoted commas in the sample's values). */
function csvRows(text: string): string[][] {
  return text
    .trimEnd()
    .split("\n")
    .map((line) => line.split(","));
}

describe("verify on a DP release", () => {
  it("passes the release as made, and fails (exit 1) once a synthetic record holds a value nobody has", () => {
    const dir = tempDir();
    const out = join(dir, "out");
    expectSuccess(
      synthesize([
        SAMPLE,
        "--config",
        SAMPLE_CONFIG,
        "--out",
        out,
        "--mode",
        "dp",
        "--epsilon",
        "1",
        "--quiet",
      ]),
    );
    const ok = runCli(["verify", SAMPLE, out]);
    expectSuccess(ok);
    expect(ok.stdout).toContain("differential privacy, ε = 1");
    const path = join(out, "synthetic.csv");
    const lines = readText(path).split("\n");
    const cells = lines[1]!.split(",");
    // year_of_registration is the first column: a year no record has is never published.
    cells[0] = "1871";
    lines[1] = cells.join(",");
    writeFileSync(path, lines.join("\n"));
    const bad = runCli(["verify", SAMPLE, out]);
    expect(bad.status).toBe(1);
    expect(bad.stderr).toContain("Verification failed");
  });
});

describe("a DP release of the sample", () => {
  it("publishes noisy aggregates, records made from them only, and the DP statement; no seed anywhere", () => {
    const dir = tempDir();
    const out = join(dir, "out");
    const r = synthesize([
      SAMPLE,
      "--config",
      SAMPLE_CONFIG,
      "--out",
      out,
      "--mode",
      "dp",
      "--epsilon",
      "1",
    ]);
    expectSuccess(r);
    expect(r.stdout).toContain("differentially private release");
    expect(r.stderr).toContain("publishes combinations of up to 2 attributes (not 3)");
    const m = readJson(join(out, "manifest.json")) as {
      mode: string;
      privacy: {
        model: string;
        epsilon: number;
        delta: number;
        privacyUnit: string;
        reportingLength: number;
        style: string;
        randomness: string;
      };
      records: { reported: number; synthetic: number };
      statement: string;
      input: Record<string, unknown>;
    };
    expect(m.mode).toBe("dp");
    expect(m.privacy).toMatchObject({
      model: "differential-privacy",
      epsilon: 1,
      privacyUnit: "person",
      reportingLength: 2,
      style: "fitted",
      randomness: "secure",
    });
    expect(m.privacy.delta).toBeGreaterThan(0);
    expect(m.statement).toContain("differential privacy (ε = 1");
    expect(m.input.recordLimit).toBeUndefined();
    // The noisy count, never the true one, is published; the fitted style makes that many records.
    expect(m.records.synthetic).toBe(m.records.reported);
    const run = readJson(join(`${out}.private`, "run.json")) as {
      seed: unknown;
      input: { records: number };
    };
    expect(run.seed).toBeNull();
    // Every combination of up to 2 values in a synthetic record is a published aggregate row.
    const [header, ...aggregates] = csvRows(readText(join(out, "aggregates.csv")));
    expect(header!.at(-1)).toBe("count");
    const published = new Set(aggregates.map((row) => row.slice(0, -1).join(",")));
    const [, ...records] = csvRows(readText(join(out, "synthetic.csv")));
    expect(records.length).toBe(m.records.synthetic);
    const width = header!.length - 1;
    for (const record of records.slice(0, 2000)) {
      const filled = record.flatMap((v, i) => (v === "" ? [] : [i]));
      for (const i of filled) {
        for (const j of filled) {
          if (j < i) continue;
          const cells = Array<string>(width).fill("");
          cells[i] = record[i]!;
          cells[j] = record[j]!;
          // Multi-value cells hold several values: their pairs are checked by the core tests.
          if (record[i]!.includes(";") || record[j]!.includes(";")) continue;
          expect(published.has(cells.join(",")), `${cells.join(",")} not published`).toBe(true);
        }
      }
    }
  });

  it("draws fresh randomness every time: two runs on the same input differ", () => {
    const dir = tempDir();
    const run = (out: string) =>
      synthesize([
        SAMPLE,
        "--columns",
        "gender,age_band,citizenship",
        "--subject-id",
        "subject_id",
        "--out",
        join(dir, out),
        "--mode",
        "dp",
        "--epsilon",
        "1",
        "--quiet",
      ]);
    expectSuccess(run("a"));
    expectSuccess(run("b"));
    expect(readText(join(dir, "a", "aggregates.csv"))).not.toBe(
      readText(join(dir, "b", "aggregates.csv")),
    );
  });

  it("warns without a subject ID (rows, not people, are protected) and above ε = 10", () => {
    const dir = tempDir();
    const out = join(dir, "out");
    const r = synthesize([
      SAMPLE,
      "--columns",
      "gender,age_band,citizenship",
      "--out",
      out,
      "--mode",
      "dp",
      "--epsilon",
      "12",
    ]);
    expectSuccess(r);
    expect(r.stderr).toContain("No subject ID column: each row is protected");
    expect(r.stderr).toContain("ε = 12 is a very large budget");
    const m = readJson(join(out, "manifest.json")) as { privacy: { privacyUnit: string } };
    expect(m.privacy.privacyUnit).toBe("row");
  });
});

describe("privacy warnings of a DP release", () => {
  it("--quiet never hides that rows, not people, are protected", () => {
    const dir = tempDir();
    const r = synthesize([
      SAMPLE,
      "--columns",
      "gender,age_band",
      "--out",
      join(dir, "out"),
      "--mode",
      "dp",
      "--epsilon",
      "1",
      "--quiet",
    ]);
    expectSuccess(r);
    expect(r.stdout).toBe("");
    expect(r.stderr).toContain("No subject ID column: each row is protected");
  });
});

describe("bad DP options", () => {
  const cases: [string, string[], (string | RegExp)[]][] = [
    [
      "--seed",
      ["--epsilon", "1", "--seed", "4"],
      ["A seed cannot be used with differential privacy", "option --seed"],
    ],
    ["no --epsilon", [], ["--mode dp needs --epsilon"]],
    ["ε = 0", ["--epsilon", "0"], ["--epsilon must be a positive number"]],
    [
      "ε not a number",
      ["--epsilon", "NaN"],
      ["--epsilon must be a positive number", '(got "NaN")'],
    ],
    [
      "δ = 1",
      ["--epsilon", "1", "--delta", "1"],
      ["--delta must be a number between 0 and 1, both excluded"],
    ],
    [
      "δ ≤ 0",
      ["--epsilon", "1", "--delta", "-0.1"],
      ["--delta must be a number between 0 and 1, both excluded"],
    ],
    [
      "sigma weights of the wrong length",
      ["--epsilon", "1", "--sigma-weights", "1,1,1"],
      ["3 sigma weights are given", "1 to 2 attributes"],
    ],
    ["a threshold for length 1", ["--epsilon", "1", "--thresholds", "1=0.5"], ["lengths 2…2 only"]],
    [
      "a threshold beyond L",
      ["--epsilon", "1", "--dp-style", "sds", "--thresholds", "4=0.5"],
      ["lengths 2…3 only"],
    ],
    [
      "two ways of thresholds",
      ["--epsilon", "1", "--fabrication-mode", "minimise", "--thresholds", "2=0.5"],
      ["only one of"],
    ],
    [
      "an unknown style",
      ["--epsilon", "1", "--dp-style", "mst"],
      ["--dp-style must be one of fitted, sds"],
    ],
    [
      "bins from the data",
      ["--epsilon", "1", "--bin", "year_of_registration=width:5"],
      ["computes the bin edges from the data", "edges:"],
    ],
  ];
  for (const [name, args, says] of cases) {
    it(name, () => {
      const dir = tempDir();
      const r = synthesize([
        SAMPLE,
        "--columns",
        "gender,age_band,year_of_registration",
        "--subject-id",
        "subject_id",
        "--out",
        join(dir, "out"),
        "--mode",
        "dp",
        ...args,
      ]);
      expectFailure(r, { says, dir });
    });
  }
});
