/**
 * Reading a release folder back for `verify` (docs/design.md §7): manifest.json (parsed and checked for
 * shape, never trusted further), the CSV files streamed from disk, and from the private folder
 * only what verify may use of run.json: the input's SHA-256 and the record limit.
 * A folder that is not a release is a user error (exit 2) naming what is missing.
 */
import {
  createReadStream,
  existsSync,
  lstatSync,
  readdirSync,
  readFileSync,
  statSync,
} from "node:fs";
import { join, resolve } from "node:path";
import {
  type DpManifest,
  type KAnonymityManifest,
  openReleaseCsv,
  type ReleaseFolderContent,
  type ReleaseTable,
  readReleaseTable,
  recodesOf,
  UserError,
  validateDpManifest,
  validateManifest,
} from "@commonground/core/internal";

const HINT =
  "Give the folder written by commonground aggregate or synthesize (its --out), which holds manifest.json and aggregates.csv.";

export interface ReleaseFolder {
  dir: string;
  /** The parsed manifest.json, as found (verifyRelease checks it again). */
  raw: unknown;
  /** The same, with its shape checked. */
  manifest: KAnonymityManifest | DpManifest;
  /** Names of the entries of the folder. */
  entries: string[];
}

/** Throws a UserError (exit 2) unless `dir` (given as `path`) is an existing folder. */
export function checkFolder(path: string, dir: string): void {
  let isDir: boolean;
  try {
    isDir = statSync(dir).isDirectory();
  } catch {
    throw new UserError(
      "file-not-found",
      `The release folder ${path} does not exist.`,
      { file: path },
      HINT,
    );
  }
  if (!isDir) {
    throw new UserError(
      "not-a-file",
      `${path} is a file, not a release folder.`,
      { file: path },
      HINT,
    );
  }
}

/** Opens a release folder; throws a UserError when it is missing or not a release. */
export function openReleaseFolder(path: string): ReleaseFolder {
  const dir = resolve(path);
  checkFolder(path, dir);
  const manifestPath = join(dir, "manifest.json");
  if (!existsSync(manifestPath)) {
    throw new UserError(
      "bad-release",
      `${path} has no manifest.json, so it is not a CommonGround release (or not a complete one).`,
      { file: manifestPath },
      HINT,
    );
  }
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(manifestPath, "utf8"));
  } catch (e) {
    throw new UserError(
      "bad-release",
      `${manifestPath} is not valid JSON: ${(e as Error).message}.`,
      { file: manifestPath },
      "Restore the manifest.json written with the release, or make the release again.",
    );
  }
  const check:
    | { manifest: KAnonymityManifest | DpManifest; problems: [] }
    | { problems: string[] } =
    (raw as { mode?: unknown } | null)?.mode === "dp"
      ? validateDpManifest(raw)
      : validateManifest(raw);
  if (!("manifest" in check)) {
    const shown = check.problems.slice(0, 3).join("; ");
    const more =
      check.problems.length > 3 ? ` (and ${check.problems.length - 3} more problems)` : "";
    throw new UserError(
      "bad-release",
      `${manifestPath} is not a manifest verify can check: ${shown}${more}.`,
      { file: manifestPath },
      "Restore the manifest.json written with the release, or make the release again.",
    );
  }
  const entries = readdirSync(dir);
  if (!entries.includes("aggregates.csv")) {
    throw new UserError(
      "bad-release",
      `${path} has no aggregates.csv; every CommonGround release has one.`,
      { file: join(dir, "aggregates.csv") },
      HINT,
    );
  }
  const { manifest } = check as { manifest: KAnonymityManifest | DpManifest };
  return { dir, raw, manifest, entries };
}

/** A CSV file of the release: header read, rows streamed from disk. */
export function readTable(folder: ReleaseFolder, name: string): Promise<ReleaseTable> {
  const path = join(folder.dir, name);
  return readReleaseTable(createReadStream(path, { highWaterMark: 1 << 20 }), path);
}

/**
 * The release's CSV files for verify (rows streamed, each file's SHA-256 computed on the way)
 * and the rest of the folder: its entries, datapackage.json and showcase.html as text. A file
 * that is not a regular file (a symbolic link could point anywhere) is not read: it stays an
 * entry, which verify reports when it does not belong.
 */
export async function readForVerify(folder: ReleaseFolder): Promise<{
  aggregates: ReleaseTable;
  synthetic?: ReleaseTable;
  folder: ReleaseFolderContent;
}> {
  const open = (name: string) => {
    const path = join(folder.dir, name);
    return openReleaseCsv(createReadStream(path, { highWaterMark: 1 << 20 }), path);
  };
  const aggregates = await open("aggregates.csv");
  const synthetic = regularFile(folder, "synthetic.csv") ? await open("synthetic.csv") : undefined;
  const text = (name: string) =>
    regularFile(folder, name) ? readFileSync(join(folder.dir, name), "utf8") : undefined;
  const datapackage = text("datapackage.json");
  const showcase = text("showcase.html");
  return {
    aggregates: aggregates.table,
    ...(synthetic && { synthetic: synthetic.table }),
    folder: {
      entries: folder.entries,
      ...(datapackage !== undefined && { datapackage }),
      ...(showcase !== undefined && { showcase }),
      sha256: {
        "aggregates.csv": aggregates.sha256,
        ...(synthetic && { "synthetic.csv": synthetic.sha256 }),
      },
    },
  };
}

function regularFile(folder: ReleaseFolder, name: string): boolean {
  if (!folder.entries.includes(name)) return false;
  try {
    return lstatSync(join(folder.dir, name)).isFile();
  } catch {
    return false;
  }
}

/** What verify may use of the private run.json. */
export interface RunFacts {
  path: string;
  /** False when there is no readable run.json. */
  found: boolean;
  sha256?: string;
  recordLimit?: number;
  /** The values' rewriting the release was read with (private: recodes name rare values). */
  normalizeNumbers?: string[];
  recode?: Record<string, Record<string, string>>;
}

/** Reads run.json from the private folder (a missing or broken one is not an error). */
export function readRunFacts(privateDir: string): RunFacts {
  const path = join(resolve(privateDir), "run.json");
  let run: unknown;
  try {
    run = JSON.parse(readFileSync(path, "utf8"));
  } catch {
    return { path, found: false };
  }
  const facts: RunFacts = { path, found: true };
  const r = run as {
    input?: { sha256?: unknown };
    options?: { ingest?: { recordLimit?: unknown; normalizeNumbers?: unknown; recode?: unknown } };
  };
  const sha = r?.input?.sha256;
  if (typeof sha === "string" && /^[0-9a-f]{64}$/.test(sha)) facts.sha256 = sha;
  const limit = r?.options?.ingest?.recordLimit;
  if (Number.isInteger(limit) && (limit as number) >= 1) facts.recordLimit = limit as number;
  const normalize = r?.options?.ingest?.normalizeNumbers;
  if (Array.isArray(normalize) && normalize.every((c) => typeof c === "string")) {
    facts.normalizeNumbers = normalize;
  }
  const recode = r?.options?.ingest?.recode;
  if (typeof recode === "object" && recode !== null && !Array.isArray(recode)) {
    const table = recodesOf(recode);
    if (table) facts.recode = table;
  }
  return facts;
}
