/**
 * `commonground verify <input> <release>` (DESIGN §8; issue 3 item 5): re-reads the sensitive
 * input with the settings recorded in the manifest (each flag given overrides its setting) and
 * re-checks every promise of the release with core's verifyRelease. Exit 0 with a one-line
 * "Verified:" summary, 1 listing the violations, 2 when the input or the release cannot be read.
 * Of the private run.json only the input's SHA-256 (a warning when it differs) and the record
 * limit (when the manifest could not publish it) are used.
 */
import { availableParallelism } from "node:os";
import { resolve } from "node:path";
import { Command, Option } from "@commander-js/extra-typings";
import {
  type IngestOptions,
  type Manifest,
  readDataset,
  UserError,
  type VerifyResult,
  verifyDpRelease,
  verifyRelease,
} from "@commonground/core";
import pc from "picocolors";
import { countingOn } from "../count/worker-executor.js";
import { openInput } from "../io/input.js";
import {
  openReleaseFolder,
  type ReleaseFolder,
  readRunFacts,
  readTable,
} from "../io/release-folder.js";
import { type RawFlags, type RunOptions, resolveOptions } from "../options.js";
import { createProgress } from "../progress.js";
import { printWarning } from "../report.js";

/** Violations printed before "… and N more". */
const SHOWN = 20;

const collect = (value: string, previous: string[] | undefined) => [...(previous ?? []), value];
const int = (n: number) => n.toLocaleString("en-US");

export function verifyCommand(): Command {
  const cmd = new Command("verify")
    .description(
      "Re-check, from the sensitive input, every promise a release makes: each synthetic record " +
        "and each published combination describes at least k people, counts are exact multiples " +
        "of k, nothing reportable is missing, and the manifest tells the truth. Exit 1 on a violation.",
    )
    .showHelpAfterError("(run with --help for usage)")
    .argument("<input>", "the sensitive CSV or TSV file the release was made from")
    .argument("<release>", "the release folder (written by aggregate or synthesize)")
    .option("--k <n>", "the k the manifest must state (default: whatever it states)")
    .option("--length <L>", "the L the manifest must state (default: whatever it states)")
    .option("--threads <n>", "worker threads for counting (default: all cores)")
    .option("--private <dir>", "the release's private folder (default: <release>.private)")
    .option("--config <file>", "JSON file of options (keys: the long flags in camelCase)")
    .option("--quiet", "print nothing but warnings and violations")
    .option("--json", "print the result as JSON on stdout")
    .addOption(new Option("--debug", "show stack traces of internal errors").hideHelp());
  manifestInputFlags(cmd);
  cmd.addHelpText(
    "after",
    [
      "",
      "Example:",
      "  commonground verify cases.csv release",
      "",
      "The input is re-read with the settings recorded in release/manifest.json; give a flag only",
      "to override one. release.private/run.json, if present, tells whether the input is the file",
      "the release was made from.",
    ].join("\n"),
  );
  cmd.action(async (input, release, flags) => {
    await runVerify(input, release, flags as RawFlags);
  });
  return cmd as unknown as Command;
}

/**
 * The input flags of `verify` and `evaluate`: each defaults to the setting the manifest
 * recorded (the input is re-read as the release was made) and overrides it when given.
 */
export function manifestInputFlags(cmd: {
  option(flags: string, description: string, parse?: typeof collect): unknown;
}): void {
  cmd.option("--columns <a,b,c>", "columns to use, in this order (default: the manifest's)");
  cmd.option(
    "--missing <tokens>",
    "missing-value tokens, comma-separated (default: the manifest's)",
  );
  cmd.option(
    "--multi-value <COL=DELIM>",
    "a multi-value column and its delimiter (repeatable; default: the manifest's)",
    collect,
  );
  cmd.option("--subject-id <column>", "column of person IDs (default: the manifest's)");
  cmd.option("--bin <COL=SPEC>", "numeric binning (repeatable; default: the manifest's)", collect);
  cmd.option(
    "--record-limit <n>",
    "read only the first n data rows (default: the manifest's, else the private run.json's)",
  );
  cmd.option("--delimiter <char>", "field delimiter of the input (default: the manifest's)");
}

