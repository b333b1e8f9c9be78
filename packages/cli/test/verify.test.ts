/**
 * `commonground verify` as a subprocess of the built bundle (docs/design.md §8; issue 3 item 5):
 * releases made by aggregate and synthesize verify; tampered ones fail with exit 1 naming the
 * violation; the settings default to the manifest's; bad input exits 2.
 */
import {
  appendFileSync,
  copyFileSync,
  mkdirSync,
  renameSync,
  rmSync,
  writeFileSync,
} from "node:fs";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import {
  aggregate,
  type CliResult,
  ensureBuilt,
  expectFailure,
  expectSuccess,
  fixture,
  readJson,
  readText,
  runCli,
  tempDir,
} from "./run-cli.js";

beforeAll(ensureBuilt);

const verify = (args: readonly string[]) => runCli(["verify", ...args]);

/** An oracle release (k = 2) in a fresh folder: [input, release]. */
function oracleRelease(): [string, string] {
  const dir = tempDir();
  const out = join(dir, "out");
  expectSuccess(aggregate([fixture("oracle.csv"), "--k", "2", "--out", out, "--quiet"]));
  return [fixture("oracle.csv"), out];
}

/** Replaces line `i` (0 = header) of a CSV file; `undefined` deletes it. */
function editLine(path: string, i: number, line: string | undefined): void {
  const lines = readText(path).split("\n");
  if (line === undefined) lines.splice(i, 1);
  else lines[i] = line;
  writeFileSync(path, lines.join("\n"));
}

/** Exit 1 with a clear list of violations on stderr. */
function expectViolations(r: CliResult, says: readonly (string | RegExp)[]): void {
  expectFailure(r, { status: 1, says: ["Verification failed:", ...says] });
}

/**
 * A table exercising every setting the manifest records: a subject ID (rows of one person
 * merged), a multi-value column, a binned numeric column with a missing token, an unselected
 * column; one person has the rare gender "zz".
 */
function richCsv(): string {
  let seed = 7;
  const next = (n: number) => {
    seed = (seed * 1103515245 + 12345) % 2147483648;
    return seed % n;
  };
  const rows = ["person,note,gender,age,type"];
  for (let i = 0; i < 120; i++) {
    const person = `P${next(60)}`;
    const gender = ["F", "M"][Number(person.slice(1)) % 2]!;
    const age = i % 17 === 0 ? "NA" : String(10 + ((Number(person.slice(1)) * 7) % 60));
    const type = ["sex", "labour", "sex;labour", "", "begging"][next(5)]!;
    rows.push(`${person},n${i},${gender},${age},${type}`);
  }
  rows.push("Q1,x,zz,70,sex");
  return `${rows.join("\n")}\n`;
}
const RICH_FLAGS = [
  "--subject-id",
  "person",
  "--columns",
  "gender,age,type",
  "--multi-value",
  "type=;",
  "--bin",
  "age=edges:20,40",
  "--missing",
  "NA",
  "--k",
  "3",
];

