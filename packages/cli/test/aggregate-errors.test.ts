/**
 * `commonground aggregate` on bad input (docs/design.md §2, §8; issue 2): exit code 2 with a message
 * naming the file, line and column where that applies and saying what to do; no stack trace;
 * no output folder left behind. Warnings exit 0. An internal error exits 70.
 */
import { mkdirSync, readdirSync, writeFileSync } from "node:fs";
import { availableParallelism } from "node:os";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import {
  aggregate,
  ensureBuilt,
  expectFailure,
  expectNoOutput,
  expectNoStackTrace,
  expectSuccess,
  fixture,
  ORACLE_CSV,
  readJson,
  runCli,
  tempDir,
} from "./run-cli.js";

beforeAll(ensureBuilt);

/** Runs aggregate on `input` into `<dir>/out` with `--k 2` unless `args` sets k. */
function run(dir: string, input: string, ...args: string[]) {
  const k = args.includes("--k") ? [] : ["--k", "2"];
  return aggregate([input, "--out", join(dir, "out"), ...k, ...args]);
}

/** Writes `bytes` to `<dir>/<name>` and returns the path. */
function file(dir: string, name: string, bytes: string | Uint8Array): string {
  const path = join(dir, name);
  writeFileSync(path, bytes);
  return path;
}

