/**
 * `commonground aggregate <input> --out <dir>`: reportable aggregates (public) and the risk
 * analysis of the sensitive data (private). A thin shell: flags → core → files.
 */
import {
  aggregate,
  aggregatesCsv,
  type IngestOptions,
  kAnonymityManifest,
  readDataset,
} from "@commonground/core";
import { workerExecutor } from "../count/worker-executor.js";
import { openInput } from "../io/input.js";
import { ReleaseWriter } from "../io/output.js";
import type { RunOptions } from "../options.js";
import { createProgress } from "../progress.js";
import { printAggregateSummary, printWarnings } from "../report.js";
import { VERSION } from "../version.js";

/** Below this much work, threads cost more than they save. */
const PARALLEL_WORK = 2e6;

/** Phase timings on stderr with COMMONGROUND_TIMINGS=1 (for benchmarks). */
const timings = process.env.COMMONGROUND_TIMINGS === "1";
let last = performance.now();
function lap(name: string): void {
  if (!timings) return;
  const now = performance.now();
  process.stderr.write(`[timing] ${name}: ${(now - last).toFixed(0)} ms\n`);
  last = now;
}

export async function runAggregate(o: RunOptions): Promise<void> {
  const writer = new ReleaseWriter(o.out, o.private, o.force);
  try {
    const progress = createProgress(!o.quiet && !o.json);
    progress.phase("Reading");
    const input = openInput(o.input, (read, total) => progress.update(total ? read / total : 1));
    const data = await readDataset(input.chunks, o.ingest);
    progress.stop();
    lap("read");
    printWarnings(data.warnings, o.quiet);

    progress.phase("Counting");
    const parallel = o.threads > 1 && data.recordAttributes.length * 8 > PARALLEL_WORK;
    const result = await aggregate(data, {
      ...(o.k !== undefined && { k: o.k }),
      ...(o.length !== undefined && { length: o.length }),
      sensitive: o.writeSensitiveAggregates,
      force: o.force,
      ...(o.workLimit !== undefined && { workLimit: o.workLimit }),
      ...(parallel && {
        executor: workerExecutor(o.threads),
        tasks: o.threads * 4,
      }),
      onProgress: (f) => progress.update(f),
    });
    progress.stop();
    lap("count, select, analyse");
    printWarnings(result.warnings, o.quiet);

    const files = ["aggregates.csv", "manifest.json"];
    const privateFiles = ["run.json", "risk.json"];
    writer.writePublic("aggregates.csv", aggregatesCsv(data, result.reportable));
    const manifest = kAnonymityManifest(data, {
      version: VERSION,
      createdAt: new Date(),
      ...(o.title !== undefined && { title: o.title }),
      ...(o.description !== undefined && { description: o.description }),
      mode: "aggregates-only",
      k: result.k,
      length: result.length,
      reportedRecords: result.reportedRecords,
      input: manifestInput(o.ingest),
      files,
    });
    writer.writePublic("manifest.json", `${JSON.stringify(manifest, null, 2)}\n`);

    if (result.sensitive) {
      writer.writePrivate("sensitive-aggregates.csv", aggregatesCsv(data, result.sensitive));
      privateFiles.push("sensitive-aggregates.csv");
    }
    writer.writePrivate("risk.json", `${JSON.stringify(result.risk, null, 2)}\n`);
    const run = {
      tool: "CommonGround",
      version: VERSION,
      command: "aggregate",
      createdAt: manifest.createdAt,
      seed: null,
      input: {
        path: input.path,
        bytes: input.bytes,
        sha256: input.sha256(),
        rows: data.rowsRead,
        records: data.recordCount,
      },
      options: { ...o, ingest: o.ingest, k: result.k, length: result.length },
      warnings: [...data.warnings, ...result.warnings],
      work: result.work,
    };
    writer.writePrivate("run.json", `${JSON.stringify(run, null, 2)}\n`);
    writer.commit();
    lap("write");

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
    };
    if (o.json) {
      const { risk, ...rest } = summary;
      process.stdout.write(
        `${JSON.stringify({ ...rest, risk: { total: risk.total, byLength: risk.byLength, columns: risk.columns } }, null, 2)}\n`,
      );
    } else if (!o.quiet) printAggregateSummary(summary);
  } catch (e) {
    writer.abort();
    throw e;
  }
}

function manifestInput(ingest: IngestOptions) {
  const input: {
    delimiter: string;
    missing: string[];
    missingByColumn?: Record<string, string[]>;
    subjectIdColumn?: string;
    recordLimit?: number;
  } = { delimiter: ingest.delimiter ?? "auto", missing: ["", ...(ingest.missing ?? [])] };
  if (ingest.missingByColumn) input.missingByColumn = ingest.missingByColumn;
  if (ingest.subjectId !== undefined) input.subjectIdColumn = ingest.subjectId;
  if (ingest.recordLimit !== undefined) input.recordLimit = ingest.recordLimit;
  return input;
}
