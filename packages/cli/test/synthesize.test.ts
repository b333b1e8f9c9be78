/**
 * `commonground synthesize` as a subprocess of the built bundle: the success paths of the full
 * release (docs/design.md §4, §7, §8; issue 3 items 2, 3 and 6): the four public files and the private
 * folder for every mode, the manifest and the Frictionless data package, the CSV bytes, the seed
 * kept private, reproducibility (also across --threads), atomic replacement.
 */
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { kAnonymityStatement } from "@commonground/core/internal";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  aggregate,
  type CliResult,
  ensureBuilt,
  expectFailure,
  expectSuccess,
  numbersIn,
  permissions,
  readJson,
  readText,
  synthesize,
  tempDir,
} from "./run-cli.js";

beforeAll(ensureBuilt);

const MODES = ["row-seeded", "value-seeded", "unseeded", "aggregate-seeded"] as const;
/** Distinctive, so that a leak into a public file cannot be a coincidence. */
const SEED = "seed-XYZ-123";
const PUBLIC_FILES = [
  "aggregates.csv",
  "datapackage.json",
  "manifest.json",
  "showcase.html",
  "synthetic.csv",
];

interface Manifest {
  tool: string;
  version: string;
  createdAt: string;
  title: string;
  description: string;
  mode: string;
  privacy: {
    model: string;
    k: number;
    reportingLength: number;
    guarantee: string;
    attributeCounts?: string;
  };
  records: { reported: number; synthetic: number };
  columns: { name: string; kind: string; delimiter?: string }[];
  input: { delimiter: string; missing: string[]; subjectIdColumn?: string };
  files: string[];
  statement: string;
}

interface DataPackage {
  profile: string;
  name: string;
  title?: string;
  description: string;
  created?: string;
  resources: {
    name: string;
    path: string;
    profile: string;
    format?: string;
    encoding?: string;
    schema: { fields: { name: string; type: string }[]; missingValues?: string[] };
  }[];
}

interface Run {
  seed: string;
  command: string;
  input: { sha256: string; records: number };
}

const manifestOf = (out: string) => readJson(join(out, "manifest.json")) as Manifest;
const dataPackageOf = (out: string) => readJson(join(out, "datapackage.json")) as DataPackage;
const runOf = (out: string) => readJson(join(`${out}.private`, "run.json")) as Run;
const bytes = (path: string) => readFileSync(path);

// ---------------------------------------------------------------------------------------------
// Test data

/** xorshift32: a small seeded PRNG, uniform in [0, 1). */
function prng(seed: number): () => number {
  let state = seed >>> 0 || 1;
  return () => {
    state ^= state << 13;
    state ^= state >>> 17;
    state ^= state << 5;
    return (state >>> 0) / 2 ** 32;
  };
}

function pick<T>(u: number, values: readonly T[], weights: readonly number[]): T {
  const total = weights.reduce((a, b) => a + b, 0);
  let x = u * total;
  for (let i = 0; i < values.length; i++) {
    x -= weights[i]!;
    if (x < 0) return values[i]!;
  }
  return values[values.length - 1]!;
}

/** An attribute as the tests compare it: column and value. */
const attr = (column: string, value: string) => `${column}\u0000${value}`;

interface People {
  csv: string;
  /** One attribute set per person (after merging the rows of a subject ID). */
  records: Set<string>[];
}

/**
 * A samples-like table of `people` people: a unique case_id (not selected), a subject ID
 * `person` (a fifth of the people have a second row, written later, with the ID in lower case
 * and a trailing space, a missing sex and more kinds of work), single-value columns with missing
 * cells, a non-ASCII value (en dash), a value holding a comma ("North, East") and a
 * formula-like value ("+Island", written as '+Island), and a multi-value column `work`.
 */
