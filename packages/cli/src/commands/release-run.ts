/**
 * The run behind `aggregate` and `synthesize`: read the input, count, (synthesize, evaluate),
 * write the release and its private folder atomically, print the summary. A thin shell over core.
 * `aggregate` writes the reportable aggregates (public) and the risk analysis (private);
 * `synthesize` adds synthetic records, datapackage.json and the private evaluation.
 */

import { randomBytes } from "node:crypto";
import { availableParallelism } from "node:os";
import {
  aggregate,
  budgetTotal,
  checkBudget,
  DEFAULT_K,
  differencingWarning,
  type Evaluation,
  evaluateRelease,
  json,
  type KAnonymityLedgerEntry,
  kAnonymityReleaseFiles,
  type Ledger,
  type LedgerEntry,
  readDataset,
  recordRelease,
  type SynthesisMode,
  type SyntheticData,
  seededRng,
  synthesize,
  UserError,
} from "@commonground/core";
import { countingOn } from "../count/worker-executor.js";
import { openInput } from "../io/input.js";
import { readLedgerFile, writeLedgerFile } from "../io/ledger-file.js";
import { ReleaseWriter } from "../io/output.js";
import { releaseHeader, writeReleaseFiles } from "../io/write-release.js";
import type { RunOptions } from "../options.js";
import { createProgress } from "../progress.js";
import { printReleaseSummary, printWarning, printWarnings } from "../report.js";
import { VERSION } from "../version.js";
import { runDpRelease } from "./dp-run.js";

