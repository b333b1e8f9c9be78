/**
 * Explanations of the settings, written once in (simple) Markdown: the web app shows them next to
 * each control, the CLI prints them with `commonground explain`. Plain words for data stewards;
 * the numbers that matter for analysts. Markdown used: paragraphs, **bold**, `code`, "- " lists.
 * The one-line summaries of numeric options come from their definitions (NUMBER_OPTIONS).
 */
import { optionSummary } from "../release/number-options.js";

export interface Explanation {
  /** The setting as the web app names it. */
  title: string;
  /** The CLI flag(s). */
  flags: string[];
  /** One line (the CLI's option description says the same). */
  summary: string;
  /** The full explanation, Markdown. */
  body: string;
}

export const EXPLANATIONS = {
  k: {
    title: "Privacy resolution (k)",
    flags: ["--k"],
    summary: optionSummary("k"),
    body: `Every combination of attributes that is published — as a count or inside a synthetic record — describes at least **k** real people. Counts are rounded down to a multiple of k.

- A larger k protects better and keeps less detail: rare combinations disappear.
- 10 is a sound default for case records about people at risk. Do not go below 5 without a reason you can explain.`,
  },
  length: {
    title: "Reporting length (L)",
    flags: ["--length"],
    summary: optionSummary("length"),
    body: `The aggregates count combinations of up to **L** attributes (for example _female, 18-24, sexual exploitation_ is a combination of 3).

- Longer combinations tell more and cost more time; they are also rarer, so fewer of them reach k.
- Risk figures are shown for every length up to L.`,
  },
  mode: {
    title: "Synthesis method",
    flags: ["--mode"],
    summary: "how the synthetic records are made",
    body: `- **row-seeded** (default): starts from each real record and keeps the largest part of it that at least k people share. Closest to the real data; every combination of any length in a record is shared by k people.
- **value-seeded**: builds records value by value, weighted by how common values are.
- **unseeded**: builds records from attribute combinations at random.
- **aggregate-seeded**: builds records from the published aggregates only (guarantee up to length L).
- **dp** (differential privacy): records derived from noisy counts; the guarantee adds up across releases, so it suits data published again and again.`,
  },
  seed: {
    title: "Seed",
    flags: ["--seed"],
    summary: "makes the release reproducible (kept in the private run.json only)",
    body: `The same data, settings and seed give exactly the same release, here and on the command line. The seed is kept in the private folder only. It is not a password, but anyone with the seed and the real data could reproduce the release.`,
  },
  epsilon: {
    title: "Privacy budget (ε)",
    flags: ["--epsilon"],
    summary: optionSummary("epsilon"),
    body: `**ε** bounds how much the release can change because of any one person. Smaller is more private and noisier.

- 1 or below is usual; above 10 protects little.
- Budgets **add up**: two releases of the same data at ε = 1 each cost ε = 2 together. Trying several DP runs and publishing one of them costs the sum of all of them.`,
  },
  delta: {
    title: "δ",
    flags: ["--delta"],
    summary: optionSummary("delta"),
    body: `A very small probability that the ε guarantee does not hold. Leave the default unless you know why: it is well below one in the number of records.`,
  },
  style: {
    title: "DP style",
    flags: ["--dp-style"],
    summary: "dp: fitted (default; complete, faithful records) or sds (as Microsoft's SDS)",
    body: `- **fitted** (default): measures counts of single values and pairs, then fits complete records to them. On the NIST benchmark it is more faithful than SDS and MST at ε = 1 and 10.
- **sds**: the mechanism of Microsoft's Synthetic Data Showcase at your reporting length; records are often partial.`,
  },
  accuracy: {
    title: "Accuracy mode",
    flags: ["--accuracy-mode", "--sigma-weights"],
    summary: "dp: where the noise budget goes: balanced, long, short or custom weights",
    body: `How the noise budget is shared between combination lengths: **balanced** (default) treats them alike, **long** favours longer combinations, **short** the single values. Custom weights set the noise of each length relative to the others (one number per length).`,
  },
  fabrication: {
    title: "Fabrication control",
    flags: ["--fabrication-mode", "--thresholds", "--fixed-thresholds"],
    summary: "dp: how strictly noisy counts of possibly non-existent combinations are held back",
    body: `Noise can make a combination that no one has look present. Thresholds hold back small noisy counts: **uncontrolled** keeps every positive count, **balanced** and **progressive** hold back more for longer combinations, **minimise** holds back the most. The fitted style keeps every positive count by default, because its fitting needs them.`,
  },
  bins: {
    title: "Numeric binning",
    flags: ["--bin"],
    summary: "numeric binning: edges:18,25,65 | width:10 | quantiles:5",
    body: `Groups numbers into ranges, so that exact values (an age of 37) do not single people out.

- **edges**: your own cut points, e.g. \`18,25,65\` gives <18, 18-24, 25-64, 65+ (18-24 holds every value from 18 up to, not including, 25). With a fractional or negative edge the ranges are written as intervals: \`-5,18.5\` gives <-5, [-5,18.5), 18.5+.
- **width**: equal ranges that start at multiples of the width, e.g. 10 gives 20-29, 30-39, …
- **quantiles**: groups of about equal size, e.g. 5. Each cut point is rounded to a power of ten: the largest one not above a tenth of (largest value − smallest value) ÷ number of groups. So no cut is one person's exact value: incomes with cents are cut at whole hundreds or thousands.

The labels follow from the edges alone, never from the values. The outer ranges are always open (<18, 65+), so no label shows one person's exact minimum or maximum. Differential privacy accepts only your own edges: the others are computed from the data.`,
  },
  subjectId: {
    title: "Subject ID",
    flags: ["--subject-id"],
    summary: "column whose equal values are rows of the same person (merged)",
    body: `If one person can have several rows, name the column that identifies people: their rows are merged into one record, so that k counts people rather than rows. The ID itself is never published.`,
  },
  multiValue: {
    title: "Multi-value columns",
    flags: ["--multi-value"],
    summary: "a multi-value column and its delimiter, e.g. type=;",
    body: `A cell that lists several values (for example _Physical abuse;Threats_) is split on its delimiter; each value becomes an attribute of its own.`,
  },
  missing: {
    title: "Missing values",
    flags: ["--missing"],
    summary: 'cell values meaning "missing" (the empty cell always is)',
    body: `Cells holding one of these values are treated as empty: no attribute is recorded. For example \`unknown, n/a, -\`.`,
  },
  reportMissing: {
    title: "Unknown (missing) cells",
    flags: ["--report-missing"],
    summary:
      'publish missing cells of these columns as the value "(missing)" (all, none, or a list)',
    body: `By default an empty cell is no attribute: it is left out of the counts, and an empty cell in the synthetic records means "no value here".

Published, the empty cells of a column become the value **(missing)**, shown as _Unknown_: readers see how many people have no recorded recruiter, for example, and with which other values. Like any value, it is only reported where at least k people share it, and it is written as \`(missing)\` in the synthetic records (an empty synthetic cell then means "withheld").

- Under differential privacy unknown cells are always counted, for every column: each person then adds exactly one value per column.
- aggregate-seeded publishes them for every column by default: its records then keep where cells are missing, together with the values around them.
- The record-based methods keep records closer to the real ones without it: on sparse data an unknown cell is one more attribute a combination must share with k people.
- A column that holds the text \`(missing)\` as a real value cannot have its unknown cells published.`,
  },
} as const satisfies Record<string, Explanation>;

export type ExplanationKey = keyof typeof EXPLANATIONS;

/** The explanation as plain text for a terminal (Markdown marks removed). */
export function plainExplanation(e: Explanation): string {
  const body = e.body
    .replace(/\*\*(.+?)\*\*/g, "$1")
    .replace(/`(.+?)`/g, "$1")
    .replace(/(^|\W)_(.+?)_(?=\W|$)/g, "$1$2");
  return `${e.title} (${e.flags.join(", ")})\n\n${body}\n`;
}
