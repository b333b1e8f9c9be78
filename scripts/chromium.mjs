// Debian's chromium for the benchmarks, as the end-to-end tests start it
// (packages/web/test/e2e/browser.ts): never a downloaded browser, no background network, and no
// host name resolves but 127.0.0.1.
export const browserPath = process.env.CG_BROWSER || "/usr/bin/chromium";

export const CHROMIUM_ARGS = [
  "--headless",
  "--no-sandbox",
  "--disable-gpu",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
  "--no-first-run",
  "--disable-quic",
  "--host-resolver-rules=MAP * ~NOTFOUND , EXCLUDE 127.0.0.1",
];
