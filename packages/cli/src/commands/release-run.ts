/**
 * The run behind `aggregate` and `synthesize`: core's `makeRelease` does all of the work (docs/design.md
 * §14); this shell opens the input, lends it worker threads, shows progress, writes the files
 * atomically, keeps the ledger file and prints the summary.
 */

import { webcrypto } from "node:crypto";
import { availableParallelism } from "node:os";
import {
  budgetTotal,
  evaluationFigures,
  type MadeRelease,
  makeRelease,
  type ReleaseBudget,
  type ReleaseOptions,
  type Warning,
} from "@commonground/core/internal";
import { countingOn } from "../count/worker-executor.js";
import { openInput } from "../io/input.js";
import { readLedgerFile, writeLedgerFile } from "../io/ledger-file.js";
import { ReleaseWriter } from "../io/output.js";
import { showcaseOfFiles } from "../io/showcase-file.js";
import type { RunOptions } from "../options.js";
import { createProgress } from "../progress.js";
import {
  flagOf,
  printDpSummary,
  printReleaseSummary,
  printWarning,
  warningsGiven,
} from "../report.js";

/** Phase timings on stderr with COMMONGROUND_TIMINGS=1 (for benchmarks). */
const timings = process.env.COMMONGROUND_TIMINGS === "1";
let last = performance.now();
function lap(name: string): void {
  if (!timings) return;
  const now = performance.now();
  process.stderr.write(`[timing] ${name}: ${(now - last).toFixed(0)} ms\n`);
  last = now;
}

/** Core's release options from the command's options (flags over the config file). */
export function releaseOptionsOf(o: RunOptions): ReleaseOptions {
  return {
    ingest: o.ingest,
    ...(o.k !== undefined && { k: o.k }),
    ...(o.length !== undefined && { length: o.length }),
    ...(o.workLimit !== undefined && { workLimit: o.workLimit }),
    sensitiveAggregates: o.writeSensitiveAggregates,
    ...(o.synthesis && { synthesis: o.synthesis, showcase: o.showcase }),
    ...(o.title !== undefined && { title: o.title }),
    ...(o.description !== undefined && { description: o.description }),
    ...(o.license !== undefined && { license: o.license }),
    ...(o.releaseVersion !== undefined && { releaseVersion: o.releaseVersion }),
  };
}

export async function runRelease(o: RunOptions): Promise<void> {
  const writer = new ReleaseWriter(o.out, o.private, o.force);
  // More threads than cores only costs memory (each worker holds its own counts).
  const cores = availableParallelism();
  const threads = Math.min(o.threads, cores);
  if (o.threads > cores) {
    printWarning(
      `--threads ${o.threads} is more than the ${cores} cores of this computer; using ${cores}.`,
      o.quiet || o.json,
    );
  }
  for (const message of o.ignored ?? []) printWarning(message, o.quiet || o.json);
  try {
    const budget = o.ledger && openLedger(o, writer.releaseDir);
    const progress = createProgress(!o.quiet && !o.json);
    const input = openInput(o.input, (read, total) => progress.update(total ? read / total : 1));
    let phase = "";
    const made = await makeRelease(
      {
        chunks: input.chunks,
        name: o.input,
        path: input.path,
        bytes: input.bytes,
        sha256: input.sha256,
      },
      releaseOptionsOf(o),
      {
        secureRandom: (words) => webcrypto.getRandomValues(words),
        counting: (entries) => countingOn(entries, threads),
        onProgress: (name, fraction) => {
          if (name !== phase) {
            progress.stop();
            lap(phase || "start");
            progress.phase(name);
            phase = name;
          }
          if (fraction !== undefined) progress.update(fraction);
        },
        showcase: (texts) => showcaseOfFiles(texts, writer.releaseDir),
        onWarning: (w) => {
          progress.stop();
          showWarning(w, o);
        },
        host: "command line",
        hostOptions: { input: o.input, out: o.out, private: o.private ?? null, threads },
      },
      budget,
    );
    progress.stop();
    lap(phase);
    for (const f of made.public) writer.writePublic(f.name, f.content);
    for (const f of made.private) writer.writePrivate(f.name, f.content);
    // Lets a Ctrl-C pressed during the synchronous work above cancel the run before it is committed.
    await new Promise((resolve) => setImmediate(resolve));
    writer.commit();
    lap("write");
    if (o.ledger && made.ledger) writeLedgerFile(o.ledger.file, made.ledger);
    printSummary(o, made, writer);
  } catch (e) {
    writer.abort();
    throw e;
  }
}

/**
 * Warnings on stderr: privacy warnings always (even with --quiet or --json), the others unless
 * --quiet.
 */
function showWarning(w: Warning, o: RunOptions): void {
  const option = w.option === undefined ? "" : ` (${flagOf(w.option)})`;
  printWarning(`${w.message}${option}`, o.quiet && w.privacy !== true, w);
}

/** Reads the ledger (core checks a DP release against its total before any noise). */
function openLedger(o: RunOptions, out: string): ReleaseBudget {
  const { file, dataset, budgetTotal: given } = o.ledger!;
  const ledger = readLedgerFile(file);
  const total = budgetTotal(ledger, dataset, given);
  return { ledger, dataset, out, ...(total !== undefined && { total }) };
}

function printSummary(o: RunOptions, made: MadeRelease, writer: ReleaseWriter): void {
  const { data, counted, manifest } = made;
  const folders = {
    release: writer.releaseDir,
    privateFolder: writer.privateDir,
    files: manifest.files,
    privateFiles: made.private.map((f) => f.name),
  };
  const warnings = warningsGiven();
  const figures = made.evaluation && evaluationFigures(made.evaluation);
  if (made.dp) {
    const { aggregates, synthetic } = made.dp;
    const summary = {
      input: o.input,
      rows: data.rowsRead,
      records: data.recordCount,
      noisyRecords: aggregates.noisyRecords,
      epsilon: o.synthesis!.dp!.epsilon,
      delta: aggregates.delta,
      style: made.dp.style,
      length: made.dp.length,
      publishedCombinations: aggregates.table.counts.length,
      syntheticRecords: synthetic.recordCount,
      ...folders,
      statement: manifest.statement,
    };
    if (o.json) {
      const json = { ...summary, ...(figures && { evaluation: figures }), warnings };
      process.stdout.write(`${JSON.stringify(json, null, 2)}\n`);
    } else if (!o.quiet) {
      printDpSummary({
        ...summary,
        ...(made.evaluation && { evaluation: made.evaluation.summary }),
      });
    }
    return;
  }
  const summary = {
    input: o.input,
    rows: data.rowsRead,
    records: data.recordCount,
    reportedRecords: counted.reportedRecords,
    k: counted.k,
    length: counted.length,
    reportableCombinations: counted.reportable.counts.length,
    ...folders,
    risk: counted.risk,
    ...(made.synthetic && {
      synthesis: { mode: manifest.mode, records: made.synthetic.recordCount },
    }),
  };
  if (o.json) {
    const { risk, ...rest } = summary;
    const json = {
      ...rest,
      risk: { total: risk.total, byLength: risk.byLength, columns: risk.columns },
      ...(figures && { evaluation: figures }),
      warnings,
    };
    process.stdout.write(`${JSON.stringify(json, null, 2)}\n`);
  } else if (!o.quiet) {
    printReleaseSummary({
      ...summary,
      ...(made.evaluation && { evaluation: made.evaluation.summary }),
    });
  }
}