/** Phase timings on stderr with COMMONGROUND_TIMINGS=1 (for benchmarks). */
const timings = process.env.COMMONGROUND_TIMINGS === "1";
let last = performance.now();
function lap(name: string): void {
  if (!timings) return;
  const now = performance.now();
  process.stderr.write(`[timing] ${name}: ${(now - last).toFixed(0)} ms\n`);
  last = now;
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
  try {
    // The ledger is read, and a DP release checked against its budget, before anything else.
    const ledger = o.ledger && openLedger(o);
    const progress = createProgress(!o.quiet && !o.json);
    progress.phase("Reading");
    const input = openInput(o.input, (read, total) => progress.update(total ? read / total : 1));
    const data = await readDataset(input.chunks, o.ingest);
    progress.stop();
    lap("read");
    printWarnings(data.warnings, o.quiet);
    checkNumericColumns(
      o,
      data.columns.map((c) => c.name),
    );

    progress.phase("Counting");
    const result = await aggregate(data, {
      // A DP release publishes none of these counts; their k only shapes the private risk analysis.
      ...(o.synthesis?.mode === "dp"
        ? { k: Math.max(1, Math.min(o.k ?? DEFAULT_K, data.recordCount)) }
        : o.k !== undefined && { k: o.k }),
      ...(o.length !== undefined && { length: o.length }),
      sensitive: o.writeSensitiveAggregates,
      force: o.force,
      ...(o.workLimit !== undefined && { workLimit: o.workLimit }),
      ...countingOn(data.recordAttributes.length, threads),
      onProgress: (f) => progress.update(f),
    });
    progress.stop();
    lap("count, select, analyse");
    printWarnings(result.warnings, o.quiet);

    const syn = o.synthesis;
    for (const message of syn?.ignored ?? []) printWarning(message, o.quiet || o.json);
    if (syn?.mode === "dp" && syn.dp) {
      const made = await runDpRelease({
        o,
        syn: { ...syn, dp: syn.dp },
        data,
        counted: result,
        writer,
        input,
        progress,
      });
      if (ledger) {
        record(o, ledger, {
          model: "differential-privacy",
          epsilon: syn.dp.epsilon,
          delta: made.delta,
          date: made.createdAt,
          out: writer.releaseDir,
        });
      }
      return;
    }
    const seed = syn ? (syn.seed ?? randomBytes(16).toString("hex")) : undefined;
    let synthetic: SyntheticData | undefined;
    if (syn) {
      progress.phase("Synthesizing");
      synthetic = synthesize(data, {
        mode: syn.mode as SynthesisMode,
        k: result.k,
        length: result.length,
        reportable: result.reportable,
        rng: seededRng(seed!),
        ...(syn.oversamplingRatio !== undefined && { oversamplingRatio: syn.oversamplingRatio }),
        ...(syn.oversamplingTries !== undefined && { oversamplingTries: syn.oversamplingTries }),
        ...(syn.weightPercentile !== undefined && { weightPercentile: syn.weightPercentile }),
        ...(syn.useSynthesizedCounts !== undefined && {
          useSynthesizedCounts: syn.useSynthesizedCounts,
        }),
        ...(syn.records !== undefined && { records: syn.records }),
      });
      progress.stop();
      lap("synthesize");
    }
    let evaluation: Evaluation | undefined;
    if (syn?.evaluate) {
      progress.phase("Evaluating");
      evaluation = await evaluateRelease(data, synthetic, result.reportable, {
        k: result.k,
        length: result.length,
        ...(syn.numeric && { numeric: syn.numeric }),
        ...(result.sensitive && { sensitive: result.sensitive }),
      });
      progress.stop();
      lap("evaluate");
      printWarnings(evaluation.warnings ?? [], o.quiet);
    }

    const showcase = syn?.showcase === true && synthetic !== undefined;
    const made = kAnonymityReleaseFiles({
      data,
      counted: result,
      ...(syn && synthetic && { synthesis: { mode: syn.mode as SynthesisMode, synthetic } }),
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
      command: syn ? "synthesize" : "aggregate",
      createdAt: manifest.createdAt,
      seed: seed ?? null,
      input: {
        path: input.path,
        bytes: input.bytes,
        sha256: await input.sha256(),
        rows: data.rowsRead,
        records: data.recordCount,
      },
      options: {
        ...o,
        ingest: o.ingest,
        k: result.k,
        length: result.length,
        synthesis: syn && { ...syn, seed },
      },
      warnings: [...data.warnings, ...result.warnings],
      work: result.work,
    };
    writer.writePrivate("run.json", json(run));
    // Lets a Ctrl-C pressed during the synchronous work above cancel the run before it is committed.
    await new Promise((resolve) => setImmediate(resolve));
    writer.commit();
    lap("write");
    if (ledger) {
      const entry: KAnonymityLedgerEntry = {
        model: "k-anonymity",
        k: result.k,
        length: result.length,
        columns: data.columns.map((c) => c.name),
        mode: syn ? syn.mode : "aggregates-only",
        date: manifest.createdAt,
        out: writer.releaseDir,
      };
      const warning = differencingWarning(ledger.ledger, ledger.dataset, entry);
      if (warning) printWarning(warning, o.quiet || o.json);
      record(o, ledger, entry);
    }

    const summary = {
      input: o.input,
      rows: data.rowsRead,
      records: data.recordCount,
      reportedRecords: result.reportedRecords,
      k: result.k,
      length: result.length,
      reportableCombinations: result.reportable.counts.length,
      release: writer.releaseDir,
      privateFolder: writer.privateDir,
      files,
      privateFiles,
      risk: result.risk,
      ...(syn && synthetic && { synthesis: { mode: syn.mode, records: synthetic.recordCount } }),
      ...(evaluation && { evaluation: evaluation.summary }),
    };
    if (o.json) {
      const { risk, ...rest } = summary;
      process.stdout.write(
        `${JSON.stringify({ ...rest, risk: { total: risk.total, byLength: risk.byLength, columns: risk.columns } }, null, 2)}\n`,
      );
    } else if (!o.quiet) printReleaseSummary(summary);
  } catch (e) {
    writer.abort();
    throw e;
  }
}

interface OpenLedger {
  ledger: Ledger;
  dataset: string;
  total: number | undefined;
}

/** Reads the ledger; for a DP release, refuses one that would exceed the data set's total. */
function openLedger(o: RunOptions): OpenLedger {
  const { file, dataset, budgetTotal: given } = o.ledger!;
  const ledger = readLedgerFile(file);
  const total = budgetTotal(ledger, dataset, given);
  const dp = o.synthesis?.mode === "dp" ? o.synthesis.dp : undefined;
  if (dp) checkBudget(ledger, dataset, dp.epsilon, total);
  return { ledger, dataset, total };
}

/** Adds the release to the ledger file (after the release itself is in place). */
function record(o: RunOptions, open: OpenLedger, entry: LedgerEntry): void {
  writeLedgerFile(o.ledger!.file, recordRelease(open.ledger, open.dataset, entry, open.total));
}

/**
 * `--numeric` must name selected columns. Checked before counting and synthesis, so that a typo
 * fails at once, with what to do (the evaluation would only notice it at the very end).
 */
function checkNumericColumns(o: RunOptions, columns: string[]): void {
  for (const name of o.synthesis?.numeric ?? []) {
    if (!columns.includes(name)) {
      throw new UserError(
        "unknown-column",
        `--numeric names the column "${name}", which is not among the selected columns.`,
        { file: o.input, column: name },
        `Name columns that hold numbers; the selected columns are: ${columns.join(", ")}.`,
      );
    }
  }
}
