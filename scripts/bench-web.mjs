#!/usr/bin/env node
// Benchmarks of the web app in Debian chromium (npm run bench runs it after the CLI's; add
// --large for the 1M-row file): census 100k × 12 from choosing the file to a finished row-seeded
// release, and the longest the page's main thread was busy meanwhile (the longest gap between
// animation frames: the page stays responsive when it is small). Noisy machine: compare ratios.
import { spawn, spawnSync } from "node:child_process";
import { existsSync, mkdirSync } from "node:fs";
import { join } from "node:path";
import { chromium } from "playwright-core";
import { browserPath, CHROMIUM_ARGS } from "./chromium.mjs";

const large = process.argv.includes("--large");
if (!existsSync(browserPath)) {
  console.log(`\nweb app: skipped (no browser at ${browserPath}; apt-get install chromium)`);
  process.exit(0);
}
const dataDir = "bench-data";
mkdirSync(dataDir, { recursive: true });

function census(rows) {
  const file = join(dataDir, `census-${rows}.csv`);
  if (!existsSync(file)) {
    const r = spawnSync("python3", ["../shared/bench/gen-census.py", String(rows), file], {
      stdio: "inherit",
    });
    if (r.status !== 0) throw new Error(`could not generate ${file}`);
  }
  return file;
}

async function startApp() {
  const child = spawn(
    process.execPath,
    ["packages/cli/bin/commonground.js", "app", "--port", "0"],
    {
      stdio: ["ignore", "pipe", "inherit"],
    },
  );
  let out = "";
  const url = await new Promise((found, failed) => {
    child.stdout.setEncoding("utf8").on("data", (s) => {
      out += s;
      const m = /running at (http:\/\/127\.0\.0\.1:\d+\/)/.exec(out);
      if (m) found(m[1]);
    });
    child.once("exit", (code) => failed(new Error(`the app exited (${code})`)));
  });
  return { url, stop: () => child.kill("SIGTERM") };
}

/** Starts recording the longest gap between animation frames (ms) in the page. */
const watchFrames = () =>
  new Promise((started) => {
    window.__cgLongest = 0;
    let last = performance.now();
    const tick = (now) => {
      window.__cgLongest = Math.max(window.__cgLongest, now - last);
      last = now;
      requestAnimationFrame(tick);
    };
    requestAnimationFrame((now) => {
      last = now;
      requestAnimationFrame(tick);
      started(undefined);
    });
  });

/** Peak resident memory of chromium's processes (MB), sampled every 250 ms while watched. */
function watchMemory() {
  let peak = 0;
  const sample = () => {
    const r = spawnSync("ps", ["-eo", "rss=,comm="], { encoding: "utf8" });
    let total = 0;
    for (const row of r.stdout.split("\n")) {
      const m = /^\s*(\d+)\s+(.*)$/.exec(row);
      if (m && /chrom/i.test(m[2])) total += Number(m[1]);
    }
    peak = Math.max(peak, total / 1024);
  };
  sample();
  const timer = setInterval(sample, 250);
  return {
    peak: () => Math.round(peak),
    stop: () => clearInterval(timer),
  };
}

/**
 * The whole session on census 1M × 12 (issue 13): open, risk, a DP (ε = 1) release, a
 * row-seeded release, Cancel of a row-seeded run, evaluate, explore, export. Reports each
 * step's time, the progress values seen (a bar that moves), Cancel's latency, the longest gap
 * between animation frames over the session and the peak memory of chromium's processes.
 */
