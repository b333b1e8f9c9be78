/**
 * The private evaluation of a release (docs/design.md §6), written to the private folder as
 * evaluation.json: the reportable aggregates (REP) and the combination counts of the synthetic
 * records (SYN) compared with the exact sensitive counts (SEN) up to length L, plus the NIST
 * fidelity measures (k-marginal with a blank cell as a value of its own, k-marginal on complete
 * rows, where cells are missing, unique exact match) and a plain-language summary.
 * Metric definitions: compare-combinations.ts, k-marginal.ts, missingness.ts, unique-exact-match.ts.
 */
import { validateResolution } from "../aggregate/aggregate.js";
import type { AggregateTable } from "../aggregate/aggregate-table.js";
import { CombinationIndex, comboEnd } from "../aggregate/combination-index.js";
import { type CountExecutor, countCombinations } from "../aggregate/count-combinations.js";
import { prepareCounting } from "../aggregate/counting-input.js";
import { invariant, UserError, type Warning } from "../errors.js";
import type { Dataset } from "../ingest/types.js";
import { type SyntheticData, syntheticAsDataset } from "../synthesize/synthetic-data.js";
import { blankRealView, blankSyntheticView } from "./blank-view.js";
import {
  type CombinationList,
  compareWithSensitive,
  type IndexedSensitive,
} from "./compare-combinations.js";
import type { Evaluation } from "./evaluation.js";
import { kMarginal } from "./k-marginal.js";
import { missingShares } from "./missingness.js";
import { summarize } from "./summary.js";
import { uniqueExactMatch } from "./unique-exact-match.js";

export type { Evaluation, SyntheticEvaluation } from "./evaluation.js";

export interface EvaluateOptions {
  /** Privacy resolution k of the release: a combination is rare when fewer than k records hold it. */
  k: number;
  /** Reporting length L: combinations of 1 … L attributes are compared (clamped to the number of columns). */
  length: number;
  /** The release's privacy model: how the summary speaks of its aggregates (default k-anonymity). */
  model?: "k-anonymity" | "differential-privacy";
  /** Columns scored with 20 percentile bins in k-marginal (numeric values). Default: none. */
  numeric?: string[];
  /**
   * What is evaluated. "synthetic" (default when synthetic records are given): REP and SYN
   * against SEN plus the fidelity measures. "aggregates" (default otherwise): REP only.
   */
  target?: "synthetic" | "aggregates";
  /** Exact sensitive counts up to L if already computed (AggregateResult.sensitive). Default: counted here. */
  sensitive?: AggregateTable;
  /** Runs the counting (default in-line); `tasks` as in AggregateOptions. */
  executor?: CountExecutor;
  tasks?: number;
}

/** Evaluates a release against the sensitive data it was made from; see EvaluateOptions. */
export async function evaluateRelease(
  data: Dataset,
  synthetic: SyntheticData | undefined,
  reportable: AggregateTable,
  options: EvaluateOptions,
): Promise<Evaluation> {
  const warnings: Warning[] = [];
  const { k } = options;
  const length = validateResolution(data, k, options.length, warnings);
  const target = options.target ?? (synthetic ? "synthetic" : "aggregates");
  if (target === "synthetic" && synthetic === undefined) {
    throw new UserError(
      "invalid-option",
      "The synthetic records cannot be evaluated: the release has none.",
      {},
      "Evaluate the aggregates only.",
    );
  }
  const counting = {
    ...(options.executor && { executor: options.executor }),
    ...(options.tasks && { tasks: options.tasks }),
  };
  const count = async (d: Dataset): Promise<CombinationList> => {
    const c = await countCombinations(prepareCounting(d), {
      k,
      length,
      collectAll: true,
      ...counting,
    });
    return { width: length, attrs: c.comboAttrs, counts: c.comboCounts };
  };
  invariant(
    options.sensitive === undefined || options.sensitive.length >= length,
    "the sensitive aggregates given to the evaluation are shorter than the reporting length",
  );
  const senList: CombinationList = options.sensitive
    ? { width: options.sensitive.length, ...options.sensitive }
    : await count(data);
  const sen = indexSensitive(senList);
  const evaluation: Evaluation = {
    model: options.model ?? "k-anonymity",
    k,
    length,
    target,
    realRecords: data.recordCount,
    sensitive: sensitiveSummary(sen, k, length),
    reportable: compareWithSensitive(sen, { width: reportable.length, ...reportable }, k, length),
    summary: [],
    warnings,
  };
  if (target === "synthetic" && synthetic) {
    const synList = await count(syntheticAsDataset(data, synthetic));
    const numeric = options.numeric ?? [];
    // Fidelity reads a reported missing cell as the blank it stands for (blank-view.ts).
    const real = blankRealView(data);
    const syn = blankSyntheticView(data, synthetic);
    const km = kMarginal(real, syn, numeric, { missing: "category" });
    const completeRows = kMarginal(real, syn, numeric, { missing: "row" });
    evaluation.synthetic = {
      records: synthetic.recordCount,
      expansion: data.recordCount === 0 ? 0 : synthetic.recordCount / data.recordCount,
      singleValueRows: singleValueRows(syn, data.attributeColumn),
      completeRows: km.completeSyntheticRows,
      completePercent: km.completeSyntheticPercent,
      combinations: compareWithSensitive(sen, synList, k, length),
      kMarginal: km,
      kMarginalCompleteRows: completeRows,
      missingness: { columns: missingShares(real, syn), worstPairs: km.worstPairs },
      uniqueExactMatch: uniqueExactMatch(real, syn),
    };
  }
  evaluation.summary = summarize(evaluation);
  return evaluation;
}

/** Synthetic records with attributes of one column only. */
function singleValueRows(synthetic: SyntheticData, col: Uint32Array): number {
  const { offsets: off, attrs } = synthetic;
  let rows = 0;
  for (let r = 0; r < synthetic.recordCount; r++) {
    const from = off[r]!;
    const to = off[r + 1]!;
    if (to === from) continue;
    let one = true;
    for (let e = from + 1; e < to && one; e++) one = col[attrs[e]!] === col[attrs[from]!];
    if (one) rows++;
  }
  return rows;
}

function indexSensitive(list: CombinationList): IndexedSensitive {
  const rows = list.counts.length;
  const lengths = new Uint8Array(rows);
  for (let i = 0; i < rows; i++) lengths[i] = comboEnd(list.attrs, list.width, i) - i * list.width;
  return { list, index: new CombinationIndex(list.attrs, list.width, rows), lengths };
}

function sensitiveSummary(sen: IndexedSensitive, k: number, length: number) {
  const byLength = Array.from({ length }, (_, i) => ({ length: i + 1, combinations: 0, rare: 0 }));
  for (let i = 0; i < sen.lengths.length; i++) {
    const entry = byLength[sen.lengths[i]! - 1];
    if (entry === undefined) continue;
    entry.combinations++;
    if (sen.list.counts[i]! < k) entry.rare++;
  }
  return {
    combinations: byLength.reduce((s, l) => s + l.combinations, 0),
    rare: byLength.reduce((s, l) => s + l.rare, 0),
    byLength,
  };
}