describe("verify on releases made by aggregate", () => {
  it("passes and prints a one-line summary", () => {
    const [input, out] = oracleRelease();
    const r = verify([input, out]);
    expectSuccess(r);
    expect(r.stdout.split("\n")[0]).toBe(
      "Verified: 7 aggregate rows keep every promise of the manifest (k = 2, L = 3).",
    );
    expect(r.stdout).toContain(
      "Checked against the sensitive data: manifest.json, aggregates.csv. Also checked: aggregates.csv (SHA-256), datapackage.json, no other file in the folder.",
    );
    expect(r.stderr).toBe("");
  });

  it("fails when a count was changed, naming the row and the combination", () => {
    const [input, out] = oracleRelease();
    editLine(join(out, "aggregates.csv"), 1, "a1,,,4");
    expectViolations(verify([input, out]), [
      'aggregates.csv row 1 (A = "a1"): the count is 4, but the data give 2',
    ]);
  });

  it("fails when a row was deleted or a fabricated one added", () => {
    const [input, out] = oracleRelease();
    editLine(join(out, "aggregates.csv"), 5, undefined); // a1,b2,,2
    appendFileSync(join(out, "aggregates.csv"), "a2,b1,,2\n");
    expectViolations(verify([input, out]), [
      // The two rows, and the file's SHA-256 no longer the one the manifest records.
      "3 violations",
      "aggregates.csv is not the file the release was made with",
      'aggregates.csv row 7 (A = "a2", B = "b1"): no record in the data holds this combination.',
      'aggregates.csv has no row for A = "a1", B = "b2"',
    ]);
  });

  it("fails when the statement speaks of another k", () => {
    const [input, out] = oracleRelease();
    const manifest = readJson(join(out, "manifest.json")) as { statement: string };
    manifest.statement = manifest.statement.replaceAll("at least 2", "at least 5");
    writeFileSync(join(out, "manifest.json"), JSON.stringify(manifest));
    expectViolations(verify([input, out]), ["statement", "it says at least 5"]);
  });

  it("reads cells written with the spreadsheet-safety prefix and quotes back", () => {
    const dir = tempDir();
    const out = join(dir, "out");
    const input = fixture("spreadsheet.csv");
    expectSuccess(aggregate([input, "--k", "2", "--out", out, "--quiet"]));
    expect(readText(join(out, "aggregates.csv"))).toContain("'=HYPERLINK");
    expectSuccess(verify([input, out]));
  });

  it("lists the first 20 violations, then how many more", () => {
    const dir = tempDir();
    const input = join(dir, "many.csv");
    // 30 values, each held by 2 rows: 30 reportable combinations at k = 2.
    writeFileSync(input, `v\n${Array.from({ length: 60 }, (_, i) => `x${i % 30}`).join("\n")}\n`);
    const out = join(dir, "out");
    expectSuccess(aggregate([input, "--k", "2", "--out", out, "--quiet"]));
    writeFileSync(join(out, "aggregates.csv"), "v,count\n");
    const r = verify([input, out]);
    // 30 missing rows, and the file no longer the one whose SHA-256 the manifest records.
    expectViolations(r, ["31 violations", "… and 11 more."]);
    expect(r.stderr.match(/^ {2}- /gm)).toHaveLength(20);
  });

  it("--k and --length must match what the manifest states", () => {
    const [input, out] = oracleRelease();
    expectViolations(verify([input, out, "--k", "3", "--length", "2"]), [
      "manifest.json states k = 2, not the k = 3 asked for.",
      "manifest.json states L = 3, not the L = 2 asked for.",
    ]);
  });

  it("--json prints the result; --quiet prints nothing when it passes", () => {
    const [input, out] = oracleRelease();
    const r = verify([input, out, "--json"]);
    expectSuccess(r);
    const json = JSON.parse(r.stdout) as { ok: boolean; sameInput: boolean; checked: object };
    expect(json.ok).toBe(true);
    expect(json.sameInput).toBe(true);
    expect(json.checked).toEqual({ syntheticRecords: 0, aggregateRows: 7, combinations: 7 });
    const q = verify([input, out, "--quiet"]);
    expectSuccess(q);
    expect(q.stdout + q.stderr).toBe("");
  });
});

describe("the input and the private run.json", () => {
  it("warns when the input is not the file the release was made from", () => {
    const [input, out] = oracleRelease();
    const dir = tempDir();
    const copy = join(dir, "oracle.csv");
    // The same records with Windows line endings: other bytes, the same data.
    writeFileSync(copy, readText(input).replaceAll("\n", "\r\n"));
    const r = verify([copy, out]);
    expectSuccess(r);
    expect(r.stdout).toMatch(/^Verified:/);
    expect(r.stderr).toContain(`Warning: ${copy} is not the file the release was made from`);
    expect(r.stderr).toContain("SHA-256");
    // Changed data: the warning, then the violations it causes.
    writeFileSync(copy, `${readText(input)}a1,b1,c2\n`);
    const changed = verify([copy, out]);
    expect(changed.status).toBe(1);
    expect(changed.stderr).toContain("is not the file the release was made from");
    expect(changed.stderr).toContain("Check that the input is the file it was made from");
  });

  it("warns when there is no run.json, and finds it with --private", () => {
    const [input, out] = oracleRelease();
    const moved = join(tempDir(), "vault");
    renameSync(`${out}.private`, moved);
    const r = verify([input, out]);
    expectSuccess(r);
    expect(r.stderr).toContain("Warning: No run.json in");
    const found = verify([input, out, "--private", moved]);
    expectSuccess(found);
    expect(found.stderr).toBe("");
  });

  it("reads the record limit from run.json when the manifest could not publish it", () => {
    const dir = tempDir();
    const out = join(dir, "out");
    const input = fixture("oracle.csv");
    // 3 is no multiple of k = 2, so the manifest omits it (it would reveal n).
    expectSuccess(aggregate([input, "--k", "2", "--record-limit", "3", "--out", out, "--quiet"]));
    expect((readJson(join(out, "manifest.json")) as { input: object }).input).not.toHaveProperty(
      "recordLimit",
    );
    expectSuccess(verify([input, out]));
  });
});

