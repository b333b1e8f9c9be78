/**
 * The packages install and work where nothing else is: packed as `npm run pack` packs them,
 * installed into an empty folder with npm and no registry (--offline: they must need nothing
 * beyond themselves), then used as a user would — `npx commonground …` for a release, its web
 * app served, and the library example of packages/core/README.md run as written and type-checked
 * against the installed package's types.
 */
import { type ChildProcess, spawn, spawnSync } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ensureBuilt, repoRoot, SAMPLE } from "./run-cli.js";

const INSTALL_TIMEOUT = 180_000;
let work: string;
let tarballs: string[];
const children: ChildProcess[] = [];

function run(cmd: string, args: string[], cwd: string) {
  const r = spawnSync(cmd, args, {
    cwd,
    encoding: "utf8",
    env: { ...process.env, NO_COLOR: "1", npm_config_fund: "false", npm_config_audit: "false" },
  });
  if (r.status !== 0) {
    throw new Error(`${cmd} ${args.join(" ")} exited ${r.status}:\n${r.stdout}\n${r.stderr}`);
  }
  return r.stdout;
}

/** An empty folder with only a package.json, and the tarball installed into it offline. */
function installInto(name: string, tarball: string): string {
  const dir = join(work, name);
  mkdirSync(dir);
  writeFileSync(join(dir, "package.json"), '{ "private": true, "type": "module" }\n');
  run("npm", ["install", "--offline", "--ignore-scripts", tarball], dir);
  return dir;
}

beforeAll(() => {
  ensureBuilt();
  run("npx", ["tsc", "-b", "packages/core"], repoRoot);
  work = mkdtempSync(join(tmpdir(), "commonground-install-"));
  tarballs = run(process.execPath, ["scripts/pack.mjs", join(work, "packed")], repoRoot)
    .trim()
    .split("\n");
}, INSTALL_TIMEOUT);

afterAll(() => {
  for (const child of children) child.kill();
  if (work) rmSync(work, { recursive: true, force: true });
});

const tarball = (prefix: string) => {
  const found = tarballs.find((t) => new RegExp(`/${prefix}-\\d[^/]*\\.tgz$`).test(t));
  if (!found) throw new Error(`no ${prefix} tarball among ${tarballs.join(", ")}`);
  return found;
};

describe("the commonground package (command line and web app)", () => {
  let dir: string;
  beforeAll(() => {
    dir = installInto("cli", tarball("commonground"));
  }, INSTALL_TIMEOUT);

  it("carries built code only: no sources, tests or source maps", () => {
    const listed = run("tar", ["tzf", tarball("commonground")], work).split("\n");
    expect(listed).toContain("package/dist/main.js");
    expect(listed).toContain("package/dist/web/index.html");
    expect(listed).toContain("package/LICENSE");
    expect(listed.filter((f) => /\/(src|test)\/|\.map$|\.ts$/.test(f))).toEqual([]);
  });

  it("installs with nothing else: no dependencies to fetch", () => {
    const manifest = JSON.parse(
      readFileSync(join(dir, "node_modules/commonground/package.json"), "utf8"),
    );
    expect(manifest.dependencies ?? {}).toEqual({});
    expect(manifest.license).toBe("MIT");
    expect(run("npx", ["--offline", "commonground", "--version"], dir).trim()).toMatch(
      /^\d+\.\d+\.\d+$/,
    );
  });

  it("makes a release with npx commonground", () => {
    run(
      "npx",
      ["--offline", "commonground", "synthesize", SAMPLE, "--out", "release", "--seed", "1"],
      dir,
    );
    for (const file of ["synthetic.csv", "aggregates.csv", "manifest.json", "showcase.html"]) {
      expect(existsSync(join(dir, "release", file)), file).toBe(true);
    }
    const manifest = JSON.parse(readFileSync(join(dir, "release/manifest.json"), "utf8"));
    expect(manifest.privacy.k).toBe(10);
    // The release verifies against its input with the installed package alone.
    run("npx", ["--offline", "commonground", "verify", SAMPLE, "release"], dir);
  });

  it("serves the web app (commonground app)", async () => {
    const bin = join(dir, "node_modules/.bin/commonground");
    const child = spawn(bin, ["app", "--port", "0"], {
      cwd: dir,
      stdio: ["ignore", "pipe", "pipe"],
    });
    children.push(child);
    const url = await new Promise<string>((found, failed) => {
      let out = "";
      child.stdout?.setEncoding("utf8").on("data", (s: string) => {
        out += s;
        const m = /running at (\S+)\n/.exec(out);
        if (m?.[1] !== undefined) found(m[1]);
      });
      child.once("exit", (code) => failed(new Error(`app exited ${code}`)));
    });
    const page = await fetch(url);
    expect(page.status).toBe(200);
    expect(await page.text()).toContain("<script");
    child.kill();
  });
});

describe("the @commonground/core package (the engine as a library)", () => {
  let dir: string;
  const example = () => {
    const readme = readFileSync(join(repoRoot, "packages/core/README.md"), "utf8");
    const block = /```js\n([\s\S]*?)```/.exec(readme)?.[1];
    if (block === undefined) throw new Error("packages/core/README.md has no ```js example");
    return block;
  };
  beforeAll(() => {
    dir = installInto("library", tarball("commonground-core"));
  }, INSTALL_TIMEOUT);

  it("runs the README's example as written", () => {
    writeFileSync(join(dir, "release.mjs"), example());
    writeFileSync(join(dir, "cases.csv"), readFileSync(SAMPLE));
    run(process.execPath, ["release.mjs"], dir);
    const manifest = JSON.parse(readFileSync(join(dir, "release/manifest.json"), "utf8"));
    expect(manifest.privacy.k).toBe(10);
    expect(
      readFileSync(join(dir, "release/synthetic.csv"), "utf8").split("\n").length,
    ).toBeGreaterThan(100);
  });

  it("types the example from the built declarations, strictly", () => {
    writeFileSync(join(dir, "release.ts"), example());
    writeFileSync(
      join(dir, "tsconfig.json"),
      JSON.stringify({
        compilerOptions: {
          strict: true,
          noEmit: true,
          target: "ES2022",
          module: "NodeNext",
          moduleResolution: "NodeNext",
          types: ["node"],
          typeRoots: [join(repoRoot, "node_modules/@types")],
          skipLibCheck: false,
        },
        files: ["release.ts"],
      }),
    );
    run(process.execPath, [join(repoRoot, "node_modules/typescript/bin/tsc"), "-p", "."], dir);
    // The types come from the installed package's built files, not from the repository's sources.
    const manifest = JSON.parse(
      readFileSync(join(dir, "node_modules/@commonground/core/package.json"), "utf8"),
    );
    expect(manifest.exports["."].types).toBe("./dist/index.d.ts");
    expect(existsSync(join(dir, "node_modules/@commonground/core/dist/index.d.ts"))).toBe(true);
  });
});
