/**
 * Turning the built showcase template (one HTML file: Vite's single-file build of
 * showcase.html) into a release's showcase.html (pure; the hash function is passed in, so that
 * this runs anywhere). The template holds three placeholders: the page title, the data block
 * `<script type="application/json" id="cg-release">` and the Content-Security-Policy meta tag,
 * whose script-src lists the SHA-256 of every inline script, computed here from the template.
 *
 * The policy: nothing may be fetched or connected to (default-src 'none', connect-src 'none'),
 * scripts run only when their hash is listed (no 'unsafe-inline', no eval), inline styles are
 * allowed (React's style attributes), images only as data: URLs. Downloads of the embedded
 * files are blob: links, which are navigations, not fetches, so no source list governs them.
 */
import { InternalError } from "@commonground/core/internal";
import { DATA_ELEMENT_ID } from "./data-block.js";

/** The template's placeholders, each inside the one tag where it may occur. */
export const PLACEHOLDER = {
  csp: '<meta http-equiv="Content-Security-Policy" content="__CG_SHOWCASE_CSP__" />',
  title: "<title>__CG_SHOWCASE_TITLE__</title>",
  // Valid JSON (a string), so that linters and the bare template's page can read it.
  data: `<script type="application/json" id="${DATA_ELEMENT_ID}">"__CG_SHOWCASE_DATA__"</script>`,
} as const;

/** The showcase's Content-Security-Policy, given the base64 SHA-256 of each inline script. */
export function showcaseCsp(scriptHashes: readonly string[]): string {
  if (scriptHashes.length === 0) throw new InternalError("A showcase without a script");
  return [
    "default-src 'none'",
    `script-src ${scriptHashes.map((h) => `'sha256-${h}'`).join(" ")}`,
    "style-src 'unsafe-inline'",
    "img-src data:",
    "font-src 'none'",
    "connect-src 'none'",
    "media-src 'none'",
    "object-src 'none'",
    "frame-src 'none'",
    "worker-src 'none'",
    "manifest-src 'none'",
    "base-uri 'none'",
    "form-action 'none'",
  ].join("; ");
}

const SCRIPT = /<script\b([^>]*)>([\s\S]*?)<\/script\s*>/gi;

/** The text of every executable inline script of an HTML page (JSON data blocks left out). */
export function inlineScripts(html: string): string[] {
  const scripts: string[] = [];
  for (const m of html.matchAll(SCRIPT)) {
    const attributes = m[1] ?? "";
    if (/\btype\s*=\s*["']?application\/json/i.test(attributes)) continue;
    if (/\bsrc\s*=/i.test(attributes)) {
      throw new InternalError("The showcase template loads a script from a file");
    }
    scripts.push(m[2] ?? "");
  }
  return scripts;
}

/**
 * A value as JSON that can sit inside a `<script>` element: every `<` is written `\u003c`, so
 * neither `</script>` nor `<!--` (which could make the parser run past the closing tag) can
 * occur; JSON.parse reads it back unchanged.
 */
export function scriptJson(value: unknown): string {
  return JSON.stringify(value).replaceAll("<", "\\u003c");
}

const escapeHtml = (text: string): string =>
  text
    .replaceAll("&", "&amp;")
    .replaceAll("<", "&lt;")
    .replaceAll(">", "&gt;")
    .replaceAll('"', "&quot;");

export interface FillTemplateOptions {
  /** The built template's text. */
  template: string;
  /** The page's title (plain text). */
  title: string;
  /** The embedded data (any JSON value). */
  data: unknown;
  /** base64 SHA-256 of a script's text as UTF-8 (node:crypto in the CLI). */
  sha256: (text: string) => string;
}

/** The showcase page: the template with its title, data and CSP filled in. */
export function fillTemplate(o: FillTemplateOptions): string {
  const scripts = inlineScripts(o.template);
  const values: Record<keyof typeof PLACEHOLDER, string> = {
    csp: `<meta http-equiv="Content-Security-Policy" content="${showcaseCsp(scripts.map(o.sha256))}" />`,
    title: `<title>${escapeHtml(o.title)}</title>`,
    data: `<script type="application/json" id="${DATA_ELEMENT_ID}">${scriptJson(o.data)}</script>`,
  };
  let page = o.template;
  for (const key of Object.keys(PLACEHOLDER) as (keyof typeof PLACEHOLDER)[]) {
    const parts = page.split(PLACEHOLDER[key]);
    if (parts.length !== 2) {
      throw new InternalError(`The showcase template must hold ${PLACEHOLDER[key]} exactly once`);
    }
    // Joined, not String.replace: a `$` in the inserted text means nothing.
    page = parts.join(values[key]);
  }
  const after = inlineScripts(page);
  if (after.length !== scripts.length || after.some((s, i) => s !== scripts[i])) {
    throw new InternalError("Filling the showcase template changed its scripts");
  }
  return page;
}
