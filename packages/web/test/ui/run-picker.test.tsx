// @vitest-environment happy-dom
/**
 * The steps that show one run share it: a run picked on one (Explore, say) is the one the next
 * shows (Export) — not the latest run.
 */
import { cleanup, fireEvent, render, screen } from "@testing-library/react";
import { useState } from "react";
import { afterEach, describe, expect, it } from "vitest";
import type { Run } from "../../src/synthesize/use-runs.js";
import { type FocusProps, RunPicker, useFocusedRun } from "../../src/ui/RunPicker.js";

afterEach(cleanup);

const runs = [1, 2, 3].map((id) => ({ id, name: `Run ${id}` }) as Run);

function Step({ label, ...focus }: { label: string } & FocusProps) {
  const [run, pick] = useFocusedRun(runs, focus);
  return <RunPicker label={label} runs={runs} value={run!.id} onChange={pick} />;
}

function TwoSteps() {
  const [focus, setFocus] = useState<number | undefined>(undefined);
  const [step, setStep] = useState("explore");
  return (
    <>
      <button type="button" onClick={() => setStep("export")}>
        Next
      </button>
      {step === "explore" ? (
        <Step label="Run to explore" focus={focus} onFocus={setFocus} />
      ) : (
        <Step label="Run to export" focus={focus} onFocus={setFocus} />
      )}
    </>
  );
}

describe("the run shown on Evaluate, Explore and Export", () => {
  it("is the latest until one is picked, then the one picked, on every step", () => {
    render(<TwoSteps />);
    const explore = screen.getByLabelText("Run to explore") as HTMLSelectElement;
    expect(explore.value).toBe("3");
    fireEvent.change(explore, { target: { value: "1" } });
    expect(explore.value).toBe("1");
    fireEvent.click(screen.getByRole("button", { name: "Next" }));
    expect((screen.getByLabelText("Run to export") as HTMLSelectElement).value).toBe("1");
  });

  it("follows a pick even where the app does not share it", () => {
    render(<Step label="Run" />);
    const picker = screen.getByLabelText("Run") as HTMLSelectElement;
    fireEvent.change(picker, { target: { value: "2" } });
    expect(picker.value).toBe("2");
  });
});
