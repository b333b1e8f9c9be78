/**
 * A whole session in chromium, as a data steward would go through it: open the sample, see the
 * risk, make a k-anonymity and a DP run, evaluate, explore (a selected value's counts checked
 * against the release files), export (the zip's files compared with the CLI's for the same
 * seed). Every page passes axe and is photographed; no request leaves the app's origin; nothing
 * is kept in browser storage.
 */
import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Page } from "playwright-core";
import { beforeAll, expect, it } from "vitest";
import { packageWithoutDate, showcaseWithoutDate, withoutDate } from "../release-compare.js";
import {
  checkAccessibility,
  describeE2E,
  E2E_TIMEOUT,
  formatViolations,
  type RequestLog,
  recordRequests,
  repoRoot,
  screenshot,
  useAppSession,
} from "./browser.js";

const SAMPLE = join(repoRoot, "samples/ctdc-simulated/cases.csv");
const CONFIG = join(repoRoot, "samples/ctdc-simulated/config.json");
const CLI = join(repoRoot, "packages/cli/bin/commonground.js");
const SEED = "e2e-session-seed";
const RUN_TIMEOUT = 120_000;

/** The release and private folder the CLI writes for the sample with SEED. */
function cliRelease(): string {
  const dir = join(mkdtempSync(join(tmpdir(), "cg-e2e-")), "release");
  const r = spawnSync(
    process.execPath,
    [CLI, "synthesize", SAMPLE, "--config", CONFIG, "--seed", SEED, "--out", dir, "--quiet"],
    { encoding: "utf8" },
  );
  if (r.status !== 0) throw new Error(`The CLI failed: ${r.stderr}`);
  return dir;
}

/** Files of a zip, read with Python's zipfile (an independent reader). */
function unzip(path: string): Map<string, string> {
  const r = spawnSync(
    "python3",
    [
      "-c",
      "import zipfile,sys,json; z=zipfile.ZipFile(sys.argv[1]); assert z.testzip() is None; print(json.dumps({n: z.read(n).decode('utf-8') for n in z.namelist()}))",
      path,
    ],
    { encoding: "utf8", maxBuffer: 1 << 28 },
  );
  if (r.status !== 0) throw new Error(`Not a valid zip: ${r.stderr}`);
  return new Map(Object.entries(JSON.parse(r.stdout) as Record<string, string>));
}

/** RFC 4180 rows of a CSV text (quotes, doubled quotes). */
function csvRows(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = "";
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!;
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') {
        cell += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else cell += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ",") {
      row.push(cell);
      cell = "";
    } else if (ch === "\n") {
      row.push(cell);
      rows.push(row);
      row = [];
      cell = "";
    } else if (ch !== "\r") cell += ch;
  }
  if (cell !== "" || row.length > 0) rows.push([...row, cell]);
  return rows;
}

