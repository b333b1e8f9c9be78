// Bundles the CLI and its counting worker into dist/ with esbuild (core is bundled in).
import { build } from "esbuild";

await build({
  entryPoints: { main: "src/main.ts", "count-worker": "src/count/count-worker.ts" },
  outdir: "dist",
  bundle: true,
  platform: "node",
  target: "node20",
  format: "esm",
  conditions: ["source"],
  sourcemap: true,
  logLevel: "warning",
  // CommonJS dependencies (commander, cli-progress) need `require` inside an ES module bundle.
  banner: {
    js: "import { createRequire as __cgRequire } from 'node:module'; const require = __cgRequire(import.meta.url);",
  },
});
