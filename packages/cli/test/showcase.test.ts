/**
 * `commonground showcase <release>` as a subprocess of the built bundle (issue 6): it writes
 * showcase.html from the release's public files only — a marker that sits in the private folder
 * (a rare value of the input, the input's name, an extra file) and in an unrelated file of the
 * release folder never reaches the page; the page's CSP lists the hash of its inlined script;
 * the files rebuilt from the embedded data are the release's own bytes; a folder that is not a
 * release exits 2 with a clear message and writes nothing.
 */
import { createHash } from "node:crypto";
import { existsSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import {
  SHOWCASE_DATA_ID as DATA_ELEMENT_ID,
  decodeRelease,
  type EncodedRelease,
  rebuildFile,
} from "@commonground/core/internal";
import { beforeAll, describe, expect, it } from "vitest";
import {
  aggregate,
  ensureBuilt,
  expectFailure,
  expectSuccess,
  fixture,
  readJson,
  readText,
  runCli,
  synthesize,
  tempDir,
} from "./run-cli.js";

beforeAll(ensureBuilt);

const showcase = (args: readonly string[]) => runCli(["showcase", ...args]);

const MARKER = "ZZQX-MARKER-7731";

/**
 * 80 rows: gender, a multi-value type, a region with values that need CSV quoting and the
 * spreadsheet-safety prefix; one person has a region (holding the marker) nobody else has.
 */
function inputCsv(): string {
  const regions = ["North", "South, East", "=West", '"Centre"'];
  const lines = ["id,gender,type,region"];
  for (let i = 0; i < 80; i++) {
    const type = ["sexual", "labour", "labour;sexual"][i % 3];
    lines.push(`${i},${i % 2 ? "F" : "M"},${type},"${regions[i % 4]!.replaceAll('"', '""')}"`);
  }
  lines.push(`80,F,labour,${MARKER}-town`);
  return `${lines.join("\n")}\n`;
}

/** Synthesizes the marked input of `dir` into `out` (the private folder gets the exact counts). */
function synthesizeMarked(dir: string, out: string, extra: string[]): void {
  expectSuccess(
    synthesize([
      join(dir, `${MARKER}-input.csv`),
      "--out",
      out,
      "--columns",
      "gender,type,region",
      "--multi-value",
      "type=;",
      "--k",
      "5",
      "--seed",
      "1",
      "--write-sensitive-aggregates",
      "--quiet",
      ...extra,
    ]),
  );
}

/** A synthesized release whose private folder (and an extra file beside it) hold the marker. */
function markedRelease(): { dir: string; out: string; priv: string } {
  const dir = tempDir();
  writeFileSync(join(dir, `${MARKER}-input.csv`), inputCsv());
  const out = join(dir, "release");
  synthesizeMarked(dir, out, ["--title", "Showcase test", "--no-showcase"]);
  const priv = `${out}.private`;
  writeFileSync(join(priv, "notes.txt"), `secret ${MARKER}\n`);
  writeFileSync(join(out, "unrelated-notes.txt"), `do not publish ${MARKER}\n`);
  return { dir, out, priv };
}

/** The whole text of every file of a folder. */
const folderText = (dir: string) =>
  readdirSync(dir)
    .map((f) => readText(join(dir, f)))
    .join("\n");

/** The page's inline module script, CSP and embedded data. */
function parts(html: string) {
  const script = /<script type="module"[^>]*>([\s\S]*?)<\/script>/.exec(html)?.[1];
  const csp = /<meta http-equiv="Content-Security-Policy" content="([^"]*)"/.exec(html)?.[1];
  const data = new RegExp(
    `<script type="application/json" id="${DATA_ELEMENT_ID}">([\\s\\S]*?)</script>`,
  ).exec(html)?.[1];
  if (script === undefined || csp === undefined || data === undefined) {
    throw new Error("The page lacks its script, CSP or data block.");
  }
  return { script, csp, data: JSON.parse(data) as EncodedRelease };
}

