/**
 * `commonground showcase <release>` (docs/design.md §8): (re)builds `<release>/showcase.html`, the
 * self-contained page to explore a release offline, from the release's public files only
 * (io/showcase-file.ts). Exit 0 with a one-line summary; 2 when the folder is not a release.
 */
import { Command, Option } from "@commander-js/extra-typings";
import { writeShowcase } from "../io/showcase-file.js";

export function showcaseCommand(): Command {
  const cmd = new Command("showcase")
    .description(
      "Build showcase.html in a release folder: one self-contained web page to explore the " +
        "release (its privacy statement, charts, the reportable counts, the files to download). " +
        "It is made from the public files only (manifest.json, synthetic.csv, aggregates.csv), " +
        "works offline and loads nothing from anywhere.",
    )
    .showHelpAfterError("(run with --help for usage)")
    .argument("<release>", "the release folder (written by synthesize or aggregate)")
    .option("--quiet", "print nothing but errors")
    .option("--json", "print the result as JSON on stdout")
    .addOption(new Option("--debug", "show stack traces of internal errors").hideHelp());
  cmd.addHelpText(
    "after",
    [
      "",
      "Example:",
      "  commonground showcase release",
      "",
      "Writes release/showcase.html (replacing an earlier one). Publish it with the release;",
      "nothing of release.private/ is read.",
    ].join("\n"),
  );
  cmd.action((release, flags) => {
    const written = writeShowcase(release);
    if (flags.json) {
      process.stdout.write(`${JSON.stringify({ ...written, warnings: [] }, null, 2)}\n`);
    } else if (!flags.quiet) {
      const mb = (written.bytes / 1_000_000).toFixed(1);
      process.stdout.write(
        `Showcase written: ${written.path} (${mb} MB; ${written.records.toLocaleString("en-US")} synthetic records, ${written.combinations.toLocaleString("en-US")} reportable counts).\n` +
          "Made from manifest.json, synthetic.csv and aggregates.csv only. Open it in any browser; it works offline.\n",
      );
    }
  });
  return cmd as unknown as Command;
}
