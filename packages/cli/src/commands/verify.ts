/**
 * `commonground verify <input> <release>` (docs/design.md §8; issue 3 item 5): re-reads the sensitive
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
  showControl,
  UserError,
  type VerifyResult,
  verifyDpRelease,
  verifyPublicRelease,
  verifyRelease,
} from "@commonground/core/internal";
import pc from "picocolors";
import { countingOn } from "../count/worker-executor.js";
import { openInput } from "../io/input.js";
import {
  openReleaseFolder,
  type ReleaseFolder,
  type RunFacts,
  readForVerify,
  readRunFacts,
} from "../io/release-folder.js";
import { type RawFlags, resolveOptions } from "../options.js";
import { createProgress } from "../progress.js";
import { printWarning, warningsGiven } from "../report.js";

/** Violations printed before "… and N more". */
const SHOWN = 20;

const collect = (value: string, previous: string[] | undefined) => [...(previous ?? []), value];
const int = (n: number) => n.toLocaleString("en-US");

export function verifyCommand(): Command {
  const cmd = new Command("verify")
    .description(
      "Re-check, from the sensitive input, every promise a release makes: each synthetic record " +
        "and each published combination describes at least k people, counts are exact multiples " +
        "of k (or, under differential privacy, carry noise of the stated size), nothing reportable " +
        "is missing, the manifest tells the truth, and every other file of the release folder " +
        "(datapackage.json, showcase.html) shows this release. With --public, check what needs no " +
        "sensitive data. Exit 1 on a violation.",
    )
    .showHelpAfterError("(run with --help for usage)")
    .argument("[input]", "the sensitive CSV or TSV file the release was made from")
    .argument("[release]", "the release folder (written by aggregate or synthesize)")
    .option(
      "--public",
      "check the release alone, without the sensitive input: verify --public <release>",
    )
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
      "Examples:",
      "  commonground verify cases.csv release",
      "  commonground verify --public release",
      "",
      "The input is re-read with the settings recorded in release/manifest.json; give a flag only",
      "to override one. release.private/run.json, if present, tells whether the input is the file",
      "the release was made from. --public checks what anyone holding the release can: the files'",
      "SHA-256, their formats, the statement against the settings, the aggregates closed and",
      "monotone, the synthetic records consistent with them.",
    ].join("\n"),
  );
  cmd.action(async (input, release, flags) => {
    const raw = flags as RawFlags & { public?: boolean };
    if (raw.public) {
      if (input === undefined || release !== undefined) {
        throw usage(
          "verify --public takes the release folder only: commonground verify --public release",
        );
      }
      await runVerifyPublic(input, raw);
      return;
    }
    if (input === undefined || release === undefined) {
      throw usage(
        "verify needs the sensitive input and the release folder: commonground verify cases.csv release (or verify --public release without the input).",
      );
    }
    await runVerify(input, release, raw);
  });
  return cmd as unknown as Command;
}

