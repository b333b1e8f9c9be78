/**
 * Comparing two releases made from the same data, settings and seed: they differ only in the
 * manifest's createdAt (also embedded in showcase.html, and datapackage.json's created), which
 * these blank.
 */

/** A manifest.json's content with its createdAt blanked. */
export const withoutDate = (json: string) => ({ ...JSON.parse(json), createdAt: "—" });

/** A datapackage.json's content with its created blanked. */
export const packageWithoutDate = (json: string) => ({ ...JSON.parse(json), created: "—" });

/** A showcase page with its embedded manifest's createdAt blanked. */
export function showcaseWithoutDate(html: string) {
  const block = /<script type="application\/json" id="cg-release">([\s\S]*?)<\/script>/.exec(html);
  if (!block) throw new Error("The page has no data block.");
  const data = JSON.parse(block[1]!) as { manifest: string };
  return {
    page: html.replace(block[0], "DATA"),
    data: { ...data, manifest: withoutDate(data.manifest) },
  };
}
