/**
 * End to end: the showcase the CLI builds for the bundled sample, opened in chromium from
 * file:// with the network off and every request blocked and counted (only the file itself,
 * data: and blob: URLs may appear). The statement is shown verbatim; selecting a value changes
 * the counts, and every reportable count a chart then shows equals the aggregates.csv line of
 * that combination (read here from the file, independently of the page), every synthetic count
 * a count over synthetic.csv; the downloads are the release's own bytes under the page's CSP;
 * desktop and phone screenshots; printing keeps the statement and the charts, not the controls;
 * axe at both sizes. Two columns publish their missing cells ("(missing)"): their bar reads
 * "Unknown", is drawn apart and comes last.
 */
import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { parseReleaseCsv } from "@commonground/core/internal";
import type { Page } from "playwright-core";
import { afterAll, beforeAll, expect, it } from "vitest";
import {
  type BrowserSession,
  checkAccessibility,
  describeE2E,
  E2E_TIMEOUT,
  formatViolations,
  inlineScriptsBlocked,
  launchBrowser,
  type RequestLog,
  recordRequests,
  repoRoot,
  screenshot,
} from "./browser.js";

const SAMPLE = join(repoRoot, "samples/ctdc-simulated/cases.csv");
const CONFIG = join(repoRoot, "samples/ctdc-simulated/config.json");
const CLI = join(repoRoot, "packages/cli/bin/commonground.js");

function cli(args: string[]): void {
  const r = spawnSync(process.execPath, [CLI, ...args], { encoding: "utf8" });
  if (r.status !== 0) throw new Error(`commonground ${args[0]} failed: ${r.stderr}`);
}

/** Columns whose missing cells the release publishes as "(missing)". */
const UNKNOWN_COLUMNS = ["means_of_control", "recruiter_relation"];

/** The sample's release with its showcase, made by the built CLI. */
function sampleShowcase(): string {
  const dir = join(mkdtempSync(join(tmpdir(), "cg-e2e-showcase-")), "release");
  cli([
    "synthesize",
    SAMPLE,
    "--config",
    CONFIG,
    "--seed",
    "e2e-showcase",
    "--report-missing",
    UNKNOWN_COLUMNS.join(","),
    "--out",
    dir,
  ]);
  cli(["showcase", dir, "--quiet"]);
  return dir;
}

interface Manifest {
  statement: string;
  privacy: { reportingLength: number };
  columns: { name: string; kind: string; delimiter?: string; missingLabel?: string }[];
}

/** The release's files read as plain text: counts by combination, synthetic rows as pairs. */
function readRelease(dir: string) {
  const manifest = JSON.parse(readFileSync(join(dir, "manifest.json"), "utf8")) as Manifest;
  const parts = (c: number, cell: string): string[] => {
    if (cell === "") return [];
    const column = manifest.columns[c]!;
    return column.kind === "multi" ? cell.split(column.delimiter!) : [cell];
  };
  const pairsOf = (row: readonly string[]) =>
    manifest.columns.flatMap((column, c) => parts(c, row[c]!).map((v) => `${column.name}=${v}`));
  const aggregates = new Map<string, number>();
  const table = parseReleaseCsv(readFileSync(join(dir, "aggregates.csv"), "utf8"));
  for (const row of table.rows as readonly string[][]) {
    aggregates.set(pairsOf(row).sort().join("\n"), Number(row.at(-1)));
  }
  const synthetic = (
    parseReleaseCsv(readFileSync(join(dir, "synthetic.csv"), "utf8")).rows as readonly string[][]
  ).map((row) => new Set(pairsOf(row)));
  return { manifest, aggregates, synthetic };
}

/** What a chart shows: per row its label, its value as in the files, both numbers as text. */
async function chartRows(page: Page, column: string) {
  const chart = page.locator("section.cg-chart").filter({
    has: page.locator(".cg-chart-name", { hasText: new RegExp(`^${column}$`) }),
  });
  return chart.locator("button.cg-bar-row").evaluateAll((buttons) =>
    buttons.map((b) => ({
      label: b.querySelector(".cg-bar-label")?.textContent ?? "",
      value: b.getAttribute("data-value") ?? "",
      unknown: b.classList.contains("cg-bar-row--unknown"),
      title: b.getAttribute("title") ?? "",
      synthetic: b.querySelector('[data-kind="synthetic"]')?.textContent ?? "",
      reportable: b.querySelector('[data-kind="reportable"]')?.textContent ?? "",
      pressed: b.getAttribute("aria-pressed"),
    })),
  );
}

const number = (text: string) => Number(text.replaceAll(",", ""));

