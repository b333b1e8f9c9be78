// The licences of the other projects' code bundled into the CLI (from esbuild's list of inputs)
// and into the web app (the web package's dependencies, with theirs), as one text file.
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

const cliDir = fileURLToPath(new URL("..", import.meta.url));
const repoModules = resolve(cliDir, "../../node_modules");

/** The package folder of a bundled input path, or undefined for the repository's own code. */
function packageDirOf(input) {
  const parts = resolve(cliDir, input).split("/");
  const at = parts.lastIndexOf("node_modules");
  if (at < 0) return undefined;
  const name = parts[at + 1]?.startsWith("@") ? parts.slice(at + 1, at + 3) : [parts[at + 1]];
  return [...parts.slice(0, at + 1), ...name].join("/");
}

/** A dependency's own dependencies, transitively (runtime only). */
function withDependencies(names, seen = new Map()) {
  for (const name of names) {
    const dir = join(repoModules, name);
    if (seen.has(dir) || !existsSync(join(dir, "package.json"))) continue;
    seen.set(dir, true);
    const manifest = JSON.parse(readFileSync(join(dir, "package.json"), "utf8"));
    withDependencies(Object.keys(manifest.dependencies ?? {}), seen);
  }
  return [...seen.keys()];
}

function licenceText(dir) {
  const file = readdirSync(dir).find((f) => /^(licen[cs]e|copying)(\.(md|txt))?$/i.test(f));
  return file ? readFileSync(join(dir, file), "utf8").trim() : undefined;
}

/** The text of THIRD-PARTY-LICENSES.txt. */
export function thirdPartyLicences(bundledInputs, webPackageJson) {
  const web = JSON.parse(readFileSync(webPackageJson, "utf8"));
  const dirs = new Set([
    ...bundledInputs.map(packageDirOf).filter((d) => d !== undefined),
    ...withDependencies(Object.keys(web.dependencies ?? {})),
  ]);
  const sections = [...dirs]
    .map((dir) => {
      const manifest = JSON.parse(readFileSync(join(dir, "package.json"), "utf8"));
      return { manifest, text: licenceText(dir) };
    })
    .sort((a, b) => a.manifest.name.localeCompare(b.manifest.name))
    .map(({ manifest, text }) =>
      [
        `${manifest.name} ${manifest.version} (${manifest.license ?? "see below"})`,
        text ?? `No licence file in the package; its package.json states: ${manifest.license}.`,
      ].join("\n\n"),
    );
  return [
    "CommonGround bundles code from the following projects, under their own licences.",
    ...sections,
  ].join(`\n\n${"-".repeat(78)}\n\n`);
}
