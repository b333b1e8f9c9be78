#!/usr/bin/env node
// Benchmarks (npm run bench; add --large for the 1M-row runs, or --fidelity for the fidelity
// matrix on sparse data alone): the CLI, the showcase, then the web app (scripts/bench-web.mjs).
// Whole-process wall time and peak memory (max RSS, children included) of the built CLI,
// measured by a small python3 wrapper (getrusage). The machine is shared and noisy: compare
// ratios within one run rather than absolute figures across runs.
import { spawnSync } from "node:child_process";
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  statSync,
  writeFileSync,
} from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { browserPath, CHROMIUM_ARGS } from "./chromium.mjs";

const large = process.argv.includes("--large");
const dataDir = "bench-data";
mkdirSync(dataDir, { recursive: true });
const gen = "../shared/bench/gen-census.py";

function census(rows) {
  const file = join(dataDir, `census-${rows}.csv`);
  if (!existsSync(file)) {
    const r = spawnSync("python3", [gen, String(rows), file], { stdio: "inherit" });
    if (r.status !== 0) throw new Error(`could not generate ${file}`);
  }
  return file;
}

const measure = `
import resource, subprocess, sys, time
t = time.time()
r = subprocess.run(sys.argv[1:], stdout=subprocess.DEVNULL)
print(r.returncode, time.time() - t, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)
`;

/** Runs one command and prints its wall time and peak memory; `inspect` reads its private folder. */
function run(name, input, args, command = "aggregate", inspect) {
  const out = mkdtempSync(join(tmpdir(), "cg-bench-"));
  const cmd = [
    "python3",
    "-c",
    measure,
    process.execPath,
    "packages/cli/bin/commonground.js",
    command,
    input,
    "--out",
    join(out, "release"),
    "--quiet",
    ...args,
  ];
  const r = spawnSync(cmd[0], cmd.slice(1), { encoding: "utf8" });
  const [code, seconds, kb] = r.stdout.trim().split(/\s+/).map(Number);
  if (code !== 0) throw new Error(`${name} failed (exit ${code}): ${r.stderr}`);
  const row = { name, seconds: Number(seconds.toFixed(2)), peakMB: Math.round(kb / 1024) };
  const extra = inspect ? inspect(join(out, "release.private")) : undefined;
  rmSync(out, { recursive: true, force: true });
  if (extra) Object.assign(row, extra);
  console.log(
    `${name.padEnd(50)} ${row.seconds.toFixed(2).padStart(7)} s ${String(row.peakMB).padStart(6)} MB${extra ? `  ${JSON.stringify(extra)}` : ""}`,
  );
  return row;
}

const nist = "../shared/data/nist/national2019.csv";
const results = [];
// --fidelity: only the fidelity matrix on sparse public data (a few minutes).
if (process.argv.includes("--fidelity")) {
  const rows = existsSync(nist) ? missingBench() : [];
  writeFileSync(join(dataDir, "fidelity.json"), `${JSON.stringify(rows, null, 2)}\n`);
  process.exit(0);
}
const c100k = census(100_000);

/**
 * NIST-benchmark figures from a release's private evaluation.json: k-marginal with a missing
 * cell counted as a value (the headline), k-marginal on complete rows (SDNist's rule for blank
 * cells) with the shares of complete rows in the real and the synthetic data.
 */