function peopleTable(seed: number, people: number): People {
  const next = prng(seed);
  const works = ["sexual", "labour", "domestic", "begging"];
  const workShare = [0.5, 0.35, 0.2, 0.08];
  const first: string[][] = [];
  const second: string[][] = [];
  const records: Set<string>[] = [];
  for (let p = 0; p < people; p++) {
    const id = `P${String(p).padStart(4, "0")}`;
    const u = next();
    const sex = u < 0.03 ? "" : u < 0.58 ? "F" : "M";
    const age = pick(next(), ["<18", "18–24", "25–34", "35–49", "50+"], [2, 3, 3, 2, 1]);
    const region = pick(next(), ["North, East", "South", "West", "+Island", ""], [5, 4, 3, 1, 1]);
    const work = works.filter((_, i) => next() < workShare[i]!);
    const record = new Set<string>();
    if (sex) record.add(attr("sex", sex));
    record.add(attr("age_band", age));
    if (region) record.add(attr("region", region));
    for (const w of work) record.add(attr("work", w));
    first.push([id, sex, age, region, work.join(";")]);
    if (next() < 0.2) {
      const more = works.filter(() => next() < 0.3);
      for (const w of more) record.add(attr("work", w));
      second.push([`${id.toLowerCase()} `, "", age, region, more.join("; ")]);
    }
    records.push(record);
  }
  const quote = (cell: string) => (/[",\n]/.test(cell) ? `"${cell.replaceAll('"', '""')}"` : cell);
  const lines = ["case_id,person,sex,age_band,region,work"];
  for (const [i, row] of [...first, ...second].entries()) {
    lines.push([`C${i + 1}`, ...row].map(quote).join(","));
  }
  return { csv: `${lines.join("\n")}\n`, records };
}

/** 303 people (not a multiple of k = 5, so the reported count differs from n). */
const PEOPLE = 303;
const K = 5;
const people = peopleTable(20240612, PEOPLE);
const COLUMNS = ["region", "sex", "age_band", "work"];

/** Writes the people table into `dir` and returns its path. */
function writePeople(dir: string): string {
  const path = join(dir, "people.csv");
  writeFileSync(path, people.csv);
  return path;
}

/** The flags that read the people table: subject ID, multi-value column, columns, k. */
const PEOPLE_FLAGS = [
  ...["--subject-id", "person", "--multi-value", "work=;"],
  ...["--columns", COLUMNS.join(","), "--k", String(K)],
];

/** Runs synthesize on the people table into `<dir>/<name>` (quiet, with the given flags). */
function synthesizePeople(dir: string, name: string, ...args: string[]) {
  const out = join(dir, name);
  const input = join(dir, "people.csv");
  if (!existsSync(input)) writePeople(dir);
  const r = synthesize([input, ...PEOPLE_FLAGS, "--out", out, "--quiet", ...args]);
  return { r, out };
}

// ---------------------------------------------------------------------------------------------
// CSV

/** RFC 4180 parser (quotes, doubled quotes, line breaks in quotes); `\n` ends a row. */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = "";
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        cell += '"';
        i++;
      } else if (c === '"') quoted = false;
      else cell += c;
    } else if (c === '"') quoted = true;
    else if (c === ",") {
      row.push(cell);
      cell = "";
    } else if (c === "\n") {
      row.push(cell);
      rows.push(row);
      row = [];
      cell = "";
    } else cell += c;
  }
  expect(quoted, "a quote is never closed").toBe(false);
  expect(cell === "" && row.length === 0, "the last row has no final newline").toBe(true);
  return rows;
}