describe("verify defaults to the settings recorded in the manifest", () => {
  it("verifies a release made with a subject ID, multi-value, binning, missing tokens and columns", () => {
    const dir = tempDir();
    const input = join(dir, "rich.csv");
    writeFileSync(input, richCsv());
    const out = join(dir, "out");
    expectSuccess(aggregate([input, ...RICH_FLAGS, "--out", out, "--quiet"]));
    const r = verify([input, out]);
    expectSuccess(r);
    expect(r.stdout).toMatch(/^Verified: \d+ aggregate rows keep every promise .*\(k = 3, L = 3\)/);
    // A flag overrides the recorded setting: other bins are other columns.
    expectViolations(verify([input, out, "--bin", "age=edges:30"]), [
      'manifest.json describes column 2 as "age"',
    ]);
  });
});

describe("bad input exits 2", () => {
  it("refuses a missing release folder, a folder without a manifest, and a broken one", () => {
    const [input, out] = oracleRelease();
    const dir = tempDir();
    expectFailure(verify([input, join(dir, "nowhere")]), { says: ["does not exist"] });
    mkdirSync(join(dir, "empty"));
    expectFailure(verify([input, join(dir, "empty")]), { says: ["has no manifest.json"] });
    const broken = join(dir, "broken");
    mkdirSync(broken);
    copyFileSync(join(out, "aggregates.csv"), join(broken, "aggregates.csv"));
    writeFileSync(join(broken, "manifest.json"), "{ not json");
    expectFailure(verify([input, broken]), { says: ["manifest.json is not valid JSON"] });
    const manifest = readJson(join(out, "manifest.json")) as { privacy: { k: unknown } };
    manifest.privacy.k = "ten";
    writeFileSync(join(broken, "manifest.json"), JSON.stringify(manifest));
    expectFailure(verify([input, broken]), { says: ['"privacy.k" must be a whole number'] });
  });

  it("refuses a release without aggregates.csv and a missing input file", () => {
    const [input, out] = oracleRelease();
    expectFailure(verify([join(tempDir(), "missing.csv"), out]), { says: ["does not exist"] });
    rmSync(join(out, "aggregates.csv"));
    expectFailure(verify([input, out]), { says: ["has no aggregates.csv"] });
  });
});

const MODES = ["row-seeded", "value-seeded", "unseeded", "aggregate-seeded"] as const;

describe("verify on releases made by synthesize", () => {
  for (const mode of MODES) {
    it(`passes the ${mode} release and fails once synthetic.csv holds a rare combination`, () => {
      const dir = tempDir();
      const input = join(dir, "rich.csv");
      writeFileSync(input, richCsv());
      const out = join(dir, "out");
      expectSuccess(
        runCli([
          "synthesize",
          input,
          ...RICH_FLAGS,
          "--mode",
          mode,
          "--seed",
          "1",
          "--out",
          out,
          "--quiet",
        ]),
      );
      const r = verify([input, out]);
      expectSuccess(r);
      expect(r.stdout).toMatch(
        /^Verified: \d+ synthetic records and \d+ aggregate rows keep every promise of the manifest \(k = 3, L = 3\)\.\n/,
      );
      // Row 1 replaced by a record of the one person with gender "zz" (fewer than k = 3).
      const synthetic = join(out, "synthetic.csv");
      expect(readText(synthetic).split("\n")[0]).toBe("gender,age,type");
      editLine(synthetic, 1, "zz,,");
      expectViolations(verify([input, out]), [
        mode === "aggregate-seeded"
          ? 'synthetic.csv row 1 (gender = "zz"): its combination gender = "zz" is held by only 1 record'
          : 'synthetic.csv row 1 (gender = "zz"): only 1 record in the data holds all its attributes together, fewer than k = 3.',
      ]);
    });
  }
});

/**
 * A table for the tampering tests of issue 11 (defect 5): 3,000 rows, three skewed columns, so
 * that every single value is held by hundreds of rows.
 */
