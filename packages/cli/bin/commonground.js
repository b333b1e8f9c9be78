#!/usr/bin/env node
// Launcher for the bundled CLI (built by `npm run build` into ../dist).
import { existsSync } from "node:fs";
import { fileURLToPath } from "node:url";

const main = new URL("../dist/main.js", import.meta.url);
if (!existsSync(fileURLToPath(main))) {
  process.stderr.write(
    "commonground is not built yet. Run `npm run build` in the repository root first.\n",
  );
  process.exit(2);
}
await import(main.href);