describe("the input file", () => {
  it("does not exist", () => {
    const dir = tempDir();
    const r = run(dir, join(dir, "nope.csv"));
    expectFailure(r, { says: ["nope.csv", "does not exist", "Check the path"], dir });
  });

  it("is a folder", () => {
    const dir = tempDir();
    mkdirSync(join(dir, "data"));
    const r = run(dir, join(dir, "data"));
    expectFailure(r, { says: ["data", "is a folder", "CSV file inside it"], dir });
  });

  it("is empty (0 bytes)", () => {
    const dir = tempDir();
    const r = run(dir, file(dir, "empty.csv", ""));
    expectFailure(r, { says: ["empty.csv", "is empty"], dir });
  });

  it("has a header but no rows", () => {
    const dir = tempDir();
    const r = run(dir, fixture("header-only.csv"));
    expectFailure(r, { says: ["header-only.csv", "no data rows"], dir });
  });

  it("has only blank lines", () => {
    const dir = tempDir();
    const r = run(dir, fixture("blank-lines.csv"));
    expectFailure(r, { says: ["blank-lines.csv", "empty"], dir });
  });

  it("has every cell missing", () => {
    const dir = tempDir();
    const r = run(dir, fixture("all-missing.csv"), "--k", "2");
    expectFailure(r, { says: ["all-missing.csv", "missing", "--missing"], dir });
  });

  it("has every cell missing once --missing is applied", () => {
    const dir = tempDir();
    const r = run(
      dir,
      file(dir, "na.csv", "A,B\nNA,-99\nNA,NA\n"),
      "--k",
      "2",
      "--missing",
      "NA,-99",
    );
    expectFailure(r, { says: ["na.csv", "Every cell", "missing"], dir });
  });

  it("has a ragged row", () => {
    const dir = tempDir();
    const r = run(dir, fixture("ragged.csv"));
    expectFailure(r, {
      says: ["ragged.csv", "line 4", "Line 4 has 2 fields", "header has 3"],
      dir,
    });
  });

  it("has an unterminated quote", () => {
    const dir = tempDir();
    const r = run(dir, fixture("unterminated-quote.csv"));
    expectFailure(r, { says: ["unterminated-quote.csv", "line 3", "never closed", '"'], dir });
  });

  it("has duplicate column names", () => {
    const dir = tempDir();
    const r = run(dir, fixture("duplicate-columns.csv"), "--k", "2");
    expectFailure(r, {
      says: ["duplicate-columns.csv", "line 1", 'column "a"', "columns 1 and 3", "Rename"],
      dir,
    });
  });

  it("has column names that are duplicates after trimming", () => {
    const dir = tempDir();
    const r = run(dir, fixture("duplicate-after-trim.csv"), "--k", "2");
    expectFailure(r, {
      says: ["duplicate-after-trim.csv", 'column "a"', "after trimming", "Rename"],
      dir,
    });
  });

  it("is binary (a PNG header)", () => {
    const dir = tempDir();
    const png = Uint8Array.from([
      0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x00, 0x00, 0x00, 0x0d, 0x49, 0x48, 0x44,
      0x52, 0x00, 0x00, 0x00, 0x10, 0x00, 0x00, 0x00, 0x10, 0x08, 0x06, 0x00, 0x00, 0x00,
    ]);
    const r = run(dir, file(dir, "picture.csv", png));
    expectFailure(r, { says: ["picture.csv", "binary", "CSV"], dir });
  });

  it("is binary (a zip archive, e.g. an .xlsx)", () => {
    const dir = tempDir();
    const zip = Buffer.concat([
      Buffer.from([0x50, 0x4b, 0x03, 0x04, 0x14, 0x00, 0x06, 0x00, 0x08, 0x00, 0x00, 0x00]),
      Buffer.from("[Content_Types].xml"),
      Buffer.alloc(64),
    ]);
    const r = run(dir, file(dir, "cases.xlsx", zip));
    expectFailure(r, { says: ["cases.xlsx", "binary", "Export the data as CSV"], dir });
  });

  it("has a NUL byte after the first 8 KiB (names its line and column)", () => {
    const dir = tempDir();
    let text = "A,B\n";
    for (let i = 0; i < 2_000; i++) text += `x${i % 7},y${i % 5}\n`;
    text += "x1,y\u00002\nx2,y3\n"; // line 2002
    const r = run(dir, file(dir, "nul.csv", text), "--k", "2");
    expectFailure(r, {
      says: ["nul.csv", "NUL character", "line 2002", 'column "B"', "Export the data as CSV"],
      dir,
    });
  });

  it("has a header of 100,000 columns (refused while reading it)", () => {
    const dir = tempDir();
    const header = Array.from({ length: 100_000 }, (_, i) => `c${i}`).join(",");
    const r = run(dir, file(dir, "wide.csv", `${header}\n${"1,".repeat(99_999)}1\n`), "--k", "2");
    expectFailure(r, {
      says: ["wide.csv", "more than 16,384 columns", "--delimiter", "line 1"],
      dir,
    });
  });

  it("is not valid UTF-8", () => {
    const dir = tempDir();
    const bytes = Buffer.concat([
      Buffer.from("A,B\nx,y\n"),
      Buffer.from([0x78, 0x2c, 0xff, 0xfe, 0x41, 0x0a]), // x,<ff fe>A
      Buffer.from("x,y\n"),
    ]);
    const r = run(dir, file(dir, "latin.csv", bytes), "--k", "2");
    expectFailure(r, { says: ["latin.csv", "UTF-8", "line 3"], dir });
  });

  it("is not valid UTF-8 far beyond the first chunk (names the right line)", () => {
    const dir = tempDir();
    let text = "A,B\n";
    for (let i = 0; i < 20_000; i++) text += `x${i % 7},y${i % 5}\n`;
    // Latin-1 "é" (0xe9) followed by ASCII: invalid UTF-8 on line 20002.
    const bytes = Buffer.concat([
      Buffer.from(text),
      Buffer.from([0x43, 0x61, 0x66, 0xe9, 0x2c, 0x78, 0x0a]),
    ]);
    const r = run(dir, file(dir, "big.csv", bytes));
    expectFailure(r, { says: ["big.csv", "UTF-8", "line 20002"], dir });
  });
});

