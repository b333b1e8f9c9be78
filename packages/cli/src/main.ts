/**
 * Entry of the `commonground` command: runs the program and maps failures to exit codes
 * (docs/design.md §8): 0 ok, 1 verification failed, 2 bad input or usage, 70 internal error, 130 interrupted.
 */
import { CommanderError } from "@commander-js/extra-typings";
import { showControl, UserError } from "@commonground/core/internal";
import pc from "picocolors";
import { abortAllWriters, anyCommitted } from "./io/output.js";
import { buildProgram } from "./program.js";
import { formatUserError } from "./report.js";

const debug = process.argv.includes("--debug");

/** Text that may quote the user's arguments or data, its control characters shown escaped. */
const safe = (text: string): string => text.split("\n").map(showControl).join("\n");

process.on("SIGINT", () => {
  abortAllWriters();
  process.stderr.write(
    anyCommitted()
      ? "\nInterrupted, but only after the output was complete: it is kept.\n"
      : "\nInterrupted: nothing was written.\n",
  );
  process.exit(130);
});

function internal(e: unknown): never {
  abortAllWriters();
  process.stderr.write(
    `${pc.red("Internal error:")} this is a bug in CommonGround, not a problem with your data or options. ` +
      `Please report it with the command you ran (not the data).${debug ? "" : " Add --debug to see details."}\n`,
  );
  if (debug)
    process.stderr.write(`${safe(e instanceof Error ? (e.stack ?? e.message) : String(e))}\n`);
  process.exit(70);
}

process.on("uncaughtException", internal);
process.on("unhandledRejection", internal);

async function main(): Promise<void> {
  // Lets the test suite check the internal-error path end to end (exit 70, no stack trace).
  if (process.env.COMMONGROUND_TEST_INTERNAL_ERROR === "1")
    throw new Error("injected internal error");
  const program = buildProgram();
  program.exitOverride();
  program.configureOutput({ writeErr: (s) => process.stderr.write(safe(s)) });
  for (const cmd of program.commands) {
    cmd.exitOverride();
    cmd.configureOutput({ writeErr: (s) => process.stderr.write(safe(s)) });
  }
  try {
    await program.parseAsync(process.argv);
  } catch (e) {
    if (e instanceof CommanderError) {
      // Help and version exit 0; usage mistakes exit 2 (commander already printed the message).
      process.exit(e.exitCode === 0 ? 0 : 2);
    }
    if (e instanceof UserError) {
      abortAllWriters();
      process.stderr.write(formatUserError(e));
      process.exit(2);
    }
    internal(e);
  }
}

await main();
