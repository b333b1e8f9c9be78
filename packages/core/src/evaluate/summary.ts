/**
 * The plain-language summary of an evaluation (docs/design.md §6): a few short sentences that tell a
 * data steward what the numbers mean, without statistics vocabulary. Numbers are rounded for
 * reading; evaluation.json keeps them exact.
 */
import type { TargetComparison } from "./compare-combinations.js";
import type { Evaluation, SyntheticEvaluation } from "./evaluation.js";

/** A whole number with thousands separators. */
function int(n: number): string {
  return Math.round(n).toLocaleString("en-US");
}

/** A percentage for reading: one decimal, never rounding a non-zero share to 0 or a partial one to 100. */
export function pct(x: number): string {
  if (x > 0 && x < 0.05) return "less than 0.1 %";
  if (x < 100 && x >= 99.95) return "more than 99.9 %";
  return `${x.toFixed(1)} %`;
}

function num(x: number): string {
  return x >= 100 ? int(x) : x.toFixed(1);
}

const people = (k: number) => (k === 1 ? "1 person" : `${k} people`);

export function summarize(e: Evaluation): string[] {
  const lines: string[] = [];
  const dp = e.model === "differential-privacy";
  if (e.synthetic)
    lines.push(...(dp ? dpSyntheticLines(e, e.synthetic) : syntheticLines(e, e.synthetic)));
  lines.push(...(dp ? dpAggregateLines(e, e.reportable) : aggregateLines(e, e.reportable)));
  return lines;
}

/** A DP release has no k: its records and counts are judged against all real combinations. */
function dpSyntheticLines(e: Evaluation, s: SyntheticEvaluation): string[] {
  const c = s.combinations;
  const L = e.length;
  const lines = [
    recordsLine(e, s),
    `The synthetic records hold ${pct(c.keptFrequentPercent)} of the combinations of up to ${L} attributes found in the real data.`,
    c.fabricated === 0
      ? `Every combination of up to ${L} attributes in the synthetic records also occurs in the real data.`
      : `${pct(c.fabricatedPercent)} of the combinations of up to ${L} attributes in the synthetic records (${int(c.fabricated)}) do not occur in the real data (noise makes some, as differential privacy requires).`,
  ];
  if (c.keptFrequent > 0) {
    lines.push(
      `Over all combinations of the real data, the synthetic counts are off by ${pct(100 * c.frequentMeanProportionalError)} of the true count on average, a missing one counting as 0 (${errorsByLength(c)}).`,
    );
  }
  // The fidelity measures read the same whatever the model.
  return [...lines, ...fidelityLines(s)];
}

function dpAggregateLines(e: Evaluation, r: TargetComparison): string[] {
  const absent = e.sensitive.combinations - r.keptFrequent;
  return [
    `The DP aggregates list ${int(r.combinations)} noisy counts of combinations of up to ${e.length} attributes, off by ${num(r.meanAbsoluteError)} on average from the true counts (counting unlisted ones as 0).`,
    `${int(absent)} combinations of the real data (${pct(100 * (absent / Math.max(1, e.sensitive.combinations)))}) are not listed: too rare to stand out from the noise.` +
      (r.fabricated > 0
        ? ` ${int(r.fabricated)} listed combinations do not occur in the real data: noise, as expected.`
        : ""),
  ];
}

function syntheticLines(e: Evaluation, s: SyntheticEvaluation): string[] {
  const c = s.combinations;
  const { k, length: L } = e;
  const lines = [
    recordsLine(e, s),
    e.sensitive.combinations > e.sensitive.rare
      ? `The synthetic records keep ${pct(c.keptFrequentPercent)} of the combinations of up to ${L} attributes that at least ${people(k)} share (the ones the aggregates may report).`
      : `No combination of up to ${L} attributes is shared by at least ${people(k)}, so the aggregates can report none.`,
    c.fabricated === 0
      ? `Every combination of up to ${L} attributes in the synthetic records also occurs in the real data.`
      : `${pct(c.fabricatedPercent)} of the combinations of up to ${L} attributes in the synthetic records (${int(c.fabricated)}) do not occur in the real data at all.`,
    c.rareLeaked === 0
      ? `No combination of up to ${L} attributes that fewer than ${people(k)} share appears in the synthetic records.`
      : `${int(c.rareLeaked)} combinations that fewer than ${people(k)} share (${pct(c.rareLeakedPercent)} of such combinations) appear in the synthetic records.`,
  ];
  if (c.keptFrequent > 0) {
    lines.push(
      `Where at least ${people(k)} share a combination, its count in the synthetic records is off by ${pct(100 * c.frequentMeanProportionalError)} of the true count on average (${errorsByLength(c)}).`,
    );
  }
  return [...lines, ...fidelityLines(s)];
}

function recordsLine(e: Evaluation, s: SyntheticEvaluation): string {
  const real = s.kMarginalCompleteRows.completeRealPercent;
  const fragments =
    s.singleValueRows > 0
      ? ` ${int(s.singleValueRows)} rows (${pct(percentOf(s.singleValueRows, s.records))}) hold a value in one column only: fragments, made where a value's count could be kept but not a whole record around it.`
      : "";
  return `The synthetic data has ${int(s.records)} rows for ${int(e.realRecords)} real records (${s.expansion.toFixed(2)} rows per real record; 1 is best, more means some rows are fragments of records); ${pct(s.completePercent)} of the rows are complete (no empty cell), against ${pct(real)} of the real records.${fragments}`;
}

