/**
 * `--help` in groups (how the input is read, privacy, differential privacy, output), so that a
 * long list of flags reads as a few short ones. One table, by long flag, for every command.
 */
import type { Command } from "@commander-js/extra-typings";

const INPUT = "Reading the input:";
const PRIVACY = "Privacy:";
const DP = "Differential privacy (--mode dp):";
const OUTPUT = "Output:";

const GROUP_OF: Readonly<Record<string, string>> = {
  columns: INPUT,
  missing: INPUT,
  "report-missing": INPUT,
  "multi-value": INPUT,
  "subject-id": INPUT,
  "keep-identifiers": INPUT,
  "normalize-numbers": INPUT,
  recode: INPUT,
  bin: INPUT,
  "record-limit": INPUT,
  delimiter: INPUT,
  config: INPUT,
  k: PRIVACY,
  length: PRIVACY,
  mode: PRIVACY,
  seed: PRIVACY,
  records: PRIVACY,
  "exact-counts": PRIVACY,
  "oversampling-ratio": PRIVACY,
  "oversampling-tries": PRIVACY,
  "weight-percentile": PRIVACY,
  "use-synthesized-counts": PRIVACY,
  "no-use-synthesized-counts": PRIVACY,
  "work-limit": PRIVACY,
  epsilon: DP,
  delta: DP,
  "dp-style": DP,
  "accuracy-mode": DP,
  "sigma-weights": DP,
  "fabrication-mode": DP,
  thresholds: DP,
  "fixed-thresholds": DP,
  percentile: DP,
  "percentile-share": DP,
  "records-share": DP,
  ledger: DP,
  dataset: DP,
  "budget-total": DP,
  out: OUTPUT,
  private: OUTPUT,
  force: OUTPUT,
  title: OUTPUT,
  description: OUTPUT,
  license: OUTPUT,
  "release-version": OUTPUT,
  "no-evaluate": OUTPUT,
  "no-showcase": OUTPUT,
  numeric: OUTPUT,
  "write-sensitive-aggregates": OUTPUT,
  threads: OUTPUT,
  quiet: OUTPUT,
  json: OUTPUT,
};

const ORDER = [INPUT, PRIVACY, DP, OUTPUT];

/**
 * Puts each of the command's options with a group into it (the others stay under "Options:"),
 * groups in the order above (commander shows them in the order of their first option).
 */
export function groupOptions(cmd: Command): void {
  const groupOf = (long: string | undefined) =>
    long === undefined ? undefined : GROUP_OF[long.slice(2)];
  const rank = (long: string | undefined) => {
    const at = ORDER.indexOf(groupOf(long) ?? "");
    return at < 0 ? ORDER.length : at;
  };
  for (const option of cmd.options) {
    const group = groupOf(option.long);
    if (group !== undefined) option.helpGroup(group);
  }
  // Display order only: options are looked up by name.
  const sorted = [...cmd.options].sort((a, b) => rank(a.long) - rank(b.long));
  (cmd.options as typeof sorted).splice(0, sorted.length, ...sorted);
}