async function millionSession(browser, url) {
  console.log("\nweb app (chromium): the whole session on census 1M × 12");
  const memory = watchMemory();
  const page = await browser.newPage();
  const minutes = 60_000;
  page.setDefaultTimeout(30 * minutes);
  await page.goto(url);
  await page.evaluate(watchFrames);
  const timed = async (name, work, extra = () => ({})) => {
    const t = performance.now();
    const result = await work();
    line(`web 1M: ${name}`, (performance.now() - t) / 1000, {
      ...extra(result),
      longestFrameGapMs: Math.round(await page.evaluate(() => window.__cgLongest)),
      peakMB: memory.peak(),
    });
    return result;
  };
  const step = async (name) => {
    await page.getByRole("navigation", { name: "Steps" }).getByRole("button", { name }).click();
    await page.getByRole("heading", { level: 2, name: new RegExp(name) }).waitFor();
  };
  /** Progress values (%) seen every 500 ms on run n until it ends, and how it ended. */
  const follow = async (n, stopAfterMs) => {
    const run = page.getByTestId(`run-${n}`);
    const seen = [];
    const t = performance.now();
    for (;;) {
      const status = await run.locator(".run-status").textContent();
      if (!/Running/.test(status ?? "")) return { status, seen };
      const value = await run
        .locator("progress")
        .getAttribute("value", { timeout: 1000 })
        .catch(() => null);
      if (value !== null && seen.at(-1) !== Number(value)) seen.push(Number(value));
      if (stopAfterMs !== undefined && performance.now() - t > stopAfterMs) {
        const c = performance.now();
        await run.getByRole("button", { name: "Cancel" }).click();
        await run.filter({ hasText: /Cancelled/ }).waitFor();
        return { status: "Cancelled", seen, cancelSeconds: (performance.now() - c) / 1000 };
      }
      await page.waitForTimeout(500);
    }
  };
  try {
    await timed(
      "open",
      async () => {
        await page.locator('input[type="file"]').setInputFiles(census(1_000_000));
        await page.getByTestId("file-facts").waitFor();
        return (await page.getByTestId("file-facts").textContent())?.replace(/\s+/g, " ");
      },
      (facts) => ({ facts: facts?.slice(0, 60) }),
    );
    await timed("risk", async () => {
      await step("Risk");
      await page.getByTestId("risk-results").waitFor();
    });
    await step("Synthesize");
    const dp = await timed(
      "DP release (ε = 1)",
      async () => {
        await page.getByLabel(/Differential privacy/).check();
        await page.getByLabel("Privacy budget ε").fill("1");
        await page.getByRole("button", { name: "Start the run" }).click();
        return follow(1);
      },
      (r) => ({ status: r.status, progressSeen: r.seen.join(" ") }),
    );
    await timed(
      "Cancel of a row-seeded run after 20 s",
      async () => {
        await page.getByLabel(/Row-seeded/).check();
        await page.getByRole("button", { name: "Start the run" }).click();
        return follow(2, 20_000);
      },
      (r) => ({
        status: r.status,
        cancelSeconds: r.cancelSeconds?.toFixed(2),
        progressSeen: r.seen.join(" "),
      }),
    );
    const row = await timed(
      "row-seeded release",
      async () => {
        await page.getByRole("button", { name: "Start the run" }).click();
        return follow(3);
      },
      (r) => ({ status: r.status, progressSeen: r.seen.join(" ") }),
    );
    await timed("evaluate", async () => {
      await step("Evaluate");
      await page.getByTestId("metrics").waitFor();
    });
    await timed("explore: a first click", async () => {
      await step("Explore");
      const region = page.getByRole("region").first();
      await region.getByRole("button").first().click();
      await region.getByRole("button", { pressed: true }).waitFor();
    });
    await timed(
      "export: the release zip",
      async () => {
        await step("Export");
        await page.getByLabel("Run to export").selectOption({ index: 0 });
        const [download] = await Promise.all([
          page.waitForEvent("download"),
          page.getByRole("button", { name: "Download the release (zip)" }).click(),
        ]);
        return download.suggestedFilename();
      },
      (file) => ({ file }),
    );
    console.log(`web 1M: runs ${dp.status} / ${row.status}`);
  } catch (e) {
    line("web 1M: stopped", 0, { error: String(e).slice(0, 200), peakMB: memory.peak() });
  } finally {
    memory.stop();
    await page.close();
  }
}

function line(name, seconds, extra) {
  console.log(`${name.padEnd(50)} ${seconds.toFixed(2).padStart(7)} s  ${JSON.stringify(extra)}`);
}

const app = await startApp();
const browser = await chromium.launch({ executablePath: browserPath, args: CHROMIUM_ARGS });
try {
  console.log("\nweb app (chromium): from choosing the file to a finished release");
  const page = await browser.newPage();
  await page.goto(app.url);
  await page.evaluate(watchFrames);
  const file = census(100_000);
  const t0 = performance.now();
  await page.locator('input[type="file"]').setInputFiles(file);
  await page.getByTestId("file-facts").waitFor({ timeout: 120_000 });
  const opened = (performance.now() - t0) / 1000;
  const facts = await page.getByTestId("file-facts").textContent();
  await page
    .getByRole("navigation", { name: "Steps" })
    .getByRole("button", { name: "Synthesize" })
    .click();
  await page.getByRole("button", { name: "Start the run" }).click();
  await page
    .getByTestId("run-1")
    .filter({ hasText: /Finished|Failed/ })
    .waitFor({ timeout: 600_000 });
  const total = (performance.now() - t0) / 1000;
  const status = await page.getByTestId("run-1").locator(".run-status").textContent();
  const longest = await page.evaluate(() => window.__cgLongest);
  line("web: census 100k × 12, open", opened, { file: facts?.replace(/\s+/g, " ").slice(0, 60) });
  line("web: census 100k × 12, open → row-seeded release", total, {
    run: status,
    longestFrameGapMs: Math.round(longest),
  });
  await page.close();

  if (large) await millionSession(browser, app.url);
} finally {
  await browser.close();
  app.stop();
}
