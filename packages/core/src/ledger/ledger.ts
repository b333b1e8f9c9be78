/**
 * The budget ledger (docs/design.md §11): per data set, every release made from it — DP releases with
 * their (ε, δ), k-anonymity releases with k, L and columns — and, once set, a total ε that DP
 * releases may not exceed. Composition is the plain sum (basic composition: ε and δ add up).
 * Pure functions over a JSON-ready object; the host reads and writes the file.
 */
import { UserError } from "../errors.js";

export interface DpLedgerEntry {
  model: "differential-privacy";
  epsilon: number;
  delta: number;
  date: string;
  out: string;
}

export interface KAnonymityLedgerEntry {
  model: "k-anonymity";
  k: number;
  length: number;
  columns: string[];
  mode: string;
  date: string;
  out: string;
}

export type LedgerEntry = DpLedgerEntry | KAnonymityLedgerEntry;

export interface LedgerDataset {
  /** The most ε all DP releases of this data set may spend together, once set. */
  budgetTotal?: number;
  releases: LedgerEntry[];
}

export interface Ledger {
  tool: "CommonGround";
  kind: "budget-ledger";
  datasets: Record<string, LedgerDataset>;
}

export function emptyLedger(): Ledger {
  return { tool: "CommonGround", kind: "budget-ledger", datasets: {} };
}

const bad = (file: string, what: string) =>
  new UserError(
    "bad-config",
    `The ledger ${file} is not a CommonGround budget ledger: ${what}.`,
    { file },
    "Give the ledger file written by earlier releases, or a new file name to start one.",
  );

const positive = (x: unknown): x is number => typeof x === "number" && Number.isFinite(x) && x > 0;

/** Checks parsed JSON as a ledger; a UserError names the file and what is wrong. */
export function parseLedger(json: unknown, file: string): Ledger {
  const l = json as Partial<Ledger> | null;
  if (
    typeof l !== "object" ||
    l === null ||
    l.tool !== "CommonGround" ||
    l.kind !== "budget-ledger"
  ) {
    throw bad(file, 'it lacks "tool": "CommonGround" and "kind": "budget-ledger"');
  }
  if (typeof l.datasets !== "object" || l.datasets === null)
    throw bad(file, 'it has no "datasets"');
  for (const [name, d] of Object.entries(l.datasets)) {
    if (!Array.isArray(d?.releases)) throw bad(file, `data set "${name}" has no list of releases`);
    if (d.budgetTotal !== undefined && !positive(d.budgetTotal)) {
      throw bad(file, `data set "${name}" has a total budget that is not a positive number`);
    }
    for (const r of d.releases) {
      const ok =
        r?.model === "differential-privacy"
          ? positive(r.epsilon) && typeof r.delta === "number" && r.delta >= 0 && r.delta < 1
          : r?.model === "k-anonymity" && Number.isInteger(r.k) && Array.isArray(r.columns);
      if (!ok) throw bad(file, `data set "${name}" holds a release entry it cannot read`);
    }
  }
  return l as Ledger;
}

export interface Spent {
  epsilon: number;
  delta: number;
  releases: number;
}

/** What the DP releases of a data set have spent so far. */
export function spent(ledger: Ledger, dataset: string): Spent {
  const out = { epsilon: 0, delta: 0, releases: 0 };
  for (const r of ledger.datasets[dataset]?.releases ?? []) {
    if (r.model !== "differential-privacy") continue;
    out.epsilon += r.epsilon;
    out.delta += r.delta;
    out.releases++;
  }
  return out;
}

/**
 * The total to apply: the ledger's, or `given` when the ledger has none yet. A different
 * `given` than the ledger's is refused: the total is set once.
 */
export function budgetTotal(
  ledger: Ledger,
  dataset: string,
  given: number | undefined,
): number | undefined {
  const stored = ledger.datasets[dataset]?.budgetTotal;
  if (stored !== undefined && given !== undefined && given !== stored) {
    throw new UserError(
      "invalid-option",
      `The ledger already sets the total budget of "${dataset}" to ε = ${stored}; --budget-total ${given} cannot change it.`,
      {},
      "Leave --budget-total out (the ledger's total applies), or keep a separate ledger for a new data set.",
    );
  }
  return stored ?? given;
}

