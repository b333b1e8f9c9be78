// Bundles the CLI and its counting worker into dist/ with esbuild (core is bundled in), and
// copies the built web app (packages/web/dist) to dist/web, where `commonground app` serves it,
// and the built showcase template (packages/web/dist/showcase/showcase.html) to
// dist/showcase-template.html, which `commonground showcase` fills in.
import { copyFileSync, cpSync, existsSync, rmSync, writeFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { build } from "esbuild";
import { thirdPartyLicences } from "./scripts/third-party.mjs";

const webDist = fileURLToPath(new URL("../web/dist/", import.meta.url));
const webCopy = fileURLToPath(new URL("./dist/web/", import.meta.url));
if (!existsSync(`${webDist}index.html`)) {
  process.stderr.write(
    `Cannot build the CLI: the web app is not built (${webDist}index.html is missing).\n` +
      "Run `npm run build` in the repository root (it builds packages/web first), or\n" +
      "`npm run build --workspace packages/web`, then build the CLI again.\n",
  );
  process.exit(1);
}
const showcaseDir = fileURLToPath(new URL("../web/dist/showcase/", import.meta.url));
const showcaseTemplate = `${showcaseDir}showcase.html`;
if (!existsSync(showcaseTemplate)) {
  process.stderr.write(
    `Cannot build the CLI: the showcase template is not built (${showcaseTemplate} is missing).\n` +
      "Run `npm run build` in the repository root (it builds packages/web first), or\n" +
      "`npm run build --workspace packages/web`, then build the CLI again.\n",
  );
  process.exit(1);
}

const built = await build({
  metafile: true,
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

rmSync(webCopy, { recursive: true, force: true });
// The app serves the showcase template too: its export builds showcase.html from it.
cpSync(webDist, webCopy, { recursive: true });
copyFileSync(
  showcaseTemplate,
  fileURLToPath(new URL("./dist/showcase-template.html", import.meta.url)),
);

// The bundle carries other projects' code (commander, zod, …; React in the web app): their
// licences go with it.
const webPackage = fileURLToPath(new URL("../web/package.json", import.meta.url));
writeFileSync(
  fileURLToPath(new URL("./dist/THIRD-PARTY-LICENSES.txt", import.meta.url)),
  thirdPartyLicences(Object.keys(built.metafile.inputs), webPackage),
);
