/**
 * The built showcase template, served beside the app (showcase/showcase.html): runs embed their
 * release in it, so the exported release holds the same showcase.html as the CLI's. Fetched from
 * the page's own origin once; undefined where it is not built (the dev server).
 */
let cached: Promise<string | undefined> | undefined;

export function showcaseTemplate(): Promise<string | undefined> {
  cached ??= fetch(new URL("showcase/showcase.html", document.baseURI))
    .then((r) => (r.ok ? r.text() : undefined))
    .catch(() => undefined);
  return cached;
}
