/**
 * Checks the files of a release folder beside the two CSV files (issue 11 defect 5, docs/design.md §7,
 * §15), by content, never by bytes — a newer CommonGround must still verify an older release:
 *
 * - the folder holds only the files a release may hold, each listed by the manifest
 *   (showcase.html may be added later by `commonground showcase`); a listed file is present;
 * - synthetic.csv and aggregates.csv have the SHA-256 the manifest records (`fileHashes`), and
 *   datapackage.json's resources the same `hash`;
 * - datapackage.json describes the release: the manifest's statement and title, one resource
 *   per CSV file with the files' columns (and the count column), counts "a multiple of k";
 * - showcase.html embeds this release: the manifest it shows (statement, k or ε, columns, …) is
 *   manifest.json's, its tables hold the same rows as the CSV files (compared as rows of cells,
 *   see RowDigest), its title is the manifest's, its language the release's.
 *
 * Violation kinds: files, file-hash, datapackage, showcase.
 */
import { spreadsheetSafe } from "../release/csv-writer.js";
import { dataPackageDescription } from "../release/datapackage.js";
import { countColumnOf, type DpManifest, type KAnonymityManifest } from "../release/manifest.js";
import type { ReleaseTable } from "../release/read-csv.js";
import { wideRows } from "../release/read-release.js";
import { decodeRelease, type EncodedRelease, embeddedData } from "../release/showcase-data.js";
import { Sha256 } from "../util/sha256.js";
import { encodeUtf8 } from "../util/text.js";
import type { Violations } from "./release-cells.js";

/** Every file a release folder may hold (docs/design.md §7). */
export const RELEASE_FILES: readonly string[] = [
  "synthetic.csv",
  "aggregates.csv",
  "manifest.json",
  "datapackage.json",
  "showcase.html",
];

/** What verify reads of a release folder besides manifest.json and the CSV files. */
export interface ReleaseFolderContent {
  /** The name of every entry of the folder (files, folders, links, hidden ones too). */
  entries: readonly string[];
  /** datapackage.json's text, when the folder has one. */
  datapackage?: string;
  /** showcase.html's text, when the folder has one. */
  showcase?: string;
  /**
   * SHA-256 (hex) of each CSV file's bytes, available once its rows have been read
   * (openReleaseCsv). Without it the recorded hashes are not checked.
   */
  sha256?: { "aggregates.csv"?: () => string; "synthetic.csv"?: () => string };
}

/**
 * A digest of a table's rows as read (cells unquoted, spreadsheet-safety prefix removed):
 * the same for a CSV file and for the showcase's embedded copy of it, whatever bytes wrote it.
 */
export class RowDigest {
  private readonly hash = new Sha256();
  rows = 0;
  add(row: readonly string[]): void {
    this.rows++;
    this.hash.update(encodeUtf8(`${JSON.stringify(row)}\n`));
  }
  hex(): string {
    return this.hash.hex();
  }
}

/** The table with every row also fed to a RowDigest as it is read. */
export function digestRows(table: ReleaseTable, digest: RowDigest): ReleaseTable {
  const rows = table.rows;
  async function* tapped() {
    for await (const row of rows) {
      digest.add(row);
      yield row;
    }
  }
  return { header: table.header, rows: tapped() };
}

type AnyManifest = KAnonymityManifest | DpManifest;

export interface FileCheckInput {
  /** manifest.json as parsed (before its shape was checked): the showcase must embed this. */
  raw: unknown;
  manifest: AnyManifest;
  /** The folder's listing and its other files; absent when only the three files were given. */
  folder: ReleaseFolderContent | undefined;
  /** Row digests of the CSV files as read (absent: the file is not in the release). */
  digests: { aggregates: RowDigest; synthetic?: RowDigest };
  violations: Violations;
}

/** What could be checked, named for the summary; what could not, in plain words. */
export interface FileCheckReport {
  checked: string[];
  unchecked: string[];
}

