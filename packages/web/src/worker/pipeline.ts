/**
 * The steps behind the app's runs, in a worker: the same core calls, in the same order and with
 * the same options, as the CLI's `aggregate` / `synthesize` (packages/cli/src/commands), so the
 * same settings and seed give the same public files.
 */
import {
  type AggregateResult,
  aggregate,
  type Dataset,
  dpReleaseFiles,
  dpSynthesize,
  type Evaluation,
  evaluateRelease,
  json,
  kAnonymityReleaseFiles,
  type ReleaseFile,
  readDataset,
  SHOWCASE,
  type SynthesisMode,
  secureRng,
  seededRng,
  synthesize,
  VERSION,
  withTextContents,
} from "@commonground/core";
import { ingestOptions } from "../app/settings.js";
import { releaseView } from "../explore/release-view.js";
import { encodeRelease, type PublicFiles } from "../showcase/release-encoding.js";
import { scriptHashes, showcasePage } from "../showcase/showcase-page.js";
import type { RiskRequest, RunRequest, RunResult } from "./protocol.js";

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

export async function readInput(
  req: Pick<RunRequest, "file" | "data">,
  progress: Progress,
): Promise<Dataset> {
  progress("Reading");
  return readDataset(fileChunks(req.file), ingestOptions(req.file.name, req.data));
}

/** Counting and the risk analysis only (the Risk page). */
export async function runRisk(req: RiskRequest, progress: Progress) {
  const data = await readInput(req, progress);
  progress("Counting", 0);
  const counted = await aggregate(data, {
    k: req.resolution.k,
    length: req.resolution.length,
    onProgress: (f) => progress("Counting", f),
  });
  return {
    risk: counted.risk,
    rows: data.rowsRead,
    records: data.recordCount,
    warnings: [...data.warnings, ...counted.warnings].map((w) => w.message),
  };
}

