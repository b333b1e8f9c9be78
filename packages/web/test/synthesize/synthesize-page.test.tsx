// @vitest-environment happy-dom
import { cleanup, fireEvent, render, screen } from "@testing-library/react";
import { useState } from "react";
import { afterEach, describe, expect, it } from "vitest";
import type { SynthesisSettings } from "../../src/app/settings.js";
import { SynthesizePage } from "../../src/synthesize/SynthesizePage.js";
import { epsilonSpent, type Run, runName, runSettings } from "../../src/synthesize/use-runs.js";

afterEach(cleanup);

function run(id: number, synthesis: SynthesisSettings, fileName = "a.csv"): Run {
  return {
    id,
    name: runName(synthesis, { k: 10, length: 3 }, id),
    fileName,
    data: { columns: ["x"], missing: [], multiValue: {}, bins: {} },
    resolution: { k: 10, length: 3 },
    synthesis,
    status: "done",
    phase: "",
    startedAt: 0,
    endedAt: 1000,
    warnings: [],
  };
}

/** The page with its settings kept in state; the latest settings are in `probed.last`. */
const probed: { last?: SynthesisSettings } = {};
function Page({ runs, initial }: { runs: Run[]; initial: SynthesisSettings }) {
  const [settings, setSettings] = useState(initial);
  probed.last = settings;
  return (
    <SynthesizePage
      settings={settings}
      onSettings={setSettings}
      resolution={{ k: 10, length: 3 }}
      columns={["x"]}
      fileName="a.csv"
      runs={runs}
      onStart={() => {}}
      onCancel={() => {}}
      onRemove={() => {}}
      canStart
    />
  );
}

describe("the Synthesize step", () => {
  it("shows each run's seed and settings compactly on its card", () => {
    const rowSeeded: Run = {
      ...run(1, { mode: "row-seeded", seed: "2026" }),
      data: {
        columns: ["x", "y", "z"],
        missing: ["NA"],
        multiValue: { z: ";" },
        bins: { x: "width:10" },
        subjectId: "person",
      },
    };
    expect(runSettings(rowSeeded)).toBe(
      "3 columns · k = 10 · seed 2026 · L = 3 · people by person · missing: NA · 1 list column · 1 binned",
    );
    const dp = run(2, { mode: "dp", seed: "", dp: { epsilon: 1 } });
    expect(runSettings(dp)).toBe("1 column · ε = 1 · fitted style · L = 3");
    render(<Page runs={[rowSeeded, dp]} initial={{ mode: "row-seeded", seed: "s" }} />);
    expect(screen.getByTestId("run-1").textContent).toContain("seed 2026");
    expect(screen.getByTestId("run-2").textContent).toContain("ε = 1 · fitted style");
  });

  it("adds up the ε of every DP run on the same file, and only those", () => {
    const runs = [
      run(1, { mode: "dp", seed: "", dp: { epsilon: 1 } }),
      run(2, { mode: "row-seeded", seed: "s" }),
      run(3, { mode: "dp", seed: "", dp: { epsilon: 0.5 } }),
      run(4, { mode: "dp", seed: "", dp: { epsilon: 7 } }, "other.csv"),
    ];
    expect(epsilonSpent(runs, "a.csv")).toBe(1.5);
    render(<Page runs={runs} initial={{ mode: "row-seeded", seed: "s" }} />);
    const banner = screen.getByTestId("epsilon-spent");
    expect(banner.textContent).toMatch(/ε spent on a\.csv in this session: 1\.5/);
    expect(banner.textContent).toMatch(/2 DP runs/);
    expect(banner.textContent).toMatch(/costs the sum of their budgets/);
  });

  it("shows the DP settings when DP is chosen, and warns in plain words above ε = 10", () => {
    render(<Page runs={[]} initial={{ mode: "row-seeded", seed: "s" }} />);
    expect(screen.queryByLabelText("Privacy budget ε")).toBeNull();
    expect(screen.getByLabelText("Seed")).toBeTruthy();
    fireEvent.click(screen.getByLabelText(/Differential privacy/));
    const eps = screen.getByLabelText("Privacy budget ε") as HTMLInputElement;
    expect(screen.queryByLabelText("Seed")).toBeNull();
    fireEvent.change(eps, { target: { value: "12" } });
    expect(screen.getByText(/very large budget/)).toBeTruthy();
    fireEvent.change(eps, { target: { value: "0" } });
    expect(screen.getByText("Enter a positive number.")).toBeTruthy();
  });

  it("lists runs with their status, statement and Remove", () => {
    const done = run(1, { mode: "row-seeded", seed: "s" });
    const failed: Run = {
      ...run(2, { mode: "unseeded", seed: "s" }),
      status: "failed",
      error: { message: "Line 3 has 2 fields but the header has 3.", hint: "Check that line." },
    };
    render(<Page runs={[done, failed]} initial={{ mode: "row-seeded", seed: "s" }} />);
    expect(screen.getByTestId("run-1").textContent).toMatch(/Finished in 1\.0 s/);
    expect(screen.getByTestId("run-2").textContent).toMatch(/Line 3 has 2 fields/);
    expect(screen.getByTestId("run-2").textContent).toMatch(/What to do: Check that line\./);
  });

  it("offers custom fabrication thresholds per length, checked as they are typed", () => {
    render(<Page runs={[]} initial={{ mode: "dp", seed: "", dp: { epsilon: 1 } }} />);
    fireEvent.change(screen.getByLabelText("Fabrication control"), { target: { value: "etas" } });
    expect(probed.last?.dp?.fabrication).toEqual({ etas: { 2: 0.5 } });
    const input = screen.getByLabelText(/per combination length/);
    fireEvent.change(input, { target: { value: "2=0.25,3=1" } });
    expect(probed.last?.dp?.fabrication).toEqual({ etas: { 2: 0.25, 3: 1 } });
    fireEvent.change(input, { target: { value: "2=" } });
    expect(screen.getByText(/Write LENGTH=VALUE pairs/)).toBeTruthy();
    expect(probed.last?.dp?.fabrication).toEqual({ etas: { 2: 0.25, 3: 1 } });
    fireEvent.change(screen.getByLabelText("Fabrication control"), {
      target: { value: "minimise" },
    });
    expect(probed.last?.dp?.fabrication).toEqual({ mode: "minimise" });
    fireEvent.change(screen.getByLabelText(/Share of ε for the record count/), {
      target: { value: "0.02" },
    });
    expect(probed.last?.dp?.recordsShare).toBe(0.02);
  });
});
