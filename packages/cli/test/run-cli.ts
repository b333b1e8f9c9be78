/**
 * Helpers for the CLI's subprocess tests: build the bundle once (if stale), run
 * `node packages/cli/bin/commonground.js …` from the repository root, give each test a fresh
 * temporary folder, and check the failure contract (exit code, message, no stack trace, no
 * output folder left behind).
 */
import { type SpawnSyncReturns, spawnSync } from "node:child_process";
import { createHash } from "node:crypto";
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { expect, onTestFinished } from "vitest";

export const cliDir = resolve(dirname(fileURLToPath(import.meta.url)), "..");
export const repoRoot = resolve(cliDir, "../..");
export const fixturesDir = join(cliDir, "test", "fixtures");
const launcher = join(cliDir, "bin", "commonground.js");

/** Path of a committed fixture file. */
export const fixture = (name: string): string => join(fixturesDir, name);

/** The bundled sample and its config (the README's main command uses them). */
export const SAMPLE = join(repoRoot, "samples/ctdc-simulated/cases.csv");
export const SAMPLE_CONFIG = join(repoRoot, "samples/ctdc-simulated/config.json");

/** The oracle of docs/design.md §10 (rows A,B,C) and its reportable aggregates for k = 2. */
export const ORACLE_CSV = "A,B,C\na1,b1,c1\na1,b2,c1\na2,,c2\na2,b2,c1\na1,b2,\n";
export const ORACLE_AGGREGATES_K2 = [
  "A,B,C,count",
  "a1,,,2",
  "a2,,,2",
  ",b2,,2",
  ",,c1,2",
  "a1,b2,,2",
  "a1,,c1,2",
  ",b2,c1,2",
  "",
].join("\n");

// ---------------------------------------------------------------------------------------------
// Building the bundle

const bundle = [join(cliDir, "dist", "main.js"), join(cliDir, "dist", "count-worker.js")];
const sources = [
  join(cliDir, "src"),
  join(repoRoot, "packages", "core", "src"),
  join(cliDir, "build.mjs"),
];
/** Serialises builds of test files that run in parallel, so none runs a half-written bundle. */
const lockDir = join(
  tmpdir(),
  `commonground-cli-build-${createHash("sha256").update(cliDir).digest("hex").slice(0, 12)}.lock`,
);
let built = false;

function newestMtime(path: string): number {
  const stat = statSync(path);
  if (!stat.isDirectory()) return stat.mtimeMs;
  let newest = stat.mtimeMs;
  for (const entry of readdirSync(path)) newest = Math.max(newest, newestMtime(join(path, entry)));
  return newest;
}

function bundleIsFresh(): boolean {
  try {
    const oldestOutput = Math.min(...bundle.map((f) => statSync(f).mtimeMs));
    return oldestOutput >= Math.max(...sources.map(newestMtime));
  } catch {
    return false;
  }
}

function sleep(ms: number): void {
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);
}

/**
 * Builds packages/cli/dist (with packages/cli/build.mjs) unless it is newer than every source
 * file. `npm test` builds before running vitest; this makes `npx vitest run packages/cli` work
 * on its own too.
 */
export function ensureBuilt(): void {
  if (built) return;
  const deadline = Date.now() + 120_000;
  for (;;) {
    try {
      mkdirSync(lockDir);
      break;
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== "EEXIST") throw e;
    }
    try {
      // A lock left behind by a crashed run.
      if (Date.now() - statSync(lockDir).mtimeMs > 60_000) rmSync(lockDir, { recursive: true });
    } catch {
      // Released meanwhile.
    }
    if (Date.now() > deadline) throw new Error(`Timed out waiting for the build lock ${lockDir}.`);
    sleep(50);
  }
  try {
    if (!bundleIsFresh()) {
      const r = spawnSync(process.execPath, ["build.mjs"], { cwd: cliDir, encoding: "utf8" });
      if (r.status !== 0) throw new Error(`Building the CLI failed:\n${r.stdout}${r.stderr}`);
    }
  } finally {
    rmSync(lockDir, { recursive: true, force: true });
  }
  built = true;
}

// ---------------------------------------------------------------------------------------------
// Running it