describeE2E("the showcase in chromium, offline", () => {
  let session: BrowserSession | undefined;
  let release = "";
  let url = "";
  let log: RequestLog | undefined;
  const blocked: string[] = [];
  const errors: string[] = [];

  beforeAll(async () => {
    release = sampleShowcase();
    url = pathToFileURL(join(release, "showcase.html")).href;
    session = await launchBrowser();
    const { context, page } = session;
    await context.setOffline(true);
    // Every request but the page itself is refused, and counted.
    await context.route(
      () => true,
      (route) => {
        const requested = route.request().url();
        if (requested === url) return route.continue();
        blocked.push(requested);
        return route.abort("blockedbyclient");
      },
    );
    log = await recordRequests(context);
    page.on("pageerror", (e) => errors.push(e.message));
    await page.setViewportSize({ width: 1280, height: 800 });
    await page.goto(url, { waitUntil: "load" });
    await page.waitForSelector("html[data-ready='true']");
  }, E2E_TIMEOUT);

  afterAll(async () => {
    await session?.close();
  }, E2E_TIMEOUT);

  /** Requests other than the page, data: and blob: — there must be none. */
  const outside = () =>
    (log?.urls ?? []).filter((u) => u !== url && !u.startsWith("data:") && !u.startsWith("blob:"));

  it("loads with no request, no error, and the statement verbatim", async () => {
    const { page } = session!;
    const { manifest } = readRelease(release);
    expect(await page.locator("[data-statement]").textContent()).toBe(manifest.statement);
    await expect(page.locator("[data-statement]").isVisible()).resolves.toBe(true);
    expect(await page.title()).toBe(
      (JSON.parse(readFileSync(join(release, "manifest.json"), "utf8")) as { title: string }).title,
    );
    expect(errors).toEqual([]);
    expect(log!.cspViolations).toEqual([]);
    // The recorder saw the page itself, and nothing else.
    expect(log!.urls).toContain(url);
    expect(outside()).toEqual([]);
    expect(blocked).toEqual([]);
    await screenshot(page, "showcase-desktop");
  });

  it("selecting a value updates the counts, each reportable one as in aggregates.csv", async () => {
    const { page } = session!;
    const { manifest, aggregates, synthetic } = readRelease(release);
    const L = manifest.privacy.reportingLength;
    const status = page.locator(".cg-explore-status");
    const before = await status.textContent();
    const otherBefore = await chartRows(page, "age_band");

    // Select gender "Female", then a value of a multi-value column.
    const selected: string[] = [];
    for (const [column, label] of [
      ["gender", "Female"],
      ["type_of_exploitation", "Sexual exploitation"],
    ] as const) {
      await page
        .locator("section.cg-chart", {
          has: page.locator(".cg-chart-name", { hasText: new RegExp(`^${column}$`) }),
        })
        .locator("button.cg-bar-row", {
          has: page.locator(".cg-bar-label", { hasText: new RegExp(`^${label}$`) }),
        })
        .click();
      selected.push(`${column}=${label}`);
      await page.waitForFunction(
        (n) => document.querySelectorAll(".cg-chip").length === n,
        selected.length,
      );
    }
    expect(await status.textContent()).not.toBe(before);
    expect(await chartRows(page, "age_band")).not.toEqual(otherBefore);

    let reported = 0;
    for (const column of manifest.columns.map((c) => c.name)) {
      const rows = await chartRows(page, column);
      expect(rows.length).toBeGreaterThan(0);
      for (const row of rows) {
        const pair = `${column}=${row.value}`;
        // A single-value column's own selected value is replaced by the row's value; in a
        // multi-value column the row's value is added to the selection.
        const single = manifest.columns.find((c) => c.name === column)!.kind === "single";
        const combination = [
          ...selected.filter((s) => !single || !s.startsWith(`${column}=`)),
          ...(single || !selected.includes(pair) ? [pair] : []),
        ].sort();
        const where = `${column} = ${row.value}`;
        const expected = synthetic.filter((r) => combination.every((p) => r.has(p))).length;
        expect(number(row.synthetic), where).toBe(expected);
        const count = aggregates.get(combination.join("\n"));
        if (combination.length > L) expect(row.reportable, where).toBe("synthetic only");
        else if (count === undefined) expect(row.reportable, where).toBe("not reported");
        else {
          expect(number(row.reportable), where).toBe(count);
          reported++;
        }
      }
    }
    expect(reported).toBeGreaterThan(5);
    expect(outside()).toEqual([]);
  });

  it("shows a column's published missing cells as an Unknown bar, apart and last", async () => {
    const { page } = session!;
    const { manifest, aggregates } = readRelease(release);
    expect(manifest.columns.filter((c) => c.missingLabel).map((c) => c.name)).toEqual(
      UNKNOWN_COLUMNS,
    );
    if ((await page.locator(".cg-clear").count()) > 0) await page.locator(".cg-clear").click();
    await page.waitForFunction(() => document.querySelectorAll(".cg-chip").length === 0);
    for (const column of UNKNOWN_COLUMNS) {
      const rows = await chartRows(page, column);
      const unknown = rows.filter((r) => r.unknown);
      expect(unknown, column).toHaveLength(1);
      expect(rows.at(-1), column).toBe(unknown[0]);
      expect(unknown[0]).toMatchObject({ label: "Unknown", value: "(missing)" });
      expect(unknown[0]!.title).toMatch(/^Unknown, “\(missing\)” in the files: /);
      // Its reportable count is aggregates.csv's line for COLUMN = (missing).
      expect(number(unknown[0]!.reportable)).toBe(aggregates.get(`${column}=(missing)`));
      expect(rows.slice(0, -1).every((r) => !r.unknown && r.label === r.value)).toBe(true);
    }
    // A column that does not publish them has no Unknown bar.
    expect((await chartRows(page, "type_of_labour")).some((r) => r.unknown)).toBe(false);
    // The bar is drawn apart: its synthetic bar is not the usual solid fill.
    const fills = await page.evaluate(() =>
      [".cg-bar-row--unknown", ".cg-bar-row:not(.cg-bar-row--unknown)"].map(
        (row) =>
          getComputedStyle(document.querySelector(`${row} .cg-bar--synthetic`)!).backgroundImage,
      ),
    );
    expect(fills[0]).toMatch(/repeating-linear-gradient/);
    expect(fills[1]).toBe("none");
    // The columns overview lists it last too.
    const overview = await page
      .locator("#sc-columns .sc-column", {
        has: page.locator("h3", { hasText: /^recruiter_relation$/ }),
      })
      .locator("tbody tr")
      .evaluateAll((trs) => trs.map((tr) => tr.getAttribute("data-value")));
    expect(overview.at(-1)).toBe("(missing)");
    expect(outside()).toEqual([]);
  });

  it("downloads the release's own files under the page's CSP", async () => {
    const { page } = session!;
    for (const name of ["synthetic.csv", "aggregates.csv", "manifest.json"]) {
      const [download] = await Promise.all([
        page.waitForEvent("download"),
        page.locator(`a[data-file="${name}"]`).click(),
      ]);
      expect(download.suggestedFilename()).toBe(name);
      const path = await download.path();
      expect(readFileSync(path, "utf8"), name).toBe(readFileSync(join(release, name), "utf8"));
    }
    expect(log!.cspViolations).toEqual([]);
    expect(outside()).toEqual([]);
    expect(blocked).toEqual([]);
  });

  it("filters and pages the table of reportable counts", async () => {
    const { page } = session!;
    const table = page.locator("#sc-aggregates");
    await table.getByLabel("Contains").fill("female labour");
    await expect
      .poll(() => table.locator(".sc-table-status").textContent())
      .toMatch(/^[\d,]+ of [\d,]+ combinations match\./);
    const rows = await table.locator("tbody tr").allTextContents();
    expect(rows.length).toBeGreaterThan(0);
    for (const row of rows)
      expect(row.toLowerCase()).toMatch(/female[\s\S]*labour|labour[\s\S]*female/);
    await table.getByLabel("Contains").fill("");
    await table.getByRole("button", { name: "Next" }).click();
    await expect.poll(() => table.locator(".sc-pager span").textContent()).toMatch(/^Page 2 of/);
  });

  it("passes axe at desktop and phone sizes", async () => {
    const { page } = session!;
    for (const [name, size] of [
      ["desktop", { width: 1280, height: 800 }],
      ["phone", { width: 390, height: 844 }],
    ] as const) {
      await page.setViewportSize(size);
      const violations = await checkAccessibility(page);
      expect(violations, `${name}:\n${formatViolations(violations)}`).toEqual([]);
    }
    // No horizontal scrolling on a phone.
    expect(
      await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth + 1),
    ).toBe(true);
    await screenshot(page, "showcase-phone");
    await page.setViewportSize({ width: 1280, height: 800 });
  });

  it("prints the statement and the charts, without controls", async () => {
    const { page } = session!;
    await page.emulateMedia({ media: "print" });
    try {
      expect(await page.locator("[data-statement]").isVisible()).toBe(true);
      expect(await page.locator("section.cg-chart").first().isVisible()).toBe(true);
      for (const control of [
        ".sc-filters",
        ".sc-pager",
        ".cg-chooser",
        "#sc-downloads",
        ".sc-nav",
      ]) {
        expect(await page.locator(control).isVisible(), control).toBe(false);
      }
      await screenshot(page, "showcase-print");
    } finally {
      await page.emulateMedia({ media: "screen" });
    }
    expect(outside()).toEqual([]);
    expect(blocked).toEqual([]);
  });

  it("still blocks inline scripts it was not built with (checked last: it leaves a CSP report)", async () => {
    const { page } = session!;
    expect(log!.cspViolations).toEqual([]);
    expect(errors).toEqual([]);
    expect(await inlineScriptsBlocked(page)).toBe(true);
  });
});
