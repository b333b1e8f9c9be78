/**
 * End to end: `commonground app` serves the built web app to chromium. The page loads under its
 * Content-Security-Policy, offers a file input, asks nothing of any origin but its own, has no
 * serious or critical accessibility violation (axe-core), and its screenshot is saved.
 */
import { afterAll, beforeAll, expect, it } from "vitest";
import { CONTENT_SECURITY_POLICY } from "../../src/app/csp.js";
import {
  type BrowserSession,
  checkAccessibility,
  describeE2E,
  E2E_TIMEOUT,
  formatViolations,
  inlineScriptsBlocked,
  launchBrowser,
  type RunningApp,
  recordRequests,
  screenshot,
  startApp,
} from "./browser.js";

describeE2E("the web app in chromium", () => {
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

  it("loads, offers a file input, stays on its own origin and passes axe", async () => {
    if (app === undefined || session === undefined) throw new Error("Not started.");
    const { page, context } = session;
    const errors: string[] = [];
    page.on("pageerror", (e) => errors.push(e.message));
    const log = await recordRequests(context);

    const response = await page.goto(app.url, { waitUntil: "load" });
    expect(response?.status()).toBe(200);
    expect(response?.headers()["content-security-policy"]).toBe(CONTENT_SECURITY_POLICY);
    await page.locator('input[type="file"]').first().waitFor({ state: "attached" });
    await page.waitForLoadState("networkidle");

    expect(await page.locator('input[type="file"]').count()).toBeGreaterThanOrEqual(1);
    expect(errors).toEqual([]);
    expect(log.outside(app.origin)).toEqual([]);
    expect(log.cspViolations).toEqual([]);
    expect(log.counts(app.origin).self).toBeGreaterThanOrEqual(2); // the page and its script

    const violations = await checkAccessibility(page);
    expect(violations, formatViolations(violations)).toEqual([]);
    // Running axe through DevTools left the page's policy as it was.
    expect(await inlineScriptsBlocked(page)).toBe(true);
    expect(log.outside(app.origin)).toEqual([]);

    await screenshot(page, "app-start");
  });
});
