/**
 * The evaluation's figures as rows of a table and as chart specs (pure, snapshot-tested), for one
 * run or two side by side.
 */
import { type Evaluation, formatScore } from "@commonground/core/internal";
import { attributes, type BarListSpec, barListSpec } from "../ui/bar-list-spec.js";

export interface MetricRow {
  name: string;
  /** What it means, in plain words. */
  meaning: string;
  /** Formatted value per run (— when the run has no such figure). */
  values: string[];
  /** Which way is better: a higher or a lower figure, or one nearer the real data's. */
  better: Better;
}

export type Better = "higher" | "lower" | "nearer the real data" | "nearer 1";

const pct = (x: number) => `${x.toFixed(1)} %`;
const num = (x: number, digits = 2) => x.toFixed(digits);

type Getter = (e: Evaluation) => string | undefined;

/** Scores as the summary shows them (core's formatScore), so table and text agree. */
/** A count bucket as its range of real counts: "10–19", …, "640+". */
const bucketLabel = (b: { from: number; to: number }) =>
  Number.isFinite(b.to) ? `${b.from}–${b.to - 1}` : `${b.from}+`;

const score = (s: number | null | undefined) =>
  s === undefined || s === null ? undefined : formatScore(s);

/** The column whose share of empty cells differs most between the synthetic and the real data. */
function widestGap(e: Evaluation): string | undefined {
  const columns = e.synthetic?.missingness.columns;
  if (!columns || columns.length === 0) return undefined;
  const gap = (c: (typeof columns)[number]) => Math.abs(c.syntheticPercent - c.realPercent);
  const widest = columns.reduce((x, y) => (gap(y) > gap(x) ? y : x));
  return `${gap(widest).toFixed(1)} points (${widest.name})`;
}

const METRICS: { name: string; meaning: string; better: Better; get: Getter }[] = [
  {
    name: "k-marginal, an empty cell counted as a value",
    meaning:
      "How alike all pairs of columns are in the synthetic and the real data, empty cells included, 0–1000 (the main score)",
    better: "higher",
    get: (e) => score(e.synthetic?.kMarginal.score),
  },
  {
    name: "k-marginal on complete rows (NIST SDNist)",
    meaning:
      "The same on the rows with a value in every column only, as NIST SDNist scores it: on sparse data it describes only a few rows",
    better: "higher",
    get: (e) => score(e.synthetic?.kMarginalCompleteRows.score),
  },
  {
    name: "Complete rows, synthetic (real)",
    meaning:
      "Rows with a value in every column, in the synthetic data and, in brackets, the real data",
    better: "nearer the real data",
    get: (e) =>
      e.synthetic &&
      `${pct(e.synthetic.completePercent)} (${pct(e.synthetic.kMarginalCompleteRows.completeRealPercent)})`,
  },
  {
    name: "Empty cells, largest gap",
    meaning:
      "The column whose share of empty cells differs most between the synthetic and the real data, in percentage points",
    better: "lower",
    get: widestGap,
  },
  {
    name: "Most different pair of columns",
    meaning:
      "How far the pair of columns that differs most, empty cells included, is from the real data: 0 the same, 1 nothing in common",
    better: "lower",
    get: (e) => {
      const worst = e.synthetic?.missingness.worstPairs[0];
      return worst && `${worst.distance.toFixed(2)} (${worst.columns.join(" × ")})`;
    },
  },
  {
    name: "Synthetic records per real record",
    meaning:
      "Rows of synthetic data per real record: 1 is best; more means some rows are fragments of records",
    better: "nearer 1",
    get: (e) => e.synthetic && num(e.synthetic.expansion),
  },
  {
    name: "Unique exact match",
    meaning:
      "Of the real records unique as a whole (no other has exactly the same values, empty cells included), those that appear verbatim (a synthetic row with exactly those values)",
    better: "lower",
    get: (e) => e.synthetic && pct(e.synthetic.uniqueExactMatch.matchedPercent),
  },
  {
    name: "Combinations suppressed (synthetic)",
    meaning: "Real combinations of up to L attributes missing from the synthetic records",
    better: "lower",
    get: (e) => e.synthetic && pct(e.synthetic.combinations.suppressedPercent),
  },
  {
    name: "Combinations fabricated (synthetic)",
    meaning: "Combinations in the synthetic records that no real record has",
    better: "lower",
    get: (e) => e.synthetic && pct(e.synthetic.combinations.fabricatedPercent),
  },
  {
    name: "Mean count error (synthetic)",
    meaning: "Average difference between a combination's synthetic and real count",
    better: "lower",
    get: (e) => e.synthetic && num(e.synthetic.combinations.meanAbsoluteError),
  },
  {
    name: "Combinations suppressed (reportable)",
    meaning: "Real combinations missing from the reportable counts",
    better: "lower",
    get: (e) => pct(e.reportable.suppressedPercent),
  },
  {
    name: "Mean count error (reportable)",
    meaning: "Average difference between a reportable count and the real one",
    better: "lower",
    get: (e) => num(e.reportable.meanAbsoluteError),
  },
  {
    name: "Rare combinations leaked (reportable)",
    meaning: "Combinations held by fewer than k real people that appear in the reportable counts",
    better: "lower",
    get: (e) => pct(e.reportable.rareLeakedPercent),
  },
];

