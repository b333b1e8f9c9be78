/**
 * The second build of this package: the published showcase as ONE self-contained HTML file
 * (vite-plugin-singlefile inlines the script and the styles), written to
 * dist/showcase/showcase.html. It is a template: `commonground showcase` fills in the release's
 * data block, its title and the Content-Security-Policy with the hash of the inlined script
 * (src/showcase/page-template.ts). Under dist/ so that it is ignored like every build output;
 * built after the app (whose build empties dist/), see the package's "build" script.
 */
import react from "@vitejs/plugin-react";
import { defaultClientConditions, defineConfig } from "vite";
import { viteSingleFile } from "vite-plugin-singlefile";

export default defineConfig({
  base: "./",
  publicDir: false,
  plugins: [react(), viteSingleFile()],
  resolve: { conditions: ["source", ...defaultClientConditions] },
  build: {
    outDir: "dist/showcase",
    emptyOutDir: true,
    sourcemap: false,
    modulePreload: { polyfill: false },
    rolldownOptions: { input: "showcase.html" },
  },
});
