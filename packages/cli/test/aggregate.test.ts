/**
 * `commonground aggregate` as a subprocess of the built bundle: the success paths
 * (docs/design.md §2, §3, §7, §8; issue 2).
 */
import { existsSync, mkdirSync, readdirSync, symlinkSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import {
  aggregate,
  ensureBuilt,
  expectFailure,
  expectSuccess,
  fixture,
  numbersIn,
  ORACLE_AGGREGATES_K2,
  ORACLE_CSV,
  permissions,
  readJson,
  readText,
  sha256,
  tempDir,
} from "./run-cli.js";

beforeAll(ensureBuilt);

interface Manifest {
  tool: string;
  mode: string;
  title: string;
  description: string;
  createdAt: string;
  privacy: { model: string; k: number; reportingLength: number; guarantee: string };
  records: { reported: number };
  columns: { name: string; kind: string; delimiter?: string; bins?: { labels: string[] } }[];
  input: { delimiter: string; missing: string[]; subjectIdColumn?: string; recordLimit?: number };
  files: string[];
  statement: string;
}

interface Risk {
  k: number;
  records: number;
  total: { uniquePercent: number; rarePercent: number };
  byLength: { length: number; uniquePercent: number; rarePercent: number }[];
}

interface Run {
  input: { path: string; sha256: string; rows: number; records: number };
}

const manifestOf = (out: string) => readJson(join(out, "manifest.json")) as Manifest;
const riskOf = (priv: string) => readJson(join(priv, "risk.json")) as Risk;
const runOf = (priv: string) => readJson(join(priv, "run.json")) as Run;
const aggregatesOf = (out: string) => readText(join(out, "aggregates.csv"));

describe("the oracle of docs/design.md §10 with --k 2", () => {
  it("writes aggregates.csv byte for byte as in docs/design.md §10", () => {
    const dir = tempDir();
    const out = join(dir, "out");
    const r = aggregate([fixture("oracle.csv"), "--k", "2", "--out", out]);
    expectSuccess(r);
    expect(aggregatesOf(out)).toBe(ORACLE_AGGREGATES_K2);
  });

  it("writes a manifest of mode aggregates-only that never reveals the true record count", () => {
    const dir = tempDir();
    const out = join(dir, "out");
    expectSuccess(
      aggregate([
        fixture("oracle.csv"),
        "--k",
        "2",
        "--out",
        out,
        "--title",
        "Oracle",
        "--description",
        "Five rows",
      ]),
    );
    const m = manifestOf(out);
    expect(m.tool).toBe("CommonGround");
    expect(m.mode).toBe("aggregates-only");
    expect(m.title).toBe("Oracle");
    expect(m.description).toBe("Five rows");
    expect(new Date(m.createdAt).toISOString()).toBe(m.createdAt);
    expect(m.privacy).toEqual({
      model: "k-anonymity",
      k: 2,
      reportingLength: 3,
      guarantee: "up-to-length",
    });
    expect(m.records.reported).toBe(4);
    expect(m.statement).toContain("at least 2 people");
    expect(m.columns.map((c) => [c.name, c.kind])).toEqual([
      ["A", "single"],
      ["B", "single"],
      ["C", "single"],
    ]);
    // The release holds exactly the public files; n = 5 is not a multiple of k = 2 and appears
    // in no value of the manifest and no count of aggregates.csv.
    expect(readdirSync(out).sort()).toEqual([
      "aggregates.csv",
      "datapackage.json",
      "manifest.json",
    ]);
    expect(numbersIn(m)).not.toContain(5);
    const counts = aggregatesOf(out)
      .trimEnd()
      .split("\n")
      .slice(1)
      .map((line) => Number(line.slice(line.lastIndexOf(",") + 1)));
    expect(counts.every((c) => c % 2 === 0)).toBe(true);
  });

  it("writes run.json and risk.json into an owner-only <out>.private beside the release", () => {
    const dir = tempDir();
    const out = join(dir, "out");
    const input = fixture("oracle.csv");
    expectSuccess(aggregate([input, "--k", "2", "--out", out]));
    const priv = `${out}.private`;
    expect(existsSync(priv)).toBe(true);
    expect(permissions(priv)).toBe(0o700);
    expect(readdirSync(priv).sort()).toEqual(["risk.json", "run.json"]);
    const run = runOf(priv);
    expect(run.input.sha256).toMatch(/^[0-9a-f]{64}$/);
    expect(run.input.sha256).toBe(sha256(input));
    expect(run.input.records).toBe(5);
    const risk = riskOf(priv);
    expect(risk.total.uniquePercent).toBe(80);
    expect(risk.total.rarePercent).toBe(0);
    expect(risk.byLength.map((l) => [l.length, l.uniquePercent])).toEqual([
      [1, 40],
      [2, 20],
      [3, 20],
    ]);
    // Nothing but the two staged-and-renamed folders is left in the parent folder.
    expect(readdirSync(dir).sort()).toEqual(["out", "out.private"]);
  });

  it("--write-sensitive-aggregates writes every combination into the private folder only", () => {
    const dir = tempDir();
    const out = join(dir, "out");
    expectSuccess(
      aggregate([fixture("oracle.csv"), "--k", "2", "--out", out, "--write-sensitive-aggregates"]),
    );
    const sensitive = readText(join(`${out}.private`, "sensitive-aggregates.csv"));
    const lines = sensitive.split("\n");
    expect(lines[0]).toBe("A,B,C,count");
    expect(lines.at(-1)).toBe("");
    expect(lines.slice(1, -1)).toHaveLength(17);
    expect(lines).toContain("a1,b1,c1,1");
    expect(lines).toContain("a1,,,3");
    expect(readdirSync(out)).not.toContain("sensitive-aggregates.csv");
    expect(aggregatesOf(out)).toBe(ORACLE_AGGREGATES_K2);
  });
});

describe("what is printed", () => {
  it("prints a short human summary by default", () => {
    const dir = tempDir();
    const r = aggregate([fixture("oracle.csv"), "--k", "2", "--out", join(dir, "out")]);
    expectSuccess(r);
    expect(r.stdout).toContain("80.0 %");
    expect(r.stdout).toContain(join(dir, "out.private"));
  });

  it("--json prints a parseable summary on stdout", () => {
    const dir = tempDir();
    const out = join(dir, "out");
    const r = aggregate([fixture("oracle.csv"), "--k", "2", "--out", out, "--json"]);
    expectSuccess(r);
    const summary = JSON.parse(r.stdout) as {
      reportedRecords: number;
      k: number;
      length: number;
      release: string;
      privateFolder: string;
      risk: { total: { uniquePercent: number } };
    };
    expect(summary.reportedRecords).toBe(4);
    expect(summary.k).toBe(2);
    expect(summary.length).toBe(3);
    expect(summary.release).toBe(out);
    expect(summary.privateFolder).toBe(`${out}.private`);
    expect(summary.risk.total.uniquePercent).toBe(80);
  });

  it("--json carries every warning, privacy warnings marked (and still on stderr)", () => {
    const dir = tempDir();
    const out = join(dir, "out");
    const r = aggregate([
      fixture("oracle.csv"),
      "--k",
      "2",
      "--length",
      "9",
      "--out",
      out,
      "--json",
    ]);
    expectSuccess(r);
    const summary = JSON.parse(r.stdout) as {
      warnings: { code: string; message: string; privacy?: boolean }[];
    };
    expect(summary.warnings.map((w) => [w.code, w.privacy ?? false])).toEqual([
      ["weak-setting", true],
      ["length-clamped", false],
    ]);
    expect(r.stderr).toContain("k = 2 is a weak protection");
  });

  it("--quiet prints nothing", () => {
    const dir = tempDir();
    const out = join(dir, "out");
    const r = aggregate([fixture("oracle.csv"), "--k", "5", "--out", out, "--quiet"]);
    expectSuccess(r);
    expect(r.stdout).toBe("");
    expect(r.stderr).toBe("");
    expect(aggregatesOf(out)).toBe("A,B,C,count\n");
  });
});

describe("--private", () => {
  it("writes the private folder elsewhere, owner-only, and nothing at <out>.private", () => {
    const dir = tempDir();
    const out = join(dir, "release", "out");
    const priv = join(dir, "vault", "oracle-private");
    expectSuccess(
      aggregate([fixture("oracle.csv"), "--k", "2", "--out", out, "--private", priv, "--quiet"]),
    );
    expect(readdirSync(priv).sort()).toEqual(["risk.json", "run.json"]);
    expect(permissions(priv)).toBe(0o700);
    expect(existsSync(`${out}.private`)).toBe(false);
    expect(readdirSync(join(dir, "release"))).toEqual(["out"]);
    expect(aggregatesOf(out)).toBe(ORACLE_AGGREGATES_K2);
  });

  it("refuses a private folder inside the release folder", () => {
    const dir = tempDir();
    const out = join(dir, "out");
    const r = aggregate([
      fixture("oracle.csv"),
      "--k",
      "2",
      "--out",
      out,
      "--private",
      join(out, "private"),
    ]);
    expectFailure(r, { says: ["may not be inside the release folder", "--private"], dir });
  });

  it("refuses a private folder that a symbolic link puts inside the release (issue 11, defect 6)", () => {
    const dir = tempDir();
    const out = join(dir, "out");
    expectSuccess(aggregate([fixture("oracle.csv"), "--k", "2", "--out", out, "--quiet"]));
    const before = readdirSync(out).sort();
    // "link" points at the release: link/private is, in truth, out/private.
    symlinkSync(out, join(dir, "link"));
    const r = aggregate([
      fixture("oracle.csv"),
      "--k",
      "2",
      "--out",
      out,
      "--force",
      "--private",
      join(dir, "link", "private"),
    ]);
    expectFailure(r, { says: ["may not be inside the release folder"] });
    expect(readdirSync(out).sort()).toEqual(before);
    // The earlier private folder is untouched too.
    expect(readdirSync(`${out}.private`).sort()).toEqual(["risk.json", "run.json"]);
  });

  it("refuses a release folder inside the private folder", () => {
    const dir = tempDir();
    const priv = join(dir, "private");
    const r = aggregate([
      fixture("oracle.csv"),
      "--k",
      "2",
      "--out",
      join(priv, "out"),
      "--private",
      priv,
    ]);
    expectFailure(r, { says: ["may not be inside"] });
    expect(readdirSync(dir)).toEqual([]);
  });
});

describe("--config", () => {
  it("reads the options from a JSON file", () => {
    const dir = tempDir();
    const out = join(dir, "out");
    const config = join(dir, "config.json");
    writeFileSync(
      config,
      JSON.stringify({
        $schema: "../packages/cli/schema/config.schema.json",
        k: 2,
        length: 3,
        out,
        title: "From the config",
        writeSensitiveAggregates: true,
        quiet: true,
      }),
    );
    const r = aggregate([fixture("oracle.csv"), "--config", config]);
    expectSuccess(r);
    expect(r.stdout).toBe("");
    expect(aggregatesOf(out)).toBe(ORACLE_AGGREGATES_K2);
    expect(manifestOf(out).title).toBe("From the config");
    expect(existsSync(join(`${out}.private`, "sensitive-aggregates.csv"))).toBe(true);
  });

  it("lets flags override the config file", () => {
    const dir = tempDir();
    const out = join(dir, "out");
    const config = join(dir, "config.json");
    writeFileSync(
      config,
      JSON.stringify({ k: 5, length: 1, out: join(dir, "elsewhere"), title: "Config" }),
    );
    const r = aggregate([
      fixture("oracle.csv"),
      "--config",
      config,
      "--k",
      "2",
      "--length",
      "3",
      "--out",
      out,
    ]);
    expectSuccess(r);
    const m = manifestOf(out);
    expect(m.privacy.k).toBe(2);
    expect(m.privacy.reportingLength).toBe(3);
    expect(m.title).toBe("Config");
    expect(existsSync(join(dir, "elsewhere"))).toBe(false);
    expect(aggregatesOf(out)).toBe(ORACLE_AGGREGATES_K2);
  });

  it("accepts per-column settings as objects (multiValue, bin, missingByColumn)", () => {
    const dir = tempDir();
    const out = join(dir, "out");
    const config = join(dir, "config.json");
    writeFileSync(
      config,
      JSON.stringify({
        columns: ["type", "age"],
        multiValue: { type: ";" },
        bin: { age: "edges:18,30" },
        missingByColumn: { age: ["NA"] },
        k: 2,
        length: 2,
      }),
    );
    expectSuccess(aggregate([fixture("ages.csv"), "--config", config, "--out", out]));
    expect(aggregatesOf(out)).toContain("labour;sex,,2\n");
    expect(aggregatesOf(out)).toContain(",18-29,2\n");
  });

  it("refuses an unknown key, naming it", () => {
    const dir = tempDir();
    const config = join(dir, "config.json");
    writeFileSync(config, JSON.stringify({ k: 2, reportingLenght: 3 }));
    const r = aggregate([fixture("oracle.csv"), "--config", config, "--out", join(dir, "out")]);
    expectFailure(r, { says: ["config.json", '"reportingLenght"'], dir });
  });

  it("refuses a value of the wrong type, naming the key", () => {
    const dir = tempDir();
    const config = join(dir, "config.json");
    writeFileSync(config, JSON.stringify({ k: "2" }));
    const r = aggregate([fixture("oracle.csv"), "--config", config, "--out", join(dir, "out")]);
    expectFailure(r, { says: ["config.json", '"k"', "number"], dir });
  });

  it("refuses a config file that is not JSON", () => {
    const dir = tempDir();
    const config = join(dir, "config.json");
    writeFileSync(config, "{ k: 2 }");
    const r = aggregate([fixture("oracle.csv"), "--config", config, "--out", join(dir, "out")]);
    expectFailure(r, { says: ["config.json", "not valid JSON"], dir });
  });

  it("refuses a config file that does not exist", () => {
    const dir = tempDir();
    const r = aggregate([
      fixture("oracle.csv"),
      "--config",
      join(dir, "missing.json"),
      "--out",
      join(dir, "out"),
    ]);
    expectFailure(r, { says: ["missing.json", "cannot be read"], dir });
  });
});

describe("ingest options", () => {
  it("merges the rows of one subject ID (trimmed, case-insensitive) and unions multi-value cells", () => {
    const dir = tempDir();
    const out = join(dir, "out");
    const r = aggregate([
      fixture("subjects.csv"),
      "--subject-id",
      "sid",
      "--multi-value",
      "type=;",
      "--columns",
      "gender,type",
      "--k",
      "2",
      "--length",
      "2",
      "--out",
      out,
      "--json",
    ]);
    expectSuccess(r);
    // S1 (lines 2 and 3) = {F, sex, labour}; S2 = {M, labour}; S3 = {F, sex, labour}.
    expect(aggregatesOf(out)).toBe(
      [
        "gender,type,count",
        "F,,2",
        ",labour,2",
        ",sex,2",
        "F,labour,2",
        "F,sex,2",
        ",labour;sex,2",
        "",
      ].join("\n"),
    );
    const summary = JSON.parse(r.stdout) as { rows: number; records: number };
    expect(summary).toMatchObject({ rows: 4, records: 3 });
    const m = manifestOf(out);
    expect(m.records.reported).toBe(2);
    expect(m.input.subjectIdColumn).toBe("sid");
    expect(m.columns).toEqual([
      { name: "gender", kind: "single" },
      { name: "type", kind: "multi", delimiter: ";" },
    ]);
    // The subject ID is never written to the release.
    expect(aggregatesOf(out)).not.toMatch(/S1|s1|sid/);
  });

  it("bins numbers with readable labels, splits multi-value cells and honours --missing", () => {
    const dir = tempDir();
    const out = join(dir, "out");
    const r = aggregate([
      fixture("ages.csv"),
      "--bin",
      "age=edges:18,30",
      "--multi-value",
      "type=;",
      "--missing",
      "NA",
      "--columns",
      "type,age",
      "--k",
      "2",
      "--length",
      "2",
      "--out",
      out,
    ]);
    expectSuccess(r);
    expect(aggregatesOf(out)).toBe(
      ["type,age,count", "sex,,4", "labour,,2", ",18-29,2", ",30+,2", "labour;sex,,2", ""].join(
        "\n",
      ),
    );
    const m = manifestOf(out);
    expect(m.columns[1]?.bins?.labels).toEqual(["<18", "18-29", "30+"]);
    expect(m.input.missing).toEqual(["", "NA"]);
  });

  it("refuses a non-numeric value in a binned column, naming line and column", () => {
    const dir = tempDir();
    const r = aggregate([
      fixture("ages.csv"),
      "--bin",
      "age=edges:18,30",
      "--k",
      "2",
      "--out",
      join(dir, "out"),
    ]);
    expectFailure(r, { says: ["ages.csv", "line 7", 'column "age"', '"NA"', "--missing"], dir });
  });

  it("--record-limit reads only the first N data rows", () => {
    const dir = tempDir();
    const out = join(dir, "out");
    const r = aggregate([
      fixture("oracle.csv"),
      "--record-limit",
      "4",
      "--k",
      "2",
      "--out",
      out,
      "--quiet",
    ]);
    expectSuccess(r);
    expect(aggregatesOf(out)).toBe(
      ["A,B,C,count", "a1,,,2", "a2,,,2", ",b2,,2", ",,c1,2", "a1,,c1,2", ",b2,c1,2", ""].join(
        "\n",
      ),
    );
    expect(manifestOf(out).input.recordLimit).toBe(4);
    expect(manifestOf(out).records.reported).toBe(4);
    expect(runOf(`${out}.private`).input.rows).toBe(4);
  });

  it("run.json holds the SHA-256 of the whole input even when a record limit stops reading early", () => {
    const dir = tempDir();
    const input = join(dir, "big.csv");
    const rows = ["a,b"];
    for (let i = 0; i < 150_000; i++) rows.push(`x${i % 7},y${i % 11}`);
    writeFileSync(input, `${rows.join("\n")}\n`);
    const out = join(dir, "out");
    expectSuccess(aggregate([input, "--record-limit", "20", "--k", "2", "--out", out, "--quiet"]));
    const run = runOf(`${out}.private`);
    expect(run.input.rows).toBe(20);
    expect(run.input.sha256).toBe(sha256(input));
  });

  it("--record-limit is not published when it would reveal the number of records", () => {
    const dir = tempDir();
    const input = join(dir, "seven.csv");
    writeFileSync(input, `${ORACLE_CSV}a1,b1,c1\na2,b2,c2\n`);
    const out = join(dir, "out");
    expectSuccess(aggregate([input, "--record-limit", "5", "--k", "2", "--out", out, "--quiet"]));
    // The first 5 rows are the oracle: n = 5, reported 4; a published limit of 5 would tell n.
    expect(aggregatesOf(out)).toBe(ORACLE_AGGREGATES_K2);
    const m = manifestOf(out);
    expect(m.records.reported).toBe(4);
    expect(numbersIn(m)).not.toContain(5);
    const run = readJson(join(`${out}.private`, "run.json")) as {
      options: { ingest: { recordLimit?: number } };
    };
    expect(run.options.ingest.recordLimit).toBe(5);
  });

  it("--columns selects the columns and their order in the header", () => {
    const dir = tempDir();
    const out = join(dir, "out");
    const r = aggregate([
      fixture("oracle.csv"),
      "--columns",
      "C, A",
      "--k",
      "2",
      "--length",
      "2",
      "--out",
      out,
    ]);
    expectSuccess(r);
    expect(aggregatesOf(out)).toBe(
      ["C,A,count", "c1,,2", ",a1,2", ",a2,2", "c1,a1,2", ""].join("\n"),
    );
  });

  it("auto-detects ; as the delimiter", () => {
    const dir = tempDir();
    const out = join(dir, "out");
    expectSuccess(aggregate([fixture("oracle-semicolon.csv"), "--k", "2", "--out", out]));
    expect(aggregatesOf(out)).toBe(ORACLE_AGGREGATES_K2);
  });

  it('--delimiter ";" overrides the detection (column names with commas)', () => {
    const dir = tempDir();
    const out = join(dir, "out");
    const r = aggregate([
      fixture("commas-in-names.csv"),
      "--delimiter",
      ";",
      "--k",
      "2",
      "--out",
      out,
    ]);
    expectSuccess(r);
    const text = aggregatesOf(out);
    expect(text.split("\n")[0]).toBe('"A,1","B,2","C,3",count');
    expect(text).toContain("x,y,z,2\n");
    expect(manifestOf(out).input.delimiter).toBe(";");
    // Detection alone splits the header at its commas and then finds ragged rows.
    const detected = aggregate([
      fixture("commas-in-names.csv"),
      "--k",
      "2",
      "--out",
      join(dir, "o2"),
    ]);
    expectFailure(detected, { says: ["commas-in-names.csv", "line 2"], dir, out: "o2" });
  });

  it("--delimiter tab reads a tab-separated file of any name", () => {
    const dir = tempDir();
    const input = join(dir, "export.txt");
    writeFileSync(input, readText(fixture("oracle.tsv")));
    const out = join(dir, "out");
    expectSuccess(aggregate([input, "--delimiter", "tab", "--k", "2", "--out", out]));
    expect(aggregatesOf(out)).toBe(ORACLE_AGGREGATES_K2);
  });

  it("keeps line breaks inside quoted values and quotes them on output", () => {
    const dir = tempDir();
    const input = join(dir, "notes.csv");
    writeFileSync(
      input,
      'note,place\n"first line\nsecond, line",x\n"first line\nsecond, line",x\n',
    );
    const out = join(dir, "out");
    expectSuccess(aggregate([input, "--k", "2", "--out", out]));
    expect(aggregatesOf(out)).toBe(
      'note,place,count\n"first line\nsecond, line",,2\n,x,2\n"first line\nsecond, line",x,2\n',
    );
  });

  it("leaves out an unnamed column (a spreadsheet's index) with a warning", () => {
    const dir = tempDir();
    const input = join(dir, "indexed.csv");
    writeFileSync(input, ",A,B\n1,x,y\n2,x,y\n");
    const out = join(dir, "out");
    const r = aggregate([input, "--k", "2", "--length", "2", "--out", out]);
    expectSuccess(r);
    expect(r.stderr).toContain("Column 1 has no name");
    expect(aggregatesOf(out)).toBe("A,B,count\nx,,2\n,y,2\nx,y,2\n");
  });

  it("reads .tsv files as tab-separated", () => {
    const dir = tempDir();
    const out = join(dir, "out");
    expectSuccess(aggregate([fixture("oracle.tsv"), "--k", "2", "--out", out]));
    expect(aggregatesOf(out)).toBe(ORACLE_AGGREGATES_K2);
  });

  it("skips a UTF-8 byte order mark", () => {
    const dir = tempDir();
    const input = join(dir, "bom.csv");
    writeFileSync(input, Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(oracle())]));
    const out = join(dir, "out");
    expectSuccess(aggregate([input, "--k", "2", "--out", out]));
    expect(aggregatesOf(out)).toBe(ORACLE_AGGREGATES_K2);
  });

  it("reads CRLF line endings and quoted fields", () => {
    const dir = tempDir();
    const input = join(dir, "crlf.csv");
    writeFileSync(input, '"A",B,C\r\na1,"b1",c1\r\na1,b2,c1\r\na2,,c2\r\na2,b2,"c1"\r\na1,b2,\r\n');
    const out = join(dir, "out");
    expectSuccess(aggregate([input, "--k", "2", "--out", out]));
    expect(aggregatesOf(out)).toBe(ORACLE_AGGREGATES_K2);
  });
});

