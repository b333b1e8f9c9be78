/**
 * The evaluation's figures as rows of a table and as chart specs (pure, snapshot-tested), for one
 * run or two side by side.
 */
import type { Evaluation } from "@commonground/core";
import { type BarListSpec, barListSpec } from "../ui/bar-list-spec.js";

export interface MetricRow {
  name: string;
  /** What it means, in plain words. */
  meaning: string;
  /** Formatted value per run (— when the run has no such figure). */
  values: string[];
  /** Higher is better (true), lower is better (false). */
  higherIsBetter: boolean;
}

const pct = (x: number) => `${x.toFixed(1)} %`;
const num = (x: number, digits = 2) => x.toFixed(digits);

type Getter = (e: Evaluation) => string | undefined;

const METRICS: { name: string; meaning: string; higherIsBetter: boolean; get: Getter }[] = [
  {
    name: "k-marginal (NIST)",
    meaning: "How alike all pairs of columns are in the synthetic and the real data, 0–1000",
    higherIsBetter: true,
    get: (e) => {
      const s = e.synthetic?.kMarginal.score;
      return s === undefined || s === null ? undefined : s.toFixed(0);
    },
  },
  {
    name: "Complete synthetic rows",
    meaning: "Synthetic records with a value in every column",
    higherIsBetter: true,
    get: (e) => e.synthetic && pct(e.synthetic.completePercent),
  },
  {
    name: "Synthetic records per real record",
    meaning: "Record expansion",
    higherIsBetter: true,
    get: (e) => e.synthetic && num(e.synthetic.expansion),
  },
  {
    name: "Unique exact match",
    meaning: "Real records unique in the data that appear verbatim among the synthetic ones",
    higherIsBetter: false,
    get: (e) => e.synthetic && pct(e.synthetic.uniqueExactMatch.matchedPercent),
  },
  {
    name: "Combinations suppressed (synthetic)",
    meaning: "Real combinations of up to L attributes missing from the synthetic records",
    higherIsBetter: false,
    get: (e) => e.synthetic && pct(e.synthetic.combinations.suppressedPercent),
  },
  {
    name: "Combinations fabricated (synthetic)",
    meaning: "Combinations in the synthetic records that no real record has",
    higherIsBetter: false,
    get: (e) => e.synthetic && pct(e.synthetic.combinations.fabricatedPercent),
  },
  {
    name: "Mean count error (synthetic)",
    meaning: "Average difference between a combination's synthetic and real count",
    higherIsBetter: false,
    get: (e) => e.synthetic && num(e.synthetic.combinations.meanAbsoluteError),
  },
  {
    name: "Combinations suppressed (reportable)",
    meaning: "Real combinations missing from the reportable counts",
    higherIsBetter: false,
    get: (e) => pct(e.reportable.suppressedPercent),
  },
  {
    name: "Mean count error (reportable)",
    meaning: "Average difference between a reportable count and the real one",
    higherIsBetter: false,
    get: (e) => num(e.reportable.meanAbsoluteError),
  },
  {
    name: "Rare combinations leaked (reportable)",
    meaning: "Combinations held by fewer than k real people that appear in the reportable counts",
    higherIsBetter: false,
    get: (e) => pct(e.reportable.rareLeakedPercent),
  },
];

export function metricRows(evaluations: Evaluation[]): MetricRow[] {
  return METRICS.map((m) => ({
    name: m.name,
    meaning: m.meaning,
    higherIsBetter: m.higherIsBetter,
    values: evaluations.map((e) => m.get(e) ?? "—"),
  }));
}

/** Charts of one run: error by length and by count bucket (synthetic records if any). */
export function evaluationSpecs(e: Evaluation): BarListSpec[] {
  const target = e.synthetic?.combinations ?? e.reportable;
  const what = e.synthetic ? "synthetic records" : "reportable counts";
  return [
    barListSpec(
      `Mean proportional count error of the ${what}, by length`,
      target.byLength.map((l) => ({
        label: `${l.length} attribute${l.length === 1 ? "" : "s"}`,
        value: l.meanProportionalError,
        text: pct(100 * l.meanProportionalError),
      })),
    ),
    barListSpec(
      `Combinations suppressed from the ${what}, by length`,
      target.byLength.map((l) => ({
        label: `${l.length} attribute${l.length === 1 ? "" : "s"}`,
        value: l.suppressedPercent,
        text: pct(l.suppressedPercent),
      })),
      100,
    ),
    barListSpec(
      `Mean proportional count error of the ${what}, by real count`,
      target.byBucket
        .filter((b) => b.combinations > 0)
        .map((b) => ({
          label: Number.isFinite(b.to) ? `${b.from}–${b.to - 1}` : `${b.from}+`,
          value: b.meanProportionalError,
          text: pct(100 * b.meanProportionalError),
        })),
    ),
  ];
}