/** A whole release: read, count, synthesize, evaluate, build the files. */
export async function runRelease(
  req: RunRequest,
  progress: Progress,
): Promise<{ result: RunResult; warnings: string[] }> {
  const started = performance.now();
  const s = req.synthesis;
  const data = await readInput(req, progress);
  progress("Counting", 0);
  const dp = s.mode === "dp" ? s.dp : undefined;
  if (s.mode === "dp" && dp === undefined) throw new Error("A DP run needs its DP settings.");
  const counted = await aggregate(data, {
    // A DP release publishes none of these counts; their k only shapes the private risk analysis.
    k: dp ? Math.max(1, Math.min(req.resolution.k, data.recordCount)) : req.resolution.k,
    length: req.resolution.length,
    onProgress: (f) => progress("Counting", f),
  });
  const warnings = [...data.warnings, ...counted.warnings].map((w) => w.message);
  const header = {
    version: VERSION,
    createdAt: new Date(),
    ...(req.data.title && { title: req.data.title }),
    ...(req.data.description && { description: req.data.description }),
    ingest: ingestOptions(req.file.name, req.data),
    showcase: req.showcaseTemplate !== undefined,
  };
  const numeric = s.numeric && s.numeric.length > 0 ? { numeric: s.numeric } : {};
  let files: { public: ReleaseFile[]; private: ReleaseFile[]; manifest: RunResult["manifest"] };
  let evaluation: Evaluation;
  let syntheticRecords: number;
  if (dp) {
    progress("Adding noise and synthesizing");
    const out = dpSynthesize(data, {
      epsilon: dp.epsilon,
      length: counted.length,
      rng: secureRng((words) => crypto.getRandomValues(words)),
      ...(dp.style !== undefined && { style: dp.style }),
      ...(dp.delta !== undefined && { delta: dp.delta }),
      ...(dp.accuracy !== undefined && { accuracy: dp.accuracy }),
      ...(dp.fabrication !== undefined && { fabrication: dp.fabrication }),
      ...(dp.percentile !== undefined && { percentile: dp.percentile }),
      ...(dp.recordsShare !== undefined && { recordsShare: dp.recordsShare }),
      ...(dp.percentileShare !== undefined && { percentileShare: dp.percentileShare }),
    });
    progress("Evaluating");
    evaluation = await evaluateRelease(data, out.synthetic, out.aggregates.table, {
      model: "differential-privacy",
      k: 1,
      length: out.length,
      ...numeric,
    });
    syntheticRecords = out.synthetic.recordCount;
    files = dpReleaseFiles({
      ...header,
      data,
      dp: out,
      epsilon: dp.epsilon,
      ...(dp.accuracy !== undefined && { accuracy: dp.accuracy }),
      risk: counted.risk,
      evaluation,
    });
  } else {
    progress("Synthesizing");
    const synthetic = synthesize(data, {
      mode: s.mode as SynthesisMode,
      k: counted.k,
      length: counted.length,
      reportable: counted.reportable,
      rng: seededRng(s.seed),
      ...(s.oversamplingRatio !== undefined && { oversamplingRatio: s.oversamplingRatio }),
      ...(s.oversamplingTries !== undefined && { oversamplingTries: s.oversamplingTries }),
      ...(s.weightPercentile !== undefined && { weightPercentile: s.weightPercentile }),
      ...(s.useSynthesizedCounts !== undefined && {
        useSynthesizedCounts: s.useSynthesizedCounts,
      }),
      ...(s.records !== undefined && { records: s.records }),
    });
    progress("Evaluating");
    evaluation = await evaluateRelease(data, synthetic, counted.reportable, {
      k: counted.k,
      length: counted.length,
      ...numeric,
    });
    syntheticRecords = synthetic.recordCount;
    files = kAnonymityReleaseFiles({
      ...header,
      data,
      counted,
      synthesis: { mode: s.mode as SynthesisMode, synthetic },
      evaluation,
    });
  }
  warnings.push(...(evaluation.warnings ?? []).map((w) => w.message));
  progress("Packaging");
  const run = runJson(req, data, counted, files.manifest.createdAt, warnings);
  // Each public file as text once: its bytes, the Explore view and the showcase come from it.
  const texts = withTextContents(files.public);
  const text = (name: string) => texts.find((f) => f.name === name)?.content;
  const release: PublicFiles = {
    manifest: text("manifest.json") ?? "",
    synthetic: text("synthetic.csv"),
    aggregates: text("aggregates.csv") ?? "",
  };
  const template = req.showcaseTemplate;
  if (template !== undefined) {
    progress("Building the showcase");
    const sha256 = await scriptHashes(template);
    texts.push({
      name: SHOWCASE,
      content: showcasePage({ template, encoded: encodeRelease(release), sha256 }),
    });
  }
  progress("Preparing the Explore view");
  const view = releaseView({ ...release, manifest: JSON.parse(release.manifest) });
  const result: RunResult = {
    public: texts.map((f) => ({ name: f.name, bytes: encode(f.content) })),
    private: [{ name: "run.json", content: json(run) }, ...withTextContents(files.private)].map(
      (f) => ({ name: f.name, bytes: encode(f.content) }),
    ),
    manifest: files.manifest,
    view,
    evaluation,
    risk: counted.risk,
    rows: data.rowsRead,
    records: data.recordCount,
    syntheticRecords,
    ...(dp && { epsilon: dp.epsilon }),
    seconds: (performance.now() - started) / 1000,
  };
  return { result, warnings };
}

/** The private run.json: how the release was made (the seed of k-anonymity runs included). */
function runJson(
  req: RunRequest,
  data: Dataset,
  counted: AggregateResult,
  createdAt: string,
  warnings: string[],
) {
  const dp = req.synthesis.mode === "dp";
  return {
    tool: "CommonGround",
    version: VERSION,
    made: "web app",
    command: "synthesize",
    createdAt,
    seed: dp ? null : req.synthesis.seed,
    ...(dp && { randomness: "secure (Web Crypto getRandomValues)" }),
    input: {
      name: req.file.name,
      bytes: req.file.size,
      rows: data.rowsRead,
      records: data.recordCount,
    },
    options: {
      data: req.data,
      k: counted.k,
      length: counted.length,
      synthesis: req.synthesis,
    },
    warnings,
  };
}

const encoder = new TextEncoder();
function encode(text: string): Uint8Array {
  return encoder.encode(text);
}
