/**
 * Opening the release embedded in the showcase page: the data block is decoded straight into
 * the Explore view's model (releaseViewOfTables: the same checks and the same model as the web
 * app builds from the CSV files), and the files can be rebuilt for download.
 */
import {
  type CsvFileName,
  type DecodedRelease,
  decodeRelease,
  type EncodedRelease,
  rebuildFile,
} from "@commonground/core/internal";
import { type ReleaseView, releaseViewOfTables } from "../explore/release-view.js";
import { type PageDocument, readDataBlock } from "./data-block.js";

export interface LoadedRelease {
  view: ReleaseView;
  encoded: EncodedRelease;
  decoded: DecodedRelease;
}

/** The release of an encoded data block (throws when it is broken). */
export function loadRelease(o: { encoded: EncodedRelease }): LoadedRelease {
  const decoded = decodeRelease(o.encoded);
  const view = releaseViewOfTables({
    manifest: decoded.manifest,
    synthetic: decoded.synthetic,
    aggregates: decoded.aggregates,
  });
  return { view, encoded: o.encoded, decoded };
}

/** The release embedded in a page, or undefined for the bare template (no data). */
export function loadEmbedded(o: { document: PageDocument }): LoadedRelease | undefined {
  const data = readDataBlock(o.document);
  return data === undefined ? undefined : loadRelease({ encoded: data as EncodedRelease });
}

/** A downloadable file of the release. */
export interface DownloadFile {
  name: CsvFileName | "manifest.json" | "datapackage.json";
  /** Its size in bytes. */
  bytes: number;
  type: string;
  /** What it holds, in a few words. */
  about: string;
}

/** The files the page offers, present ones only. */
export function downloadFiles(o: { release: LoadedRelease }): DownloadFile[] {
  const { encoded, view } = o.release;
  const files: DownloadFile[] = [];
  const plural = (n: number, one: string, many: string) =>
    `${n.toLocaleString("en-US")} ${n === 1 ? one : many}`;
  if (encoded.synthetic !== undefined) {
    files.push({
      name: "synthetic.csv",
      bytes: encoded.synthetic.bytes,
      type: "text/csv;charset=utf-8",
      about: `${plural(view.recordCount, "synthetic record", "synthetic records")}, one per row`,
    });
  }
  files.push({
    name: "aggregates.csv",
    bytes: encoded.aggregates.bytes,
    type: "text/csv;charset=utf-8",
    about: `${plural(view.aggregates.size, "reportable count", "reportable counts")}, one combination per row`,
  });
  files.push({
    name: "manifest.json",
    bytes: new TextEncoder().encode(encoded.manifest).length,
    type: "application/json;charset=utf-8",
    about: "how the release was made, and its privacy statement",
  });
  const listed = (o.release.decoded.manifest as { files?: unknown }).files;
  if (Array.isArray(listed) && listed.includes("datapackage.json")) {
    const text = fileText({ release: o.release, file: "datapackage.json" });
    files.push({
      name: "datapackage.json",
      bytes: new TextEncoder().encode(text).length,
      type: "application/json;charset=utf-8",
      about: "the files described for data catalogues (Frictionless Data Package)",
    });
  }
  return files;
}

/** A file's text, byte-identical to the release's own file. */
export function fileText(o: { release: LoadedRelease; file: DownloadFile["name"] }): string {
  return rebuildFile({ encoded: o.release.encoded, decoded: o.release.decoded, file: o.file });
}
