/**
 * The showcase page of a release: the built template filled with the release's public files
 * (compactly encoded) and a CSP that allows exactly the template's scripts by their hashes.
 * One function for the CLI (`commonground showcase`, `synthesize`) and the web app's export, so
 * both write the same bytes.
 */

import type { EncodedRelease } from "@commonground/core/internal";
import { fillTemplate, inlineScripts } from "./page-template.js";

export interface ShowcasePageOptions {
  /** The built template's text (packages/web/dist/showcase/showcase.html). */
  template: string;
  /** The release's public files, encoded (encodeRelease). */
  encoded: EncodedRelease;
  /** base64 SHA-256 of a script's UTF-8 text (see scriptHashes for an asynchronous source). */
  sha256: (text: string) => string;
}

/** The page's HTML. */
export function showcasePage(o: ShowcasePageOptions): string {
  const manifest = JSON.parse(o.encoded.manifest) as { title?: unknown };
  const title = typeof manifest.title === "string" ? manifest.title : "";
  return fillTemplate({
    template: o.template,
    title: title === "" ? "CommonGround release" : title,
    data: o.encoded,
    sha256: o.sha256,
  });
}

/**
 * The hashes of a template's scripts computed with Web Crypto (browsers and workers, where
 * SHA-256 is asynchronous), as the synchronous lookup showcasePage takes.
 */
export async function scriptHashes(template: string): Promise<(text: string) => string> {
  const hashes = new Map<string, string>();
  for (const script of inlineScripts(template)) {
    const digest = await crypto.subtle.digest("SHA-256", new TextEncoder().encode(script));
    let binary = "";
    for (const b of new Uint8Array(digest)) binary += String.fromCharCode(b);
    hashes.set(script, btoa(binary));
  }
  return (text) => {
    const hash = hashes.get(text);
    if (hash === undefined) throw new Error("A script of the page is not in its template.");
    return hash;
  };
}