function skewedCsv(rows = 3000): string {
  let seed = 11;
  const next = (n: number) => {
    seed = (seed * 1103515245 + 12345) % 2147483648;
    return (seed >>> 8) % n;
  };
  const pick = (values: readonly string[], weights: readonly number[]) => {
    let r = next(weights.reduce((a, b) => a + b, 0));
    for (let i = 0; i < values.length; i++) {
      r -= weights[i]!;
      if (r < 0) return values[i]!;
    }
    return values.at(-1)!;
  };
  const lines = ["region,sector,year"];
  for (let i = 0; i < rows; i++) {
    lines.push(
      [
        pick(["north", "south", "east", "west"], [4, 3, 2, 1]),
        pick(["farm", "factory", "home"], [5, 3, 2]),
        pick(["2021", "2022", "2023"], [2, 3, 5]),
      ].join(","),
    );
  }
  return `${lines.join("\n")}\n`;
}

/** A k-anonymous release of `input` with its showcase: the release folder. */
function kRelease(dir: string, input: string, name: string, k: number): string {
  const out = join(dir, name);
  expectSuccess(
    runCli(["synthesize", input, "--k", String(k), "--seed", "3", "--out", out, "--quiet"]),
  );
  return out;
}

describe("verify checks every file of the release (issue 11, defect 5)", () => {
  it("fails a k = 10 release whose showcase.html was swapped for a weaker release's", () => {
    const dir = tempDir();
    const input = join(dir, "cases.csv");
    writeFileSync(input, skewedCsv(600));
    const strong = kRelease(dir, input, "k10", 10);
    // k = 2: the weakest k every version accepts (k = 1 is refused by issue 11, defect 10).
    const weak = kRelease(dir, input, "k2", 2);
    expectSuccess(verify([input, strong]));
    copyFileSync(join(weak, "showcase.html"), join(strong, "showcase.html"));
    const r = verify([input, strong]);
    expectViolations(r, ["showcase.html"]);
    expect(r.stderr).toMatch(/showcase\.html.*(manifest|statement)/);
  });

  it("fails when datapackage.json no longer describes the release", () => {
    const dir = tempDir();
    const input = join(dir, "cases.csv");
    writeFileSync(input, skewedCsv(600));
    const out = kRelease(dir, input, "out", 10);
    const path = join(out, "datapackage.json");
    const descriptor = readJson(path) as { description: string };
    descriptor.description = "Every combination describes at least 1 person.";
    writeFileSync(path, JSON.stringify(descriptor));
    expectViolations(verify([input, out]), ["datapackage.json", "statement"]);
  });

  it("fails when the release folder holds a file it should not", () => {
    const [input, out] = oracleRelease();
    writeFileSync(join(out, "notes.txt"), "the raw file is at /data/cases.csv\n");
    expectViolations(verify([input, out]), ["notes.txt"]);
  });

  it("says what it checked, and what no check can prove", () => {
    const dir = tempDir();
    const input = join(dir, "cases.csv");
    writeFileSync(input, skewedCsv(600));
    const out = kRelease(dir, input, "out", 10);
    const r = verify([input, out]);
    expectSuccess(r);
    expect(r.stdout).toContain(
      "Checked against the sensitive data: manifest.json, aggregates.csv, synthetic.csv. Also checked: synthetic.csv (SHA-256), aggregates.csv (SHA-256), datapackage.json, showcase.html (its data, statement, title and language), no other file in the folder.",
    );
    expect(r.stdout).toContain("Not checked: the program of showcase.html (its scripts)");
  });

  it("fails a DP release whose aggregates.csv and synthetic.csv were replaced by exact counts", async () => {
    const core = await import("@commonground/core/internal");
    const dir = tempDir();
    const input = join(dir, "cases.csv");
    const text = skewedCsv(3000);
    writeFileSync(input, text);
    const out = join(dir, "out");
    expectSuccess(
      runCli(["synthesize", input, "--mode", "dp", "--epsilon", "4", "--out", out, "--quiet"]),
    );
    const honest = verify([input, out]);
    expectSuccess(honest);
    expect(honest.stdout).toContain("The noise: ");
    expect(honest.stdout).toContain("Noise cannot be proven from the files, only found missing");

    const manifest = readJson(join(out, "manifest.json")) as {
      privacy: { reportingLength: number };
      records: { synthetic: number };
    };
    const data = core.readDatasetFromText(text);
    const exact = await core.aggregate(data, {
      k: 1,
      length: manifest.privacy.reportingLength,
    });
    writeFileSync(join(out, "aggregates.csv"), core.aggregatesCsvText(data, exact.reportable));
    // The real records as the synthetic ones, as many as the manifest states.
    const rows = text.trimEnd().split("\n").slice(1);
    const records = Array.from(
      { length: manifest.records.synthetic },
      (_, i) => rows[i % rows.length],
    );
    writeFileSync(join(out, "synthetic.csv"), `region,sector,year\n${records.join("\n")}\n`);
    const r = verify([input, out]);
    expectViolations(r, ["noise"]);
  });
});

