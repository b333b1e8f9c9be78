/**
 * The SHA-256 of a release's CSV files (docs/design.md §15), recorded in manifest.json (`fileHashes`)
 * and datapackage.json (each resource's Frictionless `hash`), so that `verify --public` can tell
 * whether a file is the one the release was made with. manifest.json cannot hold its own hash
 * and datapackage.json and showcase.html are made from the manifest: those three are checked by
 * content instead (verify/check-files.ts).
 *
 * Format: "sha256:" and 64 lower-case hex characters, as Frictionless writes a non-MD5 hash.
 */
import { sha256Hex } from "../util/sha256.js";

/** A file's content: text or byte chunks (release-files.ts's FileContent, which imports this file). */
type FileContent = Parameters<typeof sha256Hex>[0];

/** The files that are hashed: the ones whose content does not come from the manifest. */
export const HASHED_FILES: readonly string[] = ["synthetic.csv", "aggregates.csv"];

/** "sha256:<hex>" of a file's content. */
export function fileHash(content: FileContent): string {
  return `sha256:${sha256Hex(content)}`;
}

/**
 * The hashes of those of `files` that are hashed, by name. A chunked content is iterated once
 * here; it must be re-iterable (aggregatesCsv and syntheticCsv are).
 */
export function fileHashes(
  files: readonly { name: string; content: FileContent }[],
): Record<string, string> {
  const hashes: Record<string, string> = {};
  for (const f of files) if (HASHED_FILES.includes(f.name)) hashes[f.name] = fileHash(f.content);
  return hashes;
}
