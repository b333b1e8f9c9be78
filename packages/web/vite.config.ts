import react from "@vitejs/plugin-react";
import { defaultClientConditions, defineConfig, type Plugin } from "vite";
import { CONTENT_SECURITY_POLICY } from "./src/app/csp.js";

/**
 * The built page carries its Content-Security-Policy in a meta tag too, so that the static files
 * stay local-only wherever they are served from (`commonground app` also sends it as a header).
 * The dev server is left without it: its hot reload needs inline scripts.
 */
function cspMeta(): Plugin {
  return {
    name: "commonground-csp",
    apply: "build",
    transformIndexHtml: (html) =>
      html.replace(
        "<head>",
        `<head>\n    <meta http-equiv="Content-Security-Policy" content="${CONTENT_SECURITY_POLICY}" />`,
      ),
  };
}

export default defineConfig({
  base: "./",
  plugins: [react(), cspMeta()],
  resolve: { conditions: ["source", ...defaultClientConditions] },
  worker: { format: "es" },
  build: { outDir: "dist", emptyOutDir: true, sourcemap: false, chunkSizeWarningLimit: 2000 },
});