function fidelity(dir) {
  const e = JSON.parse(readFileSync(join(dir, "evaluation.json"), "utf8")).synthetic;
  const rows = e.kMarginalCompleteRows;
  return {
    kMarginal: Math.floor(e.kMarginal.score),
    kMarginalCompleteRows: Math.floor(rows.score),
    rows: e.records,
    expansion: Number(e.expansion.toFixed(2)),
    completeRealPercent: Number(rows.completeRealPercent.toFixed(1)),
    completePercent: Number(rows.completeSyntheticPercent.toFixed(1)),
    uniqueExactMatchPercent: Number(e.uniqueExactMatch.matchedPercent.toFixed(2)),
  };
}
console.log("case                                          time     peak");
results.push(run("census 100k × 12, L=3, 2 threads", c100k, ["--length", "3", "--threads", "2"]));
results.push(run("census 100k × 12, L=3, 1 thread", c100k, ["--length", "3", "--threads", "1"]));
results.push(run("census 100k × 12, L=4, 2 threads", c100k, ["--length", "4", "--threads", "2"]));
results.push(run("census 100k × 12, L=4, 1 thread", c100k, ["--length", "4", "--threads", "1"]));
if (existsSync(nist)) {
  results.push(
    run("NIST national 27k × 24, L=3, 2 threads", nist, ["--length", "3", "--threads", "2"]),
  );
}
for (const rows of [25_000, 50_000]) {
  results.push(
    run(`census ${rows / 1000}k × 12, L=3, 2 threads`, c100k, [
      "--record-limit",
      String(rows),
      "--threads",
      "2",
    ]),
  );
}
results.push(run("census 100k × 12, L=2, 2 threads", c100k, ["--length", "2", "--threads", "2"]));
results.push(run("census 100k × 12, L=5, 2 threads", c100k, ["--length", "5", "--threads", "2"]));
results.push(...growthBench(c100k));
if (existsSync(nist)) results.push(...missingBench());
if (large) {
  const c1m = census(1_000_000);
  results.push(run("census 1M × 12, L=3, 2 threads", c1m, ["--length", "3", "--threads", "2"]));
  results.push(run("census 1M × 12, L=4, 2 threads", c1m, ["--length", "4", "--threads", "2"]));
}
results.push(...(await showcaseBench(c100k)));
writeFileSync(join(dataDir, "results.json"), `${JSON.stringify(results, null, 2)}\n`);

// The web app in chromium (its own script; --large adds the 1M-row file).
spawnSync(process.execPath, ["scripts/bench-web.mjs", ...process.argv.slice(2)], {
  stdio: "inherit",
});

/**
 * Growth curves (issue 13): the whole `synthesize` run of every mode (k = 10; DP at ε = 1) with
 * `--threads 2 --no-showcase`, evaluation included, at 25k, 100k and 300k census rows (and 1M
 * with --large), one run per size; then a table of times and peak memory with the exponent b
 * of a least-squares fit time ≈ a·n^b (1 is linear, 2 quadratic) and the 300k/100k time ratio.
 */
function growthBench(c100k) {
  const sizes = [25_000, 100_000, 300_000, ...(large ? [1_000_000] : [])];
  const modes = [
    ["row-seeded", ["--mode", "row-seeded", "--seed", "1"]],
    ["value-seeded", ["--mode", "value-seeded", "--seed", "1"]],
    ["unseeded", ["--mode", "unseeded", "--seed", "1"]],
    ["aggregate-seeded", ["--mode", "aggregate-seeded", "--seed", "1"]],
    ["dp ε=1", ["--mode", "dp", "--epsilon", "1"]],
  ];
  console.log(
    "\nsynthesize, growth (whole run: aggregates, synthesis, evaluation; k=10, 2 threads)",
  );
  const rows = [];
  const table = [];
  for (const [mode, args] of modes) {
    const line = { mode, runs: [] };
    for (const n of sizes) {
      const input = n <= 100_000 ? c100k : census(n);
      const limit = n < 100_000 ? ["--record-limit", String(n)] : [];
      const common = ["--k", "10", "--threads", "2", "--no-showcase", ...limit];
      const row = run(
        `synthesize ${mode}, census ${label(n)}`,
        input,
        [...common, ...args],
        "synthesize",
      );
      rows.push(row);
      line.runs.push({ n, seconds: row.seconds, peakMB: row.peakMB });
    }
    table.push(line);
  }
  console.log(
    `\n${"mode".padEnd(18)}${sizes.map((n) => label(n).padStart(16)).join("")}  exponent  300k/100k`,
  );
  for (const { mode, runs } of table) {
    const cells = runs.map((r) => `${r.seconds.toFixed(1)} s ${r.peakMB} MB`.padStart(16)).join("");
    const at = (n) => runs.find((r) => r.n === n)?.seconds;
    console.log(
      `${mode.padEnd(18)}${cells}  ${fittedExponent(runs).toFixed(2).padStart(8)}  ${(at(100_000) && at(300_000) ? (at(300_000) / at(100_000)).toFixed(2) : "—").padStart(9)}`,
    );
  }
  return rows;
}

