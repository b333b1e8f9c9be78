/**
 * The source folders of core follow the pipeline of docs/design.md §1, and imports only run backwards
 * along it: a stage may use the stages before it, never one after it, and no two folders (or
 * files) import each other, directly or in a ring. The order, earliest first:
 *
 * - foundations (errors.ts, version.ts, util/, random/): no stage; they may use one another.
 * - ingest/ — bytes → records (§2).
 * - aggregate/ — combination counts, reportable aggregates and the risk analysis of the
 *   sensitive data, which reads those counts (§3).
 * - synthesize/ — k-anonymous synthesis from the records or from the published aggregates (§4).
 * - dp/ — DP measurement, then the aggregate-seeded synthesizer as post-processing (§5).
 * - evaluate/ — private comparison of the sensitive, reportable and synthetic data (§6).
 * - ledger/ — releases recorded per data set, the budget spent (§11).
 * - release/ — the one path to a release, which runs every stage above (§14), and the public
 *   files it writes and reads back (§7).
 * - verify/ — re-checks a release's files against what its manifest states (§8).
 * - help/ — explanations of the settings of every stage (may cite any of them).
 *
 * `index.ts` (the small public API) and `internal.ts` (every stage, for the CLI and the web app)
 * are the entries: they re-export from the stages and are imported by none.
 */
import { readdirSync, readFileSync, statSync } from "node:fs";
import { dirname, join, relative, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";

const SRC = resolve(dirname(fileURLToPath(import.meta.url)), "../src");

const LAYERS: readonly (readonly string[])[] = [
  ["errors", "version", "util", "random"],
  ["ingest"],
  ["aggregate"],
  ["synthesize"],
  ["dp"],
  ["evaluate"],
  ["ledger"],
  ["release"],
  ["verify"],
  ["help"],
];
const ENTRIES = new Set(["index", "internal"]);

const layerOf = new Map<string, number>();
LAYERS.forEach((units, layer) => {
  for (const unit of units) layerOf.set(unit, layer);
});

/** Every .ts file under src, as a path relative to src. */
function sourceFiles(dir = SRC): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return sourceFiles(path);
    return path.endsWith(".ts") ? [relative(SRC, path)] : [];
  });
}

/** The folder a file belongs to, or the name of a top-level file. */
function unitOf(file: string): string {
  const parts = file.split("/");
  return parts.length === 1 ? parts[0]!.replace(/\.ts$/, "") : parts[0]!;
}

/** Relative imports and re-exports of a file (type-only ones included), as files under src. */
function importsOf(file: string): string[] {
  const text = readFileSync(join(SRC, file), "utf8");
  const out: string[] = [];
  const specifiers = [
    ...text.matchAll(/^\s*(?:import|export)\s[^;]*?\sfrom\s+"(\.[^"]+)"/gm),
    ...text.matchAll(/^\s*import\s+"(\.[^"]+)"/gm),
    ...text.matchAll(/\bimport\(\s*"(\.[^"]+)"\s*\)/g),
  ];
  for (const m of specifiers) {
    const target = resolve(dirname(join(SRC, file)), m[1]!).replace(/\.js$/, ".ts");
    out.push(relative(SRC, target));
  }
  return out;
}

/** The rings of a directed graph (strongly connected parts with more than one node, or a self-loop). */
function cycles(graph: Map<string, Set<string>>): string[][] {
  let next = 0;
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const found: string[][] = [];
  const visit = (v: string) => {
    index.set(v, next);
    low.set(v, next++);
    stack.push(v);
    onStack.add(v);
    for (const w of graph.get(v) ?? []) {
      if (!index.has(w)) {
        visit(w);
        low.set(v, Math.min(low.get(v)!, low.get(w)!));
      } else if (onStack.has(w)) low.set(v, Math.min(low.get(v)!, index.get(w)!));
    }
    if (low.get(v) !== index.get(v)) return;
    const part: string[] = [];
    let w: string;
    do {
      w = stack.pop()!;
      onStack.delete(w);
      part.push(w);
    } while (w !== v);
    if (part.length > 1 || graph.get(v)?.has(v)) found.push(part.sort());
  };
  for (const v of graph.keys()) if (!index.has(v)) visit(v);
  return found;
}

const files = sourceFiles();
const edges = files.flatMap((from) => importsOf(from).map((to) => ({ from, to })));

describe("core's architecture", () => {
  it("places every source folder and top-level file in the pipeline order", () => {
    const units = new Set(files.map(unitOf));
    for (const entry of ENTRIES) units.delete(entry);
    expect([...units].filter((u) => !layerOf.has(u)).sort()).toEqual([]);
  });

  it("has every import resolve to a source file", () => {
    const known = new Set(files);
    expect(edges.filter((e) => !known.has(e.to)).map((e) => `${e.from} → ${e.to}`)).toEqual([]);
  });

  it("never imports a later stage (nor the public entry)", () => {
    const wrong = edges
      .filter(({ from, to }) => {
        const a = unitOf(from);
        const b = unitOf(to);
        if (ENTRIES.has(a) || a === b) return false;
        if (ENTRIES.has(b)) return true;
        const la = layerOf.get(a)!;
        const lb = layerOf.get(b)!;
        return lb > la || (lb === la && la !== 0);
      })
      .map(({ from, to }) => `${from} → ${to}`);
    expect(wrong).toEqual([]);
  });

  it("has no import cycle between folders", () => {
    const graph = new Map<string, Set<string>>();
    for (const { from, to } of edges) {
      const a = unitOf(from);
      const b = unitOf(to);
      if (a === b) continue;
      if (!graph.has(a)) graph.set(a, new Set());
      graph.get(a)!.add(b);
    }
    expect(cycles(graph)).toEqual([]);
  });

  it("has no import cycle between files", () => {
    const graph = new Map<string, Set<string>>(files.map((f) => [f, new Set<string>()]));
    for (const { from, to } of edges) graph.get(from)!.add(to);
    expect(cycles(graph)).toEqual([]);
  });

  it("finds a ring and a later-stage import when there is one (the checker itself)", () => {
    const ring = new Map([
      ["a", new Set(["b"])],
      ["b", new Set(["c"])],
      ["c", new Set(["a"])],
      ["d", new Set(["a"])],
    ]);
    expect(cycles(ring)).toEqual([["a", "b", "c"]]);
    expect(cycles(new Map([["a", new Set(["b"])]]))).toEqual([]);
    expect(layerOf.get("aggregate")!).toBeLessThan(layerOf.get("synthesize")!);
  });
});
