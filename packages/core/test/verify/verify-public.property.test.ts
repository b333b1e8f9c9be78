/**
 * Every file of a release checked (issue 11 defect 5, docs/design.md §15): releases made with
 * kAnonymityReleaseFiles / dpReleaseFiles (hashes recorded, datapackage.json, a showcase page
 * embedding them) pass verifyRelease, verifyDpRelease and verifyPublicRelease; a swapped
 * showcase.html, a datapackage.json that describes another release, an unknown file, a changed
 * file, aggregates that are not closed, and a synthetic record with an unlisted combination fail.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  aggregate,
  contentText,
  type Dataset,
  dpReleaseFiles,
  dpSynthesize,
  encodeRelease,
  kAnonymityReleaseFiles,
  type ParsedRelease,
  parseReleaseCsv,
  type ReleaseMode,
  SYNTHESIS_MODES,
  seededRng,
  sha256Hex,
  synthesize,
  verifyDpRelease,
  verifyPublicRelease,
  verifyRelease,
} from "../../src/internal.js";
import { randomTableArb, readRandomTable, withParameters } from "../random-table.js";

type Files = Record<string, string>;

/** A showcase page as the template makes it: a title, the language, the data block. */
function page(files: Files): string {
  const encoded = encodeRelease({
    manifest: files["manifest.json"]!,
    synthetic: files["synthetic.csv"],
    aggregates: files["aggregates.csv"]!,
  });
  const title = (JSON.parse(files["manifest.json"]!) as { title: string }).title;
  const data = JSON.stringify(encoded).replaceAll("<", "\\u003c");
  return `<!doctype html><html lang="en"><head><title>${title || "CommonGround release"}</title></head><body><script type="application/json" id="cg-release">${data}</script></body></html>`;
}

async function kRelease(
  data: Dataset,
  mode: ReleaseMode,
  k: number,
  length: number,
  seed: number,
): Promise<Files> {
  const counted = await aggregate(data, { k, length });
  const synthesis =
    mode === "aggregates-only" || mode === "dp"
      ? undefined
      : {
          mode,
          synthetic: synthesize(data, {
            mode,
            k,
            length: counted.length,
            reportable: counted.reportable,
            rng: seededRng(seed),
          }),
        };
  const made = kAnonymityReleaseFiles({
    version: "test",
    createdAt: new Date(0),
    title: "A <test> & release",
    ingest: {},
    data,
    counted,
    ...(synthesis && { synthesis }),
    showcase: true,
  });
  const files: Files = Object.fromEntries(made.public.map((f) => [f.name, contentText(f.content)]));
  files["showcase.html"] = page(files);
  return files;
}

function dpRelease(data: Dataset, seed: number): Files {
  const dp = dpSynthesize(data, { epsilon: 2, length: 2, rng: seededRng(seed) });
  const made = dpReleaseFiles({
    version: "test",
    createdAt: new Date(0),
    ingest: {},
    data,
    dp,
    epsilon: 2,
    risk: { lengths: [], total: { unique: 0, rare: 0 } } as never,
    showcase: true,
  });
  const files: Files = Object.fromEntries(made.public.map((f) => [f.name, contentText(f.content)]));
  files["showcase.html"] = page(files);
  return files;
}

/** The files as verify reads them from a folder. */
function parsed(files: Files): ParsedRelease {
  const csv = (name: string) =>
    files[name] === undefined ? undefined : parseReleaseCsv(files[name]!);
  const hash = (name: string) => () => sha256Hex(files[name]!);
  return {
    manifest: JSON.parse(files["manifest.json"]!),
    aggregates: csv("aggregates.csv")!,
    ...(files["synthetic.csv"] !== undefined && { synthetic: csv("synthetic.csv")! }),
    folder: {
      entries: Object.keys(files),
      ...(files["datapackage.json"] !== undefined && { datapackage: files["datapackage.json"] }),
      ...(files["showcase.html"] !== undefined && { showcase: files["showcase.html"] }),
      sha256: {
        "aggregates.csv": hash("aggregates.csv"),
        ...(files["synthetic.csv"] !== undefined && { "synthetic.csv": hash("synthetic.csv") }),
      },
    },
  };
}

