/**
 * `commonground evaluate <input> <release>` (docs/design.md §6, §8; issue 3 item 4): compares a release
 * with the sensitive input it was made from and writes the metrics into the private folder's
 * evaluation.json, printing a plain-language summary. The input is re-read with the settings
 * recorded in the manifest (a flag overrides its setting), as `verify` does.
 */
import { mkdirSync, renameSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { Command, Option } from "@commander-js/extra-typings";
import {
  aggregatesFromRelease,
  countColumnOf,
  evaluateRelease,
  showControl,
  syntheticFromRelease,
} from "@commonground/core/internal";
import pc from "picocolors";
import { readTable } from "../io/release-folder.js";
import { type RawFlags, splitList } from "../options.js";
import { printWarning, printWarnings, warningsGiven } from "../report.js";
import { manifestInputFlags, readReleaseInput } from "./verify.js";

export function evaluateCommand(): Command {
  const cmd = new Command("evaluate")
    .description(
      "Measure how faithful a release is to the sensitive data: suppressed and " +
        "fabricated combinations, count errors, rare-combination leakage, k-marginal (a missing " +
        "cell counted as a value of its own; beside it, on complete rows only), where cells are " +
        "empty, unique exact match. Written to the private folder's evaluation.json; never " +
        "publish it.",
    )
    .showHelpAfterError("(run with --help for usage)")
    .argument("<input>", "the sensitive CSV or TSV file the release was made from")
    .argument("<release>", "the release folder (written by synthesize or aggregate)")
    .option("--numeric <a,b>", "columns scored with 20 percentile bins in the k-marginal")
    .option("--private <dir>", "the release's private folder (default: <release>.private)")
    .option("--config <file>", "JSON file of options (keys: the long flags in camelCase)")
    .option("--quiet", "print nothing but errors")
    .option("--json", "print the evaluation as JSON on stdout")
    .addOption(new Option("--debug", "show stack traces of internal errors").hideHelp());
  manifestInputFlags(cmd);
  cmd.action(async (input, release, flags) => {
    await runEvaluate(input, release, flags as RawFlags);
  });
  return cmd as unknown as Command;
}

export async function runEvaluate(inputPath: string, releasePath: string, flags: RawFlags) {
  const { o, folder, m, privateDir, run, progress, input, data } = await readReleaseInput(
    inputPath,
    releasePath,
    flags,
  );
  const say = !o.quiet && !o.json;
  if (run.sha256 !== undefined && run.sha256 !== (await input.sha256())) {
    printWarning(
      `${inputPath} is not the file the release was made from (its SHA-256 differs from run.json's): the figures compare the release with this file.`,
      o.quiet,
    );
  }
  // A DP release's counts are not rounded: compare them as they are (k = 1).
  const k = m.privacy.model === "k-anonymity" ? m.privacy.k : 1;
  const length = m.privacy.reportingLength;
  const aggregates = await aggregatesFromRelease(
    data,
    await readTable(folder, "aggregates.csv"),
    length,
    countColumnOf(m),
  );
  const synthetic = folder.entries.includes("synthetic.csv")
    ? await syntheticFromRelease(data, await readTable(folder, "synthetic.csv"))
    : undefined;
  const skipped = aggregates.skipped + (synthetic?.skipped ?? 0);
  if (skipped > 0) {
    printWarning(
      `${skipped} row(s) of the release hold values that this input does not have and are left out of the comparison (commonground verify lists them).`,
      o.quiet,
    );
  }
  progress.phase("Evaluating");
  const numeric = splitList(flags.numeric);
  const evaluation = await evaluateRelease(data, synthetic?.value, aggregates.value, {
    model: m.privacy.model,
    k,
    length,
    ...(numeric && { numeric }),
  });
  progress.stop();
  printWarnings(evaluation.warnings ?? [], o.quiet);

  mkdirSync(privateDir, { recursive: true, mode: 0o700 });
  const target = join(privateDir, "evaluation.json");
  const partial = `${target}.partial-${process.pid}`;
  writeFileSync(partial, `${JSON.stringify(evaluation, null, 2)}\n`, { mode: 0o600 });
  renameSync(partial, target);

  if (o.json) {
    // The figures, not the sentences (those are the human summary, and in evaluation.json).
    const { summary: _summary, warnings: _warnings, ...figures } = evaluation;
    const json = { ...figures, warnings: warningsGiven() };
    process.stdout.write(`${JSON.stringify(json, null, 2)}\n`);
  } else if (say) {
    const lines = [
      pc.bold(
        `CommonGround: evaluation of ${showControl(releasePath)} against ${showControl(inputPath)}`,
      ),
      ...evaluation.summary.map((l) => `  - ${showControl(l)}`),
      "",
      `Written (private, never publish): ${showControl(target)}`,
    ];
    process.stdout.write(`${lines.join("\n")}\n`);
  }
}