describeE2E("a whole session in the web app", () => {
  const running = useAppSession();
  let log: RequestLog | undefined;
  let cliDir = "";
  const errors: string[] = [];

  beforeAll(async () => {
    cliDir = cliRelease();
    running.session().page.on("pageerror", (e) => errors.push(e.message));
    log = await recordRequests(running.session().context);
  }, E2E_TIMEOUT);

  const page = (): Page => running.session().page;
  const step = async (name: string) => {
    await page().getByRole("navigation", { name: "Steps" }).getByRole("button", { name }).click();
    await page()
      .getByRole("heading", { level: 2, name: new RegExp(name) })
      .waitFor();
  };
  const accessible = async (name: string) => {
    const violations = await checkAccessibility(page());
    expect(violations, `${name}: ${formatViolations(violations)}`).toEqual([]);
    await screenshot(page(), `app-${name}`);
  };

  it(
    "opens a file by its input: the number of rows at once, a preview, the columns",
    async () => {
      const p = page();
      await p.goto(running.app().url);
      await p.locator('input[type="file"]').setInputFiles(SAMPLE);
      await expect
        .poll(() => p.getByTestId("file-facts").textContent(), { timeout: 30_000 })
        .toMatch(/12,000 rows, 12 columns/);
      await p.getByRole("table", { name: /Preview of all 12,000 rows/ }).waitFor();
      await p.getByRole("cell", { name: "C000001", exact: true }).waitFor();
      // The input keeps showing the file chosen.
      expect(await p.getByLabel("Data file (CSV or TSV)").inputValue()).toMatch(/cases\.csv$/);
      // Column names in the preview are whole, not cut ("year_of_registra…").
      const header = p.getByRole("columnheader", { name: /year_of_registration/ });
      const cut = await header.evaluate((e) => e.scrollWidth > e.clientWidth + 1);
      expect(cut).toBe(false);
      expect(await p.getByRole("checkbox", { name: "Use column gender" }).isChecked()).toBe(true);
      // The case IDs differ on every row (core's rule): not ticked, and the page says why.
      expect(await p.getByRole("checkbox", { name: "Use column case_id" }).isChecked()).toBe(false);
      await p
        .getByText(/Different for every row, so it is left out/)
        .first()
        .waitFor();
      await accessible("1-data");
    },
    E2E_TIMEOUT,
  );

  it(
    "loads the bundled sample with its settings and shows the risk",
    async () => {
      const p = page();
      await p.getByRole("button", { name: /Load the bundled sample/ }).click();
      await expect.poll(() => p.getByTestId("file-facts").textContent()).toMatch(/12,000 rows/);
      await step("Risk");
      await p.getByTestId("risk-results").waitFor({ timeout: 60_000 });
      expect(await p.getByTestId("risk-results").textContent()).toMatch(
        /% of the [\d,]+ records hold a combination of up to 3 attributes that no other person has \(unique\)/,
      );
      expect(await p.getByLabel("Privacy resolution k").inputValue()).toBe("10");
      await accessible("2-risk");
      // Publishing every column's unknown cells changes what is counted, so the risk changes.
      const before = await p.getByTestId("risk-results").textContent();
      await step("Data");
      const unknown = p.getByRole("group", { name: "Unknown (missing) cells" });
      expect(await unknown.getByRole("radio", { name: /^The default/ }).isChecked()).toBe(true);
      await unknown.getByRole("radio", { name: "Publish them for every column" }).check();
      expect(
        await p
          .getByRole("checkbox", { name: "Publish unknown cells of gender as a value" })
          .isChecked(),
      ).toBe(true);
      await step("Risk");
      await expect
        .poll(() => p.getByTestId("risk-results").textContent(), { timeout: 60_000 })
        .not.toBe(before);
      // Back to the mode's default (none for row-seeded), for the runs compared with the CLI's.
      await step("Data");
      await unknown.getByRole("radio", { name: /^The default/ }).check();
    },
    E2E_TIMEOUT,
  );

  it(
    "makes a row-seeded and a DP run side by side, and counts the ε spent",
    async () => {
      const p = page();
      await step("Synthesize");
      await p.getByLabel("Seed", { exact: true }).fill(SEED);
      await p.getByRole("button", { name: "Start the run" }).click();
      await expect
        .poll(() => p.getByTestId("run-1").textContent(), { timeout: RUN_TIMEOUT })
        .toMatch(/Finished/);
      await p.getByLabel(/Differential privacy/).check();
      await p.getByLabel("Privacy budget ε").fill("1");
      await p.getByRole("button", { name: "Start the run" }).click();
      await expect
        .poll(() => p.getByTestId("run-2").textContent(), { timeout: RUN_TIMEOUT })
        .toMatch(/Finished/);
      expect(await p.getByTestId("epsilon-spent").textContent()).toMatch(
        /ε spent on .*cases\.csv in this session: 1 \(1 DP run\)/,
      );
      expect(await p.getByTestId("run-2").textContent()).toMatch(/differential privacy/i);
      await accessible("3-synthesize");
    },
    RUN_TIMEOUT * 2,
  );

  it(
    "evaluates and compares the two runs",
    async () => {
      const p = page();
      await step("Evaluate");
      await p.getByLabel("Compare with").selectOption({ index: 1 });
      const table = p.getByTestId("metrics");
      expect(await table.textContent()).toMatch(/k-marginal/);
      expect(await table.locator("thead th").count()).toBe(4);
      await accessible("4-evaluate");
    },
    E2E_TIMEOUT,
  );

  it(
    "explores: a selected value's counts are those of the release files",
    async () => {
      const p = page();
      await step("Explore");
      await p.getByRole("combobox", { name: /^Run/ }).selectOption({ index: 0 });
      const gender = p.getByRole("region", { name: "gender" });
      await gender.getByRole("button", { name: /^Female ?:/ }).click();
      // Selected: pressed, and marked in words too (not by colour only).
      const female = gender.getByRole("button", { pressed: true });
      expect(await female.textContent()).toMatch(/^Female/);
      expect(await female.getAttribute("title")).toMatch(/^Female:/);
      const synthetic = csvRows(readFileSync(join(cliDir, "synthetic.csv"), "utf8"));
      const aggregates = csvRows(readFileSync(join(cliDir, "aggregates.csv"), "utf8"));
      const sHead = synthetic[0]!;
      const aHead = aggregates[0]!;
      const g = sHead.indexOf("gender");
      const a = sHead.indexOf("age_band");
      const ag = aHead.indexOf("gender");
      const aa = aHead.indexOf("age_band");
      const ages = p.getByRole("region", { name: "age_band" });
      const buttons = ages.getByRole("button");
      const n = await buttons.count();
      expect(n).toBeGreaterThan(2);
      let checked = 0;
      for (let i = 0; i < n; i++) {
        const b = buttons.nth(i);
        const label = (await b.locator(".cg-bar-label").textContent()) ?? "";
        const shownSynthetic = Number(
          ((await b.locator('[data-kind="synthetic"]').textContent()) ?? "").replace(/,/g, ""),
        );
        const expected = synthetic
          .slice(1)
          .filter((r) => r[g] === "Female" && r[a] === label).length;
        expect(shownSynthetic, label).toBe(expected);
        const line = aggregates
          .slice(1)
          .find(
            (r) =>
              r[ag] === "Female" &&
              r[aa] === label &&
              r.every((c, j) => j === ag || j === aa || j === r.length - 1 || c === ""),
          );
        const reportable = (await b.locator('[data-kind="reportable"]').textContent()) ?? "";
        if (line) {
          expect(Number(reportable.replace(/,/g, "")), label).toBe(Number(line[line.length - 1]));
          checked++;
        } else expect(reportable, label).not.toMatch(/^\d/);
      }
      expect(checked).toBeGreaterThan(0);
      // The DP run publishes every column's unknown cells: an "Unknown" bar, last.
      await p.getByRole("combobox", { name: /^Run/ }).selectOption({ index: 1 });
      const labels = await p
        .getByRole("region", { name: "gender" })
        .locator(".cg-bar-label")
        .allTextContents();
      expect(labels.at(-1)).toBe("Unknown");
      expect(labels.slice(0, -1)).not.toContain("Unknown");
      await accessible("5-explore");
    },
    E2E_TIMEOUT,
  );

  it(
    "exports the release as a zip with the CLI's files for the same seed, and the private folder apart",
    async () => {
      const p = page();
      await step("Export");
      await p.getByLabel("Run to export").selectOption({ index: 0 });
      const cliManifest = JSON.parse(readFileSync(join(cliDir, "manifest.json"), "utf8"));
      expect(await p.getByTestId("statement").textContent()).toBe(cliManifest.statement);
      await accessible("6-export");

      const [download] = await Promise.all([
        p.waitForEvent("download"),
        p.getByRole("button", { name: "Download the release (zip)" }).click(),
      ]);
      const zipPath = join(mkdtempSync(join(tmpdir(), "cg-zip-")), "release.zip");
      await download.saveAs(zipPath);
      const files = unzip(zipPath);
      expect([...files.keys()].sort()).toEqual([
        "aggregates.csv",
        "datapackage.json",
        "manifest.json",
        "showcase.html",
        "synthetic.csv",
      ]);
      for (const [name, text] of files) {
        const theirs = readFileSync(join(cliDir, name), "utf8");
        if (name === "manifest.json") expect(withoutDate(text)).toEqual(withoutDate(theirs));
        else if (name === "showcase.html")
          expect(showcaseWithoutDate(text)).toEqual(showcaseWithoutDate(theirs));
        else if (name === "datapackage.json")
          expect(packageWithoutDate(text)).toEqual(packageWithoutDate(theirs));
        else expect(text, name).toBe(theirs);
      }

      const privateButton = p.getByRole("button", { name: "Download the private folder (zip)" });
      expect(await privateButton.isDisabled()).toBe(true);
      await p.getByLabel(/I understand that the private folder/).check();
      const [privateDownload] = await Promise.all([
        p.waitForEvent("download"),
        privateButton.click(),
      ]);
      const privatePath = join(mkdtempSync(join(tmpdir(), "cg-zip-")), "private.zip");
      await privateDownload.saveAs(privatePath);
      const priv = unzip(privatePath);
      expect([...priv.keys()].sort()).toEqual(["evaluation.json", "risk.json", "run.json"]);
      expect(JSON.parse(priv.get("run.json")!).seed).toBe(SEED);
    },
    E2E_TIMEOUT,
  );

  it(
    "fits a phone: every step without sideways scrolling of the page, axe clean",
    async () => {
      const p = page();
      await p.setViewportSize({ width: 390, height: 844 });
      const overflowing: Record<string, string[]> = {};
      try {
        for (const name of ["Data", "Risk", "Synthesize", "Evaluate", "Explore", "Export"]) {
          await step(name);
          // The risk analysis may be refreshed as the step opens: wait for its result.
          if (name === "Risk")
            await p.locator('[data-testid="risk-results"]:not(.stale)').waitFor();
          const wide = await p.evaluate(() => {
            const page = document.documentElement.scrollWidth > window.innerWidth + 1;
            // The page scrolls sideways: what sticks out, to say where (inside a box that
            // scrolls on its own does not count).
            const out = [...document.querySelectorAll("body *")]
              .filter((e) => e.getBoundingClientRect().right > window.innerWidth + 1)
              .filter((e) => !e.closest(".table-wrap, .preview-scroll, .table-scroll"))
              .slice(0, 5)
              .map((e) => `${e.tagName.toLowerCase()}.${[...e.classList].join(".")}`);
            return page ? out : [];
          });
          if (wide.length > 0) overflowing[name] = wide;
          const violations = await checkAccessibility(p);
          expect(violations, `${name}: ${formatViolations(violations)}`).toEqual([]);
          await screenshot(p, `app-phone-${name.toLowerCase()}`);
        }
        expect(overflowing).toEqual({});
      } finally {
        await p.setViewportSize({ width: 1280, height: 800 });
      }
    },
    E2E_TIMEOUT,
  );

  it(
    "asked nothing of any other origin, kept nothing in browser storage, threw no error",
    async () => {
      expect(log!.outside(running.app().origin)).toEqual([]);
      expect(log!.cspViolations).toEqual([]);
      expect(log!.workers.length).toBeGreaterThanOrEqual(3);
      const stored = await page().evaluate(async () => ({
        local: localStorage.length,
        session: sessionStorage.length,
        databases: (await indexedDB.databases()).length,
        caches: (await caches.keys()).length,
        cookies: document.cookie,
      }));
      expect(stored).toEqual({ local: 0, session: 0, databases: 0, caches: 0, cookies: "" });
      expect(errors).toEqual([]);
    },
    E2E_TIMEOUT,
  );
});
