/**
 * The DP branch of `synthesize` (`--mode dp`, DESIGN §5, §7): DP aggregates and synthetic
 * records derived from them, the manifest with ε, δ, the split and the statement, and the
 * private folder (run.json without any seed, the evaluation, the risk analysis). All
 * randomness comes from the platform's secure source (Web Crypto).
 */
import { webcrypto } from "node:crypto";
import {
  type AggregateResult,
  accuracyWeights,
  checkFabrication,
  type Dataset,
  DP_DEFAULTS,
  dpReleaseFiles,
  dpSynthesize,
  evaluateRelease,
  FITTED_LENGTH,
  json,
  secureRng,
  UserError,
} from "@commonground/core";
import type { DpRunOptions } from "../dp-options.js";
import type { ReleaseWriter } from "../io/output.js";
import { releaseHeader, writeReleaseFiles } from "../io/write-release.js";
import type { RunOptions, SynthesisRunOptions } from "../options.js";
import { folderLines, printWarning, printWarnings } from "../report.js";
import { VERSION } from "../version.js";

export interface DpRunContext {
  o: RunOptions;
  syn: SynthesisRunOptions & { dp: DpRunOptions };
  data: Dataset;
  /** The k-anonymity counting of the run: its risk analysis goes to the private folder. */
  counted: AggregateResult;
  writer: ReleaseWriter;
  input: { path: string; bytes: number; sha256: () => Promise<string> };
  progress: { phase(name: string): void; stop(): void };
}

/** Settings that must be refused or flagged before any noise is drawn. */
export function checkDpSettings(o: RunOptions, dp: DpRunOptions, data: Dataset): number {
  for (const c of data.columns) {
    if (c.bins && !c.bins.spec.startsWith("edges:")) {
      throw new UserError(
        "invalid-option",
        `--bin ${c.name}=${c.bins.spec} takes its bins from the data itself, which a DP release must not reveal.`,
        { column: c.name },
        `Give the cut points yourself, e.g. --bin "${c.name}=edges:18,25,65".`,
      );
    }
  }
  const requested = Math.min(o.length ?? 3, data.columns.length);
  const length = dp.style === "fitted" ? Math.min(requested, FITTED_LENGTH) : requested;
  if (Array.isArray(dp.accuracy) && dp.accuracy.length !== length) {
    throw new UserError(
      "invalid-option",
      `--sigma-weights gives ${dp.accuracy.length} weights, but this release measures lengths 1–${length}${dp.style === "fitted" ? " (the fitted style measures combinations of up to 2 attributes)" : ""}.`,
      {},
      `Give ${length} weights, e.g. --sigma-weights ${Array(length).fill(1).join(",")}.`,
    );
  }
  accuracyWeights(dp.accuracy ?? DP_DEFAULTS.accuracyMode, length);
  if (dp.fabrication) checkFabrication(dp.fabrication, length);
  if (dp.epsilon > 10) {
    printWarning(
      `--epsilon ${dp.epsilon} is a very large budget: the noise is small, and the protection weak (one person can change the result's probabilities by a factor of up to e^${dp.epsilon}). Values of 1 or below are usual.`,
      o.quiet || o.json,
    );
  }
  if (o.ingest.subjectId === undefined) {
    printWarning(
      "No --subject-id: each row is protected, not each person. Someone with several rows is less protected; give the column that identifies people if there is one.",
      o.quiet || o.json,
    );
  }
  return length;
}