const kinds = (r: { violations: { kind: string }[] }) => r.violations.map((v) => v.kind);

const tableArb = withParameters(
  randomTableArb({
    maxSingles: 3,
    maxMultis: 1,
    maxRows: 40,
    singleValues: ["x", "y", "-z", "v,u"],
  }),
  {
    k: fc.integer({ min: 2, max: 3 }),
    length: fc.integer({ min: 1, max: 3 }),
    seed: fc.integer({ min: 0, max: 1000 }),
    /** Missing cells published as "(missing)" (docs/design.md §12). */
    report: fc.boolean(),
  },
);

describe("every release CommonGround makes passes, with all its files", () => {
  for (const mode of [...SYNTHESIS_MODES, "aggregates-only"] as const) {
    it(`${mode}: verifyRelease and verifyPublicRelease`, async () => {
      await fc.assert(
        fc.asyncProperty(tableArb, async (t) => {
          const data = readRandomTable(t, t.report ? { reportMissing: "all" } : {});
          if (data === undefined || t.k > data.recordCount) return;
          const files = await kRelease(data, mode, t.k, t.length, t.seed);
          expect((await verifyRelease(data, parsed(files))).violations).toEqual([]);
          const pub = await verifyPublicRelease(parsed(files));
          expect(pub.violations).toEqual([]);
          expect(pub.filesChecked).toContain("aggregates.csv (SHA-256)");
        }),
        { numRuns: 40 },
      );
    });
  }

  it("dp: verifyDpRelease and verifyPublicRelease", async () => {
    await fc.assert(
      fc.asyncProperty(tableArb, async (t) => {
        const data = readRandomTable(t, t.report ? { reportMissing: "all" } : {});
        if (data === undefined) return;
        const files = dpRelease(data, t.seed);
        expect((await verifyDpRelease(data, parsed(files))).violations).toEqual([]);
        expect((await verifyPublicRelease(parsed(files))).violations).toEqual([]);
      }),
      { numRuns: 40 },
    );
  });
});

/** 200 rows over two columns: every value and pair is common. */
function common(): Dataset {
  let text = "a,b\n";
  for (let i = 0; i < 200; i++) text += `${"pqr"[i % 3]},${"xy"[Math.floor(i / 3) % 2]}\n`;
  return readDatasetFromText(text);
}
const { readDatasetFromText } = await import("../../src/internal.js");