/** Refuses a DP release whose ε would take the data set past its total (before any noise). */
export function checkBudget(
  ledger: Ledger,
  dataset: string,
  epsilon: number,
  total: number | undefined,
): void {
  if (total === undefined) return;
  const used = spent(ledger, dataset);
  // A tiny tolerance so that spending exactly the total in several steps is allowed.
  if (used.epsilon + epsilon > total * (1 + 1e-12)) {
    const remaining = Math.max(0, total - used.epsilon);
    throw new UserError(
      "invalid-option",
      `This release would exceed the privacy budget of "${dataset}": requested ε = ${epsilon}, already spent ε = ${round(used.epsilon)} in ${used.releases} release${used.releases === 1 ? "" : "s"}, remaining ε = ${round(remaining)} of ${total}.`,
      {},
      remaining > 0
        ? `Ask for at most --epsilon ${round(remaining)}, or publish nothing more from this data set.`
        : "The budget is spent: publish nothing more from this data set.",
    );
  }
}

const round = (x: number) => Number(x.toPrecision(6));

/**
 * A warning when a k-anonymity release differs from an earlier one of the same data set in
 * columns, k or L: comparing two such releases can reveal what each hides (differencing).
 */
export function differencingWarning(
  ledger: Ledger,
  dataset: string,
  entry: KAnonymityLedgerEntry,
): string | undefined {
  const earlier = (ledger.datasets[dataset]?.releases ?? []).filter(
    (r): r is KAnonymityLedgerEntry => r.model === "k-anonymity",
  );
  const differs = earlier.filter(
    (r) =>
      r.k !== entry.k ||
      r.length !== entry.length ||
      r.columns.join("\u0000") !== entry.columns.join("\u0000"),
  );
  if (differs.length === 0) return undefined;
  const last = differs[differs.length - 1]!;
  const changes = [
    ...(last.k !== entry.k ? [`k ${last.k} → ${entry.k}`] : []),
    ...(last.length !== entry.length ? [`L ${last.length} → ${entry.length}`] : []),
    ...(last.columns.join("\u0000") !== entry.columns.join("\u0000") ? ["other columns"] : []),
  ];
  return `"${dataset}" was released before (${last.date.slice(0, 10)}, ${last.out}) with different settings (${changes.join(", ")}). Someone holding both releases may combine them to learn what each one hides; publish only one of them if you can.`;
}

/** The ledger with one more release recorded (a new object; the input is not changed). */
export function recordRelease(
  ledger: Ledger,
  dataset: string,
  entry: LedgerEntry,
  total?: number,
): Ledger {
  const previous = ledger.datasets[dataset] ?? { releases: [] };
  const next: LedgerDataset = { ...previous, releases: [...previous.releases, entry] };
  if (total !== undefined) next.budgetTotal = total;
  return { ...ledger, datasets: { ...ledger.datasets, [dataset]: next } };
}

/** Plain lines listing a ledger: per data set, its releases, what DP releases spent, what remains. */
export function describeLedger(ledger: Ledger): string[] {
  const lines: string[] = [];
  const names = Object.keys(ledger.datasets).sort();
  if (names.length === 0) return ["The ledger records no release yet."];
  for (const name of names) {
    const d = ledger.datasets[name]!;
    const used = spent(ledger, name);
    lines.push(`${name}: ${d.releases.length} release${d.releases.length === 1 ? "" : "s"}`);
    for (const r of d.releases) {
      lines.push(
        r.model === "differential-privacy"
          ? `  ${r.date.slice(0, 10)}  DP, ε = ${r.epsilon}, δ = ${r.delta.toExponential(2)}  ${r.out}`
          : `  ${r.date.slice(0, 10)}  k-anonymity (${r.mode}), k = ${r.k}, L = ${r.length}, columns ${r.columns.join(", ")}  ${r.out}`,
      );
    }
    const total = d.budgetTotal;
    lines.push(
      `  spent: ε = ${round(used.epsilon)}, δ = ${used.delta.toExponential(2)}` +
        (total !== undefined
          ? `; total ε = ${total}, remaining ε = ${round(Math.max(0, total - used.epsilon))}`
          : "; no total set"),
    );
  }
  return lines;
}