export async function runDpRelease(c: DpRunContext): Promise<{ delta: number; createdAt: string }> {
  const { o, syn, data, writer } = c;
  const dp = syn.dp;
  checkDpSettings(o, dp, data);
  c.progress.phase("Adding noise and synthesizing");
  const rng = secureRng((words) => webcrypto.getRandomValues(words));
  const out = dpSynthesize(data, {
    epsilon: dp.epsilon,
    length: c.counted.length,
    style: dp.style,
    rng,
    ...(dp.delta !== undefined && { delta: dp.delta }),
    ...(dp.accuracy !== undefined && { accuracy: dp.accuracy }),
    ...(dp.fabrication !== undefined && { fabrication: dp.fabrication }),
    ...(dp.percentile !== undefined && { percentile: dp.percentile }),
    ...(dp.percentileShare !== undefined && { percentileShare: dp.percentileShare }),
    ...(dp.recordsShare !== undefined && { recordsShare: dp.recordsShare }),
  });
  c.progress.stop();
  const { aggregates, synthetic } = out;
  if (out.length < Math.min(c.counted.length, data.columns.length)) {
    printWarning(
      `The fitted style measures and publishes combinations of up to ${out.length} attributes (not ${c.counted.length}): the budget then buys far less noise per count. Use --dp-style sds for counts of up to ${c.counted.length} attributes.`,
      o.quiet || o.json,
    );
  }
  const evaluation = syn.evaluate
    ? await evaluateRelease(data, synthetic, aggregates.table, {
        model: "differential-privacy",
        k: 1,
        length: out.length,
        ...(syn.numeric && { numeric: syn.numeric }),
      })
    : undefined;
  if (evaluation) printWarnings(evaluation.warnings ?? [], o.quiet);

  const showcase = syn.showcase;
  const made = dpReleaseFiles({
    data,
    dp: out,
    epsilon: dp.epsilon,
    ...(dp.accuracy !== undefined && { accuracy: dp.accuracy }),
    risk: c.counted.risk,
    ...(evaluation && { evaluation }),
    ...releaseHeader(o, showcase),
  });
  const { manifest } = made;
  writeReleaseFiles(writer, made);
  const files = manifest.files;
  const privateFiles = ["run.json", ...made.private.map((f) => f.name)];
  const run = {
    tool: "CommonGround",
    version: VERSION,
    command: "synthesize",
    createdAt: manifest.createdAt,
    seed: null,
    randomness: "secure (Web Crypto getRandomValues)",
    input: {
      path: c.input.path,
      bytes: c.input.bytes,
      sha256: await c.input.sha256(),
      rows: data.rowsRead,
      records: data.recordCount,
    },
    options: { ...o, synthesis: syn },
    dp: {
      noisyRecords: aggregates.noisyRecords,
      delta: aggregates.delta,
      split: aggregates.split,
      contributions: aggregates.contributions,
      ranges: aggregates.ranges,
      thresholds: aggregates.thresholds,
      publishedLength: out.length,
    },
    warnings: [...data.warnings],
  };
  writer.writePrivate("run.json", json(run));
  await new Promise((resolve) => setImmediate(resolve));
  writer.commit();

  const summary = {
    input: o.input,
    rows: data.rowsRead,
    records: data.recordCount,
    noisyRecords: aggregates.noisyRecords,
    epsilon: dp.epsilon,
    delta: aggregates.delta,
    style: out.style,
    length: out.length,
    publishedCombinations: aggregates.table.counts.length,
    syntheticRecords: synthetic.recordCount,
    release: writer.releaseDir,
    privateFolder: writer.privateDir,
    files,
    privateFiles,
    statement: manifest.statement,
    ...(evaluation && { evaluation: evaluation.summary }),
  };
  if (o.json) process.stdout.write(`${JSON.stringify(summary, null, 2)}\n`);
  else if (!o.quiet) printDpSummary(summary);
  return { delta: aggregates.delta, createdAt: manifest.createdAt };
}

function printDpSummary(s: {
  input: string;
  records: number;
  noisyRecords: number;
  epsilon: number;
  delta: number;
  style: string;
  length: number;
  publishedCombinations: number;
  syntheticRecords: number;
  release: string;
  privateFolder: string;
  files: string[];
  privateFiles: string[];
  statement: string;
  evaluation?: string[];
}): void {
  const int = (n: number) => n.toLocaleString("en-US");
  const lines = [
    `CommonGround: differentially private release of ${s.input} (ε = ${s.epsilon}, δ = ${s.delta.toExponential(2)}, ${s.style} style)`,
    `  Records:       ${int(s.records)} people; published as about ${int(s.noisyRecords)} (with noise)`,
    `  Aggregates:    ${int(s.publishedCombinations)} noisy counts of combinations of up to ${s.length} attributes`,
    `  Synthetic:     ${int(s.syntheticRecords)} records, made from the noisy counts only`,
    "",
    `  ${s.statement}`,
  ];
  if (s.evaluation) lines.push("", "Evaluation (private):", ...s.evaluation.map((l) => `  - ${l}`));
  lines.push(...folderLines(s));
  process.stdout.write(`${lines.join("\n")}\n`);
}
