/**
 * The one path to a release (docs/design.md §14): every rule is enforced by makeRelease itself, whatever
 * the host; the same options and seed give the same public files.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  assessRisk,
  contentText,
  dpSynthesize,
  emptyLedger,
  type MadeRelease,
  makeRelease,
  type ReleaseOptions,
  readDatasetFromText,
  recordRelease,
  seededRng,
  UserError,
  validateReleaseOptions,
} from "../../src/internal.js";

const encoder = new TextEncoder();
/** Deterministic "secure" words for tests that must not depend on chance (never DP noise in a release). */
const fill = (words: Uint32Array) => {
  for (let i = 0; i < words.length; i++) words[i] = (i * 2654435761 + 12345) >>> 0;
};

/** 60 people: age, sex, a multi-value type; every value shared by ≥ 10. */
function table(): string {
  const rows = ["id,age,sex,type"];
  for (let i = 0; i < 60; i++) {
    rows.push(`${i},${18 + (i % 40)},${i % 2 ? "F" : "M"},${i % 3 ? "labour" : "sexual;labour"}`);
  }
  return `${rows.join("\n")}\n`;
}

const input = (text = table()) => ({ chunks: [encoder.encode(text)], name: "cases.csv" });
const run = (options: ReleaseOptions, text?: string) =>
  makeRelease(input(text), options, { secureRandom: fill, now: () => new Date(0) });
const files = (made: MadeRelease) =>
  Object.fromEntries(made.public.map((f) => [f.name, contentText(f.content)]));

describe("validateReleaseOptions", () => {
  it("refuses k below 2 and warns below 5 (a privacy warning)", () => {
    for (const k of [0, 1, 1.5, -3, Number.NaN]) {
      expect(() => validateReleaseOptions({ ingest: {}, k })).toThrow(UserError);
    }
    const warnings = validateReleaseOptions({ ingest: {}, k: 3 });
    expect(warnings).toEqual([expect.objectContaining({ code: "weak-setting", privacy: true })]);
    expect(validateReleaseOptions({ ingest: {}, k: 5 })).toEqual([]);
  });

  it("accepts every whole k ≥ 5 without a warning, refuses every k < 2 (property)", () => {
    fc.assert(
      fc.property(fc.integer({ min: -1000, max: 1000 }), (k) => {
        if (k < 2) expect(() => validateReleaseOptions({ ingest: {}, k })).toThrow(UserError);
        else expect(validateReleaseOptions({ ingest: {}, k }).length).toBe(k < 5 ? 1 : 0);
      }),
    );
  });

  it("refuses a seed, a missing or non-positive ε, and δ outside (0, 1) under DP", () => {
    const dp = (synthesis: ReleaseOptions["synthesis"]) => () =>
      validateReleaseOptions({ ingest: { subjectId: "id" }, synthesis });
    expect(dp({ mode: "dp", seed: "1", dp: { epsilon: 1 } })).toThrow(/seed/);
    expect(dp({ mode: "dp" })).toThrow(/ε/);
    expect(dp({ mode: "dp", dp: { epsilon: 0 } })).toThrow(/ε/);
    expect(dp({ mode: "dp", dp: { epsilon: Number.POSITIVE_INFINITY } })).toThrow(/ε/);
    expect(dp({ mode: "dp", dp: { epsilon: 1, delta: 1 } })).toThrow(/δ/);
    expect(dp({ mode: "dp", dp: { epsilon: 1 } })()).toEqual([]);
  });

  it("warns, as privacy warnings, about ε above 10 and a DP release without subject IDs", () => {
    const warnings = validateReleaseOptions({
      ingest: {},
      synthesis: { mode: "dp", dp: { epsilon: 12 } },
    });
    expect(warnings.map((w) => [w.code, w.privacy])).toEqual([
      ["weak-setting", true],
      ["row-privacy-unit", true],
    ]);
  });

  it("tells about options of another mode instead of dropping them silently", () => {
    const warnings = validateReleaseOptions({
      ingest: {},
      synthesis: { mode: "row-seeded", records: 5, oversamplingRatio: 0.1 },
    });
    expect(warnings.map((w) => w.option)).toEqual(["oversamplingRatio", "records"]);
  });
});

