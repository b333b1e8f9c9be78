/** `--ledger`, `--dataset`, `--budget-total` and `commonground ledger` (issue 4 item 6, docs/design.md §11). */
import { existsSync } from "node:fs";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import {
  aggregate,
  ensureBuilt,
  expectFailure,
  expectSuccess,
  readJson,
  repoRoot,
  runCli,
  SAMPLE,
  synthesize,
  tempDir,
} from "./run-cli.js";

beforeAll(ensureBuilt);

const BASE = ["--columns", "gender,age_band,citizenship", "--subject-id", "subject_id"];

describe("the budget ledger", () => {
  it("records releases, refuses a DP release past the total before any noise, and lists the data set", () => {
    const dir = tempDir();
    const ledger = join(dir, "ledger.json");
    const dp = (out: string, epsilon: string, ...more: string[]) =>
      synthesize([
        SAMPLE,
        ...BASE,
        "--out",
        join(dir, out),
        "--mode",
        "dp",
        "--epsilon",
        epsilon,
        "--ledger",
        ledger,
        "--quiet",
        ...more,
      ]);
    expectSuccess(dp("r1", "1", "--budget-total", "2"));
    expectSuccess(dp("r2", "0.75"));
    const refused = dp("r3", "0.5");
    expectFailure(refused, {
      says: ["requested ε = 0.5", "already spent ε = 1.75", "remaining ε = 0.25 of 2"],
      dir,
      out: "r3",
    });
    expect(existsSync(join(dir, "r3.private"))).toBe(false);
    const changed = dp("r4", "0.1", "--budget-total", "5");
    expectFailure(changed, { says: ["already sets the total budget", "ε = 2"], dir, out: "r4" });
    const l = readJson(ledger) as {
      datasets: Record<
        string,
        { budgetTotal: number; releases: { epsilon: number; delta: number }[] }
      >;
    };
    expect(l.datasets["cases.csv"]!.budgetTotal).toBe(2);
    expect(l.datasets["cases.csv"]!.releases.map((r) => r.epsilon)).toEqual([1, 0.75]);
    expect(l.datasets["cases.csv"]!.releases.every((r) => r.delta > 0 && r.delta < 1)).toBe(true);
    const listed = runCli(["ledger", ledger]);
    expectSuccess(listed);
    expect(listed.stdout).toContain("cases.csv: 2 releases");
    expect(listed.stdout).toContain("remaining ε = 0.25");
  });

  it("warns when the same data set is released again under k-anonymity with other settings", () => {
    const dir = tempDir();
    const ledger = join(dir, "ledger.json");
    expectSuccess(
      aggregate([
        SAMPLE,
        ...BASE,
        "--out",
        join(dir, "a1"),
        "--ledger",
        ledger,
        "--dataset",
        "cases",
        "--quiet",
      ]),
    );
    const same = aggregate([
      SAMPLE,
      ...BASE,
      "--out",
      join(dir, "a2"),
      "--ledger",
      ledger,
      "--dataset",
      "cases",
    ]);
    expectSuccess(same);
    expect(same.stderr).not.toContain("released before");
    const other = aggregate([
      SAMPLE,
      ...BASE,
      "--out",
      join(dir, "a3"),
      "--k",
      "5",
      "--ledger",
      ledger,
      "--dataset",
      "cases",
    ]);
    expectSuccess(other);
    expect(other.stderr).toContain('"cases" was released before');
    expect(other.stderr).toContain("k 10 → 5");
  });

  it("needs --ledger for --dataset and --budget-total, and refuses a file that is not a ledger", () => {
    const dir = tempDir();
    expectFailure(aggregate([SAMPLE, ...BASE, "--out", join(dir, "out"), "--budget-total", "1"]), {
      says: ["--budget-total needs --ledger"],
      dir,
    });
    const notLedger = join(repoRoot, "samples/ctdc-simulated/config.json");
    expectFailure(aggregate([SAMPLE, ...BASE, "--out", join(dir, "out"), "--ledger", notLedger]), {
      says: ["is not a CommonGround budget ledger"],
      dir,
    });
  });
});
