// @vitest-environment happy-dom
/**
 * The live risk analysis: a change of settings cancels the analysis under way (its worker is
 * terminated) and starts a new one after a short pause; a cancelled analysis never reports.
 */
import type { RiskReport } from "@commonground/core/internal";
import { act, renderHook } from "@testing-library/react";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import type { DataSettings, Resolution, RunMode } from "../../src/app/settings.js";
import type { Outcome } from "../../src/worker/client.js";
import type { WorkerRequest } from "../../src/worker/protocol.js";

interface FakeJob {
  request: WorkerRequest;
  cancel: ReturnType<typeof vi.fn>;
  finish: (o: Outcome) => void;
}
const jobs: FakeJob[] = [];

vi.mock("../../src/worker/client.js", () => ({
  startJob: (request: WorkerRequest) => {
    let finish: (o: Outcome) => void = () => {};
    const result = new Promise<Outcome>((resolve) => {
      finish = resolve;
    });
    const job = { request, cancel: vi.fn(), finish };
    jobs.push(job);
    return { result, cancel: job.cancel };
  },
}));

const { useRisk } = await import("../../src/risk/use-risk.js");

const file = new File(["a\nx\n"], "a.csv");
const data: DataSettings = { columns: ["a"], missing: [], multiValue: {}, bins: {} };
const report = (k: number) => ({ k, total: {} }) as unknown as RiskReport;

beforeEach(() => {
  vi.useFakeTimers();
  jobs.length = 0;
});
afterEach(() => vi.useRealTimers());

describe("useRisk", () => {
  it("cancels the analysis under way when k changes, and shows only the latest", async () => {
    const { result, rerender } = renderHook(
      ({ resolution }: { resolution: Resolution }) => useRisk(file, data, resolution, true),
      { initialProps: { resolution: { k: 10, length: 3 } } },
    );
    expect(jobs).toHaveLength(0); // waits for the settings to settle
    act(() => vi.advanceTimersByTime(300));
    expect(jobs).toHaveLength(1);
    rerender({ resolution: { k: 5, length: 3 } });
    expect(jobs[0]!.cancel).toHaveBeenCalledTimes(1);
    act(() => vi.advanceTimersByTime(300));
    expect(jobs).toHaveLength(2);
    expect(jobs[1]!.request).toMatchObject({ type: "risk", resolution: { k: 5 } });
    await act(async () => {
      jobs[0]!.finish({ type: "risk", risk: report(10), rows: 1, records: 1, warnings: [] });
      jobs[1]!.finish({ type: "risk", risk: report(5), rows: 1, records: 1, warnings: [] });
    });
    expect(result.current.risk?.k).toBe(5);
    expect(result.current.running).toBe(false);
  });

  it("does not start again for settings already analysed, nor while disabled", async () => {
    const { rerender } = renderHook(
      ({ enabled }: { enabled: boolean }) => useRisk(file, data, { k: 10, length: 3 }, enabled),
      { initialProps: { enabled: true } },
    );
    act(() => vi.advanceTimersByTime(300));
    await act(async () => {
      jobs[0]!.finish({ type: "risk", risk: report(10), rows: 1, records: 1, warnings: [] });
    });
    rerender({ enabled: false });
    rerender({ enabled: true });
    act(() => vi.advanceTimersByTime(1000));
    expect(jobs).toHaveLength(1);
  });

  it("starts again when the unknown cells' choice or the mode changes, and sends both", () => {
    const { rerender } = renderHook(
      ({ d, mode }: { d: DataSettings; mode: RunMode }) =>
        useRisk(file, d, { k: 10, length: 3 }, true, mode),
      { initialProps: { d: data, mode: "row-seeded" as RunMode } },
    );
    act(() => vi.advanceTimersByTime(300));
    expect(jobs).toHaveLength(1);
    expect(jobs[0]!.request).toMatchObject({ type: "risk", mode: "row-seeded" });
    const ticked: DataSettings = { ...data, reportMissing: "columns", reportMissingColumns: ["a"] };
    rerender({ d: ticked, mode: "row-seeded" });
    act(() => vi.advanceTimersByTime(300));
    expect(jobs).toHaveLength(2);
    expect(jobs[0]!.cancel).toHaveBeenCalledTimes(1);
    expect(jobs[1]!.request).toMatchObject({
      data: { reportMissing: "columns", reportMissingColumns: ["a"] },
    });
    rerender({ d: ticked, mode: "aggregate-seeded" });
    act(() => vi.advanceTimersByTime(300));
    expect(jobs).toHaveLength(3);
    expect(jobs[2]!.request).toMatchObject({ mode: "aggregate-seeded" });
  });
});
