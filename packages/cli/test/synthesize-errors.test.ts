/**
 * `commonground synthesize` on bad input (docs/design.md §2, §8; issue 3): the bad inputs of
 * `aggregate` (issue 2), plus k larger than the number of records and the synthesis options.
 * Each exits 2 with a message naming the file, line and column where that applies and saying
 * what to do; no stack trace; no release folder, private folder or staging folder left behind.
 */
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import {
  ensureBuilt,
  expectFailure,
  expectNoOutput,
  expectNoStackTrace,
  expectSuccess,
  fixture,
  ORACLE_CSV,
  runCli,
  synthesize,
  tempDir,
} from "./run-cli.js";

beforeAll(ensureBuilt);

/** Runs synthesize on `input` into `<dir>/out` with `--k 2` unless `args` sets k. */
function run(dir: string, input: string, ...args: string[]) {
  const k = args.includes("--k") ? [] : ["--k", "2"];
  return synthesize([input, "--out", join(dir, "out"), ...k, ...args]);
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
    const input = file(dir, "na.csv", "A,B\nNA,-99\nNA,NA\n");
    const r = run(dir, input, "--k", "2", "--missing", "NA,-99");
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

  it("--numeric names an unknown column", () => {
    const dir = tempDir();
    const r = run(dir, fixture("oracle.csv"), "--numeric", "age");
    expectFailure(r, { says: ["oracle.csv", "--numeric", 'column "age"', "A, B, C"], dir });
  });

  it("--multi-value without COL=DELIM", () => {
    const dir = tempDir();
    const r = run(dir, fixture("oracle.csv"), "--multi-value", "A");
    expectFailure(r, { says: ["--multi-value", "COLUMN=SETTING"], dir });
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
    const r = synthesize([fixture("oracle.csv"), "--config", config, "--out", join(dir, "out")]);
    expectFailure(r, { says: ["config.json", '"k"'], dir });
  });

  for (const mode of ["row-seeded", "value-seeded", "unseeded", "aggregate-seeded"]) {
    it(`${mode}: k larger than the number of records is refused and leaves no release`, () => {
      const dir = tempDir();
      const r = run(dir, fixture("oracle.csv"), "--k", "6", "--mode", mode, "--seed", "s");
      expectFailure(r, {
        says: ["k = 6", "larger than the number of records", "at most 5"],
        dir,
      });
      expect(readdirSync(dir)).toEqual([]);
    });
  }

  it("k larger than the default 10 on a small file is refused (no --k given)", () => {
    const dir = tempDir();
    const r = synthesize([fixture("oracle.csv"), "--out", join(dir, "out")]);
    expectFailure(r, { says: ["k = 10", "larger than the number of records", "at most 5"], dir });
    expect(readdirSync(dir)).toEqual([]);
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

describe("synthesis options", () => {
  it("--records above 100,000,000 is refused before any work", () => {
    const dir = tempDir();
    const r = run(
      dir,
      fixture("oracle.csv"),
      "--mode",
      "aggregate-seeded",
      "--records",
      "100000001",
    );
    expectFailure(r, { says: ["--records", "100,000,000"], dir });
  });

  it("options of another mode are reported as ignored, not silently dropped", () => {
    const dir = tempDir();
    const r = run(dir, fixture("oracle.csv"), "--records", "5", "--oversampling-ratio", "0.2");
    expectSuccess(r);
    expect(r.stderr).toContain(
      "The number of records applies to the aggregate-seeded mode only and is ignored with row-seeded. (--records)",
    );
    expect(r.stderr).toContain(
      "The oversampling ratio applies to the value-seeded mode only and is ignored with row-seeded. (--oversampling-ratio)",
    );
  });

  for (const mode of ["fancy", "dp-ish", "Row-Seeded", ""]) {
    it(`--mode ${JSON.stringify(mode)} is refused, naming the modes`, () => {
      const dir = tempDir();
      const r = run(dir, fixture("oracle.csv"), "--mode", mode);
      expectFailure(r, {
        says: ["--mode", "row-seeded", "value-seeded", "unseeded", "aggregate-seeded"],
        dir,
      });
    });
  }

  it("an unknown mode in the config file is refused, naming the key", () => {
    const dir = tempDir();
    const config = file(dir, "config.json", JSON.stringify({ mode: "fancy" }));
    const r = run(dir, fixture("oracle.csv"), "--config", config);
    expectFailure(r, { says: ["config.json", '"mode"'], dir });
  });

  for (const seed of ["", "   "]) {
    it(`--seed ${JSON.stringify(seed)} is refused`, () => {
      const dir = tempDir();
      const r = run(dir, fixture("oracle.csv"), "--seed", seed);
      expectFailure(r, { says: ["--seed", "empty"], dir });
    });
  }

  it("an empty seed in the config file is refused", () => {
    const dir = tempDir();
    const config = file(dir, "config.json", JSON.stringify({ seed: "" }));
    const r = run(dir, fixture("oracle.csv"), "--config", config);
    expectFailure(r, { says: ["seed", "empty"], dir });
  });

  for (const value of ["abc", "-0.1", "", "1e999", "0.1x"]) {
    it(`--oversampling-ratio ${JSON.stringify(value)} is refused`, () => {
      const dir = tempDir();
      const r = run(
        dir,
        fixture("oracle.csv"),
        ...["--mode", "value-seeded", "--oversampling-ratio", value],
      );
      expectFailure(r, {
        says: ["--oversampling-ratio", "number", "--oversampling-ratio 0.1"],
        dir,
      });
    });
  }

  for (const value of ["0", "1.5", "x"]) {
    it(`--oversampling-tries ${JSON.stringify(value)} is refused`, () => {
      const dir = tempDir();
      const r = run(
        dir,
        fixture("oracle.csv"),
        ...["--mode", "value-seeded", "--oversampling-tries", value],
      );
      expectFailure(r, { says: ["--oversampling-tries", "whole number"], dir });
    });
  }

  for (const value of ["101", "-1", "x", "", "NaN"]) {
    it(`--weight-percentile ${JSON.stringify(value)} is refused`, () => {
      const dir = tempDir();
      const r = run(
        dir,
        fixture("oracle.csv"),
        ...["--mode", "aggregate-seeded", "--weight-percentile", value],
      );
      expectFailure(r, {
        says: ["--weight-percentile", "0 to 100", "--weight-percentile 95"],
        dir,
      });
    });
  }

  for (const value of ["0", "-3", "2.5", "abc", ""]) {
    it(`--records ${JSON.stringify(value)} is refused`, () => {
      const dir = tempDir();
      const r = run(dir, fixture("oracle.csv"), "--mode", "aggregate-seeded", "--records", value);
      expectFailure(r, { says: ["--records", "whole number"], dir });
    });
  }

  it("--records 0 in the config file is refused, naming the key", () => {
    const dir = tempDir();
    const config = file(dir, "config.json", JSON.stringify({ records: 0 }));
    const r = run(dir, fixture("oracle.csv"), "--config", config, "--mode", "aggregate-seeded");
    expectFailure(r, { says: ["config.json", '"records"'], dir });
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
  it("an existing non-empty --out is refused without --force and left untouched", () => {
    const dir = tempDir();
    const out = join(dir, "out");
    mkdirSync(out);
    writeFileSync(join(out, "notes.txt"), "mine");
    const r = run(dir, fixture("oracle.csv"), "--seed", "s");
    expectFailure(r, { says: [out, "--force"] });
    expect(readdirSync(dir)).toEqual(["out"]);
    expect(readdirSync(out)).toEqual(["notes.txt"]);
    expect(readFileSync(join(out, "notes.txt"), "utf8")).toBe("mine");
  });

  it("an existing release is refused without --force and left untouched", () => {
    const dir = tempDir();
    const out = join(dir, "out");
    expectSuccess(run(dir, fixture("oracle.csv"), "--seed", "first", "--quiet"));
    const before = readFileSync(join(out, "synthetic.csv"));
    const r = run(dir, fixture("oracle.csv"), "--seed", "second");
    expectFailure(r, { says: [out, "already exists", "--force"] });
    expect(readFileSync(join(out, "synthetic.csv")).equals(before)).toBe(true);
    expect(readdirSync(dir).sort()).toEqual(["out", "out.private"]);
  });

  it("--out below a file is refused as a user error, not a bug", () => {
    const dir = tempDir();
    const blocker = file(dir, "notes.txt", "a file, not a folder");
    const r = synthesize([fixture("oracle.csv"), "--k", "2", "--out", join(blocker, "out")]);
    expectFailure(r, { says: ["notes.txt", "Cannot create", "is a file", "--out"] });
    expect(readdirSync(dir)).toEqual(["notes.txt"]);
  });

  it("a private folder inside the release is refused", () => {
    const dir = tempDir();
    const out = join(dir, "out");
    const r = run(dir, fixture("oracle.csv"), "--private", join(out, "private"));
    expectFailure(r, { says: ["private folder", "inside the release folder"], dir });
  });
});

describe("usage", () => {
  it("no --out", () => {
    const dir = tempDir();
    const r = synthesize([fixture("oracle.csv"), "--k", "2"], { cwd: dir });
    expectFailure(r, { says: ["No output folder", "--out"], dir });
  });

  it("an unknown flag", () => {
    const dir = tempDir();
    const r = run(dir, fixture("oracle.csv"), "--frobnicate");
    expectFailure(r, { says: ["unknown option", "--frobnicate", "--help"], dir, hint: false });
  });

  it("--mode without a value", () => {
    const dir = tempDir();
    const r = run(dir, fixture("oracle.csv"), "--mode");
    expectFailure(r, { says: ["--mode"], dir, hint: false });
  });

  it("no input file", () => {
    const dir = tempDir();
    const r = synthesize(["--out", join(dir, "out")]);
    expectFailure(r, { says: ["missing required argument", "input"], dir, hint: false });
  });

  it("--help exits 0 and lists the synthesis flags", () => {
    const r = runCli(["synthesize", "--help"]);
    expect(r.status).toBe(0);
    for (const flag of [
      "--out",
      "--mode",
      "--seed",
      "--no-evaluate",
      "--numeric",
      "--oversampling-ratio",
      "--oversampling-tries",
      "--weight-percentile",
      "--use-synthesized-counts",
      "--records",
      "--write-sensitive-aggregates",
      "--k",
      "--length",
      "--subject-id",
      "--multi-value",
      "--config",
    ]) {
      expect(r.stdout).toContain(flag);
    }
  });
});

describe("an internal error", () => {
  it("exits 70, says it is a bug, shows no stack trace and leaves no output", () => {
    const dir = tempDir();
    file(dir, "oracle.csv", ORACLE_CSV);
    const r = synthesize([join(dir, "oracle.csv"), "--k", "2", "--out", join(dir, "out")], {
      env: { COMMONGROUND_TEST_INTERNAL_ERROR: "1" },
    });
    expectFailure(r, { status: 70, says: ["Internal error", "bug", "report"], dir, hint: false });
    expect(r.stderr).not.toContain("injected internal error");
    expectNoStackTrace(r.stderr);
    expectNoOutput(dir);
  });
});
