/** `commonground explain`: the explanations written once in core, as the CLI shows them. */
import { EXPLANATIONS, plainExplanation } from "@commonground/core/internal";
import { describe, expect, it } from "vitest";
import { expectFailure, expectSuccess, runCli } from "./run-cli.js";

describe("commonground explain", () => {
  it("lists every setting with its flags and summary", () => {
    const r = runCli(["explain"]);
    expectSuccess(r);
    for (const [key, e] of Object.entries(EXPLANATIONS)) {
      expect(r.stdout).toContain(key);
      expect(r.stdout).toContain(e.summary);
    }
  });

  it("prints one setting's explanation, found by its name or its flag, without Markdown marks", () => {
    for (const name of ["epsilon", "EPSILON"]) {
      const r = runCli(["explain", name]);
      expectSuccess(r);
      expect(r.stdout).toBe(plainExplanation(EXPLANATIONS.epsilon));
      expect(r.stdout).toContain("Budgets add up");
      expect(r.stdout).not.toMatch(/\*\*|`/);
    }
    expect(runCli(["explain", "sigma-weights"]).stdout).toContain("Accuracy mode");
  });

  it("refuses an unknown setting, listing the known ones", () => {
    expectFailure(runCli(["explain", "colour"]), {
      says: ['There is no setting called "colour"', "epsilon"],
    });
  });

  it("names only flags the commands have, with the same one-line summaries in --help", () => {
    const help = runCli(["synthesize", "--help"]).stdout.replace(/\s+/g, " ");
    for (const e of Object.values(EXPLANATIONS))
      for (const flag of e.flags) expect(help, flag).toContain(flag);
    for (const key of ["k", "length", "seed", "epsilon", "delta", "subjectId"] as const)
      expect(help).toContain(EXPLANATIONS[key].summary);
    expect(help).toContain("commonground explain");
  });
});
