import { describe, expect, it } from "vitest";
import { ingestOptions } from "../../src/app/settings.js";
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
      }),
    ).toEqual({
      fileName: "a.csv",
      columns: ["x", "y"],
      missing: ["n/a"],
      multiValue: { y: ";" },
      bins: { x: "edges:18,65" },
      subjectId: "id",
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
});
