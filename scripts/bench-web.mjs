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

  if (large) {
    const big = await browser.newPage();
    await big.goto(app.url);
    const t1 = performance.now();
    await big.locator('input[type="file"]').setInputFiles(census(1_000_000));
    const outcome = await Promise.race([
      big
        .getByTestId("file-facts")
        .waitFor({ timeout: 600_000 })
        .then(() => "loaded"),
      big
        .getByRole("alert")
        .waitFor({ timeout: 600_000 })
        .then(() => "error shown"),
    ]);
    const text =
      outcome === "loaded"
        ? await big.getByTestId("file-facts").textContent()
        : await big.getByRole("alert").textContent();
    line("web: census 1M × 12, open", (performance.now() - t1) / 1000, {
      outcome,
      text: text?.replace(/\s+/g, " ").slice(0, 80),
    });
    await big.close();
  }
} finally {
  await browser.close();
  app.stop();
}
