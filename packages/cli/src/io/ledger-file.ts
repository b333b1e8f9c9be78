/**
 * The budget ledger file (`--ledger FILE`, docs/design.md §11): read (a missing file is an empty
 * ledger) and written atomically — a temporary file beside it, then a rename — so that a
 * failure never leaves half a ledger.
 */
import { existsSync, readFileSync, renameSync, rmSync, writeFileSync } from "node:fs";
import { basename, dirname, join } from "node:path";
import { emptyLedger, type Ledger, parseLedger, UserError } from "@commonground/core/internal";

export function readLedgerFile(path: string): Ledger {
  if (!existsSync(path)) return emptyLedger();
  let json: unknown;
  try {
    json = JSON.parse(readFileSync(path, "utf8"));
  } catch (e) {
    throw new UserError(
      "bad-config",
      `The ledger ${path} cannot be read as JSON: ${(e as Error).message}.`,
      { file: path },
      "Restore the ledger from a backup, or give a new file name to start a new ledger.",
    );
  }
  return parseLedger(json, path);
}

export function writeLedgerFile(path: string, ledger: Ledger): void {
  const temporary = join(dirname(path), `.${basename(path)}.${process.pid}.tmp`);
  try {
    writeFileSync(temporary, `${JSON.stringify(ledger, null, 2)}\n`, { mode: 0o600 });
    renameSync(temporary, path);
  } catch (e) {
    rmSync(temporary, { force: true });
    throw new UserError(
      "output-exists",
      `The ledger ${path} could not be written: ${(e as Error).message}.`,
      { file: path },
      "Check that its folder exists and is writable; the release itself was written.",
    );
  }
}