describe("columns named in options", () => {
  it("--columns names an unknown column", () => {
    const dir = tempDir();
    const r = run(dir, fixture("oracle.csv"), "--columns", "A,Z");
    expectFailure(r, { says: ["oracle.csv", "--columns", 'column "Z"', "A, B, C"], dir });
  });

  it("--subject-id names an unknown column", () => {
    const dir = tempDir();
    const r = run(dir, fixture("oracle.csv"), "--subject-id", "person");
    expectFailure(r, { says: ["oracle.csv", "--subject-id", 'column "person"', "A, B, C"], dir });
  });

  it("--multi-value names an unknown column", () => {
    const dir = tempDir();
    const r = run(dir, fixture("oracle.csv"), "--multi-value", "D=;");
    expectFailure(r, { says: ["oracle.csv", "--multi-value", 'column "D"', "A, B, C"], dir });
  });

  it("--bin names an unknown column", () => {
    const dir = tempDir();
    const r = run(dir, fixture("oracle.csv"), "--bin", "age=width:10");
    expectFailure(r, { says: ["oracle.csv", "--bin", 'column "age"'], dir });
  });

  it("--multi-value without COL=DELIM", () => {
    const dir = tempDir();
    const r = run(dir, fixture("oracle.csv"), "--multi-value", "A");
    expectFailure(r, { says: ["--multi-value", "COLUMN=SETTING"], dir });
  });

  it("--bin with a bad spec", () => {
    const dir = tempDir();
    const r = run(dir, fixture("ages.csv"), "--bin", "age=edges:30,18");
    expectFailure(r, { says: ['column "age"', "increasing"], dir });
  });
});

describe("subject IDs", () => {
  it("conflicting values of one subject: names the column and both lines", () => {
    const dir = tempDir();
    const r = run(dir, fixture("subject-conflict.csv"), "--subject-id", "sid", "--k", "2");
    expectFailure(r, {
      says: ["subject-conflict.csv", "line 4", "first on line 2", '"gender"', "--multi-value"],
      dir,
    });
  });

  it("an empty subject ID: names the (physical) line", () => {
    const dir = tempDir();
    const r = run(dir, fixture("subject-empty.csv"), "--subject-id", "sid", "--k", "2");
    expectFailure(r, { says: ["subject-empty.csv", "line 5", 'column "sid"', "subject ID"], dir });
  });
});

describe("k and L", () => {
  for (const value of ["0", "-1", "abc", "2.5", ""]) {
    it(`--k ${JSON.stringify(value)} is refused`, () => {
      const dir = tempDir();
      const r = run(dir, fixture("oracle.csv"), "--k", value);
      expectFailure(r, { says: ["--k", "whole number", "For example --k 10"], dir });
    });

    it(`--length ${JSON.stringify(value)} is refused`, () => {
      const dir = tempDir();
      const r = run(dir, fixture("oracle.csv"), "--length", value);
      expectFailure(r, { says: ["--length", "whole number", "For example --length 3"], dir });
    });
  }

  it("a k of 0 in the config file is refused, naming the key", () => {
    const dir = tempDir();
    const config = file(dir, "config.json", JSON.stringify({ k: 0 }));
    const r = aggregate([fixture("oracle.csv"), "--config", config, "--out", join(dir, "out")]);
    expectFailure(r, { says: ["config.json", '"k"'], dir });
  });

  it("k larger than the number of records is refused", () => {
    const dir = tempDir();
    const r = run(dir, fixture("oracle.csv"), "--k", "6");
    expectFailure(r, { says: ["k = 6", "larger than the number of records", "at most 5"], dir });
  });

  it("k larger than the number of people after subject merging is refused", () => {
    const dir = tempDir();
    const r = run(
      dir,
      fixture("subjects.csv"),
      ...["--subject-id", "sid", "--columns", "gender,type", "--multi-value", "type=;", "--k", "4"],
    );
    expectFailure(r, { says: ["k = 4", "larger than the number of records (3)"], dir });
  });

  it("--threads 0 is refused", () => {
    const dir = tempDir();
    const r = run(dir, fixture("oracle.csv"), "--threads", "0");
    expectFailure(r, { says: ["--threads", "at least 1"], dir });
  });

  it("--record-limit 0 is refused", () => {
    const dir = tempDir();
    const r = run(dir, fixture("oracle.csv"), "--record-limit", "0");
    expectFailure(r, { says: ["--record-limit", "at least 1"], dir });
  });
});