/** The CSV bytes CommonGround must write for `rows`: quotes only where needed, `\n`, final `\n`. */
function formatCsv(rows: string[][]): string {
  const quote = (cell: string) =>
    /[",\n\r]/.test(cell) ? `"${cell.replaceAll('"', '""')}"` : cell;
  return rows.map((row) => `${row.map(quote).join(",")}\n`).join("");
}

/** docs/design.md §7's CSV bytes: UTF-8 without BOM, `\n` only, a final newline, minimal quoting. */
function expectCsvBytes(path: string): string[][] {
  const raw = bytes(path);
  expect([...raw.subarray(0, 3)]).not.toEqual([0xef, 0xbb, 0xbf]);
  const text = new TextDecoder("utf-8", { fatal: true }).decode(raw);
  expect(text).not.toContain("\r");
  expect(text.endsWith("\n")).toBe(true);
  expect(text.endsWith("\n\n")).toBe(false);
  const rows = parseCsv(text);
  expect(formatCsv(rows)).toBe(text);
  const width = rows[0]!.length;
  for (const row of rows) expect(row).toHaveLength(width);
  return rows;
}

/** Reverses the spreadsheet-safety prefix of docs/design.md §7. */
const unescapeCell = (cell: string) => (/^'[=+\-@\t\r]/.test(cell) ? cell.slice(1) : cell);

/** The attribute set of each synthetic row (multi-value cells split on `;`). */
function syntheticRecords(rows: string[][]): Set<string>[] {
  const [header, ...data] = rows;
  return data.map((row) => {
    const record = new Set<string>();
    row.forEach((cell, i) => {
      if (cell === "") return;
      const column = header![i]!;
      const values = column === "work" ? cell.split(";") : [cell];
      for (const v of values) record.add(attr(column, unescapeCell(v)));
    });
    return record;
  });
}

/**
 * Number of real people holding every attribute of `set`; `col = (missing)` (a published
 * missing cell) is held by the people with no value in that column.
 */
const support = (set: Iterable<string>) => {
  const items = [...set];
  const holds = (r: Set<string>, a: string) => {
    const [column, value] = a.split("\u0000") as [string, string];
    if (value !== "(missing)") return r.has(a);
    return ![...r].some((x) => x.startsWith(`${column}\u0000`));
  };
  return people.records.filter((r) => items.every((a) => holds(r, a))).length;
};

function subsetsUpTo(items: string[], max: number): string[][] {
  const out: string[][] = [];
  const walk = (start: number, chosen: string[]) => {
    if (chosen.length > 0) out.push(chosen);
    if (chosen.length === max) return;
    for (let i = start; i < items.length; i++) walk(i + 1, [...chosen, items[i]!]);
  };
  walk(0, []);
  return out;
}

/** The aggregates.csv of `commonground aggregate` on the people table (same flags), once. */
const aggregatesOfPeople = new Map<string, Buffer>();
/** `aggregate`'s aggregates.csv of the people table; `report` = its --report-missing. */
function expectedAggregates(report = "none"): Buffer {
  if (!aggregatesOfPeople.has(report)) {
    const dir = tempDir();
    const out = join(dir, "agg");
    expectSuccess(
      aggregate([
        writePeople(dir),
        ...PEOPLE_FLAGS,
        "--out",
        out,
        "--quiet",
        "--report-missing",
        report,
      ]),
    );
    aggregatesOfPeople.set(report, bytes(join(out, "aggregates.csv")));
  }
  return aggregatesOfPeople.get(report)!;
}

// ---------------------------------------------------------------------------------------------

describe.each(MODES)("--mode %s on a table with subject IDs and a multi-value column", (mode) => {
  const title = "Test release: people";
  const description = "Generated for the tests.";
  const args = ["--mode", mode, "--seed", SEED, "--title", title, "--description", description];
  // Row- and value-seeded promise each value's count: at most its count, by default.
  const counts =
    mode === "row-seeded" || mode === "value-seeded" ? ("at-most" as const) : undefined;
  // One run per mode, shared by the tests of this block (each checks one part of it).
  let dir: string;
  let out: string;
  let result: CliResult;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), "commonground-cli-test-"));
    ({ r: result, out } = synthesizePeople(dir, "release", ...args));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it("exits 0 and writes exactly the four public files and the private folder beside them", () => {
    expectSuccess(result);
    expect(result.stdout).toBe("");
    expect(readdirSync(out).sort()).toEqual(PUBLIC_FILES);
    const priv = `${out}.private`;
    expect(permissions(priv)).toBe(0o700);
    expect(readdirSync(priv).sort()).toEqual(["evaluation.json", "risk.json", "run.json"]);
    expect(readdirSync(dir).sort()).toEqual(["people.csv", "release", "release.private"]);
  });

  it("writes a manifest with every field of docs/design.md §7 and the statement of the mode", () => {
    const m = manifestOf(out);
    for (const key of [
      "tool",
      "version",
      "createdAt",
      "title",
      "description",
      "mode",
      "privacy",
      "records",
      "columns",
      "input",
      "statement",
    ]) {
      expect(m, key).toHaveProperty(key);
    }
    expect(m.tool).toBe("CommonGround");
    expect(m.version).toMatch(/^\d+\.\d+\.\d+/);
    expect(m.createdAt).toMatch(/Z$/);
    expect(new Date(m.createdAt).toISOString()).toBe(m.createdAt);
    expect(Math.abs(Date.parse(m.createdAt) - Date.now())).toBeLessThan(10 * 60_000);
    expect(m.title).toBe(title);
    expect(m.description).toBe(description);
    expect(m.mode).toBe(mode);
    expect(m.privacy).toEqual({
      model: "k-anonymity",
      k: K,
      reportingLength: 3,
      guarantee: mode === "aggregate-seeded" ? "up-to-length" : "all-lengths",
      ...(counts && { attributeCounts: counts }),
    });
    expect(m.statement).toBe(kAnonymityStatement(mode, K, 3, counts));
    const rows = expectCsvBytes(join(out, "synthetic.csv"));
    expect(m.records).toEqual({
      reported: Math.floor(PEOPLE / K) * K,
      synthetic: rows.length - 1,
    });
    const label = mode === "aggregate-seeded" ? { missingLabel: "(missing)" } : {};
    expect(m.columns).toEqual([
      { name: "region", kind: "single", ...label },
      { name: "sex", kind: "single", ...label },
      { name: "age_band", kind: "single", ...label },
      { name: "work", kind: "multi", delimiter: ";", ...label },
    ]);
    expect(m.input).toMatchObject({ delimiter: ",", missing: [""], subjectIdColumn: "person" });
    expect([...m.files].sort()).toEqual(PUBLIC_FILES);
    // n = 303 is not a multiple of k: no number of the manifest reveals it (records.synthetic is
    // left out: the number of synthetic rows is whatever the synthesizer made, and can be any
    // number, n included).
    expect(numbersIn({ ...m, records: { reported: m.records.reported } })).not.toContain(PEOPLE);
    expect(numbersIn(dataPackageOf(out))).not.toContain(PEOPLE);
  });

  it("writes a valid Frictionless tabular data package describing both CSV files", () => {
    const dp = dataPackageOf(out);
    expect(dp.profile).toBe("tabular-data-package");
    expect(dp.name).toMatch(/^[a-z0-9._/-]+$/);
    // The user's description first, then the privacy statement.
    expect(dp.description).toBe(
      `${manifestOf(out).description}\n\n${kAnonymityStatement(mode, K, 3, counts)}`,
    );
    expect(dp.created).toBe(manifestOf(out).createdAt);
    expect(dp.resources.map((r) => r.path).sort()).toEqual(["aggregates.csv", "synthetic.csv"]);
    expect(new Set(dp.resources.map((r) => r.name)).size).toBe(dp.resources.length);
    const types = new Set(["string", "integer", "number", "boolean", "date", "year", "any"]);
    for (const resource of dp.resources) {
      expect(resource.name).toMatch(/^[a-z0-9._/-]+$/);
      expect(resource.profile).toBe("tabular-data-resource");
      expect(resource.path).not.toMatch(/^\/|\.\./);
      const header = expectCsvBytes(join(out, resource.path))[0]!;
      expect(resource.schema.fields.map((f) => f.name)).toEqual(header.map(unescapeCell));
      for (const field of resource.schema.fields) expect(types).toContain(field.type);
    }
    const aggregates = dp.resources.find((r) => r.path === "aggregates.csv")!;
    expect(aggregates.schema.fields.at(-1)).toMatchObject({ name: "count", type: "integer" });
    const synthetic = dp.resources.find((r) => r.path === "synthetic.csv")!;
    expect(synthetic.schema.fields.map((f) => f.name)).toEqual(COLUMNS);
  });

  it("keeps the seed in the private run.json only", () => {
    const runJson = runOf(out);
    expect(runJson.seed).toBe(SEED);
    expect(runJson.command).toBe("synthesize");
    expect(runJson.input.records).toBe(PEOPLE);
    for (const name of readdirSync(out)) {
      expect(readText(join(out, name)), name).not.toContain(SEED);
    }
  });

  it("evaluates the release into the private folder", () => {
    const evaluation = readJson(join(`${out}.private`, "evaluation.json")) as {
      k: number;
      length: number;
      synthetic: { records: number };
      summary: string[];
    };
    expect(evaluation.k).toBe(K);
    expect(evaluation.length).toBe(3);
    expect(evaluation.synthetic.records).toBe(manifestOf(out).records.synthetic);
    expect(evaluation.summary.length).toBeGreaterThan(0);
  });

  it("writes the same aggregates.csv as `aggregate`, counts rounded down to multiples of k", () => {
    const path = join(out, "aggregates.csv");
    // aggregate-seeded publishes missing cells as "(missing)" by default; the others do not.
    const report = mode === "aggregate-seeded" ? "all" : "none";
    expect(bytes(path).equals(expectedAggregates(report))).toBe(true);
    const [header, ...rows] = expectCsvBytes(path);
    expect(header).toEqual([...COLUMNS, "count"]);
    expect(rows.length).toBeGreaterThan(20);
    for (const row of rows) {
      expect(row.at(-1)).toMatch(/^[1-9]\d*$/);
      expect(Number(row.at(-1)) % K).toBe(0);
    }
  });

  it("writes synthetic.csv with the selected columns, safe cells and the mode's guarantee", () => {
    const rows = expectCsvBytes(join(out, "synthetic.csv"));
    expect(rows[0]).toEqual(COLUMNS);
    const records = syntheticRecords(rows);
    expect(records.length).toBeGreaterThan(PEOPLE / 4);
    for (const row of rows.slice(1)) {
      // Multi-value cells: sorted, joined by the delimiter; formula-like cells prefixed with '.
      const work = row[3]!.split(";");
      if (row[3] !== "") expect(work).toEqual([...work].sort());
      for (const cell of row) expect(cell).not.toMatch(/^[=+\-@]/);
    }
    expect(rows.some((row) => row[0] === "North, East")).toBe(true);
    // No fully empty record; support ≥ k for every set (record-based) or for every set of up to L.
    for (const record of records) {
      expect(record.size).toBeGreaterThan(0);
      const sets = mode === "aggregate-seeded" ? subsetsUpTo([...record], 3) : [[...record]];
      for (const set of sets) {
        expect(support(set), `${set.join(" & ").replaceAll("\u0000", "=")}`).toBeGreaterThanOrEqual(
          K,
        );
      }
    }
  });

  if (mode === "row-seeded" || mode === "value-seeded") {
    /** floor_k(n_v) of every attribute held by at least k people. */
    const reportableCounts = () => {
      const expected = new Map<string, number>();
      for (const r of people.records)
        for (const a of r) expected.set(a, (expected.get(a) ?? 0) + 1);
      for (const [a, n] of expected) {
        if (Math.floor(n / K) * K === 0) expected.delete(a);
        else expected.set(a, Math.floor(n / K) * K);
      }
      return expected;
    };
    const countsIn = (dir: string) => {
      const records = syntheticRecords(expectCsvBytes(join(dir, "synthetic.csv")));
      const counts = new Map<string, number>();
      for (const r of records) for (const a of r) counts.set(a, (counts.get(a) ?? 0) + 1);
      return { records: records.length, counts };
    };

    it("gives every attribute at most its reportable count floor_k(n_v), in at most floor_k(n) records", () => {
      const { records, counts } = countsIn(out);
      const expected = reportableCounts();
      expect(records).toBeLessThanOrEqual(Math.floor(PEOPLE / K) * K);
      for (const [a, n] of counts) expect(n, a).toBeLessThanOrEqual(expected.get(a) ?? 0);
    });

    it("gives every attribute exactly its reportable count floor_k(n_v) with --exact-counts", () => {
      const exact = synthesizePeople(dir, "exact", ...args, "--exact-counts");
      expectSuccess(exact.r);
      expect(Object.fromEntries(countsIn(exact.out).counts)).toEqual(
        Object.fromEntries(reportableCounts()),
      );
      expect(manifestOf(exact.out).privacy.attributeCounts).toBe("exact");
    });
  }

  it("gives byte-identical files for the same seed (manifest and data package differ at most in their time)", () => {
    const again = synthesizePeople(dir, "again", ...args);
    expectSuccess(again.r);
    for (const name of ["synthetic.csv", "aggregates.csv"]) {
      expect(bytes(join(again.out, name)).equals(bytes(join(out, name))), name).toBe(true);
    }
    const { createdAt: _a, ...m1 } = manifestOf(out);
    const { createdAt: _b, ...m2 } = manifestOf(again.out);
    expect(m2).toEqual(m1);
    const { created: _c, ...d1 } = dataPackageOf(out);
    const { created: _d, ...d2 } = dataPackageOf(again.out);
    expect(d2).toEqual(d1);
  });
});

