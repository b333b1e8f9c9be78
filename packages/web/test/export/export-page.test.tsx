// @vitest-environment happy-dom
import { cleanup, fireEvent, render, screen } from "@testing-library/react";
import { afterEach, describe, expect, it } from "vitest";
import { ExportPage } from "../../src/export/ExportPage.js";
import type { Run } from "../../src/synthesize/use-runs.js";
import type { RunResult } from "../../src/worker/protocol.js";

afterEach(cleanup);

const bytes = (s: string) => new TextEncoder().encode(s);
const STATEMENT =
  "Every combination of attributes in these records and counts describes at least 10 people in the original data.";

function run(id: number, statement: string): Run {
  const result = {
    public: [
      { name: "synthetic.csv", bytes: bytes("a\nx\n") },
      { name: "manifest.json", bytes: bytes("{}\n") },
    ],
    private: [{ name: "run.json", bytes: bytes("{}\n") }],
    manifest: { statement, title: "" },
  } as unknown as RunResult;
  return {
    id,
    name: `Run ${id}`,
    fileName: "cases.csv",
    data: { columns: ["a"], missing: [], multiValue: {}, bins: {} },
    resolution: { k: 10, length: 3 },
    synthesis: { mode: "row-seeded", seed: "s" },
    status: "done",
    phase: "",
    startedAt: 0,
    warnings: [],
    result,
  };
}

describe("the Export step", () => {
  it("shows the chosen run's statement verbatim and its files", () => {
    render(<ExportPage runs={[run(1, STATEMENT), run(2, "Another statement.")]} />);
    expect(screen.getByTestId("statement").textContent).toBe("Another statement.");
    fireEvent.change(screen.getByRole("combobox", { name: /Run to export/ }), {
      target: { value: "1" },
    });
    expect(screen.getByTestId("statement").textContent).toBe(STATEMENT);
    expect(screen.getByText(/^synthetic\.csv/)).toBeTruthy();
    expect(screen.getByText(/^run\.json/)).toBeTruthy();
  });

  it("lets the private folder go only after the warning is acknowledged", () => {
    render(<ExportPage runs={[run(1, STATEMENT)]} />);
    const privateButton = screen.getByRole("button", { name: /Download the private folder/ });
    expect((privateButton as HTMLButtonElement).disabled).toBe(true);
    expect(screen.getByRole("note").textContent).toMatch(/Do not publish or share these files/);
    fireEvent.click(screen.getByLabelText(/I understand/));
    expect((privateButton as HTMLButtonElement).disabled).toBe(false);
  });

  it("asks for a finished run first", () => {
    render(<ExportPage runs={[]} />);
    expect(screen.getByText(/Finish a run/)).toBeTruthy();
  });
});