export async function runVerify(inputPath: string, releasePath: string, flags: RawFlags) {
  const { o, folder, m, privateDir, run, progress, input, data } = await readReleaseInput(
    inputPath,
    releasePath,
    flags,
    (folder, quiet) => warnUnlisted(folder, quiet),
  );
  const sha = await input.sha256();
  let sameInput: boolean | null = null;
  if (!run.found) {
    printWarning(
      `No run.json in ${resolve(privateDir)}: cannot check that ${inputPath} is the file the release was made from${m.input.recordLimit === undefined && o.ingest.recordLimit === undefined ? ", nor whether only its first rows were used (--record-limit)" : ""}. Give --private DIR if the private folder is elsewhere.`,
      o.quiet,
    );
  } else if (run.sha256 !== undefined) {
    sameInput = run.sha256 === sha;
    if (!sameInput) {
      printWarning(
        `${inputPath} is not the file the release was made from: its SHA-256 differs from the one in ${run.path}. Violations below may come from the differences.`,
        o.quiet,
      );
    }
  }

  progress.phase("Counting");
  const threads = Math.min(o.threads, availableParallelism());
  const synthetic = folder.entries.includes("synthetic.csv")
    ? await readTable(folder, "synthetic.csv")
    : undefined;
  const parsed = {
    manifest: folder.raw,
    aggregates: await readTable(folder, "aggregates.csv"),
    ...(synthetic && { synthetic }),
  };
  if (m.mode === "dp" && (o.k !== undefined || o.length !== undefined)) {
    printWarning("--k and --length do not apply to a DP release and are ignored.", o.quiet);
  }
  const result =
    m.mode === "dp"
      ? await verifyDpRelease(data, parsed)
      : await verifyRelease(data, parsed, {
          expect: {
            ...(o.k !== undefined && { k: o.k }),
            ...(o.length !== undefined && { length: o.length }),
          },
          ...countingOn(data.recordAttributes.length, threads),
          onProgress: (f) => progress.update(f),
        });
  progress.stop();
  report(result, folder, inputPath, sameInput, o);
  if (!result.ok) process.exitCode = 1;
}

/**
 * What evaluate and verify both start with: the options, the release folder and its private
 * run facts, and the sensitive input re-read with the manifest's settings (flags override).
 * `beforeReading` runs once the folder is known, before the input is read.
 */
export async function readReleaseInput(
  inputPath: string,
  releasePath: string,
  flags: RawFlags,
  beforeReading?: (folder: ReleaseFolder, quiet: boolean) => void,
) {
  // The shared resolver checks every flag and the config file; "out" only satisfies it.
  const o = resolveOptions(inputPath, { ...flags, out: releasePath });
  const folder = openReleaseFolder(releasePath);
  const m = folder.manifest;
  const privateDir = resolve(o.private ?? `${folder.dir}.private`);
  const run = readRunFacts(privateDir);
  const ingest = ingestOf(inputPath, o.ingest, m, run.recordLimit);
  beforeReading?.(folder, o.quiet);
  const progress = createProgress(!o.quiet && !o.json);
  progress.phase("Reading");
  const input = openInput(inputPath, (read, total) => progress.update(total ? read / total : 1));
  const data = await readDataset(input.chunks, ingest).catch((e: unknown) => {
    throw withSettingsNote(e);
  });
  progress.stop();
  return { o, folder, m, privateDir, run, progress, input, data };
}