describe("options", () => {
  it("--no-evaluate writes no evaluation.json", () => {
    const { r, out } = synthesizePeople(tempDir(), "release", "--seed", SEED, "--no-evaluate");
    expectSuccess(r);
    expect(readdirSync(out).sort()).toEqual(PUBLIC_FILES);
    expect(readdirSync(`${out}.private`).sort()).toEqual(["risk.json", "run.json"]);
  });

  it("--write-sensitive-aggregates writes sensitive-aggregates.csv into the private folder only", () => {
    const dir = tempDir();
    const { r, out } = synthesizePeople(dir, "release", "--write-sensitive-aggregates");
    expectSuccess(r);
    expect(readdirSync(out).sort()).toEqual(PUBLIC_FILES);
    expect(readdirSync(`${out}.private`).sort()).toEqual([
      "evaluation.json",
      "risk.json",
      "run.json",
      "sensitive-aggregates.csv",
    ]);
    const [header, ...rows] = expectCsvBytes(join(`${out}.private`, "sensitive-aggregates.csv"));
    expect(header).toEqual([...COLUMNS, "count"]);
    // Exact counts: some are not multiples of k, and there are more rows than reported.
    expect(rows.some((row) => Number(row.at(-1)) % K !== 0)).toBe(true);
    expect(rows.length).toBeGreaterThan(readText(join(out, "aggregates.csv")).split("\n").length);
    expect(readdirSync(dir).sort()).toEqual(["people.csv", "release", "release.private"]);
  });

  it("value-seeded accepts --oversampling-ratio none and --oversampling-tries", () => {
    const dir = tempDir();
    for (const [name, args] of [
      ["none", ["--oversampling-ratio", "none"]],
      ["tight", ["--oversampling-ratio", "0.05", "--oversampling-tries", "3"]],
    ] as const) {
      const { r, out } = synthesizePeople(dir, name, "--mode", "value-seeded", ...args);
      expectSuccess(r);
      expect(manifestOf(out).mode).toBe("value-seeded");
    }
  });

  it("aggregate-seeded accepts --weight-percentile, --use-synthesized-counts and --records", () => {
    const dir = tempDir();
    const { r, out } = synthesizePeople(
      dir,
      "release",
      ...["--mode", "aggregate-seeded", "--weight-percentile", "50", "--use-synthesized-counts"],
      ...["--records", "120", "--seed", SEED],
    );
    expectSuccess(r);
    const rows = expectCsvBytes(join(out, "synthetic.csv"));
    expect(rows.length - 1).toBeLessThanOrEqual(120);
    expect(rows.length - 1).toBeGreaterThan(60);
    expect(manifestOf(out).records.synthetic).toBe(rows.length - 1);
  });

  it("aggregate-seeded subtracts synthesized counts by default; --no-use-synthesized-counts weighs as SDS", () => {
    const dir = tempDir();
    const run = (name: string, ...extra: string[]) => {
      const { r, out } = synthesizePeople(
        dir,
        name,
        ...["--mode", "aggregate-seeded", "--seed", SEED, "--no-evaluate", ...extra],
      );
      expectSuccess(r);
      return readFileSync(join(out, "synthetic.csv"), "utf8");
    };
    const byDefault = run("default");
    expect(run("explicit", "--use-synthesized-counts")).toBe(byDefault);
    expect(run("sds", "--no-use-synthesized-counts")).not.toBe(byDefault);
  });

  it("--numeric names columns scored with percentile bins in the evaluation", () => {
    const dir = tempDir();
    const input = join(dir, "ages.csv");
    let text = "age,region\n";
    for (let i = 0; i < 200; i++) text += `${20 + (i % 40)},${i % 3 === 0 ? "north" : "south"}\n`;
    writeFileSync(input, text);
    const out = join(dir, "release");
    const r = synthesize([input, "--k", "5", "--numeric", "age", "--out", out, "--quiet"]);
    expectSuccess(r);
    expect(existsSync(join(`${out}.private`, "evaluation.json"))).toBe(true);
  });

  it("--json prints a parseable summary naming the mode and the folders", () => {
    const dir = tempDir();
    const input = writePeople(dir);
    const out = join(dir, "release");
    const r = synthesize([input, ...PEOPLE_FLAGS, "--out", out, "--json", "--mode", "unseeded"]);
    expectSuccess(r);
    const summary = JSON.parse(r.stdout) as {
      synthesis: { mode: string; records: number };
      release: string;
      privateFolder: string;
    };
    expect(summary.synthesis.mode).toBe("unseeded");
    expect(summary.synthesis.records).toBe(manifestOf(out).records.synthetic);
    expect(summary.release).toBe(out);
    expect(summary.privateFolder).toBe(`${out}.private`);
  });

  it("prints where the release and the private folder are", () => {
    const dir = tempDir();
    const input = writePeople(dir);
    const out = join(dir, "release");
    const r = synthesize([input, ...PEOPLE_FLAGS, "--out", out]);
    expectSuccess(r);
    expect(r.stdout).toContain(out);
    expect(r.stdout).toContain(`${out}.private`);
    expect(r.stdout).toContain("row-seeded");
  });
});

