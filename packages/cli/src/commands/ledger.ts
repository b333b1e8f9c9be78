/** `commonground ledger <file>`: lists the releases a budget ledger records and what remains. */

import { existsSync } from "node:fs";
import { Command } from "@commander-js/extra-typings";
import { describeLedger, spent, UserError } from "@commonground/core/internal";
import { readLedgerFile } from "../io/ledger-file.js";

export function ledgerCommand(): Command {
  const cmd = new Command("ledger")
    .description(
      "List the releases a budget ledger records, per data set, with the ε spent and remaining.",
    )
    .showHelpAfterError("(run with --help for usage)")
    .argument("<file>", "the ledger file (given as --ledger to synthesize and aggregate)")
    .option("--json", "print the ledger with the totals as JSON");
  cmd.action((file, flags) => {
    if (!existsSync(file)) {
      throw new UserError(
        "file-not-found",
        `The ledger ${file} does not exist.`,
        { file },
        "Give the file passed as --ledger when releasing.",
      );
    }
    const ledger = readLedgerFile(file);
    if (flags.json) {
      const totals = Object.fromEntries(
        Object.keys(ledger.datasets).map((name) => [name, spent(ledger, name)]),
      );
      process.stdout.write(
        `${JSON.stringify({ ...ledger, spent: totals, warnings: [] }, null, 2)}\n`,
      );
    } else process.stdout.write(`${describeLedger(ledger).join("\n")}\n`);
  });
  return cmd as unknown as Command;
}
