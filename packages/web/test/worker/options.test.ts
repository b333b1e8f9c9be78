/**
 * The worker's mapping of the app's settings onto core's options for a release and for the
 * risk analysis: both read the data with the same unknown (missing) cells.
 */
import { describe, expect, it } from "vitest";
import type { DataSettings, RunMode } from "../../src/app/settings.js";
import { releaseOptionsOf, riskOptionsOf } from "../../src/worker/pipeline.js";

const file = new File(["x,y\n"], "cases.csv", { type: "text/csv" });
const data: DataSettings = { columns: ["x", "y"], missing: [], multiValue: {}, bins: {} };
const resolution = { k: 10, length: 3 };

const release = (d: DataSettings, mode: RunMode) =>
  releaseOptionsOf({
    type: "run",
    file,
    data: d,
    resolution,
    synthesis: { mode, seed: "s", ...(mode === "dp" && { dp: { epsilon: 1 } }) },
  });
const risk = (d: DataSettings, mode?: RunMode) =>
  riskOptionsOf({ type: "risk", file, data: d, resolution, ...(mode && { mode }) });

describe("unknown cells in the worker's options", () => {
  it("leaves the release's reportMissing to core by default", () => {
    for (const mode of ["row-seeded", "aggregate-seeded", "dp"] as const) {
      expect(release(data, mode).ingest, mode).not.toHaveProperty("reportMissing");
    }
    expect(release({ ...data, reportMissing: "none" }, "row-seeded").ingest?.reportMissing).toEqual(
      [],
    );
  });

  it("gives no choice under DP (core counts every missing cell there)", () => {
    const ticked: DataSettings = { ...data, reportMissing: "columns", reportMissingColumns: ["x"] };
    expect(release(ticked, "dp").ingest).not.toHaveProperty("reportMissing");
    expect(release(ticked, "value-seeded").ingest?.reportMissing).toEqual(["x"]);
  });

  it("analyses the risk with the missing cells the release of that mode would count", () => {
    expect(risk(data).ingest.reportMissing).toEqual([]);
    expect(risk(data, "row-seeded").ingest.reportMissing).toEqual([]);
    expect(risk(data, "aggregate-seeded").ingest.reportMissing).toBe("all");
    expect(risk(data, "dp").ingest.reportMissing).toBe("all");
    expect(risk({ ...data, reportMissing: "all" }, "row-seeded").ingest.reportMissing).toBe("all");
    const ticked: DataSettings = { ...data, reportMissing: "columns", reportMissingColumns: ["y"] };
    expect(risk(ticked, "aggregate-seeded").ingest.reportMissing).toEqual(["y"]);
    expect(risk(ticked, "dp").ingest.reportMissing).toBe("all");
    expect(risk(ticked).k).toBe(10);
  });
});