/** Runs every check of this module (none without the folder: the report says so). */
export function checkFiles(o: FileCheckInput): FileCheckReport {
  if (o.folder === undefined) {
    return { checked: [], unchecked: ["only manifest.json and the CSV files were given"] };
  }
  const f: FolderCheck = { ...o, folder: o.folder };
  const report: FileCheckReport = { checked: ["manifest.json"], unchecked: [] };
  checkEntries(f, report);
  checkHashes(f, report);
  if (f.folder.datapackage !== undefined) checkDataPackage(f, f.folder.datapackage, report);
  if (f.folder.showcase !== undefined) checkShowcase(f, f.folder.showcase, report);
  return report;
}

type FolderCheck = FileCheckInput & { folder: ReleaseFolderContent };

function checkEntries(o: FolderCheck, report: FileCheckReport): void {
  const { manifest: m, folder, violations: v } = o;
  const listed = new Set([...m.files, "manifest.json"]);
  for (const entry of folder.entries) {
    if (!RELEASE_FILES.includes(entry)) {
      v.add(
        "files",
        `The release folder holds ${entry}, which is not a file of a CommonGround release: nothing vouches for it. Remove it before publishing (keep private files in the private folder).`,
      );
    } else if (!listed.has(entry) && entry !== "showcase.html") {
      v.add(
        "files",
        `The release folder holds ${entry}, which manifest.json does not list: nothing vouches for it.`,
      );
    }
  }
  for (const name of m.files) {
    if (name === "synthetic.csv" || name === "aggregates.csv") continue; // checked with the rows
    if (!RELEASE_FILES.includes(name)) {
      v.add("files", `manifest.json lists ${name}, which is not a file of a CommonGround release.`);
    } else if (!folder.entries.includes(name)) {
      v.add("files", `manifest.json lists ${name}, but the release folder does not hold it.`);
    }
  }
  if (!folder.entries.includes("datapackage.json") && !m.files.includes("datapackage.json")) {
    report.unchecked.push("the release has no datapackage.json");
  }
}

function checkHashes(o: FolderCheck, report: FileCheckReport): void {
  const { manifest: m, folder, violations: v } = o;
  const recorded = m.fileHashes;
  if (recorded === undefined) {
    report.unchecked.push(
      "manifest.json records no SHA-256 of the CSV files (made by an older CommonGround)",
    );
    return;
  }
  for (const file of ["synthetic.csv", "aggregates.csv"] as const) {
    const digest = folder.sha256?.[file];
    const present = file === "aggregates.csv" || o.digests.synthetic !== undefined;
    const stated = recorded[file];
    if (!present) {
      if (stated !== undefined) {
        v.add(
          "file-hash",
          `manifest.json records the SHA-256 of ${file}, which the release lacks.`,
        );
      }
      continue;
    }
    if (stated === undefined) {
      v.add("file-hash", `manifest.json records no SHA-256 of ${file}.`);
      continue;
    }
    if (digest === undefined) continue;
    const actual = `sha256:${digest()}`;
    if (actual !== stated) {
      v.add(
        "file-hash",
        `${file} is not the file the release was made with: its SHA-256 is ${actual.slice(7)}, but manifest.json records ${stated.slice(7)}.`,
      );
    } else report.checked.push(`${file} (SHA-256)`);
  }
}

type Json = Record<string, unknown>;
const isObject = (x: unknown): x is Json =>
  typeof x === "object" && x !== null && !Array.isArray(x);

