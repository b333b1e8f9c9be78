/**
 * Writing `<release>/showcase.html` (docs/design.md §7, §11): the built showcase template (copied next
 * to the CLI bundle by build.mjs) filled with the release's public files.
 *
 * Only three files are read, each by its name: manifest.json, aggregates.csv and synthetic.csv
 * (absent only in an aggregates-only release). The folder is never listed, nothing beside it
 * (such as `<release>.private`) is opened, and a file that is not a regular file (a symbolic
 * link could point into the private folder) is refused. The page is checked before it is
 * written — the embedded data is decoded and the Explore view built from it, exactly as the page
 * will — and written atomically: a temporary file beside it, renamed into place.
 */
import { createHash, randomBytes } from "node:crypto";
import { lstatSync, readFileSync, renameSync, rmSync, writeFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import {
  decodeRelease,
  encodeRelease,
  type PublicFiles,
  publicFilesOf,
  UserError,
  validateDpManifest,
  validateManifest,
} from "@commonground/core/internal";
import { releaseViewOfTables, showcasePage } from "@commonground/web/showcase";
import { checkFolder } from "./release-folder.js";

/** The showcase's file name in the release folder. */
export const SHOWCASE_FILE = "showcase.html";

/** The files read, and nothing else. */
const MANIFEST = "manifest.json";
const AGGREGATES = "aggregates.csv";
const SYNTHETIC = "synthetic.csv";

export interface ShowcaseWritten {
  /** Absolute path of showcase.html. */
  path: string;
  bytes: number;
  /** Synthetic records and reportable combinations shown. */
  records: number;
  combinations: number;
}

/**
 * Writes `<releaseDir>/showcase.html` from the folder's public files only; throws a UserError
 * when the folder is not a release (or the page cannot be written).
 */
export function writeShowcase(releaseDir: string): ShowcaseWritten {
  const dir = resolve(releaseDir);
  const files = readPublicFiles(releaseDir, dir);
  const page = showcaseHtml({ files, dir });
  const path = join(dir, SHOWCASE_FILE);
  writeAtomically(path, page.html);
  return {
    path,
    bytes: Buffer.byteLength(page.html),
    records: page.records,
    combinations: page.combinations,
  };
}

export interface ShowcaseHtmlOptions {
  /** The release's public files as text. */
  files: PublicFiles;
  /** The folder they come from, to name them in error messages (default "."). */
  dir?: string;
}

/**
 * The showcase page of a release's public files, checked (throws a UserError on a bad release).
 * For a caller that writes the release itself (e.g. into a staging folder).
 */
export function showcaseHtml(o: ShowcaseHtmlOptions): {
  html: string;
  records: number;
  combinations: number;
} {
  const { files, dir = "." } = o;
  let manifest: unknown;
  try {
    manifest = JSON.parse(files.manifest);
  } catch (e) {
    throw badRelease(
      join(dir, MANIFEST),
      `${join(dir, MANIFEST)} is not valid JSON: ${(e as Error).message}.`,
    );
  }
  checkManifest(manifest, join(dir, MANIFEST));
  const encoded = withPaths(dir, () => encodeRelease(files));
  // Decode what will be embedded and build the Explore view from it, as the page will.
  const view = withPaths(dir, () => {
    const decoded = decodeRelease(encoded);
    return releaseViewOfTables({
      manifest: decoded.manifest,
      synthetic: decoded.synthetic,
      aggregates: decoded.aggregates,
    });
  });
  const html = showcasePage({
    template: readTemplate(),
    encoded,
    sha256: (text) => createHash("sha256").update(text, "utf8").digest("base64"),
  });
  return { html, records: view.recordCount, combinations: view.aggregates.size };
}

/** Reads the three public files by name (never listing the folder). */
function readPublicFiles(shown: string, dir: string): PublicFiles {
  checkFolder(shown, dir);
  const manifest = readNamed(dir, MANIFEST);
  if (manifest === undefined) {
    throw badRelease(
      join(dir, MANIFEST),
      `${shown} has no manifest.json, so it is not a CommonGround release (or not a complete one).`,
    );
  }
  const aggregates = readNamed(dir, AGGREGATES);
  if (aggregates === undefined) {
    throw badRelease(
      join(dir, AGGREGATES),
      `${shown} has no aggregates.csv; every CommonGround release has one.`,
    );
  }
  const synthetic = readNamed(dir, SYNTHETIC);
  const mode = (safeParse(manifest) as { mode?: unknown } | undefined)?.mode;
  if (synthetic === undefined && mode !== undefined && mode !== "aggregates-only") {
    throw badRelease(
      join(dir, SYNTHETIC),
      `${shown} has no synthetic.csv, but its manifest.json describes a ${String(mode)} release, which has one.`,
    );
  }
  return { manifest, aggregates, ...(synthetic !== undefined && { synthetic }) };
}

/** A regular file of the folder as UTF-8 text, or undefined when there is none by that name. */
function readNamed(dir: string, name: string): string | undefined {
  const path = join(dir, name);
  try {
    const stat = lstatSync(path);
    if (!stat.isFile()) {
      throw badRelease(
        path,
        `${path} is ${stat.isSymbolicLink() ? "a symbolic link" : "not a regular file"}. The showcase embeds only the release's own regular files, so that nothing from elsewhere (such as the private folder) can end up in it.`,
        "Copy the real file into the release folder in its place, or make the release again.",
      );
    }
    return readFileSync(path, "utf8");
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === "ENOENT") return undefined;
    if (e instanceof UserError) throw e;
    throw new UserError(
      "bad-release",
      `Cannot read ${path}: ${(e as Error).message}.`,
      { file: path },
      "Check that the release folder can be read.",
    );
  }
}