function label(n) {
  return n >= 1_000_000 ? `${n / 1_000_000}M` : `${n / 1000}k`;
}

/** b of the least-squares line log t = log a + b·log n. */
function fittedExponent(runs) {
  const xs = runs.map((r) => Math.log(r.n));
  const ys = runs.map((r) => Math.log(Math.max(r.seconds, 1e-3)));
  const mx = xs.reduce((a, b) => a + b, 0) / xs.length;
  const my = ys.reduce((a, b) => a + b, 0) / ys.length;
  let sxy = 0;
  let sxx = 0;
  xs.forEach((x, i) => {
    sxy += (x - mx) * (ys[i] - my);
    sxx += (x - mx) ** 2;
  });
  return sxy / sxx;
}

/**
 * Fidelity on sparse public data (issue 12): NIST national2019, where "N" means "not applicable",
 * read with `--missing N` and scored with k-marginal counting a missing cell as a value of its own
 * (= SDNist's score with N restored). Two column sets: demo-10 and sparse-13 (0.5 % complete
 * rows). Each case: median (by k-marginal) of 5 runs — seeds 1…5 for k-anonymity, fresh secure
 * randomness for DP — with its time and peak memory.
 */
function missingBench() {
  const sets = {
    "demo-10": "AGEP,SEX,MSP,RAC1P,HOUSING_TYPE,OWN_RENT,EDU,PINCP_DECILE,DVET,DEYE",
    "sparse-13": "AGEP,SEX,MSP,HISP,RAC1P,NOC,NPF,EDU,INDP_CAT,PINCP_DECILE,DVET,DREM,DPHY",
  };
  const cases = [
    ["dp ε=1", ["--mode", "dp", "--epsilon", "1"]],
    ["dp ε=10", ["--mode", "dp", "--epsilon", "10"]],
    ["aggregate-seeded k=6", ["--mode", "aggregate-seeded", "--k", "6"]],
    [
      "aggregate-seeded k=6, --report-missing none",
      ["--mode", "aggregate-seeded", "--k", "6", "--report-missing", "none"],
    ],
    ["aggregate-seeded k=6, L=2", ["--mode", "aggregate-seeded", "--k", "6", "--length", "2"]],
    ["row-seeded k=6", ["--mode", "row-seeded", "--k", "6"]],
    ["row-seeded k=6, --exact-counts", ["--mode", "row-seeded", "--k", "6", "--exact-counts"]],
    ["value-seeded k=6", ["--mode", "value-seeded", "--k", "6"]],
    ["unseeded k=6", ["--mode", "unseeded", "--k", "6"]],
  ];
  const out = [];
  for (const [set, columns] of Object.entries(sets)) {
    console.log(
      `\nfidelity: NIST national2019 ${set}, --missing N, L=3 (median of 5; k-marginal with a missing cell as a value; on complete rows)`,
    );
    for (const [name, args] of cases) {
      const runs = [];
      for (let i = 1; i <= 5; i++) {
        const common = ["--columns", columns, "--missing", "N", "--numeric", "AGEP"];
        const seed = args.includes("dp") ? [] : ["--seed", String(i)];
        const label = `${set} ${name} run ${i}`;
        runs.push(
          run(
            label,
            nist,
            [...common, "--length", "3", "--no-showcase", ...args, ...seed],
            "synthesize",
            fidelity,
          ),
        );
      }
      runs.sort((a, b) => a.kMarginal - b.kMarginal);
      const median = { ...runs[2], name: `${set} ${name}: median of 5` };
      console.log(`${median.name.padEnd(50)} ${JSON.stringify(median)}`);
      out.push(median);
    }
  }
  return out;
}