describe("makeRelease", () => {
  it("refuses data-derived bins under DP, whoever calls it (issue 11, defect 1)", async () => {
    for (const spec of ["quantiles:4", "width:10"]) {
      const made = makeRelease(
        input(),
        {
          ingest: { subjectId: "id", bins: { age: spec } },
          synthesis: { mode: "dp", dp: { epsilon: 1 } },
        },
        { secureRandom: fill },
      );
      await expect(made).rejects.toThrow(UserError);
    }
  });

  it("leaves an identifier-like column out, or refuses it under DP, whoever calls it", async () => {
    // No subject ID: the column id differs for every one of the 60 people.
    const dp = run({ synthesis: { mode: "dp", dp: { epsilon: 1 } } });
    await expect(dp).rejects.toMatchObject({ code: "identifier-column" });
    const made = await run({ synthesis: { mode: "row-seeded", seed: "1" } });
    expect(made.manifest.columns.map((c) => c.name)).toEqual(["age", "sex", "type"]);
    expect(made.warnings.find((w) => w.code === "identifier-column")).toMatchObject({
      column: "id",
      privacy: true,
    });
    const kept = await run({
      ingest: { keepIdentifiers: ["id"] },
      synthesis: { mode: "row-seeded", seed: "1" },
    });
    expect(kept.manifest.columns.map((c) => c.name)).toEqual(["id", "age", "sex", "type"]);
  });

  it("keeps recodes out of every public file, in run.json only", async () => {
    const made = await run({
      ingest: { subjectId: "id", multiValue: { type: ";" }, recode: { type: { labour: "work" } } },
      synthesis: { mode: "row-seeded", seed: "1" },
      showcase: false,
    });
    for (const [name, text] of Object.entries(files(made))) {
      expect(text, name).not.toContain("labour");
    }
    expect(files(made)["aggregates.csv"]).toContain("work");
    const runJson = made.private.find((f) => f.name === "run.json")!;
    expect(contentText(runJson.content)).toContain('"labour": "work"');
  });

  it("dpSynthesize itself refuses a dataset binned from the data", () => {
    const data = readDatasetFromText(table(), { subjectId: "id", bins: { age: "quantiles:4" } });
    expect(() => dpSynthesize(data, { epsilon: 1, length: 2, rng: seededRng("x") })).toThrow(/bin/);
  });

  it("gives the same public files for the same seed, and records the seed privately only", async () => {
    const options: ReleaseOptions = {
      ingest: { subjectId: "id", multiValue: { type: ";" }, bins: { age: "edges:25,40" } },
      k: 10,
      synthesis: { mode: "row-seeded", seed: "s1" },
    };
    const a = await run(options);
    const b = await run(options);
    expect(files(a)).toEqual(files(b));
    expect(a.public.map((f) => f.name)).toEqual([
      "synthetic.csv",
      "aggregates.csv",
      "manifest.json",
      "datapackage.json",
    ]);
    const runJson = JSON.parse(contentText(a.private[0]!.content));
    expect(a.private[0]!.name).toBe("run.json");
    expect(runJson.seed).toBe("s1");
    for (const text of Object.values(files(a))) expect(text).not.toContain('s1"');
  });

  it("draws a fresh seed from the secure source when none is given", async () => {
    const made = await run({ ingest: { subjectId: "id" }, synthesis: {} });
    expect(made.seed).toMatch(/^[0-9a-f]{32}$/);
  });

  it("refuses a DP release past the ledger's budget before reading any data", async () => {
    let read = false;
    const chunks = (async function* () {
      read = true;
      yield encoder.encode(table());
    })();
    const ledger = recordRelease(
      emptyLedger(),
      "cases",
      { model: "differential-privacy", epsilon: 1.5, delta: 1e-6, date: "2026", out: "a" },
      2,
    );
    const made = makeRelease(
      { chunks, name: "cases.csv" },
      { ingest: { subjectId: "id" }, synthesis: { mode: "dp", dp: { epsilon: 1 } } },
      { secureRandom: fill },
      { ledger, dataset: "cases", total: 2, out: "b" },
    );
    await expect(made).rejects.toThrow(/exceed the privacy budget/);
    expect(read).toBe(false);
  });

  it("returns the ledger with the release recorded, and a differencing warning", async () => {
    const first = await makeRelease(
      input(),
      { ingest: { subjectId: "id" }, k: 10 },
      { secureRandom: fill },
      { ledger: emptyLedger(), dataset: "cases", out: "r1" },
    );
    const second = await makeRelease(
      input(),
      { ingest: { subjectId: "id" }, k: 20 },
      { secureRandom: fill },
      { ledger: first.ledger!, dataset: "cases", out: "r2" },
    );
    expect(second.ledger!.datasets.cases!.releases).toHaveLength(2);
    expect(second.warnings).toContainEqual(
      expect.objectContaining({ code: "differencing", privacy: true }),
    );
  });

  it("stops at the next phase once cancelled", async () => {
    const signal = { aborted: false };
    const made = makeRelease(
      input(),
      { ingest: { subjectId: "id" }, synthesis: { seed: "1" } },
      {
        secureRandom: fill,
        signal,
        onProgress: (phase) => {
          if (phase === "Counting") signal.aborted = true;
        },
      },
    );
    await expect(made).rejects.toMatchObject({ name: "ReleaseCancelled" });
  });

  it("lifts the work limit only when asked (workLimit: none)", async () => {
    await expect(run({ ingest: { subjectId: "id" }, workLimit: 10 })).rejects.toMatchObject({
      code: "work-limit",
      location: { option: "workLimit" },
    });
    const made = await run({ ingest: { subjectId: "id" }, workLimit: "none" });
    expect(made.manifest.mode).toBe("aggregates-only");
  });
});

