/**
 * What the CLI prints: warnings, the human summary, errors. Text that comes from the data
 * (column names, values, file names) goes through showControl, so that control characters in
 * it are shown escaped instead of acting on the terminal.
 */
import {
  type RiskReport,
  showControl,
  type UserError,
  type Warning,
} from "@commonground/core/internal";
import pc from "picocolors";

const int = (n: number) => Math.round(n).toLocaleString("en-US");
const pct = (x: number) => `${x.toFixed(1)} %`;

/** A warning as --json reports it. */
export interface JsonWarning {
  code?: string;
  message: string;
  privacy?: true;
}

/** Every warning of this run, in order, shown or not: every --json output lists them. */
const given: JsonWarning[] = [];
export const warningsGiven = (): JsonWarning[] => [...given];

export function printWarnings(warnings: Warning[], quiet: boolean): void {
  for (const w of warnings) printWarning(w.message, quiet, w);
}

/** One warning on stderr (unless quiet), and in the run's list for --json. */
export function printWarning(
  message: string,
  quiet: boolean,
  about: { code?: string; privacy?: boolean } = {},
): void {
  given.push({
    ...(about.code !== undefined && { code: about.code }),
    message,
    ...(about.privacy === true && { privacy: true as const }),
  });
  if (!quiet) process.stderr.write(`${pc.yellow("Warning:")} ${showControl(message)}\n`);
}

/** The flag of one of core's option keys: `workLimit` → `--work-limit`. */
export function flagOf(option: string): string {
  return `--${option.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`)}`;
}

/** The user-error message: what is wrong, where, and what to do. */
export function formatUserError(e: UserError): string {
  const where: string[] = [];
  if (e.location.file) where.push(showControl(e.location.file));
  if (e.location.line !== undefined) where.push(`line ${e.location.line}`);
  if (e.location.column !== undefined) where.push(`column "${showControl(e.location.column)}"`);
  if (e.location.option !== undefined) where.push(`option ${flagOf(e.location.option)}`);
  let text = `${pc.red("Error:")} ${showControl(e.message)}\n`;
  if (where.length > 0) text += `  where: ${where.join(", ")}\n`;
  if (e.hint) text += `  what to do: ${showControl(e.hint)}\n`;
  return text;
}

export interface ReleaseSummary {
  input: string;
  rows: number;
  records: number;
  reportedRecords: number;
  k: number;
  length: number;
  reportableCombinations: number;
  release: string;
  privateFolder: string;
  files: string[];
  privateFiles: string[];
  risk: RiskReport;
  synthesis?: { mode: string; records: number };
  /** The evaluation's plain-language summary. */
  evaluation?: string[];
}

export function printReleaseSummary(s: ReleaseSummary): void {
  const r = s.risk;
  const top = r.columns
    .slice(0, 3)
    .map((c) => `${showControl(c.column)} (${pct(c.linkability)})`)
    .join(", ");
  const lines = [
    pc.bold(
      s.synthesis
        ? `CommonGround: ${s.synthesis.mode} synthetic release of ${showControl(s.input)}`
        : `CommonGround: aggregates of ${showControl(s.input)}`,
    ),
    `  Records:       ${int(s.records)} people${s.rows !== s.records ? ` (from ${int(s.rows)} rows)` : ""}; published as ${int(s.reportedRecords)} (rounded down to a multiple of k = ${s.k})`,
    `  Combinations:  ${int(r.total.combinations)} distinct of up to ${s.length} attributes; ${int(s.reportableCombinations)} describe at least ${s.k} people and are reported`,
    `  Risk:          ${pct(r.total.uniquePercent)} of records hold a combination of up to ${s.length} attributes that no other person has (unique), ${pct(r.total.rarePercent)} more one that fewer than ${s.k} people share (rare)`,
    `  Most linkable: ${top}`,
    ...(s.synthesis
      ? [
          `  Synthetic:     ${int(s.synthesis.records)} records; every combination of attributes in them is shared by at least ${s.k} real people${s.synthesis.mode === "aggregate-seeded" ? ` (up to ${s.length} attributes)` : ""}`,
        ]
      : []),
    ...(s.evaluation
      ? ["", pc.bold("Evaluation (private):"), ...s.evaluation.map((l) => `  - ${showControl(l)}`)]
      : []),
    ...folderLines(s),
  ];
  process.stdout.write(`${lines.join("\n")}\n`);
}

/** The closing lines of a summary: where the public and the private files are. */
export function folderLines(s: {
  release: string;
  files: string[];
  privateFolder: string;
  privateFiles: string[];
}): string[] {
  return [
    "",
    `Release (may be published):    ${showControl(s.release)}`,
    `    ${s.files.map(showControl).join(", ")}`,
    `Private (never publish):       ${showControl(s.privateFolder)}`,
    `    ${s.privateFiles.map(showControl).join(", ")}`,
  ];
}

/** The summary of a DP release. */
export function printDpSummary(s: {
  input: string;
  records: number;
  noisyRecords: number;
  epsilon: number;
  delta: number;
  style: string;
  length: number;
  publishedCombinations: number;
  syntheticRecords: number;
  release: string;
  privateFolder: string;
  files: string[];
  privateFiles: string[];
  statement: string;
  evaluation?: string[];
}): void {
  const lines = [
    `CommonGround: differentially private release of ${showControl(s.input)} (ε = ${s.epsilon}, δ = ${s.delta.toExponential(2)}, ${s.style} style)`,
    `  Records:       ${int(s.records)} people; published as about ${int(s.noisyRecords)} (with noise)`,
    `  Aggregates:    ${int(s.publishedCombinations)} noisy counts of combinations of up to ${s.length} attributes`,
    `  Synthetic:     ${int(s.syntheticRecords)} records, made from the noisy counts only`,
    "",
    `  ${s.statement}`,
  ];
  if (s.evaluation)
    lines.push("", "Evaluation (private):", ...s.evaluation.map((l) => `  - ${showControl(l)}`));
  lines.push(...folderLines(s));
  process.stdout.write(`${lines.join("\n")}\n`);
}
