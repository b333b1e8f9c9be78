/**
 * The command line's help and conveniences: grouped --help, short flags for the common options,
 * `help COMMAND` and an unknown one, shell completion scripts made from the program (bash run
 * for real; zsh and fish by content).
 */
import { spawnSync } from "node:child_process";
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { buildProgram } from "../src/program.js";
import {
  ensureBuilt,
  expectFailure,
  expectSuccess,
  ORACLE_CSV,
  readText,
  runCli,
  tempDir,
} from "./run-cli.js";

beforeAll(ensureBuilt);

describe("--help", () => {
  it("groups synthesize's flags: reading the input, privacy, differential privacy, output", () => {
    const r = runCli(["synthesize", "--help"]);
    expectSuccess(r);
    const headings = r.stdout.split("\n").filter((l) => /^[A-Z][^:]*:$/.test(l));
    expect(headings).toEqual([
      "Arguments:",
      "Reading the input:",
      "Privacy:",
      "Differential privacy (--mode dp):",
      "Output:",
      "Options:",
      "Example:",
    ]);
    const section = (heading: string) => {
      const from = r.stdout.indexOf(`${heading}\n`);
      const to = r.stdout.indexOf("\n\n", from);
      return r.stdout.slice(from, to);
    };
    expect(section("Reading the input:")).toContain("--subject-id");
    expect(section("Privacy:")).toContain("-k, --k <n>");
    expect(section("Differential privacy (--mode dp):")).toContain("--epsilon");
    expect(section("Output:")).toContain("-o, --out <dir>");
  });

  it("takes -o, -k and -L for --out, --k and --length", () => {
    const dir = tempDir();
    const input = join(dir, "oracle.csv");
    writeFileSync(input, ORACLE_CSV);
    const out = join(dir, "out");
    expectSuccess(runCli(["aggregate", input, "-o", out, "-k", "2", "-L", "2"]));
    const manifest = JSON.parse(readText(join(out, "manifest.json")));
    expect(manifest.privacy).toMatchObject({ k: 2, reportingLength: 2 });
  });

  it("help COMMAND shows that command's help; an unknown one is an error listing the commands", () => {
    const r = runCli(["help", "verify"]);
    expectSuccess(r);
    expect(r.stdout).toContain("Usage: commonground verify");
    expect(runCli(["help"]).stdout).toContain("Usage: commonground [options] [command]");
    expectFailure(runCli(["help", "nosuch"]), {
      says: ['There is no command "nosuch"', "synthesize", "verify"],
    });
  });
});

describe("shell completion", () => {
  const program = buildProgram();
  const script = (shell: string) => {
    const r = runCli(["completion", shell]);
    expectSuccess(r);
    return r.stdout;
  };

  it("lists every command and every flag, in each shell's script", () => {
    for (const shell of ["bash", "zsh", "fish"]) {
      const text = script(shell);
      for (const cmd of program.commands) {
        expect(text, `${shell}: ${cmd.name()}`).toContain(cmd.name());
        for (const o of cmd.options.filter((o) => o.long && !o.hidden)) {
          const flag = shell === "fish" ? `-l ${o.long!.slice(2)} ` : `${o.long} `;
          expect(text, `${shell}: ${cmd.name()} ${o.long}`).toContain(flag);
        }
      }
    }
  });

  it("completes commands and flags in bash", () => {
    const dir = tempDir();
    const file = join(dir, "commonground.bash");
    writeFileSync(file, script("bash"));
    const complete = (words: string[]) => {
      const r = spawnSync(
        "bash",
        [
          "-c",
          `source "${file}"; COMP_WORDS=(${words.map((w) => `"${w}"`).join(" ")}); COMP_CWORD=${words.length - 1}; _commonground; printf '%s\\n' "\${COMPREPLY[@]}"`,
        ],
        { encoding: "utf8" },
      );
      expect(r.status, r.stderr).toBe(0);
      return r.stdout.trim().split("\n");
    };
    expect(complete(["commonground", "syn"])).toEqual(["synthesize"]);
    expect(complete(["commonground", "synthesize", "--eps"])).toEqual(["--epsilon"]);
    expect(complete(["commonground", "verify", "--pub"])).toEqual(["--public"]);
    expect(complete(["commonground", "help", "agg"])).toEqual(["aggregate"]);
  });

  it("refuses a shell it has no script for", () => {
    expectFailure(runCli(["completion", "tcsh"]), { says: ['"tcsh"', "bash, zsh, fish"] });
  });
});
