/** The commander program: commands and the shared flags of docs/design.md §8. */
import { Command, Option } from "@commander-js/extra-typings";
import { EXPLANATIONS, optionSummary } from "@commonground/core/internal";
import { runAggregate } from "./commands/aggregate.js";
import { appCommand } from "./commands/app.js";
import { completionCommand } from "./commands/completion.js";
import { evaluateCommand } from "./commands/evaluate.js";
import { explainCommand } from "./commands/explain.js";
import { ledgerCommand } from "./commands/ledger.js";
import { showcaseCommand } from "./commands/showcase.js";
import { runSynthesize } from "./commands/synthesize.js";
import { verifyCommand } from "./commands/verify.js";
import { groupOptions } from "./help-groups.js";
import { type RawFlags, resolveOptions } from "./options.js";
import { usage } from "./usage.js";
import { VERSION } from "./version.js";

const collect = (value: string, previous: string[] | undefined) => [...(previous ?? []), value];

/** Flags shared by the commands that read a sensitive input (docs/design.md §8). */
function inputFlags<C extends Command<[string], Record<string, unknown>>>(cmd: C): C {
  cmd
    .option("--columns <a,b,c>", "columns to use, in this order (default: all but the subject ID)")
    .option(
      "--missing <tokens>",
      'cell values meaning "missing", comma-separated (the empty cell always is)',
    )
    .option(
      "--report-missing <COLS|all|none>",
      `${EXPLANATIONS.reportMissing.summary} (default: all for aggregate-seeded, always all under DP, else none)`,
    )
    .option(
      "--multi-value <COL=DELIM>",
      "a multi-value column and its delimiter, e.g. type=; (repeatable)",
      collect,
    )
    .option("--subject-id <column>", EXPLANATIONS.subjectId.summary)
    .option(
      "--normalize-numbers <a,b>",
      'columns whose numbers are written one way ("2016.0" and "2016" are one value)',
    )
    .option(
      "--recode <COL=a,b:New>",
      "rename values of a column, e.g. citizenship=MD,BY:Other to merge rare ones (repeatable; kept private)",
      collect,
    )
    .option(
      "--keep-identifiers <a,b>",
      "keep these columns although their value differs for every person (left out by default; refused under DP)",
    )
    .option(
      "--bin <COL=SPEC>",
      "numeric binning: COL=edges:18,25,65 | COL=width:10 | COL=quantiles:5 (repeatable)",
      collect,
    )
    .option("--record-limit <n>", optionSummary("recordLimit"))
    .option(
      "--delimiter <char>",
      "field delimiter (default: tab for .tsv, else detected; 'tab' for a tab)",
    )
    .option("-k, --k <n>", optionSummary("k"))
    .option("-L, --length <L>", optionSummary("length"))
    .option("--threads <n>", "worker threads (default: all cores; results never depend on it)")
    .option("--title <text>", "title of the release")
    .option("--description <text>", "description of the release")
    .option("--license <id>", "the licence the release is published under, e.g. CC-BY-4.0")
    .option("--release-version <v>", "the release's own version, e.g. 2026.1")
    .option("--private <dir>", "private folder (default: <out>.private; never inside the release)")
    .option("--force", "replace an existing output folder written by CommonGround")
    .option("--work-limit <n>", optionSummary("workLimit"))
    .option(
      "--config <file>",
      "JSON file of options (keys: the long flags in camelCase); flags override it",
    )
    .option("--quiet", "print nothing but errors")
    .option("--json", "print a machine-readable summary on stdout")
    .option(
      "--ledger <file>",
      "budget ledger: record this release there (DP releases are checked against its total first)",
    )
    .option(
      "--dataset <name>",
      "the data set's name in the ledger (default: the input's file name)",
    )
    .option(
      "--budget-total <e>",
      "set, once, the total ε all DP releases of the data set may spend",
    )
    .addOption(new Option("--debug", "show stack traces of internal errors").hideHelp());
  return cmd;
}

