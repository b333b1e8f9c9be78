/**
 * End to end: `commonground app` serves the built web app to chromium. The page loads under its
 * Content-Security-Policy, offers a file input, asks nothing of any origin but its own, has no
 * serious or critical accessibility violation (axe-core), and its screenshot is saved.
 */
import { expect, it } from "vitest";
import { CONTENT_SECURITY_POLICY } from "../../src/app/csp.js";
import {
  checkAccessibility,
  describeE2E,
  formatViolations,
  inlineScriptsBlocked,
  recordRequests,
  screenshot,
  useAppSession,
} from "./browser.js";

describeE2E("the web app in chromium", () => {
  const running = useAppSession();

  it("loads, offers a file input, stays on its own origin and passes axe", async () => {
    const app = running.app();
    const { page, context } = running.session();
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