/** The ingest settings: each one given by a flag (or --config), else the manifest's. */
export function ingestOf(
  fileName: string,
  given: IngestOptions,
  m: Manifest,
  runRecordLimit: number | undefined,
): IngestOptions {
  const ingest: IngestOptions = { fileName };
  ingest.columns = given.columns ?? m.columns.map((c) => c.name);
  const missing = given.missing ?? m.input.missing.filter((t) => t !== "");
  if (missing.length > 0) ingest.missing = missing;
  const missingByColumn = given.missingByColumn ?? m.input.missingByColumn;
  if (missingByColumn) ingest.missingByColumn = missingByColumn;
  const multi = Object.fromEntries(
    m.columns.flatMap((c) => (c.kind === "multi" ? [[c.name, c.delimiter!]] : [])),
  );
  ingest.multiValue = given.multiValue ?? multi;
  const bins = Object.fromEntries(
    m.columns.flatMap((c) => (c.bins ? [[c.name, c.bins.spec]] : [])),
  );
  ingest.bins = given.bins ?? bins;
  const subjectId = given.subjectId ?? m.input.subjectIdColumn;
  if (subjectId !== undefined) ingest.subjectId = subjectId;
  const recordLimit = given.recordLimit ?? m.input.recordLimit ?? runRecordLimit;
  if (recordLimit !== undefined) ingest.recordLimit = recordLimit;
  ingest.delimiter = given.delimiter ?? m.input.delimiter;
  return ingest;
}

/** An input error may come from a setting the manifest recorded, not one the user typed. */
export function withSettingsNote(e: unknown): unknown {
  if (!(e instanceof UserError)) return e;
  return new UserError(
    e.code,
    `Reading the input with the settings recorded in the manifest (and any flags given): ${e.message}`,
    e.location,
    e.hint === undefined
      ? "Give the file the release was made from, or override a setting with its flag."
      : `${e.hint} Or give the file the release was made from.`,
  );
}

/** Files in the release that its manifest does not list: nothing vouches for them. */
function warnUnlisted(folder: ReleaseFolder, quiet: boolean): void {
  const listed = new Set([...folder.manifest.files, "manifest.json", "showcase.html"]);
  const unlisted = folder.entries.filter((e) => !listed.has(e));
  if (unlisted.length === 0) return;
  printWarning(
    `The release folder also holds ${unlisted.join(", ")}, which manifest.json does not list: verify does not check ${unlisted.length === 1 ? "it" : "them"}. Publish only what you know to be safe.`,
    quiet,
  );
}

function report(
  r: VerifyResult,
  folder: ReleaseFolder,
  input: string,
  sameInput: boolean | null,
  o: RunOptions,
): void {
  const privacy = folder.manifest.privacy;
  const promise =
    privacy.model === "k-anonymity"
      ? `k = ${privacy.k}, L = ${privacy.reportingLength}`
      : `differential privacy, ε = ${privacy.epsilon}, L = ${privacy.reportingLength}`;
  if (o.json) {
    const { ok, ...rest } = r;
    const json = { ok, release: folder.dir, input: resolve(input), sameInput, ...rest };
    process.stdout.write(`${JSON.stringify(json, null, 2)}\n`);
    return;
  }
  if (r.ok) {
    if (o.quiet) return;
    const what = [
      ...(folder.manifest.mode === "aggregates-only"
        ? []
        : [`${int(r.checked.syntheticRecords)} synthetic records`]),
      `${int(r.checked.aggregateRows)} aggregate rows`,
    ].join(" and ");
    process.stdout.write(`Verified: ${what} keep every promise of the manifest (${promise}).\n`);
    return;
  }
  const n = r.violationCount;
  const lines = [
    `${pc.red("Verification failed:")} ${int(n)} violation${n === 1 ? "" : "s"} of the promises of ${folder.dir}:`,
    ...r.violations.slice(0, SHOWN).map((v) => `  - ${v.message}`),
  ];
  if (n > SHOWN) lines.push(`  … and ${int(n - SHOWN)} more.`);
  lines.push(
    `  what to do: Do not publish this release. ${sameInput === false ? "Check that the input is the file it was made from; if it is, make" : "Make"} it again from the original data with commonground aggregate or synthesize, and find out how it was changed.`,
  );
  process.stderr.write(`${lines.join("\n")}\n`);
}
