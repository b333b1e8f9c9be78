/**
 * Ctrl-C (docs/design.md §8): exit code 130, and nothing of the run remains — also while counting on a
 * single thread, which must not block the handling of the signal until counting is done.
 */
import { spawn } from "node:child_process";
import { readdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import {
  cliDir,
  ensureBuilt,
  expectNoOutput,
  expectNoStackTrace,
  repoRoot,
  tempDir,
} from "./run-cli.js";

beforeAll(ensureBuilt);

/** 20,000 rows × 20 columns: read in well under a second, counted at L = 4 in several seconds. */
function wideTable(): string {
  let state = 7;
  const next = () => {
    state ^= state << 13;
    state ^= state >>> 17;
    state ^= state << 5;
    return (state >>> 0) / 2 ** 32;
  };
  const columns = Array.from({ length: 20 }, (_, i) => `c${i}`);
  const lines = [columns.join(",")];
  for (let r = 0; r < 20_000; r++) {
    lines.push(columns.map((_, i) => `v${Math.floor(next() ** 2 * (3 + i))}`).join(","));
  }
  return `${lines.join("\n")}\n`;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe("Ctrl-C", () => {
  for (const threads of ["1", "2"]) {
    it(`with --threads ${threads} exits 130 and removes the staging folders`, async () => {
      const dir = tempDir();
      const input = join(dir, "wide.csv");
      writeFileSync(input, wideTable());
      const env: NodeJS.ProcessEnv = { ...process.env, NO_COLOR: "1" };
      delete env.FORCE_COLOR;
      const child = spawn(
        process.execPath,
        [
          join(cliDir, "bin", "commonground.js"),
          ...["aggregate", input, "--k", "5", "--length", "4", "--threads", threads],
          ...["--out", join(dir, "out"), "--quiet"],
        ],
        { cwd: repoRoot, env, stdio: ["ignore", "pipe", "pipe"] },
      );
      let stderr = "";
      child.stderr.setEncoding("utf8").on("data", (s: string) => {
        stderr += s;
      });
      const exited = new Promise<number | null>((resolve) => child.on("close", resolve));
      // Wait for the staging folders (the run has started writing), then for counting to begin.
      const deadline = Date.now() + 20_000;
      while (!readdirSync(dir).some((e) => e.startsWith(".out.partial-"))) {
        if (Date.now() > deadline || child.exitCode !== null) break;
        await sleep(20);
      }
      await sleep(800);
      expect(child.exitCode, "the run ended before it could be interrupted").toBeNull();
      child.kill("SIGINT");
      const status = await exited;
      expect(status, stderr).toBe(130);
      expect(stderr).toContain("Interrupted");
      expectNoStackTrace(stderr);
      expectNoOutput(dir);
      expect(readdirSync(dir)).toEqual(["wide.csv"]);
    });
  }
});
