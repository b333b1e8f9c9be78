/**
 * The steps behind the app's runs, in a worker. A release is core's makeRelease, as the CLI's
 * (docs/design.md §14): the same settings and seed give the same public files; this file only maps the
 * app's settings onto core's options and builds the Explore view of the result.
 */
import {
  assessRisk,
  encodeRelease,
  makeRelease,
  publicFilesOf,
  RELEASE_DEFAULTS,
  type ReleaseOptions,
  reportMissingOf,
  type SynthesisSettings,
  withTextContents,
} from "@commonground/core/internal";
import { ingestOptions } from "../app/settings.js";
import { releaseView } from "../explore/release-view.js";
import { scriptHashes, showcasePage } from "../showcase/showcase-page.js";
import type { RiskRequest, RunRequest, RunResult } from "./protocol.js";
import { inWebWords } from "./web-words.js";

export type Progress = (phase: string, fraction?: number) => void;

/** The file's bytes in chunks (the same reader as the CLI's). */
export async function* fileChunks(file: Blob): AsyncGenerator<Uint8Array> {
  const reader = file.stream().getReader();
  for (;;) {
    const { done, value } = await reader.read();
    if (done) return;
    yield value;
  }
}

/** The risk analysis only (the Risk page): core's assessRisk, as a release would count. */
export async function runRisk(req: RiskRequest, progress: Progress) {
  const out = await assessRisk(
    { chunks: fileChunks(req.file), name: req.file.name },
    riskOptionsOf(req),
    { onProgress: progress },
  );
  return { ...out, warnings: out.warnings.map((w) => inWebWords(w.message)) };
}

/**
 * The risk analysis's options: a release's, with the missing cells that release of the chosen
 * mode would count (assessRisk alone, having no mode, would take the aggregates-only default).
 */
export function riskOptionsOf(req: RiskRequest) {
  const ingest = ingestOptions(req.file.name, req.data);
  const mode = req.mode ?? RELEASE_DEFAULTS.mode;
  return {
    ingest: { ...ingest, reportMissing: reportMissingOf({ ingest, synthesis: { mode } }) },
    k: req.resolution.k,
    length: req.resolution.length,
  };
}

/** Core's release options from the app's settings (the CLI maps its flags the same way). */
export function releaseOptionsOf(req: RunRequest): ReleaseOptions {
  const { dp, seed, ...rest } = req.synthesis;
  // A DP run takes no seed (core refuses one); the form keeps one for the other modes.
  const synthesis: SynthesisSettings =
    rest.mode === "dp" ? { ...rest, ...(dp && { dp }) } : { ...rest, seed };
  const ingest = ingestOptions(req.file.name, req.data);
  // Under DP every missing cell is counted whatever the choice (the Data step says so).
  if (rest.mode === "dp") delete ingest.reportMissing;
  return {
    ingest,
    k: req.resolution.k,
    length: req.resolution.length,
    synthesis,
    showcase: req.showcaseTemplate !== undefined,
    ...(req.data.title && { title: req.data.title }),
    ...(req.data.description && { description: req.data.description }),
    ...(req.data.license?.trim() && { license: req.data.license.trim() }),
    ...(req.data.releaseVersion?.trim() && { releaseVersion: req.data.releaseVersion.trim() }),
  };
}

/** A whole release, made by core's makeRelease; then the Explore view of its public files. */
export async function runRelease(
  req: RunRequest,
  progress: Progress,
): Promise<{ result: RunResult; warnings: string[] }> {
  const started = performance.now();
  const template = req.showcaseTemplate;
  const sha256 = template === undefined ? undefined : await scriptHashes(template);
  const made = await makeRelease(
    { chunks: fileChunks(req.file), name: req.file.name, bytes: req.file.size },
    releaseOptionsOf(req),
    {
      secureRandom: (words) => crypto.getRandomValues(words),
      onProgress: progress,
      host: "web app",
      hostOptions: { data: req.data },
      ...(template !== undefined && {
        showcase: (files: { name: string; content: string }[]) =>
          showcasePage({ template, encoded: encodeRelease(publicFilesOf(files)), sha256: sha256! }),
      }),
    },
  );
  // Each public file as text once: its bytes, the Explore view and the showcase come from it.
  const publicTexts = withTextContents(made.public);
  const release = publicFilesOf(publicTexts);
  progress("Preparing the Explore view");
  const view = releaseView({ ...release, manifest: JSON.parse(release.manifest) });
  const result: RunResult = {
    public: publicTexts.map((f) => ({ name: f.name, bytes: encode(f.content) })),
    private: withTextContents(made.private).map((f) => ({
      name: f.name,
      bytes: encode(f.content),
    })),
    manifest: made.manifest,
    view,
    ...(made.evaluation && { evaluation: made.evaluation }),
    risk: made.counted.risk,
    rows: made.data.rowsRead,
    records: made.data.recordCount,
    syntheticRecords: made.synthetic?.recordCount ?? 0,
    ...(made.dp && { epsilon: req.synthesis.dp!.epsilon }),
    seconds: (performance.now() - started) / 1000,
  };
  return { result, warnings: made.warnings.map((w) => inWebWords(w.message)) };
}

const encoder = new TextEncoder();
function encode(text: string): Uint8Array {
  return encoder.encode(text);
}