describe("datapackage.json", () => {
  it("names the fields as the CSV headers are written, also when a name is formula-like", () => {
    const dir = tempDir();
    const input = join(dir, "formula.csv");
    writeFileSync(input, "@name,-x,plain\nv,w,a\nv,w,a\nv,w,b\n");
    const out = join(dir, "release");
    expectSuccess(synthesize([input, "--k", "2", "--out", out, "--quiet"]));
    for (const resource of dataPackageOf(out).resources) {
      const header = expectCsvBytes(join(out, resource.path))[0]!;
      expect(header.slice(0, 2)).toEqual(["'@name", "'-x"]);
      // A Frictionless validator compares the header row with the schema's field names.
      expect(
        resource.schema.fields.map((f) => f.name),
        resource.path,
      ).toEqual(header);
    }
  });

  it("has a valid name when the release has no title", () => {
    const { r, out } = synthesizePeople(tempDir(), "release");
    expectSuccess(r);
    const dp = dataPackageOf(out);
    expect(dp.name).toMatch(/^[a-z0-9._/-]+$/);
    expect(dp.description).toBe(kAnonymityStatement("row-seeded", K, 3, "at-most"));
  });
});

describe("reproducibility (issue 3 item 2)", () => {
  it("different seeds give different synthetic records", () => {
    const dir = tempDir();
    const a = synthesizePeople(dir, "a", "--seed", "seed-A");
    const b = synthesizePeople(dir, "b", "--seed", "seed-B");
    expectSuccess(a.r);
    expectSuccess(b.r);
    const syntheticA = bytes(join(a.out, "synthetic.csv"));
    expect(syntheticA.equals(bytes(join(b.out, "synthetic.csv")))).toBe(false);
    expect(bytes(join(a.out, "aggregates.csv")).equals(bytes(join(b.out, "aggregates.csv")))).toBe(
      true,
    );
  });

  it("without --seed draws a fresh 32-hex seed per run, kept in run.json only", () => {
    const dir = tempDir();
    const a = synthesizePeople(dir, "a");
    const b = synthesizePeople(dir, "b");
    expectSuccess(a.r);
    expectSuccess(b.r);
    const seeds = [runOf(a.out).seed, runOf(b.out).seed];
    for (const seed of seeds) expect(seed).toMatch(/^[0-9a-f]{32}$/);
    expect(seeds[0]).not.toBe(seeds[1]);
    expect(bytes(join(a.out, "synthetic.csv")).equals(bytes(join(b.out, "synthetic.csv")))).toBe(
      false,
    );
    for (const [i, out] of [a.out, b.out].entries()) {
      for (const name of readdirSync(out)) {
        expect(readText(join(out, name)), name).not.toContain(seeds[i]!);
      }
    }
  });

  it("the seed of a run.json reproduces its release", () => {
    const dir = tempDir();
    const a = synthesizePeople(dir, "a");
    expectSuccess(a.r);
    const b = synthesizePeople(dir, "b", "--seed", runOf(a.out).seed);
    expectSuccess(b.r);
    expect(bytes(join(a.out, "synthetic.csv")).equals(bytes(join(b.out, "synthetic.csv")))).toBe(
      true,
    );
  });

  it("a seed in the config file works like --seed", () => {
    const dir = tempDir();
    const config = join(dir, "config.json");
    writeFileSync(config, JSON.stringify({ seed: 42, mode: "value-seeded" }));
    const a = synthesizePeople(dir, "a", "--config", config);
    const b = synthesizePeople(dir, "b", "--seed", "42", "--mode", "value-seeded");
    expectSuccess(a.r);
    expectSuccess(b.r);
    expect(runOf(a.out).seed).toBe("42");
    expect(bytes(join(a.out, "synthetic.csv")).equals(bytes(join(b.out, "synthetic.csv")))).toBe(
      true,
    );
  });

  /**
   * 32,000 rows × 8 single-value columns (1 % missing) and a multi-value column: about 280,000
   * attribute entries, above the ~250,000 from which the CLI counts on worker threads.
   */
  function bigTable(seed: number, rows: number): { csv: string; entries: number } {
    const next = prng(seed);
    const columns = ["c0", "c1", "c2", "c3", "c4", "c5", "c6", "c7"];
    const lines = [[...columns, "multi"].join(",")];
    let entries = 0;
    for (let r = 0; r < rows; r++) {
      const cells = columns.map((_, i) => {
        const u = next();
        return u < 0.01 ? "" : `v${Math.floor(u * u * (3 + i))}`;
      });
      const multi = ["p", "q", "r"].filter(() => next() < 0.3);
      entries += cells.filter((c) => c !== "").length + multi.length;
      lines.push([...cells, multi.join(";")].join(","));
    }
    return { csv: `${lines.join("\n")}\n`, entries };
  }

  for (const [mode, extra] of [
    ["row-seeded", []],
    // --records keeps the run short; the records still come from the (thread-counted) aggregates.
    ["aggregate-seeded", ["--records", "2000"]],
  ] as const) {
    it(`${mode}: --threads 1 and --threads 2 give the same release on a file counted by workers`, () => {
      const dir = tempDir();
      const input = join(dir, "big.csv");
      const { csv, entries } = bigTable(20240613, 32_000);
      expect(entries).toBeGreaterThan(260_000);
      writeFileSync(input, csv);
      const outs = ["one", "two"].map((name) => join(dir, name)) as [string, string];
      for (const [i, threads] of ["1", "2"].entries()) {
        const r = synthesize([
          input,
          ...["--multi-value", "multi=;", "--k", "5", "--mode", mode, ...extra],
          ...["--seed", SEED, "--threads", threads, "--no-evaluate", "--quiet"],
          ...["--out", outs[i]!],
        ]);
        expectSuccess(r);
      }
      const [one, two] = outs;
      expect(readText(join(one, "synthetic.csv")).split("\n").length).toBeGreaterThan(1000);
      for (const name of ["synthetic.csv", "aggregates.csv"]) {
        expect(bytes(join(two, name)).equals(bytes(join(one, name))), name).toBe(true);
      }
      const { createdAt: _a, ...m1 } = manifestOf(one);
      const { createdAt: _b, ...m2 } = manifestOf(two);
      expect(m2).toEqual(m1);
      const { created: _c, ...d1 } = dataPackageOf(one);
      const { created: _d, ...d2 } = dataPackageOf(two);
      expect(d2).toEqual(d1);
    });
  }
});

