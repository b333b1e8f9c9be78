/**
 * Filling the showcase template: the CSP lists the SHA-256 of every inline script (and only
 * those; the JSON data block is not a script), the data block reads back as the same value
 * whatever characters it holds (`</script>`, `<!--`, `$&`), the title is escaped, and a
 * template without its placeholders is a bug, not a broken page.
 */
// @vitest-environment happy-dom
import { createHash } from "node:crypto";
import { InternalError } from "@commonground/core/internal";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { DATA_ELEMENT_ID, readDataBlock } from "../../src/showcase/data-block.js";
import {
  fillTemplate,
  inlineScripts,
  PLACEHOLDER,
  scriptJson,
  showcaseCsp,
} from "../../src/showcase/page-template.js";

const sha256 = (text: string) => createHash("sha256").update(text, "utf8").digest("base64");

const SCRIPT = 'console.log("<script>\\x3C/script>")';
const TEMPLATE = `<!doctype html>
<html lang="en">
  <head>
    <meta charset="UTF-8" />
    ${PLACEHOLDER.csp}
    ${PLACEHOLDER.title}
    <script type="module" crossorigin>${SCRIPT}</script>
    <style>p{color:red}</style>
  </head>
  <body>
    <div id="root"></div>
    ${PLACEHOLDER.data}
  </body>
</html>
`;

/** The page's CSP meta content. */
const cspOf = (html: string) =>
  /<meta http-equiv="Content-Security-Policy" content="([^"]*)"/.exec(html)?.[1];

describe("fillTemplate", () => {
  it("puts the hash of the inline script into a strict CSP", () => {
    const page = fillTemplate({ template: TEMPLATE, title: "T", data: { a: 1 }, sha256 });
    const csp = cspOf(page);
    expect(csp).toBe(showcaseCsp([sha256(SCRIPT)]));
    expect(csp).toContain("default-src 'none'");
    expect(csp).toContain(`script-src 'sha256-${sha256(SCRIPT)}';`);
    expect(csp).toContain("connect-src 'none'");
    expect(csp).not.toContain("unsafe-inline' 'sha");
    expect(csp).not.toMatch(/script-src[^;]*unsafe/);
    expect(inlineScripts(page)).toEqual([SCRIPT]);
  });

  it("embeds any value so that the page reads it back unchanged", () => {
    const nasty = fc.oneof(
      fc.string(),
      fc.constantFrom("</script>", "<!--<script>", "</SCRIPT >", "$&", "$'", "$`", "\u2028", "-->"),
    );
    fc.assert(
      fc.property(fc.array(nasty, { maxLength: 6 }), (strings) => {
        const data = { strings, format: "x" };
        const page = fillTemplate({ template: TEMPLATE, title: "T", data, sha256 });
        expect(page).not.toMatch(/<\/script[\s\S]*<\/script[\s\S]*<\/script[\s\S]*<\/script/i);
        document.documentElement.innerHTML = page.replace(/^<!doctype html>/i, "");
        expect(readDataBlock(document)).toEqual(data);
        expect(inlineScripts(page)).toEqual([SCRIPT]);
      }),
      { numRuns: 100 },
    );
  });

  it("writes `<` in the JSON as \\u003c", () => {
    expect(scriptJson({ s: "</script><!--" })).toBe('{"s":"\\u003c/script>\\u003c!--"}');
    expect(JSON.parse(scriptJson({ s: "</script>" }))).toEqual({ s: "</script>" });
  });

  it("escapes the title", () => {
    const page = fillTemplate({ template: TEMPLATE, title: 'A & <b> "c"', data: {}, sha256 });
    expect(page).toContain("<title>A &amp; &lt;b&gt; &quot;c&quot;</title>");
  });

  it("refuses a template without a placeholder, or with one twice", () => {
    const without = TEMPLATE.replace(PLACEHOLDER.data, "");
    const twice = TEMPLATE.replace(PLACEHOLDER.title, `${PLACEHOLDER.title}${PLACEHOLDER.title}`);
    for (const template of [without, twice]) {
      expect(() => fillTemplate({ template, title: "T", data: {}, sha256 })).toThrow(InternalError);
    }
  });

  it("refuses a template whose script comes from a file", () => {
    const external = TEMPLATE.replace(
      `<script type="module" crossorigin>${SCRIPT}</script>`,
      '<script type="module" src="main.js"></script>',
    );
    expect(() => fillTemplate({ template: external, title: "T", data: {}, sha256 })).toThrow(
      InternalError,
    );
  });
});

describe("readDataBlock", () => {
  it("reads nothing from the bare template", () => {
    document.body.innerHTML = PLACEHOLDER.data;
    expect(readDataBlock(document)).toBeUndefined();
    expect(document.getElementById(DATA_ELEMENT_ID)).not.toBeNull();
  });
});
