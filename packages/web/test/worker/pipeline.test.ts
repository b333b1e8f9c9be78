/**
 * The web app's pipeline against the CLI: for the same file, settings and seed, every public
 * file is byte-identical (the manifest's createdAt aside). Runs the built CLI bundle.
 */
import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { sampleSettings } from "../../src/app/use-file.js";
import { runRelease, runRisk } from "../../src/worker/pipeline.js";
import { packageWithoutDate, showcaseWithoutDate, withoutDate } from "../release-compare.js";

const root = resolve(dirname(fileURLToPath(import.meta.url)), "../../../..");
const SAMPLE = join(root, "samples/ctdc-simulated/cases.csv");
const CONFIG = join(root, "samples/ctdc-simulated/config.json");
const CLI = join(root, "packages/cli/bin/commonground.js");
/** The built showcase template (npm run build), which the app serves beside itself. */
const TEMPLATE = readFileSync(join(root, "packages/web/dist/showcase/showcase.html"), "utf8");

const sampleFile = () =>
  new File([readFileSync(SAMPLE)], "samples/ctdc-simulated/cases.csv", { type: "text/csv" });
const text = (bytes: Uint8Array) => new TextDecoder().decode(bytes);

function cli(args: string[]): string {
  const out = mkdtempSync(join(tmpdir(), "cg-web-"));
  const dir = join(out, "release");
  const r = spawnSync("node", [CLI, ...args, "--out", dir, "--quiet"], { encoding: "utf8" });
  expect(r.status, r.stderr).toBe(0);
  return dir;
}

describe("the web pipeline", () => {
  for (const mode of ["row-seeded", "aggregate-seeded"] as const) {
    it(`writes the CLI's public files for the same seed (${mode})`, async () => {
      const { data, resolution } = sampleSettings();
      const seed = "web-cli-1";
      const { result } = await runRelease(
        {
          type: "run",
          file: sampleFile(),
          data,
          resolution,
          synthesis: { mode, seed },
          showcaseTemplate: TEMPLATE,
        },
        () => {},
      );
      const dir = cli(["synthesize", SAMPLE, "--config", CONFIG, "--mode", mode, "--seed", seed]);
      expect(result.public.map((f) => f.name)).toEqual([
        "synthetic.csv",
        "aggregates.csv",
        "manifest.json",
        "datapackage.json",
        "showcase.html",
      ]);
      for (const f of result.public) {
        const theirs = readFileSync(join(dir, f.name), "utf8");
        if (f.name === "manifest.json")
          expect(withoutDate(text(f.bytes))).toEqual(withoutDate(theirs));
        else if (f.name === "datapackage.json")
          expect(packageWithoutDate(text(f.bytes))).toEqual(packageWithoutDate(theirs));
        else if (f.name === "showcase.html")
          expect(showcaseWithoutDate(text(f.bytes))).toEqual(showcaseWithoutDate(theirs));
        else expect(text(f.bytes)).toBe(theirs);
      }
      expect(result.private.map((f) => f.name)).toEqual([
        "run.json",
        "evaluation.json",
        "risk.json",
      ]);
      expect(text(result.private.find((f) => f.name === "risk.json")!.bytes)).toBe(
        readFileSync(join(`${dir}.private`, "risk.json"), "utf8"),
      );
      // A different seed gives different records.
      const other = await runRelease(
        { type: "run", file: sampleFile(), data, resolution, synthesis: { mode, seed: "other" } },
        () => {},
      );
      expect(text(other.result.public[0]!.bytes)).not.toBe(text(result.public[0]!.bytes));
    });
  }

  it("leaves the showcase out without its template", async () => {
    const { data, resolution } = sampleSettings();
    const { result } = await runRelease(
      {
        type: "run",
        file: sampleFile(),
        data,
        resolution,
        synthesis: { mode: "unseeded", seed: "1" },
      },
      () => {},
    );
    expect(result.public.map((f) => f.name)).not.toContain("showcase.html");
    expect(result.manifest.files).not.toContain("showcase.html");
  });

  it("makes a DP release with secure randomness and no seed in run.json", async () => {
    const { data, resolution } = sampleSettings();
    const { result } = await runRelease(
      {
        type: "run",
        file: sampleFile(),
        data,
        resolution,
        synthesis: { mode: "dp", seed: "ignored", dp: { epsilon: 2 } },
      },
      () => {},
    );
    const manifest = JSON.parse(text(result.public.find((f) => f.name === "manifest.json")!.bytes));
    expect(manifest.mode).toBe("dp");
    expect(manifest.privacy.epsilon).toBe(2);
    expect(manifest.privacy.randomness).toBe("secure");
    expect(manifest.privacy.privacyUnit).toBe("person");
    const run = JSON.parse(text(result.private.find((f) => f.name === "run.json")!.bytes));
    expect(run.seed).toBeNull();
    expect(result.epsilon).toBe(2);
  });

  // Issue 11, defect 1: the web app once published data-derived bin edges in a DP release.
  for (const spec of ["quantiles:20", "width:5"]) {
    it(`refuses a DP release with bins taken from the data (${spec})`, async () => {
      const { data, resolution } = sampleSettings();
      const run = runRelease(
        {
          type: "run",
          file: sampleFile(),
          data: { ...data, bins: { ...data.bins, year_of_registration: spec } },
          resolution,
          synthesis: { mode: "dp", seed: "unused", dp: { epsilon: 1 } },
        },
        () => {},
      );
      await expect(run).rejects.toMatchObject({
        name: "UserError",
        message: expect.stringMatching(/computes the bin edges from the data/),
      });
    });
  }

  it("refuses k = 1, as the CLI does (the rule lives in core)", async () => {
    const { data } = sampleSettings();
    const run = runRelease(
      {
        type: "run",
        file: sampleFile(),
        data,
        resolution: { k: 1, length: 3 },
        synthesis: { mode: "row-seeded", seed: "1" },
      },
      () => {},
    );
    await expect(run).rejects.toMatchObject({
      name: "UserError",
      location: { option: "k" },
    });
  });

  it("reports the risk of the data as the CLI's risk.json does", async () => {
    const { data, resolution } = sampleSettings();
    const riskOf = (dir: string) =>
      JSON.parse(readFileSync(join(`${dir}.private`, "risk.json"), "utf8"));
    // Asked to publish every missing cell, the risk is the CLI's with --report-missing all.
    const all = await runRisk(
      {
        type: "risk",
        file: sampleFile(),
        data: { ...data, reportMissing: "all" },
        resolution,
        mode: "aggregate-seeded",
      },
      () => {},
    );
    expect(all.risk).toEqual(
      riskOf(cli(["aggregate", SAMPLE, "--config", CONFIG, "--report-missing", "all"])),
    );
    expect(all.rows).toBe(12000);
    // By default (row-seeded) none are counted, as the CLI's default.
    const none = await runRisk({ type: "risk", file: sampleFile(), data, resolution }, () => {});
    expect(none.risk).toEqual(riskOf(cli(["aggregate", SAMPLE, "--config", CONFIG])));
    expect(none.risk).not.toEqual(all.risk);
  });
});