describe("an existing release", () => {
  it("is refused without --force and left untouched", () => {
    const dir = tempDir();
    const first = synthesizePeople(dir, "release", "--seed", SEED);
    expectSuccess(first.r);
    const before = snapshot(first.out);
    const again = synthesizePeople(dir, "release", "--seed", "other");
    expectFailure(again.r, { says: [first.out, "already exists", "--force"] });
    expect(snapshot(first.out)).toEqual(before);
  });

  it("is replaced with --force after a successful run", () => {
    const dir = tempDir();
    const first = synthesizePeople(dir, "release", "--seed", SEED, "--mode", "unseeded");
    expectSuccess(first.r);
    const second = synthesizePeople(dir, "release", "--seed", SEED, "--force", "--no-evaluate");
    expectSuccess(second.r);
    expect(manifestOf(second.out).mode).toBe("row-seeded");
    expect(readdirSync(`${second.out}.private`).sort()).toEqual(["risk.json", "run.json"]);
    expect(readdirSync(dir).sort()).toEqual(["people.csv", "release", "release.private"]);
  });

  it("is kept byte for byte when a --force run fails (k larger than the number of records)", () => {
    const dir = tempDir();
    const first = synthesizePeople(dir, "release", "--seed", SEED);
    expectSuccess(first.r);
    const before = snapshot(first.out);
    const failed = synthesizePeople(dir, "release", "--force", "--k", "1000", "--seed", "other");
    expectFailure(failed.r, { says: ["k = 1000", "larger than the number of records"] });
    expect(snapshot(first.out)).toEqual(before);
    expect(readdirSync(dir).sort()).toEqual(["people.csv", "release", "release.private"]);
  });
});