/**
 * The published showcase of a 100k × 12 release (aggregate-seeded, 100k synthetic records):
 * the time `commonground showcase` takes, the file's size, and in Debian chromium from file://
 * (when installed) the time from navigation to interactive (the page's `cg-interactive` mark:
 * rendered and answering clicks) and to the counts after a first click — median of 3 loads.
 */
async function showcaseBench(input) {
  console.log("\nshowcase (100k synthetic records × 12 columns)");
  const dir = mkdtempSync(join(tmpdir(), "cg-bench-showcase-"));
  const release = join(dir, "release");
  const cli = (args) => {
    const t = performance.now();
    const r = spawnSync(process.execPath, ["packages/cli/bin/commonground.js", ...args], {
      encoding: "utf8",
    });
    if (r.status !== 0) throw new Error(`commonground ${args[0]} failed: ${r.stderr}`);
    return (performance.now() - t) / 1000;
  };
  cli([
    "synthesize",
    input,
    "--out",
    release,
    "--mode",
    "aggregate-seeded",
    "--records",
    "100000",
    "--seed",
    "1",
    "--no-evaluate",
    "--quiet",
  ]);
  const seconds = cli(["showcase", release, "--quiet"]);
  const page = join(release, "showcase.html");
  const bytes = statSync(page).size;
  const csvBytes =
    statSync(join(release, "synthetic.csv")).size + statSync(join(release, "aggregates.csv")).size;
  const row = {
    name: "showcase 100k × 12",
    seconds: Number(seconds.toFixed(2)),
    fileMB: Number((bytes / 1e6).toFixed(2)),
    csvMB: Number((csvBytes / 1e6).toFixed(2)),
  };
  if (existsSync(browserPath)) Object.assign(row, await openShowcase(browserPath, page));
  console.log(`${row.name.padEnd(50)} ${JSON.stringify(row)}`);
  rmSync(dir, { recursive: true, force: true });
  return [row];
}

async function openShowcase(executablePath, page) {
  const { chromium } = await import("playwright-core");
  const browser = await chromium.launch({
    executablePath,
    args: CHROMIUM_ARGS,
  });
  const runs = [];
  try {
    for (let i = 0; i < 3; i++) {
      const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
      await context.setOffline(true);
      const tab = await context.newPage();
      const start = performance.now();
      await tab.goto(pathToFileURL(page).href);
      await tab.waitForSelector("html[data-ready='true']", { timeout: 60_000 });
      const interactive = await tab.evaluate(
        () => performance.getEntriesByName("cg-interactive")[0]?.startTime,
      );
      const status = tab.locator(".cg-explore-status");
      const before = await status.textContent();
      const click = performance.now();
      await tab.locator("button.cg-bar-row").first().click();
      await tab.waitForFunction(
        (text) => document.querySelector(".cg-explore-status")?.textContent !== text,
        before,
      );
      runs.push({
        interactive,
        wall: performance.now() - start,
        firstClick: performance.now() - click,
      });
      await context.close();
    }
  } finally {
    await browser.close();
  }
  const median = (key) => runs.map((r) => r[key]).sort((a, b) => a - b)[1];
  return {
    interactiveSeconds: Number((median("interactive") / 1000).toFixed(2)),
    loadWallSeconds: Number((median("wall") / 1000).toFixed(2)),
    firstClickSeconds: Number((median("firstClick") / 1000).toFixed(2)),
  };
}