describe("the work estimate", () => {
  it("above --work-limit is refused with what to change", () => {
    const dir = tempDir();
    const r = run(dir, fixture("oracle.csv"), "--work-limit", "10");
    expectFailure(r, {
      says: ["limit", "reporting length", "fewer columns", "bins", "--work-limit", "none"],
      dir,
    });
  });

  it("above --work-limit runs with --work-limit none", () => {
    const dir = tempDir();
    const r = run(dir, fixture("oracle.csv"), "--work-limit", "none", "--quiet");
    expectSuccess(r);
  });

  it("--force does not lift the work limit (it only replaces an output folder)", () => {
    const dir = tempDir();
    const r = run(dir, fixture("oracle.csv"), "--work-limit", "10", "--force");
    expectFailure(r, { says: ["limit", "--work-limit"], dir });
  });
});

describe("the output folders", () => {
  it("--out below a file is refused as a user error, not a bug", () => {
    const dir = tempDir();
    const blocker = file(dir, "notes.txt", "a file, not a folder");
    const r = aggregate([fixture("oracle.csv"), "--k", "2", "--out", join(blocker, "out")]);
    expectFailure(r, { says: ["notes.txt", "Cannot create", "is a file", "--out"] });
    expect(readdirSync(dir)).toEqual(["notes.txt"]);
  });

  it("--private below a file is refused, and the release's staging folder is removed", () => {
    const dir = tempDir();
    const blocker = file(dir, "notes.txt", "a file, not a folder");
    const r = aggregate([
      fixture("oracle.csv"),
      ...["--k", "2", "--out", join(dir, "out"), "--private", join(blocker, "private")],
    ]);
    expectFailure(r, { says: ["notes.txt", "Cannot create", "--private"], dir });
    expect(readdirSync(dir)).toEqual(["notes.txt"]);
  });
});

describe("usage", () => {
  it("no --out", () => {
    const dir = tempDir();
    const r = aggregate([fixture("oracle.csv"), "--k", "2"], { cwd: dir });
    expectFailure(r, { says: ["No output folder", "--out"], dir });
  });

  it("an unknown flag", () => {
    const dir = tempDir();
    const r = run(dir, fixture("oracle.csv"), "--frobnicate");
    expectFailure(r, { says: ["unknown option", "--frobnicate", "--help"], dir, hint: false });
  });

  it("a misspelt flag gets a suggestion", () => {
    const dir = tempDir();
    const r = run(dir, fixture("oracle.csv"), "--lenght", "2");
    expectFailure(r, { says: ["--lenght", "--length"], dir, hint: false });
  });

  it("no input file", () => {
    const dir = tempDir();
    const r = aggregate(["--out", join(dir, "out")]);
    expectFailure(r, { says: ["missing required argument", "input"], dir, hint: false });
  });

  it("an unknown command", () => {
    const r = runCli(["agregate", "x.csv"]);
    expect(r.status).toBe(2);
    expect(r.stderr).toContain("agregate");
    expectNoStackTrace(r.stderr);
  });

  it("--help exits 0 and lists the flags", () => {
    const r = runCli(["aggregate", "--help"]);
    expect(r.status).toBe(0);
    for (const flag of ["--out", "--k", "--length", "--subject-id", "--multi-value", "--config"]) {
      expect(r.stdout).toContain(flag);
    }
  });
});

