/**
 * Harness of the end-to-end tests: the built `commonground app` as a subprocess, Debian's
 * chromium driven by playwright-core (never a downloaded browser), a record of every request
 * the pages and their workers make, screenshots, and axe-core run inside the page.
 *
 * Browser missing (no /usr/bin/chromium, no CG_BROWSER): `describeE2E` skips its tests and says
 * why, unless CG_REQUIRE_BROWSER=1 (CI), where they fail. The browser resolves no host name but
 * 127.0.0.1 (--host-resolver-rules), so even a request that should not happen leaves nothing
 * behind on the network: it is still recorded, and the tests fail on it.
 */

import { type ChildProcess, spawn } from "node:child_process";
import { existsSync, mkdirSync, readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import type axe from "axe-core";
import { type Browser, type BrowserContext, chromium, type Page } from "playwright-core";
import { afterAll, beforeAll, describe, it } from "vitest";
import { CHROMIUM_ARGS, browserPath as chromiumPath } from "../../../../scripts/chromium.mjs";

export const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), "../../../..");
const launcher = join(repoRoot, "packages/cli/bin/commonground.js");
const servedIndex = join(repoRoot, "packages/cli/dist/web/index.html");

/** Timeout for an end-to-end test or hook: launching chromium takes seconds on a slow machine. */
export const E2E_TIMEOUT = 120_000;

// ---------------------------------------------------------------------------------------------
// Which browser

/** The chromium to drive: $CG_BROWSER, else Debian's /usr/bin/chromium; undefined if missing. */
export function browserPath(): string | undefined {
  return existsSync(chromiumPath) ? chromiumPath : undefined;
}

/**
 * `describe` for browser tests: runs them when a browser is installed; otherwise skips them
 * with a printed reason, or — with CG_REQUIRE_BROWSER=1 — fails.
 */
export function describeE2E(name: string, body: () => void): void {
  if (browserPath() !== undefined) {
    describe(name, { timeout: E2E_TIMEOUT }, body);
    return;
  }
  const reason =
    `No browser for the end-to-end tests: ${process.env.CG_BROWSER || "/usr/bin/chromium"} ` +
    "does not exist. Install Debian's chromium (apt-get install chromium) or set CG_BROWSER.";
  if (process.env.CG_REQUIRE_BROWSER === "1") {
    describe(name, () => {
      it("has a browser (CG_REQUIRE_BROWSER=1)", () => {
        throw new Error(reason);
      });
    });
    return;
  }
  process.stderr.write(`Skipping "${name}". ${reason}\n`);
  describe.skip(name, body);
}

// ---------------------------------------------------------------------------------------------
// The app

export interface RunningApp {
  /** http://127.0.0.1:PORT/ as the app printed it. */
  url: string;
  /** http://127.0.0.1:PORT */
  origin: string;
  /** What the app printed so far (stdout, stderr). */
  output(): { stdout: string; stderr: string };
  /** Stops the server (SIGTERM, then SIGKILL after 5 s). */
  stop(): Promise<void>;
}

/** Starts the built `commonground app --port 0` and waits for the address it prints. */
export async function startApp(): Promise<RunningApp> {
  if (!existsSync(join(repoRoot, "packages/cli/dist/main.js")) || !existsSync(servedIndex)) {
    throw new Error("The app is not built: run `npm run build` in the repository root first.");
  }
  warnIfStale();
  const child = spawn(process.execPath, [launcher, "app", "--port", "0"], {
    cwd: repoRoot,
    env: { ...process.env, NO_COLOR: "1" },
    stdio: ["ignore", "pipe", "pipe"],
  });
  const killOnExit = () => child.kill("SIGKILL");
  process.once("exit", killOnExit);
  let stdout = "";
  let stderr = "";
  child.stdout?.setEncoding("utf8").on("data", (s: string) => {
    stdout += s;
  });
  child.stderr?.setEncoding("utf8").on("data", (s: string) => {
    stderr += s;
  });
  const url = await new Promise<string>((found, failed) => {
    const timer = setTimeout(
      () => failed(new Error(`The app printed no address:\n${stderr}`)),
      30_000,
    );
    const look = () => {
      const m = /running at (http:\/\/127\.0\.0\.1:\d+\/)/.exec(stdout);
      if (m?.[1] === undefined) return;
      clearTimeout(timer);
      found(m[1]);
    };
    child.stdout?.on("data", look);
    child.once("exit", (code) => {
      clearTimeout(timer);
      failed(new Error(`The app exited (${code}) before serving:\n${stdout}${stderr}`));
    });
  });
  return {
    url,
    origin: new URL(url).origin,
    output: () => ({ stdout, stderr }),
    stop: () => stopChild(child, killOnExit),
  };
}