function checkDataPackage(o: FolderCheck, text: string, report: FileCheckReport): void {
  const { manifest: m, violations: v } = o;
  const say = (what: string) =>
    v.add("datapackage", `datapackage.json does not describe this release: ${what}.`);
  let d: unknown;
  try {
    d = JSON.parse(text);
  } catch (e) {
    say(`it is not valid JSON (${(e as Error).message})`);
    return;
  }
  if (!isObject(d)) {
    say("it is not a JSON object");
    return;
  }
  if (d.profile !== "tabular-data-package") say(`its profile is ${JSON.stringify(d.profile)}`);
  if (d.description !== dataPackageDescription(m)) {
    say(
      `its description is not the manifest's description and statement (it reads ${JSON.stringify(d.description)})`,
    );
  }
  const licenses = Array.isArray(d.licenses) ? d.licenses.filter(isObject) : undefined;
  const licence = licenses?.length === 1 ? licenses[0]!.name : undefined;
  if (m.license === undefined ? d.licenses !== undefined : licence !== m.license) {
    say(
      `its licences (${JSON.stringify(d.licenses ?? null)}) are not the manifest's licence (${JSON.stringify(m.license ?? null)})`,
    );
  }
  if (d.version !== m.releaseVersion) {
    say(
      `its version (${JSON.stringify(d.version ?? null)}) is not the manifest's release version (${JSON.stringify(m.releaseVersion ?? null)})`,
    );
  }
  if (m.title !== "" && d.title !== m.title) say(`its title is not the manifest's`);
  if (d.created !== undefined && d.created !== m.createdAt) {
    say(`it was created ${JSON.stringify(d.created)}, the manifest ${JSON.stringify(m.createdAt)}`);
  }
  const resources = Array.isArray(d.resources) ? d.resources.filter(isObject) : [];
  const names = m.columns.map((c) => spreadsheetSafe(c.name));
  const expected: Record<string, { fields: string[]; present: boolean }> = {
    "synthetic.csv": { fields: names, present: o.digests.synthetic !== undefined },
    "aggregates.csv": {
      fields: [...names, spreadsheetSafe(countColumnOf(m))],
      present: true,
    },
  };
  const paths = resources.map((r) => r.path);
  for (const [path, e] of Object.entries(expected)) {
    const found = resources.filter((r) => r.path === path);
    if (!e.present) {
      if (found.length > 0) say(`it lists ${path}, which the release does not hold`);
      continue;
    }
    if (found.length !== 1) {
      say(`it lists ${path} ${found.length === 0 ? "not at all" : `${found.length} times`}`);
      continue;
    }
    const r = found[0]!;
    const schema = isObject(r.schema) ? r.schema : {};
    const fields = Array.isArray(schema.fields) ? schema.fields.filter(isObject) : [];
    const fieldNames = fields.map((f) => f.name);
    if (fieldNames.length !== e.fields.length || fieldNames.some((n, i) => n !== e.fields[i])) {
      say(
        `its ${path} has the fields ${JSON.stringify(fieldNames)}, not the file's columns ${JSON.stringify(e.fields)}`,
      );
    }
    const types = fields.map((f) => f.type);
    const wantedTypes = e.fields.map((_, i) =>
      path === "aggregates.csv" && i === e.fields.length - 1 ? "integer" : "string",
    );
    if (types.length === wantedTypes.length && types.some((t, i) => t !== wantedTypes[i])) {
      say(`its ${path} gives the fields the types ${JSON.stringify(types)}`);
    }
    if (path === "aggregates.csv" && m.privacy.model === "k-anonymity") {
      const about = String(fields.at(-1)?.description ?? "");
      const multiple = /multiple of (\d+)/.exec(about);
      if (multiple && Number(multiple[1]) !== m.privacy.k) {
        say(
          `it says counts are multiples of ${multiple[1]}, but the release has k = ${m.privacy.k}`,
        );
      }
    }
    const hash = r.hash;
    const recorded = m.fileHashes?.[path];
    if (hash !== undefined && recorded !== undefined && hash !== recorded) {
      say(`its hash of ${path} is not the one manifest.json records`);
    } else if (hash !== undefined && recorded === undefined) {
      const digest = o.folder.sha256?.[path as "aggregates.csv"];
      if (digest !== undefined && hash !== `sha256:${digest()}`) {
        say(`its hash of ${path} is not the file's SHA-256`);
      }
    }
  }
  for (const p of paths) {
    if (p !== "synthetic.csv" && p !== "aggregates.csv") say(`it lists ${JSON.stringify(p)}`);
  }
  report.checked.push("datapackage.json");
}

