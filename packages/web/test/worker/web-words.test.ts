/**
 * No web message names a command-line flag: every flag that core's messages may name (found in
 * core's sources) has its words in the app, and errors and warnings reach the page in them.
 */
import { readdirSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import { readDatasetFromText } from "@commonground/core/internal";
import { describe, expect, it } from "vitest";
import { errorInfo } from "../../src/worker/error-info.js";
import { inWebWords, WEB_WORDS } from "../../src/worker/web-words.js";

const CORE = new URL("../../../core/src/", import.meta.url).pathname;

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return sources(path);
    return path.endsWith(".ts") ? [path] : [];
  });
}

/** Flags named in core's code (comments and decrements such as `--n[i]` aside). */
function flagsInCore(): Set<string> {
  const flags = new Set<string>();
  for (const file of sources(CORE)) {
    for (const line of readFileSync(file, "utf8").split("\n")) {
      if (/^\s*(\/\/|\*|\/\*)/.test(line)) continue;
      for (const m of line.matchAll(/(?<=[\s"'`(])--[a-z][a-z-]*(?![[\w])/g)) flags.add(m[0]);
    }
  }
  return flags;
}

describe("the app's words for core's messages", () => {
  it("cover every flag core's messages may name", () => {
    const flags = flagsInCore();
    expect(flags.size).toBeGreaterThan(15);
    expect([...flags].filter((f) => WEB_WORDS[f] === undefined)).toEqual([]);
    for (const f of flags) expect(inWebWords(`use ${f} here`)).not.toMatch(/--[a-z]/);
  });

  it("reach the page: an error of a bad file names no flag", () => {
    let error: unknown;
    try {
      readDatasetFromText("age,x\n1,a\n2,b\n", { bins: { age: "edges:" } });
    } catch (e) {
      error = e;
    }
    const info = errorInfo(error);
    expect(info.internal).toBeUndefined();
    expect(`${info.message} ${info.hint ?? ""}`).not.toMatch(/--[a-z]/);
    expect(`${info.message} ${info.hint ?? ""}`).toMatch(/Binning \(Data step\)|bin/i);
  });
});