async function stopChild(child: ChildProcess, killOnExit: () => void): Promise<void> {
  process.off("exit", killOnExit);
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise<void>((done) => child.once("exit", () => done()));
  child.kill("SIGTERM");
  const timer = setTimeout(() => child.kill("SIGKILL"), 5_000);
  await exited;
  clearTimeout(timer);
}

/** The CLI serves the web build copied at its own build: say so when that copy is older. */
function warnIfStale(): void {
  const built = join(repoRoot, "packages/web/dist/index.html");
  if (existsSync(built) && readFileSync(built, "utf8") !== readFileSync(servedIndex, "utf8")) {
    process.stderr.write(
      "Warning: packages/cli/dist/web differs from packages/web/dist; the tests run the copy. " +
        "Run `npm run build` to test the current web build.\n",
    );
  }
}

// ---------------------------------------------------------------------------------------------
// The browser

export interface BrowserSession {
  browser: Browser;
  /** A fresh context (its own temporary profile) that accepts downloads. */
  context: BrowserContext;
  /** A first page in that context. */
  page: Page;
  close(): Promise<void>;
}

/** The flags of STACK.md, shared with the benchmarks; nothing but 127.0.0.1 resolves. */
export { CHROMIUM_ARGS };

/**
 * Launches chromium (playwright gives each launch a fresh temporary --user-data-dir) and opens
 * a context that accepts downloads, with a page.
 */
export async function launchBrowser(): Promise<BrowserSession> {
  const executablePath = browserPath();
  if (executablePath === undefined) throw new Error("No browser: see describeE2E.");
  const browser = await chromium.launch({ executablePath, args: CHROMIUM_ARGS, timeout: 60_000 });
  const context = await browser.newContext({ acceptDownloads: true });
  const page = await context.newPage();
  return { browser, context, page, close: () => browser.close() };
}

/**
 * The app and a browser for the tests of one describe block: started before them, stopped after.
 * The getters throw if called before the start.
 */
export function useAppSession(): { app(): RunningApp; session(): BrowserSession } {
  let app: RunningApp | undefined;
  let session: BrowserSession | undefined;
  beforeAll(async () => {
    app = await startApp();
    session = await launchBrowser();
  }, E2E_TIMEOUT);
  afterAll(async () => {
    await session?.close();
    await app?.stop();
  }, E2E_TIMEOUT);
  const started = <T>(x: T | undefined): T => {
    if (x === undefined) throw new Error("The app and the browser are not started.");
    return x;
  };
  return { app: () => started(app), session: () => started(session) };
}

// ---------------------------------------------------------------------------------------------
// Requests

/** What a request is: to the app's origin, data:, blob: of the app's origin, or anything else. */
export type RequestKind = "self" | "data" | "blob" | "other";

export interface RequestLog {
  /** Every URL requested so far, in order: pages, frames, workers, blob:, data:, WebSockets. */
  readonly urls: readonly string[];
  /** Messages of the page's CSP blocking something (a blocked attempt is not a request). */
  readonly cspViolations: readonly string[];
  /** URLs of the workers started. */
  readonly workers: readonly string[];
  /** How many requests of each kind, relative to the app's origin. */
  counts(origin: string): Record<RequestKind, number>;
  /** The requests that went (or tried to go) anywhere but the origin, data: or its blob:. */
  outside(origin: string): string[];
}

export function requestKind(url: string, origin: string): RequestKind {
  if (url.startsWith("data:")) return "data";
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return "other";
  }
  if (parsed.protocol === "blob:") return parsed.origin === origin ? "blob" : "other";
  return parsed.origin === origin ? "self" : "other";
}

const CSP_MESSAGE = /Content Security Policy/;

/**
 * Starts recording every request of a page, or of every page of a context (present and
 * future): playwright's request events (pages, frames and their workers, blob: included, loads
 * the CSP blocked included), WebSockets, data: URLs (through a DevTools session per page:
 * playwright leaves them out), and the CSP's console messages about blocked connections. Call
 * it before navigating. Not seen: data: URLs fetched inside workers (no network involved).
 */