export function buildProgram(): Command {
  const program = new Command()
    .name("commonground")
    .description(
      "Turn a sensitive CSV of records about people into a release that is safe to publish. " +
        "The sensitive input never leaves this computer.",
    )
    .version(VERSION)
    .showHelpAfterError("(run with --help for usage)");

  const aggregateCmd = new Command("aggregate")
    .description(
      "Count every combination of up to L attributes and write the reportable aggregates " +
        "(each describing at least k people) plus a private risk analysis of the data.",
    )
    .showHelpAfterError("(run with --help for usage)")
    .argument("<input>", "the sensitive CSV or TSV file")
    .option("-o, --out <dir>", "release folder to write (public)")
    .option(
      "--write-sensitive-aggregates",
      "also write the exact count of every combination into the private folder",
    );
  inputFlags(aggregateCmd as unknown as Command<[string], Record<string, unknown>>);
  aggregateCmd.addHelpText(
    "after",
    [
      "",
      "Example:",
      "  commonground aggregate cases.csv --out release --subject-id person_id \\",
      '    --multi-value "type_of_exploitation=;" --bin "age=edges:18,25,35,50" --k 10 --length 3',
      "",
      "release/ may be published; release.private/ (risk analysis, options used) must not be.",
    ].join("\n"),
  );
  aggregateCmd.action(async (input, flags) => {
    await runAggregate(resolveOptions(input, flags as RawFlags));
  });
  program.addCommand(aggregateCmd as unknown as Command);

  const synthesizeCmd = new Command("synthesize")
    .showHelpAfterError("(run with --help for usage)")
    .description(
      "Make the full release: synthetic records in which every combination of attributes " +
        "describes at least k people, the reportable aggregates, a manifest with a plain-language " +
        "privacy statement and datapackage.json; plus a private evaluation and risk analysis.",
    )
    .argument("<input>", "the sensitive CSV or TSV file")
    .option("-o, --out <dir>", "release folder to write (public)")
    .option(
      "--mode <mode>",
      "row-seeded (default) | value-seeded | unseeded | aggregate-seeded | dp (differential privacy)",
    )
    .option("--seed <seed>", EXPLANATIONS.seed.summary)
    .option("--no-evaluate", "skip the evaluation of the synthetic data")
    .option("--no-showcase", "do not write showcase.html (the offline dashboard) into the release")
    .option("--numeric <a,b>", "columns scored with percentile bins in the evaluation")
    .option("--oversampling-ratio <r>", optionSummary("oversamplingRatio"))
    .option("--oversampling-tries <n>", optionSummary("oversamplingTries"))
    .option("--weight-percentile <p>", optionSummary("weightPercentile"))
    .option(
      "--use-synthesized-counts",
      "aggregate-seeded: subtract what was already synthesized from the weights (the default)",
    )
    .option(
      "--no-use-synthesized-counts",
      "aggregate-seeded: weigh by the published counts alone, as Microsoft SDS",
    )
    .option("--records <n>", optionSummary("records"))
    .option(
      "--exact-counts",
      "row-/value-seeded: each value exactly as often as its count (adds fragment records; default: at most)",
    )
    .option("--epsilon <e>", optionSummary("epsilon"))
    .option("--delta <d>", optionSummary("delta"))
    .option(
      "--dp-style <style>",
      "dp: fitted (default: complete records fitted to noisy 1- and 2-way counts) | sds",
    )
    .option(
      "--accuracy-mode <mode>",
      "dp: balanced (default) | long | short — how accuracy is spread over lengths",
    )
    .option(
      "--sigma-weights <a,b,c>",
      "dp: custom noise weights, one per length (instead of --accuracy-mode)",
    )
    .option(
      "--fabrication-mode <mode>",
      "dp: uncontrolled | balanced | progressive | minimise — how invented combinations are held back (default: uncontrolled with the fitted style, balanced with sds)",
    )
    .option("--thresholds <2=η,3=η>", "dp: custom η per length (instead of --fabrication-mode)")
    .option(
      "--fixed-thresholds <2=τ>",
      "dp: fixed thresholds per length (instead of --fabrication-mode)",
    )
    .option("--percentile <p>", optionSummary("percentile"))
    .option("--percentile-share <q>", optionSummary("percentileShare"))
    .option("--records-share <s>", optionSummary("recordsShare"))
    .option(
      "--write-sensitive-aggregates",
      "also write the exact count of every combination into the private folder",
    );
  inputFlags(synthesizeCmd as unknown as Command<[string], Record<string, unknown>>);
  synthesizeCmd.addHelpText(
    "after",
    [
      "",
      "Example:",
      "  commonground synthesize cases.csv --out release --k 10 --length 3 --seed 42",
      "  commonground synthesize cases.csv --out release --mode dp --epsilon 1 --subject-id person_id",
      "",
      "release/ may be published; release.private/ (seed, evaluation, risk analysis) must not be.",
      "Every setting explained in plain words: commonground explain <setting> (e.g. epsilon).",
    ].join("\n"),
  );
  synthesizeCmd.action(async (input, flags) => {
    await runSynthesize(resolveOptions(input, flags as RawFlags, "synthesize"));
  });
  program.addCommand(synthesizeCmd as unknown as Command);
  program.addCommand(evaluateCommand());
  program.addCommand(verifyCommand());
  program.addCommand(showcaseCommand());
  program.addCommand(ledgerCommand());
  program.addCommand(explainCommand());
  program.addCommand(appCommand());
  program.addCommand(completionCommand(buildProgram));
  program.addCommand(helpCommand(program as unknown as Command));
  for (const cmd of program.commands) groupOptions(cmd as unknown as Command);
  return program as unknown as Command;
}

/**
 * `help [command]`: the program's help, or a command's; an unknown command is an error that
 * lists the commands (commander's own help command printed the whole help and exit 2, silently).
 */
function helpCommand(program: Command): Command {
  program.helpCommand(false);
  const cmd = new Command("help")
    .description("show the help of a command (without one: of commonground)")
    .argument("[command]", "the command")
    .action((name) => {
      if (name === undefined) {
        program.outputHelp();
        return;
      }
      const found = program.commands.find((c) => c.name() === name);
      if (found === undefined) {
        const names = program.commands.map((c) => c.name()).filter((n) => n !== "help");
        throw usage(`There is no command "${name}".`, `The commands are: ${names.join(", ")}.`);
      }
      found.outputHelp();
    });
  return cmd as unknown as Command;
}