describe("a data column named count (issue 11, defect 8)", () => {
  it("heads the count column count_2, names it in the manifest, and every reader uses it", () => {
    const dir = tempDir();
    const input = join(dir, "cases.csv");
    const rows = ["count,sector"];
    for (let i = 0; i < 300; i++) rows.push(`${i % 3},${["farm", "home"][i % 2]}`);
    writeFileSync(input, `${rows.join("\n")}\n`);
    const out = join(dir, "out");
    expectSuccess(runCli(["synthesize", input, "--seed", "1", "--out", out, "--quiet"]));
    expect(readText(join(out, "aggregates.csv")).split("\n")[0]).toBe("count,sector,count_2");
    expect((readJson(join(out, "manifest.json")) as { countColumn: string }).countColumn).toBe(
      "count_2",
    );
    expectSuccess(verify([input, out]));
    expectSuccess(runCli(["verify", "--public", out]));
    const evaluated = runCli(["evaluate", input, out, "--quiet"]);
    expectSuccess(evaluated);
    expect(evaluated.stderr).not.toContain("left out of the comparison");
  });
});

describe("a release made by an older CommonGround still verifies", () => {
  it("passes without the recorded hashes and count column name, saying what it could not check", () => {
    const dir = tempDir();
    const input = join(dir, "cases.csv");
    writeFileSync(input, skewedCsv(600));
    const out = kRelease(dir, input, "out", 10);
    const manifest = readJson(join(out, "manifest.json")) as Record<string, unknown>;
    delete manifest.fileHashes;
    delete manifest.countColumn;
    writeFileSync(join(out, "manifest.json"), JSON.stringify(manifest, null, 2));
    const descriptor = readJson(join(out, "datapackage.json")) as {
      resources: Record<string, unknown>[];
    };
    for (const r of descriptor.resources) delete r.hash;
    writeFileSync(join(out, "datapackage.json"), JSON.stringify(descriptor, null, 2));
    expectSuccess(runCli(["showcase", out, "--quiet"]));
    for (const r of [verify([input, out]), runCli(["verify", "--public", out])]) {
      expectSuccess(r);
      expect(r.stdout).toContain("Not checked: manifest.json records no SHA-256 of the CSV files");
    }
  });
});

describe("verify --public (docs/design.md §15)", () => {
  it("checks a release without the sensitive input, and finds a changed file", () => {
    const dir = tempDir();
    const input = join(dir, "cases.csv");
    writeFileSync(input, skewedCsv(600));
    const out = kRelease(dir, input, "out", 10);
    const r = runCli(["verify", "--public", out]);
    expectSuccess(r);
    expect(r.stdout).toContain("without the sensitive data");
    // One count changed: the file's SHA-256 no longer matches the manifest's.
    const path = join(out, "aggregates.csv");
    const lines = readText(path).split("\n");
    lines[1] = lines[1]!.replace(/,(\d+)$/, (_, n: string) => `,${Number(n) + 10}`);
    writeFileSync(path, lines.join("\n"));
    expectViolations(runCli(["verify", "--public", out]), ["aggregates.csv", "SHA-256"]);
  });

  it("finds aggregates that are not closed under sub-combinations", () => {
    const dir = tempDir();
    const input = join(dir, "cases.csv");
    writeFileSync(input, skewedCsv(600));
    const out = kRelease(dir, input, "out", 10);
    const manifest = readJson(join(out, "manifest.json")) as Record<string, unknown>;
    // Without the recorded hashes, the structure of the aggregates is still checked.
    delete manifest.fileHashes;
    writeFileSync(join(out, "manifest.json"), JSON.stringify(manifest, null, 2));
    rmSync(join(out, "datapackage.json"));
    rmSync(join(out, "showcase.html"));
    manifest.files = (manifest.files as string[]).filter(
      (f) => f !== "datapackage.json" && f !== "showcase.html",
    );
    writeFileSync(join(out, "manifest.json"), JSON.stringify(manifest, null, 2));
    const path = join(out, "aggregates.csv");
    const lines = readText(path).split("\n");
    // Drop the first row (a single value, the largest count): its pairs lose their part.
    lines.splice(1, 1);
    writeFileSync(path, lines.join("\n"));
    expectViolations(runCli(["verify", "--public", out]), ["aggregates.csv", "not its part"]);
  });
});