describe("text encodings", () => {
  it("decodes UTF-16LE with a BOM", () => {
    const dir = tempDir();
    const input = join(dir, "utf16le.csv");
    const text = oracle().replaceAll("\n", "\r\n");
    writeFileSync(input, Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, "utf16le")]));
    const out = join(dir, "out");
    expectSuccess(aggregate([input, "--k", "2", "--out", out]));
    expect(aggregatesOf(out)).toBe(ORACLE_AGGREGATES_K2);
  });

  it("decodes UTF-16BE with a BOM", () => {
    const dir = tempDir();
    const input = join(dir, "utf16be.csv");
    const body = Buffer.from(oracle(), "utf16le").swap16();
    writeFileSync(input, Buffer.concat([Buffer.from([0xfe, 0xff]), body]));
    const out = join(dir, "out");
    expectSuccess(aggregate([input, "--k", "2", "--out", out]));
    expect(aggregatesOf(out)).toBe(ORACLE_AGGREGATES_K2);
  });

  it("decodes UTF-16LE without a BOM (recognised by its NUL bytes)", () => {
    const dir = tempDir();
    const input = join(dir, "utf16.csv");
    writeFileSync(input, Buffer.from(oracle(), "utf16le"));
    const out = join(dir, "out");
    expectSuccess(aggregate([input, "--k", "2", "--out", out]));
    expect(aggregatesOf(out)).toBe(ORACLE_AGGREGATES_K2);
  });

  it("decodes non-ASCII UTF-16LE text (values written back as UTF-8)", () => {
    const dir = tempDir();
    const input = join(dir, "names.csv");
    const text = "país,género\nMéxico,Mujer\nMéxico,Mujer\nPerú,Hombre\n";
    writeFileSync(input, Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, "utf16le")]));
    const out = join(dir, "out");
    expectSuccess(aggregate([input, "--k", "2", "--out", out]));
    expect(aggregatesOf(out)).toBe("país,género,count\nMéxico,,2\n,Mujer,2\nMéxico,Mujer,2\n");
  });
});

