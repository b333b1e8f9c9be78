/**
 * `commonground explain [setting]`: the explanations of the settings, written once in core
 * (help/explanations.ts) and shown by the web app next to each control.
 */
import { Command } from "@commander-js/extra-typings";
import { EXPLANATIONS, type ExplanationKey, plainExplanation } from "@commonground/core/internal";
import { usage } from "../usage.js";

/** The settings, by the name the command accepts: the key or any of its flags without "--". */
export function findExplanation(name: string): ExplanationKey | undefined {
  const wanted = name.trim().replace(/^--/, "").toLowerCase();
  for (const [key, e] of Object.entries(EXPLANATIONS) as [ExplanationKey, { flags: string[] }][])
    if (key.toLowerCase() === wanted || e.flags.some((f) => f.slice(2) === wanted)) return key;
  return undefined;
}

export function explainCommand(): Command {
  return new Command("explain")
    .description("explain a setting in plain words (without a name: list them)")
    .argument("[setting]", "a setting or its flag without the dashes, e.g. k, epsilon, bin")
    .action((setting?: string) => {
      if (setting === undefined) {
        const lines = Object.entries(EXPLANATIONS).map(
          ([key, e]) => `  ${key.padEnd(12)} ${e.flags.join(", ").padEnd(44)} ${e.summary}`,
        );
        process.stdout.write(
          `Settings (commonground explain <setting> for more):\n${lines.join("\n")}\n`,
        );
        return;
      }
      const key = findExplanation(setting);
      if (key === undefined) {
        throw usage(
          `There is no setting called "${setting}".`,
          `Run commonground explain to list them: ${Object.keys(EXPLANATIONS).join(", ")}.`,
        );
      }
      process.stdout.write(plainExplanation(EXPLANATIONS[key]));
    }) as unknown as Command;
}