const percentOf = (part: number, whole: number) => (whole === 0 ? 0 : (100 * part) / whole);

/** The one way a k-marginal score is shown (rounded down: never better than it is). */
export function formatScore(score: number): string {
  return String(Math.floor(score));
}

/** k-marginal both ways, where cells are empty, and unique exact match: the same for every model. */
function fidelityLines(s: SyntheticEvaluation): string[] {
  const lines: string[] = [];
  const km = s.kMarginal;
  const rows = s.kMarginalCompleteRows;
  if (km.score === null || rows.score === null) {
    lines.push("k-marginal needs at least two columns, so it was not computed.");
  } else {
    const binned =
      km.numeric.length > 0
        ? `, ${km.numeric.map((b) => b.column).join(", ")} in 20 percentile bins`
        : "";
    const empty =
      km.emptyRealRows > 0
        ? km.emptyRealRows === 1
          ? "; the 1 real record with no value at all is left out, as a synthetic row always holds one"
          : `; the ${int(km.emptyRealRows)} real records with no value at all are left out, as a synthetic row always holds one`
        : "";
    lines.push(
      `k-marginal ${formatScore(km.score)} of 1000 with a missing cell counted as a value of its own (1000: every pair of columns, empty cells included, is distributed exactly as in the real data${binned}${empty}).`,
    );
    const shares = `complete rows are ${pct(rows.completeRealPercent)} of the real records and ${pct(rows.completeSyntheticPercent)} of the synthetic rows`;
    lines.push(
      rows.completeRealRows === 0 || rows.completeSyntheticRows === 0
        ? `k-marginal on complete rows only (NIST SDNist's rule for empty cells) says nothing here: ${shares}.`
        : `k-marginal on complete rows only (NIST SDNist's rule for empty cells) is ${formatScore(rows.score)} of 1000; ${shares}, so it describes only those.`,
    );
  }
  lines.push(...missingLines(s));
  const u = s.uniqueExactMatch;
  lines.push(
    u.uniqueRecords === 0
      ? "No real record is unique as a whole (each shares all its values, empty cells included, with another), so none can be copied verbatim."
      : `Of the ${int(u.uniqueRecords)} real records unique as a whole (no other real record has exactly the same values, empty cells included: ${pct(u.uniquePercent)} of all), ${int(u.matched)} (${pct(u.matchedPercent)}) appear verbatim in the synthetic data (a synthetic row with exactly those values).`,
  );
  return lines;
}

/** Where cells are empty: the column whose share differs most, the pairs that differ most. */
function missingLines(s: SyntheticEvaluation): string[] {
  const columns = s.missingness.columns;
  if (columns.every((c) => c.realPercent === 0 && c.syntheticPercent === 0)) {
    return ["No cell is empty, in the real or in the synthetic data."];
  }
  const gap = (c: (typeof columns)[number]) => Math.abs(c.realPercent - c.syntheticPercent);
  const widest = columns.reduce((x, y) => (gap(y) > gap(x) ? y : x));
  const lines = [
    gap(widest) === 0
      ? "Every column has the same share of empty cells in the synthetic rows as in the real records."
      : `Empty cells per column: the share differs most in ${widest.name}, empty in ${pct(widest.realPercent)} of the real records and ${pct(widest.syntheticPercent)} of the synthetic rows.`,
  ];
  const pairs = s.missingness.worstPairs.filter((p) => p.distance > 0);
  if (pairs.length > 0) {
    const list = pairs.map((p) => `${p.columns.join(" with ")} (${p.distance.toFixed(2)})`);
    lines.push(
      `The pairs of columns, empty cells included, that differ most from the real data are ${list.join(", ")}, on a scale from 0 (the same) to 1 (nothing in common).`,
    );
  }
  return lines;
}

function errorsByLength(c: TargetComparison): string {
  const parts = c.byLength.map(
    (l) =>
      `${num(l.meanAbsoluteError)} for ${l.length === 1 ? "single attributes" : `${l.length} attributes`}`,
  );
  return `over all combinations, counting a missing one as 0, the mean absolute difference is ${parts.join(", ")}`;
}

function aggregateLines(e: Evaluation, r: TargetComparison): string[] {
  const { k } = e;
  const withheld = e.sensitive.rare;
  const lines = [
    `The reportable aggregates list ${int(r.combinations)} combinations of up to ${e.length} attributes, with counts rounded down to a multiple of ${k} (off by ${num(r.meanAbsoluteError)} on average, counting withheld ones as 0); the ${int(withheld)} combinations that fewer than ${people(k)} share (${pct(100 * (withheld / Math.max(1, e.sensitive.combinations)))} of all) are withheld.`,
  ];
  if (r.fabricated > 0 || r.rareLeaked > 0) {
    lines.push(
      `Warning: the aggregates contain ${int(r.fabricated + r.rareLeaked)} combinations that are rare or absent in the real data; check the release with verify.`,
    );
  }
  const missing = e.sensitive.combinations - withheld - r.keptFrequent;
  if (missing > 0) {
    lines.push(
      `Warning: the aggregates miss ${int(missing)} combinations that at least ${people(k)} share.`,
    );
  }
  return lines;
}