describe("warnings (exit 0)", () => {
  it("a reporting length above the number of columns is clamped", () => {
    const dir = tempDir();
    const out = join(dir, "out");
    const r = run(dir, fixture("oracle.csv"), "--length", "9");
    expectSuccess(r);
    expect(r.stderr).toContain("Warning:");
    expect(r.stderr).toContain("reporting length 9");
    expect(r.stderr).toContain("using 3");
    const manifest = readJson(join(out, "manifest.json")) as {
      privacy: { reportingLength: number };
    };
    expect(manifest.privacy.reportingLength).toBe(3);
  });

  it("a column with more than 100 distinct values suggests --bin", () => {
    const dir = tempDir();
    let text = "amount,region\n";
    for (let i = 0; i < 300; i++) text += `${i % 140},${i % 2 === 0 ? "north" : "south"}\n`;
    const r = run(dir, file(dir, "amounts.csv", text));
    expectSuccess(r);
    expect(r.stderr).toContain("Warning:");
    expect(r.stderr).toContain('"amount"');
    expect(r.stderr).toContain("140 distinct values");
    expect(r.stderr).toContain("--bin");
    expect(r.stderr).not.toContain('"region"');
  });

  it("a column that looks like an identifier says so", () => {
    const dir = tempDir();
    let text = "case_id,region\n";
    for (let i = 0; i < 150; i++) text += `C${i},${i % 2 === 0 ? "north" : "south"}\n`;
    const r = run(dir, file(dir, "cases.csv", text));
    expectSuccess(r);
    expect(r.stderr).toContain('"case_id"');
    expect(r.stderr).toContain("identifier");
  });

  it("--quiet never hides that a column looks like an identifier (a privacy warning)", () => {
    const dir = tempDir();
    let text = "case_id,region\n";
    for (let i = 0; i < 150; i++) text += `C${i},${i % 2 === 0 ? "north" : "south"}\n`;
    const r = run(dir, file(dir, "cases.csv", text), "--k", "5", "--quiet");
    expectSuccess(r);
    expect(r.stderr).toContain("identifier");
    expect(r.stdout).toBe("");
  });

  it("--threads above the number of cores is capped", () => {
    const dir = tempDir();
    const r = run(dir, fixture("oracle.csv"), "--threads", "1000");
    expectSuccess(r);
    expect(r.stderr).toContain("Warning:");
    expect(r.stderr).toContain("--threads 1000");
    expect(r.stderr).toContain(`using ${availableParallelism()}`);
  });

  it("--quiet silences warnings", () => {
    const dir = tempDir();
    const r = run(dir, fixture("oracle.csv"), "--length", "9", "--k", "5", "--quiet");
    expectSuccess(r);
    expect(r.stderr).toBe("");
    expect(r.stdout).toBe("");
  });

  it("--quiet never hides a privacy warning (k below 5)", () => {
    const dir = tempDir();
    const r = run(dir, fixture("oracle.csv"), "--k", "2", "--quiet");
    expectSuccess(r);
    expect(r.stderr).toContain("k = 2 is a weak protection");
    expect(r.stdout).toBe("");
  });
});

describe("an internal error", () => {
  it("exits 70, says it is a bug, shows no stack trace and leaves no output", () => {
    const dir = tempDir();
    file(dir, "oracle.csv", ORACLE_CSV);
    const r = aggregate([join(dir, "oracle.csv"), "--k", "2", "--out", join(dir, "out")], {
      env: { COMMONGROUND_TEST_INTERNAL_ERROR: "1" },
    });
    expectFailure(r, { status: 70, says: ["Internal error", "bug", "report"], dir, hint: false });
    expect(r.stderr.trim().split("\n")).toHaveLength(1);
    expect(r.stderr).not.toContain("injected internal error");
  });

  it("shows the stack trace with --debug", () => {
    const dir = tempDir();
    const r = aggregate([fixture("oracle.csv"), "--out", join(dir, "out"), "--debug"], {
      env: { COMMONGROUND_TEST_INTERNAL_ERROR: "1" },
    });
    expect(r.status).toBe(70);
    expect(r.stderr).toContain("injected internal error");
    expectNoOutput(dir);
  });
});
