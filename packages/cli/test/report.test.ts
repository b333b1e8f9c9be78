/**
 * What the CLI prints about the data (issue 11, defect 8): column names, values and file names
 * come from the input, so control characters in them (an ANSI escape sequence that recolours
 * the screen, clears it or retitles the window) are shown escaped, never sent raw.
 */
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { aggregate, ensureBuilt, expectFailure, expectSuccess, tempDir } from "./run-cli.js";

beforeAll(ensureBuilt);

const ESC = "\u001b";
const TITLE = `${ESC}]0;pwned\u0007`;
const CLEAR = `${ESC}[2J`;

describe("text from the data on the terminal", () => {
  it("escapes control characters in an error's message, column and hint", () => {
    const dir = tempDir();
    const input = join(dir, "ages.csv");
    // Enough ordinary rows that the few control characters do not look like a binary file.
    writeFileSync(input, `g,${CLEAR}age\n${"a,30\n".repeat(50)}b,${TITLE}\n`);
    const r = aggregate([input, "--bin", `${CLEAR}age=edges:18`, "--out", join(dir, "out")]);
    expectFailure(r, {
      says: ['"\\x1b]0;pwned\\x07" is not a number', 'column "\\x1b[2Jage"', 'Add "\\x1b]0;'],
      dir,
    });
    expect(r.stderr).not.toContain(ESC);
    expect(r.stderr).not.toContain("\u0007");
  });

  it("escapes control characters in a usage error quoting an argument", () => {
    const r = aggregate(["cases.csv", `--${CLEAR}k`]);
    expectFailure(r, { says: ["unknown option '--\\x1b[2Jk'"], hint: false });
    expect(r.stderr).not.toContain(ESC);
  });

  it("escapes control characters in warnings and in the summary", () => {
    const dir = tempDir();
    const input = join(dir, "codes.csv");
    const rows = Array.from({ length: 150 }, (_, i) => `${i % 2 === 0 ? "a" : "b"},${i % 120}`);
    writeFileSync(input, `g${TITLE},${CLEAR}code\n${rows.join("\n")}\n`);
    const r = aggregate([input, "--k", "5", "--length", "1", "--out", join(dir, "out")]);
    expectSuccess(r);
    expect(r.stderr).toContain('"\\x1b[2Jcode" has 120 distinct values');
    expect(r.stdout).toContain("\\x1b[2Jcode");
    expect(r.stdout + r.stderr).not.toContain(ESC);
    expect(r.stdout + r.stderr).not.toContain("\u0007");
  });
});
