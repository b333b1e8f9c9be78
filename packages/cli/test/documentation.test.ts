/**
 * The repository documents itself: its Markdown links resolve inside it, nothing sends a reader
 * to a file outside it, the sections the code cites ("docs/design.md §N") exist, and no help
 * text cites a design document at all (users read plain words, not section numbers).
 */
import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import { dirname, join, relative, resolve } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { ensureBuilt, repoRoot, runCli } from "./run-cli.js";

beforeAll(() => ensureBuilt());

const SKIP = new Set(["node_modules", "dist", "dist-types", "out", "test-results", "bench-data"]);

function filesUnder(dir: string, keep: (name: string) => boolean): string[] {
  return readdirSync(dir).flatMap((name) => {
    if (name.startsWith(".") || SKIP.has(name)) return [];
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return filesUnder(path, keep);
    return keep(name) ? [path] : [];
  });
}

const markdown = filesUnder(repoRoot, (name) => name.endsWith(".md"));
const sources = ["packages", "scripts"].flatMap((dir) =>
  filesUnder(join(repoRoot, dir), (name) => /\.(ts|tsx|mjs|md)$/.test(name)),
);

describe("the repository's documentation", () => {
  it("has the documents a user and a contributor look for", () => {
    for (const file of [
      "README.md",
      "LICENSE",
      "CHANGELOG.md",
      "CONTRIBUTING.md",
      "docs/design.md",
    ]) {
      expect(existsSync(join(repoRoot, file)), file).toBe(true);
    }
    expect(markdown.length).toBeGreaterThan(10);
  });

  it("links only to files that exist inside the repository", () => {
    const broken: string[] = [];
    for (const file of markdown) {
      const text = readFileSync(file, "utf8");
      for (const m of text.matchAll(/\]\(([^)\s]+)\)/g)) {
        const target = m[1]!.split("#")[0]!;
        if (target === "" || /^[a-z]+:/i.test(target)) continue;
        const path = resolve(dirname(file), target);
        const inside = !relative(repoRoot, path).startsWith("..");
        if (!inside || !existsSync(path)) broken.push(`${relative(repoRoot, file)}: ${m[1]}`);
      }
    }
    expect(broken).toEqual([]);
  });

  it("never sends a reader to a document outside the repository", () => {
    // (The benchmark scripts may read their inputs from beside the repository; no text may
    // send a reader there, nor cite a design document other than docs/design.md.)
    const outside = [
      ...markdown.filter((file) => /\.\.\/shared\b/.test(readFileSync(file, "utf8"))),
      ...[...markdown, ...sources]
        .filter((file) => !file.endsWith("documentation.test.ts"))
        .filter((file) => /\bDESIGN(\.md| §)/.test(readFileSync(file, "utf8"))),
    ].map((file) => relative(repoRoot, file));
    expect(outside).toEqual([]);
  });

  it("has every section the code cites", () => {
    const design = readFileSync(join(repoRoot, "docs/design.md"), "utf8");
    const sections = new Set([...design.matchAll(/^## (\d+)\. /gm)].map((m) => Number(m[1])));
    expect(sections.size).toBeGreaterThanOrEqual(15);
    const missing: string[] = [];
    for (const file of [...sources, ...markdown]) {
      const text = readFileSync(file, "utf8");
      for (const m of text.matchAll(/design(?:\.md)?\s+((?:§\d+(?:,\s*)?)+)/gi)) {
        for (const n of m[1]!.matchAll(/§(\d+)/g)) {
          if (!sections.has(Number(n[1]))) missing.push(`${relative(repoRoot, file)}: §${n[1]}`);
        }
      }
    }
    expect(missing).toEqual([]);
  });

  it("keeps design section numbers out of every help text", () => {
    const commands = ["", "aggregate", "synthesize", "evaluate", "verify", "showcase", "ledger"];
    for (const command of commands) {
      const r = runCli([...(command ? [command] : []), "--help"]);
      expect(r.status, command).toBe(0);
      expect(r.stdout, command).not.toMatch(/DESIGN|design\.md|§\d/);
    }
  });
});