const TITLE = /<title>([\s\S]*?)<\/title>/i;
const LANG = /<html\b[^>]*\blang\s*=\s*["']?([^"'\s>]+)/i;

const unescapeHtml = (text: string) =>
  text
    .replaceAll("&lt;", "<")
    .replaceAll("&gt;", ">")
    .replaceAll("&quot;", '"')
    .replaceAll("&#39;", "'")
    .replaceAll("&amp;", "&");

function checkShowcase(o: FolderCheck, html: string, report: FileCheckReport): void {
  const { manifest: m, violations: v } = o;
  const say = (what: string) =>
    v.add("showcase", `showcase.html does not show this release: ${what}.`);
  const found = embeddedData(html);
  if (found === undefined) {
    say("it embeds no release (it is not a showcase page, or the bare template)");
    return;
  }
  if ("problem" in found) {
    say(found.problem);
    return;
  }
  let decoded: ReturnType<typeof decodeRelease>;
  try {
    decoded = decodeRelease(found.data as EncodedRelease);
  } catch (e) {
    // Whatever the page holds is untrusted: any failure to read it is a finding, not a bug.
    say(`its embedded data cannot be read (${e instanceof Error ? e.message : String(e)})`);
    return;
  }
  const shown = decoded.manifest;
  if (!sameJson(shown, o.raw)) {
    const s = isObject(shown) ? shown : {};
    const differs = ["statement", "privacy", "mode", "columns", "records", "title", "countColumn"]
      .filter((key) => !sameJson(s[key], (o.raw as Json)[key]))
      .join(", ");
    say(
      `the manifest it embeds differs from manifest.json${differs ? ` (in ${differs})` : ""}; its statement reads ${JSON.stringify(s.statement)}`,
    );
    return;
  }
  const tables: [string, RowDigest | undefined, typeof decoded.aggregates | undefined][] = [
    ["synthetic.csv", o.digests.synthetic, decoded.synthetic],
    ["aggregates.csv", o.digests.aggregates, decoded.aggregates],
  ];
  for (const [file, fromFile, embedded] of tables) {
    if (fromFile === undefined && embedded === undefined) continue;
    if (fromFile === undefined || embedded === undefined) {
      say(
        `it ${embedded === undefined ? "lacks" : "holds"} ${file}, but the release ${fromFile === undefined ? "has none" : "has one"}`,
      );
      continue;
    }
    const digest = new RowDigest();
    for (const row of wideRows(embedded)) digest.add(row);
    if (digest.rows !== fromFile.rows || digest.hex() !== fromFile.hex()) {
      say(
        `the ${file} it embeds (${digest.rows} rows) is not the release's ${file} (${fromFile.rows} rows)`,
      );
    }
  }
  const title = TITLE.exec(html)?.[1];
  const wantedTitle = m.title === "" ? "CommonGround release" : m.title;
  if (title !== undefined && unescapeHtml(title) !== wantedTitle) {
    say(`its title is ${JSON.stringify(unescapeHtml(title))}, not the manifest's`);
  }
  const lang = LANG.exec(html)?.[1];
  const language = (o.raw as { language?: unknown }).language;
  const wantedLang = typeof language === "string" ? language : "en";
  if (lang !== undefined && lang.toLowerCase() !== wantedLang.toLowerCase()) {
    say(`its language is "${lang}", but the release's is "${wantedLang}"`);
  }
  report.checked.push("showcase.html (its data, statement, title and language)");
  report.unchecked.push(
    "the program of showcase.html (its scripts) is not compared with CommonGround's, only what it embeds and shows as text; rebuild it with commonground showcase if in doubt",
  );
}

/** Deep equality of JSON values (object keys in any order). */
function sameJson(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (Array.isArray(a) || Array.isArray(b)) {
    return (
      Array.isArray(a) &&
      Array.isArray(b) &&
      a.length === b.length &&
      a.every((x, i) => sameJson(x, b[i]))
    );
  }
  if (!isObject(a) || !isObject(b)) return false;
  const ka = Object.keys(a).filter((k) => a[k] !== undefined);
  const kb = Object.keys(b).filter((k) => b[k] !== undefined);
  return ka.length === kb.length && ka.every((k) => sameJson(a[k], b[k]));
}