export interface CliResult {
  status: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

export interface RunOptions {
  /** Extra environment variables. */
  env?: Record<string, string>;
  /** Working directory (default: the repository root). */
  cwd?: string;
}

/** Runs `commonground <args…>` as a subprocess of the built bundle and waits for it. */
export function runCli(args: readonly string[], options: RunOptions = {}): CliResult {
  const env: NodeJS.ProcessEnv = { ...process.env, NO_COLOR: "1" };
  delete env.FORCE_COLOR;
  delete env.COMMONGROUND_TEST_INTERNAL_ERROR;
  Object.assign(env, options.env);
  const r: SpawnSyncReturns<string> = spawnSync(process.execPath, [launcher, ...args], {
    cwd: options.cwd ?? repoRoot,
    env,
    encoding: "utf8",
    timeout: 120_000,
    maxBuffer: 64 << 20,
  });
  if (r.error) throw r.error;
  return { status: r.status, signal: r.signal, stdout: r.stdout, stderr: r.stderr };
}

/** Runs `commonground aggregate <args…>`. */
export function aggregate(args: readonly string[], options: RunOptions = {}): CliResult {
  return runCli(["aggregate", ...args], options);
}

/** Runs `commonground synthesize <args…>`. */
export function synthesize(args: readonly string[], options: RunOptions = {}): CliResult {
  return runCli(["synthesize", ...args], options);
}

/** A fresh temporary folder, removed when the current test ends. */
export function tempDir(): string {
  const dir = mkdtempSync(join(tmpdir(), "commonground-cli-test-"));
  onTestFinished(() => rmSync(dir, { recursive: true, force: true }));
  return dir;
}

export const readText = (path: string): string => readFileSync(path, "utf8");
export const readJson = (path: string): unknown => JSON.parse(readFileSync(path, "utf8"));
export const sha256 = (path: string): string =>
  createHash("sha256").update(readFileSync(path)).digest("hex");
/** Permission bits of a file or folder, e.g. 0o700. */
export const permissions = (path: string): number => statSync(path).mode & 0o777;

// ---------------------------------------------------------------------------------------------
// Assertions

/** Exit code 0, with stderr shown when it is not. */
export function expectSuccess(r: CliResult): void {
  expect(r.status, `stderr:\n${r.stderr}`).toBe(0);
  expectNoStackTrace(r.stderr);
}

export function expectNoStackTrace(stderr: string): void {
  expect(stderr).not.toMatch(/^\s+at\s/m);
  expect(stderr).not.toMatch(/\.(ts|js):\d+/);
}

/**
 * Neither `<dir>/<name>` nor `<dir>/<name>.private` nor any hidden staging folder
 * (`.<name>.partial-*`, `.<name>.private.partial-*`, `….old-*`) is in `dir`.
 */
export function expectNoOutput(dir: string, name = "out"): void {
  const left = readdirSync(dir).filter(
    (e) =>
      e === name ||
      e === `${name}.private` ||
      e.startsWith(`.${name}`) ||
      e.includes(".partial-") ||
      e.includes(".old-"),
  );
  expect(left, `left behind in ${dir}`).toEqual([]);
}

export interface FailureExpectation {
  /** Exit code (default 2). */
  status?: number;
  /** Phrases stderr must contain (strings are matched literally). */
  says: readonly (string | RegExp)[];
  /** The folder that must hold no output (and its output name, default "out"). */
  dir?: string;
  out?: string;
  /** A "what to do" line must be present (default true). */
  hint?: boolean;
}

/** The failure contract of docs/design.md §8: exit code, a clear message, no stack trace, no output. */
export function expectFailure(r: CliResult, e: FailureExpectation): void {
  expect(r.status, `stdout:\n${r.stdout}\nstderr:\n${r.stderr}`).toBe(e.status ?? 2);
  for (const phrase of e.says) {
    if (typeof phrase === "string") expect(r.stderr).toContain(phrase);
    else expect(r.stderr).toMatch(phrase);
  }
  if (e.hint ?? true) expect(r.stderr).toMatch(/what to do: \S/);
  expectNoStackTrace(r.stderr);
  expect(r.stdout).toBe("");
  if (e.dir !== undefined) expectNoOutput(e.dir, e.out);
}

/** Every number anywhere in a JSON value (keys' values, array items, nested). */
export function numbersIn(value: unknown): number[] {
  if (typeof value === "number") return [value];
  if (Array.isArray(value)) return value.flatMap(numbersIn);
  if (value !== null && typeof value === "object") return Object.values(value).flatMap(numbersIn);
  return [];
}