export async function recordRequests(target: Page | BrowserContext): Promise<RequestLog> {
  const urls: string[] = [];
  const cspViolations: string[] = [];
  const workers: string[] = [];
  const watchPage = async (page: Page) => {
    page.on("websocket", (ws) => urls.push(ws.url()));
    page.on("worker", (w) => workers.push(w.url()));
    const cdp = await page.context().newCDPSession(page);
    cdp.on("Network.requestWillBeSent", (e) => {
      if (e.request.url.startsWith("data:")) urls.push(e.request.url);
    });
    await cdp.send("Network.enable");
  };
  const onRequest = (r: { url(): string }) => urls.push(r.url());
  const onConsole = (m: { text(): string }) => {
    if (CSP_MESSAGE.test(m.text())) cspViolations.push(m.text());
  };
  if ("goto" in target) {
    target.on("request", onRequest).on("console", onConsole);
    await watchPage(target);
  } else {
    target.on("request", onRequest).on("console", onConsole);
    target.on("page", (p) => {
      watchPage(p).catch(() => {
        // A page closed before its DevTools session opened: nothing more to record from it.
      });
    });
    await Promise.all(target.pages().map(watchPage));
  }
  return {
    urls,
    cspViolations,
    workers,
    counts(origin) {
      const counts: Record<RequestKind, number> = { self: 0, data: 0, blob: 0, other: 0 };
      for (const u of urls) counts[requestKind(u, origin)]++;
      return counts;
    },
    outside: (origin) => urls.filter((u) => requestKind(u, origin) === "other"),
  };
}

// ---------------------------------------------------------------------------------------------
// Screenshots and accessibility

/** Saves a full-page screenshot to test-results/screenshots/NAME.png; returns its path. */
export async function screenshot(page: Page, name: string): Promise<string> {
  if (!/^[\w.-]+$/.test(name)) throw new Error(`Bad screenshot name "${name}".`);
  const dir = join(repoRoot, "test-results", "screenshots");
  mkdirSync(dir, { recursive: true });
  const path = join(dir, `${name}.png`);
  await page.screenshot({ path, fullPage: true });
  return path;
}

export interface A11yViolation {
  id: string;
  impact: "serious" | "critical";
  help: string;
  /** CSS selectors of the offending elements. */
  targets: string[];
}

const axeSource = readFileSync(
  createRequire(import.meta.url).resolve("axe-core/axe.min.js"),
  "utf8",
);

/**
 * Runs axe-core in the page and returns its serious and critical violations. The source goes in
 * through the DevTools protocol (page.evaluate of a string), which the page's CSP does not
 * govern: no inline script, no relaxed policy.
 */
export async function checkAccessibility(page: Page): Promise<A11yViolation[]> {
  if (!(await page.evaluate(() => "axe" in window))) await page.evaluate(axeSource);
  const violations = await page.evaluate(async () => {
    const w = window as unknown as { axe: typeof axe };
    const results = await w.axe.run(document, { resultTypes: ["violations"] });
    return results.violations.map((v) => ({
      id: v.id,
      impact: v.impact ?? null,
      help: v.help,
      targets: v.nodes.map((n) => n.target.join(" ")),
    }));
  });
  return violations.flatMap((v) =>
    v.impact === "serious" || v.impact === "critical" ? [{ ...v, impact: v.impact }] : [],
  );
}

/** The violations as readable lines, for an assertion's message. */
export const formatViolations = (violations: readonly A11yViolation[]): string =>
  violations.map((v) => `${v.impact} ${v.id}: ${v.help} (${v.targets.join(", ")})`).join("\n");

/**
 * Whether the page's CSP still blocks inline scripts: a <script> element with inline text is
 * added; it must not run. Leaves a CSP console message behind (call after checking those).
 */
export async function inlineScriptsBlocked(page: Page): Promise<boolean> {
  return page.evaluate(async () => {
    const w = window as unknown as { __cgInline?: boolean };
    const script = document.createElement("script");
    script.textContent = "window.__cgInline = true;";
    document.head.append(script);
    await new Promise((r) => setTimeout(r, 50));
    script.remove();
    return w.__cgInline !== true;
  });
}
