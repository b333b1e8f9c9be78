/**
 * The showcase's downloads are the release's own files: datapackage.json too, rebuilt from the
 * manifest byte for byte (when the release has one), with the user's licence and version.
 */
import { contentText, encodeRelease, makeRelease } from "@commonground/core/internal";
import { describe, expect, it } from "vitest";
import { downloadFiles, fileText, loadRelease } from "../../src/showcase/load-release.js";

async function release(synthesis: boolean) {
  let csv = "sex,age\n";
  for (let i = 0; i < 60; i++) csv += `${i % 2 ? "F" : "M"},${["0-17", "18-24", "25+"][i % 3]}\n`;
  const made = await makeRelease(
    { chunks: [new TextEncoder().encode(csv)], name: "t.csv" },
    {
      k: 5,
      ...(synthesis && { synthesis: { mode: "row-seeded", seed: "1" } }),
      description: "Cases registered in 2026.",
      license: "CC-BY-4.0",
      releaseVersion: "2026.1",
    },
    { secureRandom: (w) => crypto.getRandomValues(w) },
  );
  return Object.fromEntries(made.public.map((f) => [f.name, contentText(f.content)]));
}

describe("the showcase's downloads", () => {
  for (const synthesis of [true, false]) {
    it(`offer datapackage.json as the release holds it (${synthesis ? "synthetic records" : "aggregates only"})`, async () => {
      const files = await release(synthesis);
      const loaded = loadRelease({
        encoded: encodeRelease({
          manifest: files["manifest.json"]!,
          aggregates: files["aggregates.csv"]!,
          ...(synthesis && { synthetic: files["synthetic.csv"]! }),
        }),
      });
      const offered = downloadFiles({ release: loaded });
      expect(offered.map((f) => f.name)).toContain("datapackage.json");
      const text = fileText({ release: loaded, file: "datapackage.json" });
      expect(text).toBe(files["datapackage.json"]);
      expect(offered.find((f) => f.name === "datapackage.json")!.bytes).toBe(
        new TextEncoder().encode(text).length,
      );
      const dp = JSON.parse(text);
      expect(dp.licenses).toEqual([{ name: "CC-BY-4.0" }]);
      expect(dp.version).toBe("2026.1");
      expect(dp.description.startsWith("Cases registered in 2026.\n\n")).toBe(true);
      expect(dp.created).toBe(JSON.parse(files["manifest.json"]!).createdAt);
    });
  }
});