const safeParse = (text: string): unknown => {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
};

function checkManifest(raw: unknown, path: string): void {
  const m = raw as { mode?: unknown; privacy?: { model?: unknown } } | null;
  const dp = m?.mode === "dp" || m?.privacy?.model === "differential-privacy";
  const check = dp ? validateDpManifest(raw) : validateManifest(raw);
  if ("manifest" in check && check.manifest !== undefined) return;
  const shown = check.problems.slice(0, 3).join("; ");
  const more = check.problems.length > 3 ? ` (and ${check.problems.length - 3} more problems)` : "";
  throw badRelease(path, `${path} is not the manifest of a CommonGround release: ${shown}${more}.`);
}

function badRelease(
  file: string,
  message: string,
  hint = "Restore the files written with the release, or make the release again.",
): UserError {
  return new UserError("bad-release", message, { file }, hint);
}

/** Runs a step that names release files by their bare names; gives them their full paths. */
function withPaths<T>(dir: string, step: () => T): T {
  try {
    return step();
  } catch (e) {
    if (e instanceof UserError && e.location.file !== undefined) {
      const file = join(dir, e.location.file);
      throw new UserError(e.code, e.message, { ...e.location, file }, e.hint);
    }
    throw e;
  }
}

/** The built template next to the bundle (dist/showcase-template.html, see build.mjs). */
function readTemplate(): string {
  const path = fileURLToPath(new URL("./showcase-template.html", import.meta.url));
  try {
    return readFileSync(path, "utf8");
  } catch {
    throw new UserError(
      "file-not-found",
      `The showcase template is not built: ${path} is missing.`,
      {},
      "Run `npm run build` in the repository root, then run the command again.",
    );
  }
}

/** Writes a temporary file beside `path` and renames it into place; removes it on failure. */
function writeAtomically(path: string, text: string): void {
  const temp = join(
    resolve(path, ".."),
    `.${SHOWCASE_FILE}.partial-${process.pid}-${randomBytes(4).toString("hex")}`,
  );
  const cleanUp = () => rmSync(temp, { force: true });
  // Ctrl+C exits through main.ts's handler: leave no temporary file behind.
  process.on("exit", cleanUp);
  try {
    writeFileSync(temp, text, { mode: 0o644 });
    renameSync(temp, path);
  } catch (e) {
    cleanUp();
    const code = (e as NodeJS.ErrnoException).code;
    if (typeof code !== "string" || !/^E[A-Z]+$/.test(code)) throw e;
    throw new UserError(
      "invalid-option",
      `Cannot write ${path}: ${code === "ENOSPC" ? "the disk is full" : code === "EACCES" || code === "EPERM" || code === "EROFS" ? "permission denied" : "the operating system refused"} (${code}).`,
      { file: path },
      "Make the release folder writable (or copy the release somewhere you can write), then run the command again.",
    );
  } finally {
    process.off("exit", cleanUp);
  }
}

/** showcase.html of a release being written (its public files as text, by name). */
export function showcaseOfFiles(
  files: readonly { name: string; content: string }[],
  releaseDir: string,
): string {
  return showcaseHtml({ files: publicFilesOf(files), dir: releaseDir }).html;
}
