#!/usr/bin/env node
// Runs the whole test suite (type check, lint, vitest) and ends with the plain line
// "N passed, N failed" that CI reads. Exit code 0 only if everything passed.
import { spawnSync } from "node:child_process";
import { mkdirSync, readFileSync } from "node:fs";

const run = (cmd, args) => spawnSync(cmd, args, { stdio: "inherit", shell: false });
let passed = 0;
let failed = 0;

// The CLI is tested as a subprocess of its built bundle.
const build = run("npm", ["run", "build", "--silent"]);
if (build.status !== 0) {
  console.error("The build failed.");
  failed++;
}

// Sources (with project references), then the tests, which tsc -b does not cover.
const typecheck = run("npx", ["tsc", "-b", "packages/core", "packages/cli"]);
const typecheckWeb = run("npx", ["tsc", "-p", "packages/web"]);
const typecheckTests = run("npx", ["tsc", "-p", "tsconfig.tests.json"]);
if (typecheck.status === 0 && typecheckWeb.status === 0 && typecheckTests.status === 0) passed++;
else {
  console.error("Type check failed.");
  failed++;
}

const lint = run("npx", ["biome", "check", "."]);
if (lint.status === 0) passed++;
else {
  console.error("Lint/format check failed (npm run format fixes formatting).");
  failed++;
}

mkdirSync("test-results", { recursive: true });
const vitest = run("npx", [
  "vitest",
  "run",
  "--reporter=default",
  "--reporter=json",
  "--outputFile.json=test-results/vitest.json",
]);
let counted = false;
try {
  const report = JSON.parse(readFileSync("test-results/vitest.json", "utf8"));
  passed += report.numPassedTests;
  failed += report.numFailedTests + (report.numRuntimeErrorTestSuites ?? 0);
  if (report.numTotalTests === 0) {
    console.error("No tests ran.");
    failed++;
  }
  counted = true;
} catch {
  console.error("vitest wrote no report.");
}
if (!counted || (vitest.status !== 0 && failed === 0)) failed++;

console.log(`${passed} passed, ${failed} failed`);
process.exit(failed === 0 ? 0 : 1);
