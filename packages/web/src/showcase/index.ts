/**
 * The showcase builder's public entry (`@commonground/web/showcase`): what a host needs to turn a
 * release's public files into showcase.html. The CLI's `showcase` and `synthesize` use it; the
 * web app's export calls the same functions, so both write the same page.
 */
export { releaseViewOfTables } from "../explore/release-view.js";
export type { ShowcasePageOptions } from "./showcase-page.js";
export { scriptHashes, showcasePage } from "./showcase-page.js";