describe("commonground showcase", () => {
  it("builds showcase.html from the public files only: nothing private leaks", () => {
    const { out, priv } = markedRelease();
    // The marker is where it must not come from, and not in the public files.
    expect(folderText(priv)).toContain(MARKER);
    for (const f of ["manifest.json", "synthetic.csv", "aggregates.csv"]) {
      expect(readText(join(out, f))).not.toContain(MARKER);
    }

    const r = showcase([out]);
    expectSuccess(r);
    expect(r.stdout).toContain(`Showcase written: ${join(out, "showcase.html")}`);
    expect(r.stdout).toContain("manifest.json, synthetic.csv and aggregates.csv only");
    const html = readText(join(out, "showcase.html"));
    expect(html).not.toContain(MARKER);
    expect(html).not.toContain("ZZQX");
    expect(html).toContain("<title>Showcase test</title>");
    // Written atomically: no temporary file left.
    expect(readdirSync(out).filter((f) => f.startsWith("."))).toEqual([]);
  });

  it("is written by synthesize by default, from the public files only, as the command writes it", () => {
    const { dir } = markedRelease();
    const out = join(dir, "with-showcase");
    synthesizeMarked(dir, out, []);
    const written = readText(join(out, "showcase.html"));
    expect(folderText(`${out}.private`)).toContain(MARKER);
    expect(written).not.toContain(MARKER);
    expect((readJson(join(out, "manifest.json")) as { files: string[] }).files).toContain(
      "showcase.html",
    );
    expectSuccess(showcase([out, "--quiet"]));
    expect(readText(join(out, "showcase.html"))).toBe(written);
  });

  it("embeds the release's files exactly, and a CSP with the inlined script's hash", () => {
    const { out } = markedRelease();
    expectSuccess(showcase([out, "--quiet"]));
    const html = readText(join(out, "showcase.html"));
    const { script, csp, data } = parts(html);

    const hash = createHash("sha256").update(script, "utf8").digest("base64");
    const directives = Object.fromEntries(
      csp.split(";").map((d) => {
        const [name, ...sources] = d.trim().split(/\s+/);
        return [name, sources];
      }),
    );
    expect(directives["default-src"]).toEqual(["'none'"]);
    expect(directives["script-src"]).toEqual([`'sha256-${hash}'`]);
    expect(directives["connect-src"]).toEqual(["'none'"]);
    expect(directives["img-src"]).toEqual(["data:"]);
    expect(html).not.toMatch(/<script[^>]*\bsrc=/);
    expect(html).not.toMatch(/<link[^>]*\bhref="(?!data:)/);
    expect(script).not.toMatch(/\beval\(|new Function\(/);

    const decoded = decodeRelease(data);
    for (const file of ["manifest.json", "synthetic.csv", "aggregates.csv"] as const) {
      expect(rebuildFile({ encoded: data, decoded, file }), file).toBe(readText(join(out, file)));
    }
    expect(data.synthetic?.verbatim).toBeUndefined();
    expect(data.aggregates.verbatim).toBeUndefined();
  });

  it("replaces an earlier showcase, and prints JSON on request", () => {
    const { out } = markedRelease();
    writeFileSync(join(out, "showcase.html"), "old");
    const r = showcase([out, "--json"]);
    expectSuccess(r);
    const summary = JSON.parse(r.stdout) as { path: string; bytes: number };
    expect(summary.path).toBe(join(out, "showcase.html"));
    expect(summary.bytes).toBe(readFileSync(join(out, "showcase.html")).length);
  });

  it("shows an aggregates-only release", () => {
    const out = join(tempDir(), "out");
    expectSuccess(aggregate([fixture("oracle.csv"), "--k", "2", "--out", out, "--quiet"]));
    expectSuccess(showcase([out, "--quiet"]));
    const { data } = parts(readText(join(out, "showcase.html")));
    expect(data.synthetic).toBeUndefined();
    expect(data.aggregates.rows).toBe(7);
  });
});

describe("commonground showcase: not a release (exit 2)", () => {
  it("a folder that does not exist, or a file", () => {
    const dir = tempDir();
    expectFailure(showcase([join(dir, "missing")]), { says: ["does not exist"] });
    writeFileSync(join(dir, "file.csv"), "a\n1\n");
    expectFailure(showcase([join(dir, "file.csv")]), { says: ["is a file, not a release folder"] });
  });

  it("the private folder, or any folder without manifest.json", () => {
    const { priv } = markedRelease();
    expectFailure(showcase([priv]), {
      says: ["has no manifest.json", "not a CommonGround release"],
    });
    expect(existsSync(join(priv, "showcase.html"))).toBe(false);
  });

  it("a broken manifest, or a missing aggregates.csv or synthetic.csv", () => {
    const { out } = markedRelease();
    const manifest = readText(join(out, "manifest.json"));
    writeFileSync(join(out, "manifest.json"), "{ not json");
    expectFailure(showcase([out]), { says: ["manifest.json is not valid JSON"] });
    writeFileSync(join(out, "manifest.json"), '{"tool":"CommonGround"}');
    expectFailure(showcase([out]), { says: ["is not the manifest of a CommonGround release"] });
    writeFileSync(join(out, "manifest.json"), manifest);

    const synthetic = readText(join(out, "synthetic.csv"));
    rmSync(join(out, "synthetic.csv"));
    expectFailure(showcase([out]), { says: ["has no synthetic.csv", "row-seeded release"] });
    writeFileSync(join(out, "synthetic.csv"), "gender\nF\n");
    expectFailure(showcase([out]), { says: ["synthetic.csv has the columns", "manifest.json"] });
    writeFileSync(join(out, "synthetic.csv"), synthetic);

    rmSync(join(out, "aggregates.csv"));
    expectFailure(showcase([out]), { says: ["has no aggregates.csv"] });
    expect(existsSync(join(out, "showcase.html"))).toBe(false);
  });

  it("a release file that is a symbolic link (it could point into the private folder)", () => {
    const { out, priv } = markedRelease();
    rmSync(join(out, "aggregates.csv"));
    symlinkSync(join(priv, "sensitive-aggregates.csv"), join(out, "aggregates.csv"));
    expectFailure(showcase([out]), { says: ["aggregates.csv is a symbolic link"] });
    expect(existsSync(join(out, "showcase.html"))).toBe(false);
  });
});