describe("the bundled sample", () => {
  it("makes a full release with its config file (README's main command)", () => {
    const dir = tempDir();
    const out = join(dir, "release");
    const r = synthesize([
      "samples/ctdc-simulated/cases.csv",
      ...["--config", "samples/ctdc-simulated/config.json", "--out", out, "--seed", SEED],
    ]);
    expectSuccess(r);
    expect(r.stdout).toContain(out);
    expect(readdirSync(out).sort()).toEqual(PUBLIC_FILES);
    const m = manifestOf(out);
    expect(m.mode).toBe("row-seeded");
    expect(m.privacy.k).toBe(10);
    expect(m.input.subjectIdColumn).toBe("subject_id");
    expect(m.statement).toBe(kAnonymityStatement("row-seeded", 10, 3, "at-most"));
    const rows = expectCsvBytes(join(out, "synthetic.csv"));
    expect(rows[0]).not.toContain("subject_id");
    expect(rows[0]).not.toContain("case_id");
    expect(m.records.synthetic).toBe(rows.length - 1);
    const dp = dataPackageOf(out);
    expect(dp.name).toMatch(/^[a-z0-9._/-]+$/);
    expect(dp.title).toBe(m.title);
    for (const name of readdirSync(out)) expect(readText(join(out, name))).not.toContain(SEED);
    expect(readdirSync(dir).sort()).toEqual(["release", "release.private"]);
    // Plain ASCII CSV files: a spreadsheet opening them without a byte-order mark garbles nothing.
    for (const name of ["synthetic.csv", "aggregates.csv"]) {
      expect(/[^\x00-\x7f]/.test(readText(join(out, name))), name).toBe(false);
    }
  });
});

/** Every file of a release and its private folder, as text (to compare before and after). */
function snapshot(out: string): Record<string, string> {
  const files: Record<string, string> = {};
  for (const folder of [out, `${out}.private`]) {
    for (const name of readdirSync(folder))
      files[join(folder, name)] = readText(join(folder, name));
  }
  return files;
}