describe("tampering with the files is found", () => {
  it("a showcase.html swapped for a weaker release's", async () => {
    const data = common();
    const strong = await kRelease(data, "row-seeded", 10, 2, 1);
    const weak = await kRelease(data, "row-seeded", 2, 2, 1);
    const swapped = { ...strong, "showcase.html": weak["showcase.html"]! };
    const full = await verifyRelease(data, parsed(swapped));
    expect(kinds(full)).toEqual(["showcase"]);
    expect(full.violations[0]!.message).toMatch(/showcase\.html .*differs from manifest\.json/);
    expect(kinds(await verifyPublicRelease(parsed(swapped)))).toEqual(["showcase"]);
    // The page of the same manifest with other rows is found too.
    const rows = { ...strong, "aggregates.csv": weak["aggregates.csv"]! };
    const other = { ...strong, "showcase.html": page(rows) };
    expect(kinds(await verifyPublicRelease(parsed(other)))).toEqual(["showcase"]);
    // A page that embeds nothing.
    const bare = { ...strong, "showcase.html": "<html><body>Hello</body></html>" };
    expect(kinds(await verifyPublicRelease(parsed(bare)))).toEqual(["showcase"]);
    // Embedded data of the wrong shape is a finding, never a crash.
    const hostile = {
      ...strong,
      "showcase.html": `<script type="application/json" id="cg-release">{"format":"commonground-showcase/1","manifest":${JSON.stringify(strong["manifest.json"])},"aggregates":{"rows":1,"cells":[[]],"bits":[0],"codes":[""],"counts":{"divisor":1,"values":7}}}</script>`,
    };
    const found = await verifyPublicRelease(parsed(hostile));
    expect(kinds(found)).toEqual(["showcase"]);
    expect(found.violations[0]!.message).toMatch(/embedded data cannot be read/);
  });

  it("a datapackage.json that describes another release", async () => {
    const data = common();
    const files = await kRelease(data, "row-seeded", 10, 2, 1);
    const other = await kRelease(data, "row-seeded", 2, 2, 1);
    const swapped = { ...files, "datapackage.json": other["datapackage.json"]! };
    const result = await verifyPublicRelease(parsed(swapped));
    expect(new Set(kinds(result))).toEqual(new Set(["datapackage"]));
    expect(result.violations.map((v) => v.message).join(" ")).toMatch(/statement/);
  });

  it("a file that does not belong, and one the manifest lists but the folder lacks", async () => {
    const data = common();
    const files = await kRelease(data, "row-seeded", 10, 2, 1);
    const extra = { ...files, "risk.json": "{}" };
    expect(kinds(await verifyRelease(data, parsed(extra)))).toEqual(["files"]);
    const { "datapackage.json": _, ...without } = files;
    expect(kinds(await verifyPublicRelease(parsed(without)))).toEqual(["files"]);
  });

  it("a changed count: the SHA-256 the manifest records no longer matches", async () => {
    const data = common();
    const files = await kRelease(data, "aggregates-only", 10, 2, 1);
    const changed = {
      ...files,
      "aggregates.csv": files["aggregates.csv"]!.replace(
        /,(\d+)\n/,
        (_, n) => `,${Number(n) + 10}\n`,
      ),
    };
    expect(kinds(await verifyPublicRelease(parsed(changed)))).toContain("file-hash");
  });

  it("aggregates not closed, or not monotone, and an unlisted synthetic combination", async () => {
    const data = common();
    const files = await kRelease(data, "row-seeded", 10, 2, 1);
    const manifest = JSON.parse(files["manifest.json"]!) as Record<string, unknown>;
    delete manifest.fileHashes;
    const unhashed: Files = { ...files, "manifest.json": JSON.stringify(manifest) };
    delete unhashed["showcase.html"];
    delete unhashed["datapackage.json"];
    manifest.files = ["synthetic.csv", "aggregates.csv", "manifest.json"];
    unhashed["manifest.json"] = JSON.stringify(manifest);
    expect(kinds(await verifyPublicRelease(parsed(unhashed)))).toEqual([]);

    const lines = unhashed["aggregates.csv"]!.split("\n");
    const single = lines.findIndex((l) => /^p,,/.test(l));
    const open = [...lines];
    open.splice(single, 1);
    const notClosed = { ...unhashed, "aggregates.csv": open.join("\n") };
    expect(kinds(await verifyPublicRelease(parsed(notClosed)))).toContain("aggregate-missing");

    const pair = lines.findIndex((l) => /^p,x,/.test(l));
    const raised = [...lines];
    raised[pair] = raised[pair]!.replace(/,(\d+)$/, ",1000");
    const notMonotone = { ...unhashed, "aggregates.csv": raised.join("\n") };
    expect(kinds(await verifyPublicRelease(parsed(notMonotone)))).toContain("aggregate-count");

    const syn = unhashed["synthetic.csv"]!.split("\n");
    syn[1] = "p,zz";
    const unlisted = { ...unhashed, "synthetic.csv": syn.join("\n") };
    expect(kinds(await verifyPublicRelease(parsed(unlisted)))).toContain("synthetic-unpublished");
  });
});