export function metricRows(evaluations: Evaluation[]): MetricRow[] {
  return METRICS.map((m) => ({
    name: m.name,
    meaning: m.meaning,
    better: m.better,
    values: evaluations.map((e) => m.get(e) ?? "—"),
  }));
}

/**
 * Charts of one run: error by length and by count bucket (synthetic records if any); for
 * synthetic records also where cells are empty and the pairs of columns that differ most.
 */
export function evaluationSpecs(e: Evaluation): BarListSpec[] {
  const target = e.synthetic?.combinations ?? e.reportable;
  const what = e.synthetic ? "synthetic records" : "reportable counts";
  return [
    ...(e.synthetic ? missingnessSpecs(e.synthetic) : []),
    barListSpec(
      `Mean proportional count error of the ${what}, by length`,
      target.byLength.map((l) => ({
        label: attributes(l.length),
        value: l.meanProportionalError,
        text: pct(100 * l.meanProportionalError),
      })),
    ),
    barListSpec(
      `Combinations suppressed from the ${what}, by length`,
      target.byLength.map((l) => ({
        label: attributes(l.length),
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
          label: bucketLabel(b),
          value: b.meanProportionalError,
          text: pct(100 * b.meanProportionalError),
        })),
    ),
  ];
}

/** A run to compare: a short name ("Run 2") and its evaluation. */
export interface Compared {
  label: string;
  evaluation: Evaluation;
}

/**
 * Two runs side by side, as Microsoft SDS's app compares them: the combinations each keeps, by
 * length, and its count error by real count — one row per run under each length or count,
 * every bar on one scale.
 */
export function comparisonSpecs(runs: readonly Compared[]): BarListSpec[] {
  const target = (e: Evaluation) => e.synthetic?.combinations ?? e.reportable;
  const lengths = [
    ...new Set(runs.flatMap((r) => target(r.evaluation).byLength.map((l) => l.length))),
  ].sort((a, b) => a - b);
  const kept = lengths.flatMap((length) =>
    runs.map((r) => {
      const l = target(r.evaluation).byLength.find((x) => x.length === length);
      const value = l === undefined ? 0 : 100 - l.suppressedPercent;
      return {
        label: `${attributes(length)} · ${r.label}`,
        value,
        text: l === undefined ? "—" : pct(value),
      };
    }),
  );
  const buckets = new Map<number, string>();
  for (const r of runs) {
    for (const b of target(r.evaluation).byBucket) {
      if (b.combinations > 0) {
        buckets.set(b.from, bucketLabel(b));
      }
    }
  }
  const errors = [...buckets]
    .sort((x, y) => x[0] - y[0])
    .flatMap(([from, label]) =>
      runs.map((r) => {
        const b = target(r.evaluation).byBucket.find((x) => x.from === from && x.combinations > 0);
        const value = b?.meanProportionalError ?? 0;
        return {
          label: `${label} · ${r.label}`,
          value,
          text: b === undefined ? "—" : pct(100 * value),
        };
      }),
    );
  return [
    barListSpec(
      "Combinations kept of those in the real data, by length (higher is better)",
      kept,
      100,
    ),
    barListSpec("Mean proportional count error, by real count (lower is better)", errors),
  ];
}

function missingnessSpecs(s: NonNullable<Evaluation["synthetic"]>): BarListSpec[] {
  return [
    barListSpec(
      "Empty cells per column in the synthetic records (in brackets: the real data)",
      s.missingness.columns.map((c) => ({
        label: c.name,
        value: c.syntheticPercent,
        text: `${pct(c.syntheticPercent)} (${pct(c.realPercent)})`,
      })),
      100,
    ),
    barListSpec(
      "Pairs of columns that differ most from the real data, empty cells included (0 the same, 1 nothing in common)",
      s.missingness.worstPairs.map((p) => ({
        label: p.columns.join(" × "),
        value: p.distance,
        text: p.distance.toFixed(2),
      })),
      1,
    ),
  ];
}
