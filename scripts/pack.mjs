#!/usr/bin/env node
// Packs the two installable packages into a folder (default out/pack), after `npm run build`:
//   commonground-<version>.tgz          the command line and the web app, self-contained
//                                       (core, the web app and every dependency bundled in)
//   commonground-core-<version>.tgz     @commonground/core, the engine as a library
// Usage: node scripts/pack.mjs [destination]. Prints the tarballs' paths, one per line.
import { spawnSync } from "node:child_process";
import { copyFileSync, existsSync, mkdirSync, rmSync } from "node:fs";
import { resolve } from "node:path";
import { fileURLToPath } from "node:url";

const root = fileURLToPath(new URL("..", import.meta.url));
const destination = resolve(process.argv[2] ?? `${root}out/pack`);

const missing = [
  "packages/core/dist/index.js",
  "packages/cli/dist/main.js",
  "packages/cli/dist/web/index.html",
].filter((file) => !existsSync(`${root}${file}`));
if (missing.length > 0) {
  process.stderr.write(
    `Cannot pack: not built (${missing.join(", ")} missing). Run \`npm run build\` first.\n`,
  );
  process.exit(1);
}

mkdirSync(destination, { recursive: true });
// Each package carries the repository's licence (npm packs a package's own folder only).
const licences = ["packages/core/LICENSE", "packages/cli/LICENSE"].map((f) => `${root}${f}`);
for (const copy of licences) copyFileSync(`${root}LICENSE`, copy);
const packed = spawnSync(
  "npm",
  [
    "pack",
    "--workspace",
    "packages/core",
    "--workspace",
    "packages/cli",
    "--pack-destination",
    destination,
    "--json",
    "--ignore-scripts",
  ],
  { cwd: root, encoding: "utf8", stdio: ["ignore", "pipe", "inherit"] },
);
for (const copy of licences) rmSync(copy, { force: true });
if (packed.status !== 0) {
  process.stderr.write("npm pack failed.\n");
  process.exit(1);
}
for (const { filename } of JSON.parse(packed.stdout)) {
  process.stdout.write(`${resolve(destination, filename)}\n`);
}
