/**
 * The settings file: the app's settings as the command line's config file and back. A round
 * trip keeps every setting; what the app cannot hold is refused with the reason; and the file
 * makes, with the command line, the release the app makes (same seed: the same public files).
 */
import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { type AppSettings, configOf, settingsOfConfig } from "../../src/app/config-file.js";
import { sampleSettings } from "../../src/app/use-file.js";
import { runRelease } from "../../src/worker/pipeline.js";
import { packageWithoutDate, withoutDate } from "../release-compare.js";

const root = resolve(dirname(fileURLToPath(import.meta.url)), "../../../..");
const SAMPLE = join(root, "samples/ctdc-simulated/cases.csv");
const CLI = join(root, "packages/cli/bin/commonground.js");

const rowSeeded: AppSettings = {
  data: {
    columns: ["age", "sex", "work", "case"],
    missing: ["NA"],
    missingByColumn: { age: ["-1"] },
    multiValue: { work: ";" },
    bins: { age: "edges:18,25,65" },
    subjectId: "person",
    keepIdentifiers: ["case"],
    recode: { sex: { X: "other", U: "other" } },
    normalizeNumbers: ["age"],
    reportMissing: "columns",
    reportMissingColumns: ["sex"],
    title: "Cases 2026",
    description: "All registered cases.",
    license: "CC-BY-4.0",
    releaseVersion: "2026.1",
  },
  resolution: { k: 8, length: 2 },
  synthesis: { mode: "row-seeded", seed: "recipe-1", numeric: ["age"] },
};

const variants: AppSettings[] = [
  rowSeeded,
  {
    ...rowSeeded,
    data: { ...rowSeeded.data, reportMissing: "all", reportMissingColumns: undefined },
    synthesis: {
      mode: "aggregate-seeded",
      seed: "2",
      weightPercentile: 80,
      useSynthesizedCounts: false,
      records: 500,
    },
  },
  {
    ...rowSeeded,
    synthesis: { mode: "value-seeded", seed: "3", oversamplingRatio: 0.1, oversamplingTries: 5 },
  },
  ...[{ mode: "progressive" as const }, { etas: { 2: 0.5 } }, { thresholds: { 2: 12 } }].map(
    (fabrication, i): AppSettings => ({
      ...rowSeeded,
      resolution: { k: rowSeeded.resolution.k, length: 3 },
      synthesis: {
        mode: "dp",
        seed: "",
        dp: {
          epsilon: 2,
          delta: 1e-7,
          style: i === 0 ? "sds" : "fitted",
          accuracy: i === 1 ? [1, 0.5, 0.25] : "long",
          fabrication,
          percentile: 95,
          percentileShare: 0.02,
          recordsShare: 0.01,
        },
      },
    }),
  ),
];

/** The settings a loaded file stands for: the seed aside under DP (a DP run takes none). */
function normal(s: AppSettings): AppSettings {
  const data = { ...s.data };
  if (data.reportMissing !== "columns") delete data.reportMissingColumns;
  const synthesis = s.synthesis.mode === "dp" ? { ...s.synthesis, seed: "" } : s.synthesis;
  const resolution = s.synthesis.mode === "dp" ? { ...s.resolution, k: 10 } : s.resolution;
  return { data, resolution, synthesis };
}

describe("the settings file", () => {
  it("keeps every setting through a round trip", () => {
    const blank: AppSettings = {
      data: { columns: [], missing: [], multiValue: {}, bins: {} },
      resolution: { k: 10, length: 3 },
      synthesis: { mode: "row-seeded", seed: "" },
    };
    for (const settings of variants) {
      const file = JSON.parse(JSON.stringify(configOf(settings)));
      const loaded = settingsOfConfig(file, blank);
      expect(loaded.ok, JSON.stringify(loaded)).toBe(true);
      if (loaded.ok) expect(loaded.settings).toEqual(normal(settings));
    }
  });

  it("sets aside what is about running the command line, and refuses what the app cannot hold", () => {
    const loaded = settingsOfConfig(
      { ...configOf(rowSeeded), out: "release", threads: 2 },
      rowSeeded,
    );
    expect(loaded).toMatchObject({ ok: true, ignored: ["out", "threads"] });
    for (const [file, says] of [
      [{ colums: ["a"] }, '"colums" is not a setting'],
      [{ recordLimit: 100 }, '"recordLimit" is a command-line setting the app does not offer'],
      [{ k: "ten" }, '"k" must be a number'],
      [{ mode: "dp" }, 'needs "epsilon"'],
      [{ mode: "dp", epsilon: 1, fabricationMode: "some" }, '"fabricationMode" must be one of'],
      [[1, 2], "does not hold a settings object"],
    ] as const) {
      const r = settingsOfConfig(file, rowSeeded);
      expect(r.ok).toBe(false);
      if (!r.ok) expect(r.problems.join(" ")).toContain(says);
    }
  });

  it("gives the command line the recipe of the app's release (same seed, same files)", async () => {
    const { data, resolution } = sampleSettings();
    const settings: AppSettings = {
      data: {
        ...data,
        license: "CC0-1.0",
        releaseVersion: "1",
        recode: { age_band: { "0-8": "0-17", "9-17": "0-17" } },
      },
      resolution,
      synthesis: { mode: "aggregate-seeded", seed: "recipe", weightPercentile: 90 },
    };
    const dir = mkdtempSync(join(tmpdir(), "cg-recipe-"));
    const config = join(dir, "settings.json");
    writeFileSync(config, JSON.stringify(configOf(settings), null, 2));
    const out = join(dir, "release");
    const r = spawnSync(
      "node",
      [CLI, "synthesize", SAMPLE, "--config", config, "--out", out, "--no-showcase"],
      { encoding: "utf8" },
    );
    expect(r.status, r.stderr).toBe(0);
    expect(r.stderr).not.toMatch(/ignored|not used/i);
    const file = new File([readFileSync(SAMPLE)], "samples/ctdc-simulated/cases.csv");
    const { result } = await runRelease({ type: "run", file, ...settings }, () => {});
    for (const f of result.public) {
      const theirs = readFileSync(join(out, f.name), "utf8");
      const ours = new TextDecoder().decode(f.bytes);
      if (f.name === "manifest.json") expect(withoutDate(ours)).toEqual(withoutDate(theirs));
      else if (f.name === "datapackage.json")
        expect(packageWithoutDate(ours)).toEqual(packageWithoutDate(theirs));
      else expect(ours, f.name).toBe(theirs);
    }
  });
});
