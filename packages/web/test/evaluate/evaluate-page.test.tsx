// @vitest-environment happy-dom
/** The Evaluate step: one run's figures, then two side by side, with the summary in words. */
import {
  aggregate,
  type Evaluation,
  evaluateRelease,
  readDatasetFromText,
  seededRng,
  synthesize,
} from "@commonground/core/internal";
import { cleanup, fireEvent, render, screen, within } from "@testing-library/react";
import { afterEach, beforeAll, describe, expect, it } from "vitest";
import { EvaluatePage } from "../../src/evaluate/EvaluatePage.js";
import type { Run } from "../../src/synthesize/use-runs.js";
import type { RunResult } from "../../src/worker/protocol.js";

afterEach(cleanup);

const lines = ["a,b"];
for (let i = 0; i < 60; i++) lines.push(`${"xyz"[i % 3]},${i % 4}`);

async function evaluation(seed: string): Promise<Evaluation> {
  const data = readDatasetFromText(`${lines.join("\n")}\n`);
  const counted = await aggregate(data, { k: 3, length: 2 });
  const synthetic = synthesize(data, {
    k: 3,
    length: 2,
    reportable: counted.reportable,
    rng: seededRng(seed),
  });
  return evaluateRelease(data, synthetic, counted.reportable, { k: 3, length: 2 });
}

const runs: Run[] = [];
beforeAll(async () => {
  for (const id of [1, 2]) {
    runs.push({
      id,
      name: `Run ${id}`,
      fileName: "t.csv",
      data: { columns: ["a", "b"], missing: [], multiValue: {}, bins: {} },
      resolution: { k: 3, length: 2 },
      synthesis: { mode: "row-seeded", seed: String(id) },
      status: "done",
      phase: "",
      startedAt: 0,
      warnings: [],
      result: { evaluation: await evaluation(String(id)) } as unknown as RunResult,
    });
  }
});

describe("the Evaluate step", () => {
  it("shows the latest run, then compares it with another", () => {
    render(<EvaluatePage runs={runs} />);
    const table = () => screen.getByTestId("metrics");
    expect(
      within(table())
        .getAllByRole("columnheader")
        .map((h) => h.textContent),
    ).toEqual(["Measure", "Run 2", "Better when"]);
    expect(screen.getByText(runs[1]!.result!.evaluation!.summary[0]!)).toBeTruthy();
    fireEvent.change(screen.getByRole("combobox", { name: "Compare with" }), {
      target: { value: "1" },
    });
    expect(
      within(table())
        .getAllByRole("columnheader")
        .map((h) => h.textContent),
    ).toEqual(["Measure", "Run 2", "Run 1", "Better when"]);
    const km = within(table()).getByRole("row", { name: /k-marginal, an empty cell/ });
    const cells = within(km)
      .getAllByRole("cell")
      .map((c) => c.textContent);
    expect(cells.slice(0, 2)).toEqual(
      [runs[1]!, runs[0]!].map((r) =>
        String(Math.floor(r.result!.evaluation!.synthetic!.kMarginal.score!)),
      ),
    );
    // Each run's five charts, and two comparing them, one row per run.
    expect(screen.getAllByRole("figure").length).toBe(12);
    const compared = screen.getByRole("region", { name: "The two runs compared" });
    expect(within(compared).getByText("1 attribute · Run 2")).toBeTruthy();
    expect(within(compared).getByText("1 attribute · Run 1")).toBeTruthy();
  });

  it("asks for a finished run first", () => {
    render(<EvaluatePage runs={[]} />);
    expect(screen.getByText(/Finish a run/)).toBeTruthy();
  });
});