describe("spreadsheet safety (docs/design.md §7)", () => {
  it("prefixes formula-like cells with ' and leaves numbers alone", () => {
    const dir = tempDir();
    const out = join(dir, "out");
    expectSuccess(aggregate([fixture("spreadsheet.csv"), "--k", "2", "--out", out]));
    const lines = aggregatesOf(out).split("\n");
    expect(lines[0]).toBe("name,amount,count");
    expect(lines).toContain(`"'=HYPERLINK(""http://x.example/?q=1"")",,2`);
    expect(lines).toContain(",-5,2");
    expect(lines).toContain("'@SUM(A1),,2");
    expect(lines).toContain(",+3,2");
    expect(lines).toContain(`"'=HYPERLINK(""http://x.example/?q=1"")",-5,2`);
  });

  it("prefixes formula-like column names in the header", () => {
    const dir = tempDir();
    const input = join(dir, "header.csv");
    writeFileSync(input, "@name,-x\nv,w\nv,w\n");
    const out = join(dir, "out");
    expectSuccess(aggregate([input, "--k", "2", "--out", out]));
    expect(aggregatesOf(out).split("\n")[0]).toBe("'@name,'-x,count");
  });
});

describe("an existing output folder", () => {
  it("is refused without --force and left untouched", () => {
    const dir = tempDir();
    const out = join(dir, "out");
    expectSuccess(aggregate([fixture("oracle.csv"), "--k", "2", "--out", out]));
    const before = readText(join(out, "manifest.json"));
    const r = aggregate([fixture("oracle.csv"), "--k", "3", "--out", out]);
    expectFailure(r, { says: [out, "already exists", "--force"] });
    expect(readText(join(out, "manifest.json"))).toBe(before);
    expect(readdirSync(dir).sort()).toEqual(["out", "out.private"]);
  });

  it("is replaced with --force when CommonGround wrote it", () => {
    const dir = tempDir();
    const out = join(dir, "out");
    expectSuccess(aggregate([fixture("oracle.csv"), "--k", "3", "--out", out]));
    expectSuccess(
      aggregate([fixture("oracle.csv"), "--k", "2", "--out", out, "--force", "--quiet"]),
    );
    expect(manifestOf(out).privacy.k).toBe(2);
    expect(aggregatesOf(out)).toBe(ORACLE_AGGREGATES_K2);
    expect(riskOf(`${out}.private`).k).toBe(2);
    expect(readdirSync(dir).sort()).toEqual(["out", "out.private"]);
  });

  it("is kept as it was when a --force run fails", () => {
    const dir = tempDir();
    const out = join(dir, "out");
    expectSuccess(aggregate([fixture("oracle.csv"), "--k", "2", "--out", out]));
    const before = readText(join(out, "manifest.json"));
    const r = aggregate([fixture("oracle.csv"), "--k", "6", "--out", out, "--force"]);
    expectFailure(r, { says: ["k = 6", "larger than the number of records"] });
    expect(readText(join(out, "manifest.json"))).toBe(before);
    expect(readdirSync(dir).sort()).toEqual(["out", "out.private"]);
  });

  it("is never replaced, even with --force, when it holds files not written by CommonGround", () => {
    const dir = tempDir();
    const out = join(dir, "out");
    mkdirSync(out);
    writeFileSync(join(out, "thesis.docx"), "my own work");
    const r = aggregate([fixture("oracle.csv"), "--k", "2", "--out", out, "--force"]);
    expectFailure(r, { says: [out, "not written by CommonGround", "even with --force"] });
    expect(readdirSync(out)).toEqual(["thesis.docx"]);
    expect(readdirSync(dir)).toEqual(["out"]);
  });

  it("never replaces a private folder holding files not written by CommonGround", () => {
    const dir = tempDir();
    const out = join(dir, "out");
    mkdirSync(`${out}.private`);
    writeFileSync(join(`${out}.private`, "passwords.txt"), "secret");
    for (const force of [[], ["--force"]]) {
      const r = aggregate([fixture("oracle.csv"), "--k", "2", "--out", out, ...force]);
      expectFailure(r, { says: [`${out}.private`, "not empty"] });
      expect(readdirSync(`${out}.private`)).toEqual(["passwords.txt"]);
      expect(readdirSync(dir)).toEqual(["out.private"]);
    }
  });

  it("is used when it exists but is empty", () => {
    const dir = tempDir();
    const out = join(dir, "out");
    mkdirSync(out);
    expectSuccess(aggregate([fixture("oracle.csv"), "--k", "2", "--out", out]));
    expect(aggregatesOf(out)).toBe(ORACLE_AGGREGATES_K2);
  });

  it("refuses an --out that is a file", () => {
    const dir = tempDir();
    const out = join(dir, "out");
    writeFileSync(out, "not a folder");
    const r = aggregate([fixture("oracle.csv"), "--k", "2", "--out", out]);
    expectFailure(r, { says: [out, "is a file"] });
    expect(readdirSync(dir)).toEqual(["out"]);
  });
});

describe("the bundled sample", () => {
  it("runs with its config file", () => {
    const dir = tempDir();
    const out = join(dir, "r");
    const r = aggregate([
      "samples/ctdc-simulated/cases.csv",
      "--config",
      "samples/ctdc-simulated/config.json",
      "--out",
      out,
    ]);
    expectSuccess(r);
    const m = manifestOf(out);
    expect(m.privacy.k).toBe(10);
    expect(m.input.subjectIdColumn).toBe("subject_id");
    expect(m.records.reported % 10).toBe(0);
    const header = aggregatesOf(out).split("\n")[0];
    expect(header).not.toContain("subject_id");
    expect(header).not.toContain("case_id");
    expect(readdirSync(dir).sort()).toEqual(["r", "r.private"]);
  });
});

/** The oracle CSV text (docs/design.md §10), as in fixtures/oracle.csv. */
function oracle(): string {
  return ORACLE_CSV;
}