function usage(message: string): UserError {
  return new UserError(
    "invalid-option",
    message,
    {},
    "Run commonground verify --help for the usage.",
  );
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
  const { o, folder, m, privateDir, run, progress, input, data, ingest } = await readReleaseInput(
    inputPath,
    releasePath,
    flags,
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
  const parsed = { manifest: folder.raw, ...(await readForVerify(folder)) };
  if (m.mode === "dp" && (o.k !== undefined || o.length !== undefined)) {
    printWarning("--k and --length do not apply to a DP release and are ignored.", o.quiet);
  }
  const readWith = {
    missing: ["", ...(ingest.missing ?? [])],
    ...(ingest.missingByColumn && { missingByColumn: ingest.missingByColumn }),
    ...(ingest.subjectId !== undefined && { subjectIdColumn: ingest.subjectId }),
  };
  const result =
    m.mode === "dp"
      ? await verifyDpRelease(data, parsed, { readWith })
      : await verifyRelease(data, parsed, {
          expect: {
            ...(o.k !== undefined && { k: o.k }),
            ...(o.length !== undefined && { length: o.length }),
          },
          readWith,
          ...countingOn(data.recordAttributes.length, threads),
          onProgress: (f) => progress.update(f),
        });
  progress.stop();
  report(result, folder, { input: inputPath, sameInput, quiet: o.quiet, json: o.json });
  if (!result.ok) process.exitCode = 1;
}

/** `verify --public <release>`: the checks that need no sensitive data. */
async function runVerifyPublic(releasePath: string, flags: RawFlags & { public?: boolean }) {
  const folder = openReleaseFolder(releasePath);
  const parsed = { manifest: folder.raw, ...(await readForVerify(folder)) };
  const result = await verifyPublicRelease(parsed);
  report(result, folder, { quiet: flags.quiet === true, json: flags.json === true });
  if (!result.ok) process.exitCode = 1;
}

/**
 * What evaluate and verify both start with: the options, the release folder and its private
 * run facts, and the sensitive input re-read with the manifest's settings (flags override).
 */
export async function readReleaseInput(inputPath: string, releasePath: string, flags: RawFlags) {
  // The shared resolver checks every flag and the config file; "out" only satisfies it.
  const o = resolveOptions(inputPath, { ...flags, out: releasePath });
  const folder = openReleaseFolder(releasePath);
  const m = folder.manifest;
  const privateDir = resolve(o.private ?? `${folder.dir}.private`);
  const run = readRunFacts(privateDir);
  const ingest = ingestOf(inputPath, o.ingest, m, run);
  const progress = createProgress(!o.quiet && !o.json);
  progress.phase("Reading");
  const input = openInput(inputPath, (read, total) => progress.update(total ? read / total : 1));
  const data = await readDataset(input.chunks, ingest).catch((e: unknown) => {
    throw withSettingsNote(e);
  });
  progress.stop();
  return { o, folder, m, privateDir, run, progress, input, data, ingest };
}

/** The ingest settings: each one given by a flag (or --config), else the manifest's. */
export function ingestOf(
  fileName: string,
  given: IngestOptions,
  m: Manifest,
  run: Pick<RunFacts, "recordLimit" | "normalizeNumbers" | "recode">,
): IngestOptions {
  const ingest: IngestOptions = { fileName };
  ingest.columns = given.columns ?? m.columns.map((c) => c.name);
  // The columns a release used are re-read as they are, identifier-like or not.
  ingest.keepIdentifiers = ingest.columns;
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
  const recordLimit = given.recordLimit ?? m.input.recordLimit ?? run.recordLimit;
  // How values were rewritten is in the private run.json only (recodes name rare values).
  const normalizeNumbers = given.normalizeNumbers ?? run.normalizeNumbers;
  if (normalizeNumbers) ingest.normalizeNumbers = normalizeNumbers;
  const recode = given.recode ?? run.recode;
  if (recode) ingest.recode = recode;
  if (recordLimit !== undefined) ingest.recordLimit = recordLimit;
  ingest.delimiter = given.delimiter ?? m.input.delimiter;
  ingest.reportMissing =
    given.reportMissing ?? m.columns.flatMap((c) => (c.missingLabel ? [c.name] : []));
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

interface ReportOptions {
  /** The sensitive input (absent for --public). */
  input?: string;
  sameInput?: boolean | null;
  quiet: boolean;
  json: boolean;
}

function report(r: VerifyResult, folder: ReleaseFolder, o: ReportOptions): void {
  const privacy = folder.manifest.privacy;
  const promise =
    privacy.model === "k-anonymity"
      ? `k = ${privacy.k}, L = ${privacy.reportingLength}`
      : `differential privacy, ε = ${privacy.epsilon}, L = ${privacy.reportingLength}`;
  if (o.json) {
    const { ok, ...rest } = r;
    const json = {
      ok,
      release: folder.dir,
      ...(o.input !== undefined && { input: resolve(o.input), sameInput: o.sameInput ?? null }),
      public: o.input === undefined,
      ...rest,
      warnings: warningsGiven(),
    };
    process.stdout.write(`${JSON.stringify(json, null, 2)}\n`);
    return;
  }
  if (r.ok) {
    if (o.quiet) return;
    const lines = successLines(r, folder, promise, o.input === undefined);
    process.stdout.write(`${lines.map(showControl).join("\n")}\n`);
    return;
  }
  const n = r.violationCount;
  const lines = [
    `${pc.red("Verification failed:")} ${int(n)} violation${n === 1 ? "" : "s"} of the promises of ${showControl(folder.dir)}:`,
    ...r.violations.slice(0, SHOWN).map((v) => `  - ${showControl(v.message)}`),
  ];
  if (n > SHOWN) lines.push(`  … and ${int(n - SHOWN)} more.`);
  lines.push(
    `  what to do: Do not publish this release. ${o.sameInput === false ? "Check that the input is the file it was made from; if it is, make" : "Make"} it again from the original data with commonground aggregate or synthesize, and find out how it was changed.`,
  );
  process.stderr.write(`${lines.join("\n")}\n`);
}

/** What was checked, and what was not (or cannot be), in plain words. */
function successLines(
  r: VerifyResult,
  folder: ReleaseFolder,
  promise: string,
  publicOnly: boolean,
): string[] {
  const m = folder.manifest;
  const what = [
    ...(m.mode === "aggregates-only"
      ? []
      : [`${int(r.checked.syntheticRecords)} synthetic records`]),
    `${int(r.checked.aggregateRows)} aggregate rows`,
  ].join(" and ");
  const lines: string[] = [];
  const files = (r.filesChecked ?? []).filter((f) => f !== "manifest.json");
  const also = [...files, "no other file in the folder"].join(", ");
  const records = m.mode === "aggregates-only" ? [] : ["synthetic.csv"];
  if (publicOnly) {
    lines.push(
      `Verified without the sensitive data: ${what} keep every promise of the manifest that the public files alone can show (${promise}).`,
      `Checked: manifest.json (its statement against its settings${m.mode === "dp" ? ", the budget arithmetic" : ""}), aggregates.csv (readable, closed under sub-combinations, monotone)${records.length > 0 ? ", synthetic.csv (consistent with aggregates.csv)" : ""}. Also checked: ${also}.`,
      m.mode === "dp"
        ? "Not checked (it needs the sensitive data): whether the counts carry the stated noise. Run commonground verify <input> <release> for that."
        : `Not checked (it needs the sensitive data): whether each combination describes at least ${m.privacy.model === "k-anonymity" ? m.privacy.k : "k"} people, whether the counts are the true ones rounded down, whether anything reportable is missing. Run commonground verify <input> <release> for that.`,
    );
  } else if (m.mode === "dp") {
    lines.push(
      `Verified: ${what} are consistent with every statement of the manifest (${promise}).`,
      `Checked against the sensitive data: manifest.json (its columns, bins and missing-value tokens; its budget arithmetic), aggregates.csv (its noise; closed and monotone), synthetic.csv (consistent with aggregates.csv). Also checked: ${also}.`,
    );
    if (r.noise !== undefined && r.noise.tested > 0) {
      const n = r.noise.equal;
      lines.push(
        `The noise: ${int(r.noise.tested)} counts of single values held by many records were compared with the true counts; ${int(n)} ${n === 1 ? "is" : "are"} exactly equal and the differences are as large as noise of the stated size makes them. Noise cannot be proven from the files, only found missing or too small.`,
      );
    }
  } else {
    lines.push(
      `Verified: ${what} keep every promise of the manifest (${promise}).`,
      `Checked against the sensitive data: ${["manifest.json", "aggregates.csv", ...records].join(", ")}. Also checked: ${also}.`,
    );
  }
  if ((r.unchecked ?? []).length > 0) lines.push(`Not checked: ${r.unchecked!.join("; ")}.`);
  return lines;
}
