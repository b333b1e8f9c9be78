import { describe, expect, it } from "vitest";
import { ingestOptions, parsePerLength } from "../../src/app/settings.js";
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
      }),
    ).toEqual({
      fileName: "a.csv",
      columns: ["x", "y"],
      missing: ["n/a"],
      multiValue: { y: ";" },
      bins: { x: "edges:18,65" },
      subjectId: "id",
      missingByColumn: { x: ["-1"] },
    });
  });

  it("takes the sample's settings from its config file", () => {
    const s = sampleSettings();
    expect(s.resolution).toEqual({ k: 10, length: 3 });
    expect(s.data.subjectId).toBe("subject_id");
    expect(s.data.multiValue).toEqual({ type_of_exploitation: ";", means_of_control: ";" });
  });

  it("suggests every column but row identifiers, with list columns detected", () => {
    const s = settingsFor({
      fileName: "f.csv",
      bytes: 10,
      rows: 100,
      delimiter: ",",
      columns: [
        { name: "case", distinct: 100, empty: 0, numeric: false, top: [] },
        { name: "age", distinct: 100, empty: 0, numeric: true, top: [] },
        { name: "means", distinct: 12, empty: 3, numeric: false, top: [], listDelimiter: ";" },
      ],
    });
    expect(s.columns).toEqual(["age", "means"]);
    expect(s.multiValue).toEqual({ means: ";" });
  });

  it("reads per-length values as the CLI's --thresholds does", () => {
    expect(parsePerLength("2=0.5,3=1")).toEqual({ 2: 0.5, 3: 1 });
    expect(parsePerLength(" 2 = 0.5 ")).toEqual({ 2: 0.5 });
    for (const bad of ["", "2", "2=", "x=1", "2=a", "2=1,", "2=1=3"])
      expect(parsePerLength(bad), bad).toBeUndefined();
  });
});
