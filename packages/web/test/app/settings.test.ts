import { describe, expect, it } from "vitest";
import {
  type DataSettings,
  ingestOptions,
  parsePerLength,
  reportedMissingColumns,
} from "../../src/app/settings.js";
import { sampleSettings, settingsFor } from "../../src/app/use-file.js";

describe("settings → core options", () => {
  it("maps the data settings onto the CLI's ingest options, leaving defaults out", () => {
    expect(ingestOptions("a.csv", { columns: [], missing: [], multiValue: {}, bins: {} })).toEqual({
      fileName: "a.csv",
    });
    expect(
      ingestOptions("a.csv", {
        columns: ["x", "y"],
        missing: ["n/a"],
        multiValue: { y: ";" },
        bins: { x: "edges:18,65" },
        subjectId: "id",
        missingByColumn: { x: ["-1"], y: [] },
        keepIdentifiers: ["x"],
        recode: { x: { a: "b" }, unused: { c: "d" }, y: {} },
        normalizeNumbers: ["x", "unused"],
      }),
    ).toEqual({
      fileName: "a.csv",
      columns: ["x", "y"],
      missing: ["n/a"],
      multiValue: { y: ";" },
      bins: { x: "edges:18,65" },
      subjectId: "id",
      missingByColumn: { x: ["-1"] },
      keepIdentifiers: ["x"],
      // Only the columns used, and no empty recode.
      recode: { x: { a: "b" } },
      normalizeNumbers: ["x"],
    });
  });

  describe("unknown (missing) cells", () => {
    const base: DataSettings = { columns: ["x", "y", "z"], missing: [], multiValue: {}, bins: {} };
    const report = (s: Partial<DataSettings>) => ingestOptions("a.csv", { ...base, ...s });

    it("leaves reportMissing out by default, so that core applies the mode's default", () => {
      expect(report({})).not.toHaveProperty("reportMissing");
      // Ticked columns alone do not count while the choice is the default.
      expect(report({ reportMissingColumns: ["x"] })).not.toHaveProperty("reportMissing");
    });

    it('maps "every column" to "all" and "never" to []', () => {
      expect(report({ reportMissing: "all" }).reportMissing).toBe("all");
      expect(report({ reportMissing: "none", reportMissingColumns: ["x"] }).reportMissing).toEqual(
        [],
      );
    });

    it("maps the ticked columns to a list of the used ones, in column order", () => {
      expect(
        report({ reportMissing: "columns", reportMissingColumns: ["z", "gone", "x"] })
          .reportMissing,
      ).toEqual(["x", "z"]);
      expect(report({ reportMissing: "columns" }).reportMissing).toEqual([]);
    });

    it("knows which columns a mode publishes, by core's defaults, and all under DP", () => {
      expect(reportedMissingColumns(base, "row-seeded")).toEqual([]);
      expect(reportedMissingColumns(base, "aggregate-seeded")).toEqual(["x", "y", "z"]);
      expect(reportedMissingColumns({ ...base, reportMissing: "none" }, "dp")).toEqual([
        "x",
        "y",
        "z",
      ]);
      const ticked: DataSettings = {
        ...base,
        reportMissing: "columns",
        reportMissingColumns: ["y"],
      };
      expect(reportedMissingColumns(ticked, "aggregate-seeded")).toEqual(["y"]);
      expect(reportedMissingColumns({ ...base, reportMissing: "all" }, "row-seeded")).toEqual([
        "x",
        "y",
        "z",
      ]);
    });
  });

  it("takes the sample's settings from its config file", () => {
    const s = sampleSettings();
    expect(s.resolution).toEqual({ k: 10, length: 3 });
    expect(s.data.subjectId).toBe("subject_id");
    expect(s.data.multiValue).toEqual({ type_of_exploitation: ";", means_of_control: ";" });
  });

  it("suggests every named column but identifier-like ones (core's rule), with lists detected", () => {
    const s = settingsFor({
      fileName: "f.csv",
      bytes: 10,
      rows: 100,
      delimiter: ",",
      columns: [
        { name: "case", distinct: 100, empty: 0, numeric: false, top: [] },
        { name: "age", distinct: 100, empty: 0, numeric: true, top: [] },
        { name: "means", distinct: 12, empty: 3, numeric: false, top: [], listDelimiter: ";" },
        { name: "", distinct: 100, empty: 0, numeric: true, top: [] },
      ],
    });
    // "case" and "age" differ on every row: core's rule, whatever the name or type.
    expect(s.columns).toEqual(["means"]);
    expect(s.multiValue).toEqual({ means: ";" });
  });

  it("reads per-length values as the CLI's --thresholds does", () => {
    expect(parsePerLength("2=0.5,3=1")).toEqual({ 2: 0.5, 3: 1 });
    expect(parsePerLength(" 2 = 0.5 ")).toEqual({ 2: 0.5 });
    for (const bad of ["", "2", "2=", "x=1", "2=a", "2=1,", "2=1=3"])
      expect(parsePerLength(bad), bad).toBeUndefined();
  });
});
