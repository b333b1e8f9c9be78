// @vitest-environment happy-dom
import { aggregate, readDatasetFromText } from "@commonground/core/internal";
import { cleanup, fireEvent, render, screen } from "@testing-library/react";
import { afterEach, describe, expect, it, vi } from "vitest";
import { RiskPage } from "../../src/risk/RiskPage.js";

afterEach(cleanup);

describe("the Risk step", () => {
  it("states the share of unique and rare records and draws each chart", async () => {
    const data = readDatasetFromText("a,b\nx,1\nx,1\nx,2\ny,1\nz,2\nz,2\n");
    const { risk } = await aggregate(data, { k: 2, length: 2 });
    render(
      <RiskPage
        resolution={{ k: 2, length: 2 }}
        onResolution={() => {}}
        risk={{ running: false, risk, warnings: [] }}
        columns={2}
      />,
    );
    const text = screen.getByTestId("risk-results").textContent ?? "";
    expect(text).toContain(`${risk.total.uniquePercent.toFixed(1)} %`);
    expect(screen.getAllByRole("figure")).toHaveLength(4);
  });

  it("reports valid k and L only", () => {
    const onResolution = vi.fn();
    render(
      <RiskPage
        resolution={{ k: 10, length: 3 }}
        onResolution={onResolution}
        risk={{ running: true, phase: "Counting", fraction: 0.5, warnings: [] }}
        columns={4}
      />,
    );
    fireEvent.change(screen.getByLabelText("Privacy resolution k"), { target: { value: "0" } });
    expect(onResolution).not.toHaveBeenCalled();
    fireEvent.change(screen.getByLabelText("Privacy resolution k"), { target: { value: "5" } });
    expect(onResolution).toHaveBeenLastCalledWith({ k: 5, length: 3 });
    fireEvent.change(screen.getByLabelText("Reporting length L"), { target: { value: "5" } });
    expect(onResolution).toHaveBeenCalledTimes(1);
    expect(screen.getByText(/Counting 50 %/)).toBeTruthy();
  });
});
