/**
 * What both release commands (k-anonymity and DP) do with core's release files: the manifest's
 * header from the options, and writing the files — with showcase.html built from the public
 * ones, landing with them in the same atomic commit.
 */
import {
  type ReleaseFiles,
  type ReleaseHeader,
  SHOWCASE,
  withTextContents,
} from "@commonground/core";
import type { RunOptions } from "../options.js";
import { VERSION } from "../version.js";
import type { ReleaseWriter } from "./output.js";
import { showcaseOfFiles } from "./showcase-file.js";

/** The header of the release's manifest (who made it, when, how the input was read). */
export function releaseHeader(o: RunOptions, showcase: boolean): ReleaseHeader {
  return {
    version: VERSION,
    createdAt: new Date(),
    ...(o.title !== undefined && { title: o.title }),
    ...(o.description !== undefined && { description: o.description }),
    ingest: o.ingest,
    showcase,
  };
}

/** Stages every file of the release and of the private folder (the writer commits them). */
export function writeReleaseFiles(writer: ReleaseWriter, made: ReleaseFiles): void {
  if (made.manifest.files.includes(SHOWCASE)) {
    const texts = withTextContents(made.public);
    for (const f of texts) writer.writePublic(f.name, f.content);
    writer.writePublic(SHOWCASE, showcaseOfFiles(texts, writer.releaseDir));
  } else for (const f of made.public) writer.writePublic(f.name, f.content);
  for (const f of made.private) writer.writePrivate(f.name, f.content);
}