/** 120 people: region always known; recruiter mostly unknown, and unknown with region "b" only. */
function sparse(): string {
  const rows = ["id,region,recruiter,type"];
  for (let i = 0; i < 120; i++) {
    const region = i % 2 ? "a" : "b";
    const recruiter = region === "a" ? (i % 4 === 1 ? "family" : "friend") : "";
    const type = i % 3 === 0 ? "" : "labour";
    rows.push(`${i},${region},${recruiter},${type}`);
  }
  return `${rows.join("\n")}\n`;
}

describe("reported missing cells (docs/design.md §12)", () => {
  const ingest = { subjectId: "id", multiValue: { type: ";" } };
  const manifestColumns = (made: MadeRelease) =>
    made.manifest.columns.map((c) => [c.name, c.missingLabel]);

  it("are off by default in the record-based modes and aggregates, on for aggregate-seeded, always on under DP", async () => {
    const seeded = await run(
      { ingest, k: 10, synthesis: { mode: "aggregate-seeded", seed: "1" } },
      sparse(),
    );
    expect(seeded.manifest.columns.every((c) => c.missingLabel === "(missing)")).toBe(true);
    const aggregates = await run({ ingest, k: 10 }, sparse());
    expect(aggregates.manifest.columns.some((c) => c.missingLabel !== undefined)).toBe(false);
    for (const mode of ["row-seeded", "value-seeded", "unseeded"] as const) {
      const made = await run({ ingest, k: 10, synthesis: { mode, seed: "1" } }, sparse());
      expect(manifestColumns(made)).toEqual([
        ["region", undefined],
        ["recruiter", undefined],
        ["type", undefined],
      ]);
      expect(files(made)["aggregates.csv"]).not.toContain("(missing)");
    }
    const dp = await run({ ingest, synthesis: { mode: "dp", dp: { epsilon: 5 } } }, sparse());
    expect(manifestColumns(dp)).toEqual([
      ["region", "(missing)"],
      ["recruiter", "(missing)"],
      ["type", "(missing)"],
    ]);
    expect(dp.warnings.map((w) => w.code)).not.toContain("ignored-option");
  });

  it("under DP, the manifest says why the fitted style measured pairs when 3 were asked for", async () => {
    const made = await run({ ingest, synthesis: { mode: "dp", dp: { epsilon: 5 } } }, sparse());
    const privacy = made.manifest.privacy as { requestedLength?: number; lengthNote?: string };
    expect(made.manifest.privacy).toMatchObject({ reportingLength: 2, requestedLength: 3 });
    expect(privacy.lengthNote).toMatch(/^Combinations of up to 2 attributes were measured, not 3/);
    const two = await run(
      { ingest, length: 2, synthesis: { mode: "dp", dp: { epsilon: 5 } } },
      sparse(),
    );
    expect(two.manifest.privacy).not.toHaveProperty("requestedLength");
    expect(two.manifest.privacy).not.toHaveProperty("lengthNote");
  });

  it("under DP, another choice is ignored and said", async () => {
    const made = await run(
      {
        ingest: { ...ingest, reportMissing: ["recruiter"] },
        synthesis: { mode: "dp", dp: { epsilon: 5 } },
      },
      sparse(),
    );
    expect(made.warnings).toContainEqual(
      expect.objectContaining({ code: "ignored-option", option: "reportMissing" }),
    );
    expect(made.manifest.columns.every((c) => c.missingLabel === "(missing)")).toBe(true);
  });

  it("are published as counts, thresholded and rounded, and written as the label", async () => {
    const made = await run(
      {
        ingest: { ...ingest, reportMissing: "all" },
        k: 10,
        synthesis: { mode: "aggregate-seeded", seed: "1" },
      },
      sparse(),
    );
    const text = files(made);
    // 60 people of region b have no recruiter: "b & (missing)" is a pair of 60.
    expect(text["aggregates.csv"]).toContain("b,(missing),,60\n");
    expect(text["aggregates.csv"]).toContain(",(missing),,60\n");
    // type is missing for 40 people (i % 3 === 0).
    expect(text["aggregates.csv"]).toMatch(/\n,,\(missing\),40\n/);
    const synthetic = text["synthetic.csv"]!.split("\n").slice(1, -1);
    // The joint structure is kept: no synthetic record of region a lacks a recruiter.
    for (const row of synthetic) {
      const [region, recruiter] = row.split(",");
      if (region === "a") expect(recruiter).not.toBe("(missing)");
      if (region === "b") expect(recruiter).toBe("(missing)");
    }
    // The fidelity score reads a reported missing cell as the blank it stands for.
    const plain = await run(
      {
        ingest: { ...ingest, reportMissing: [] },
        k: 10,
        synthesis: { mode: "aggregate-seeded", seed: "1" },
      },
      sparse(),
    );
    expect(made.evaluation!.synthetic!.kMarginal.score).toBeGreaterThanOrEqual(
      plain.evaluation!.synthetic!.kMarginal.score!,
    );
    expect(made.evaluation!.synthetic!.missingness.columns.map((c) => c.realPercent)).toEqual(
      plain.evaluation!.synthetic!.missingness.columns.map((c) => c.realPercent),
    );
  });
});

describe("assessRisk", () => {
  it("gives the risk analysis of a release's run, under the same rules", async () => {
    const options = { ingest: { subjectId: "id", multiValue: { type: ";" } }, k: 10 };
    const risk = await assessRisk(input(), options);
    const made = await run(options);
    expect(risk.risk).toEqual(made.counted.risk);
    expect([risk.rows, risk.records]).toEqual([60, 60]);
    await expect(assessRisk(input(), { ...options, k: 1 })).rejects.toMatchObject({
      location: { option: "k" },
    });
  });
});
