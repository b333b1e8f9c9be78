/**
 * The neighbouring data sets and white-box statistics of the privacy audit
 * (privacy-audit.ts): one person added or removed, with a subject ID over two rows and a
 * multi-value cell, and each DP counting mechanism run many times on both.
 */
import {
  type DpAggregateOptions,
  dpAggregatesAudited,
  noisyRecordCount,
} from "../../src/dp/dp-aggregates.js";
import { type Dataset, type Rng, readDatasetFromText } from "../../src/internal.js";

/** One run of a mechanism on D' (with the person) or D (without), reduced to a number. */
export type Statistic = (withPerson: boolean, rng: Rng) => number;

/**
 * D: `records` people. Half are "light": a = x or y and m = p;q (3 attributes, 3 pairs); half
 * "heavy": a = y and m = r;s;t (4 attributes, 6 pairs). At the 50th percentile the
 * contribution bound is 3 at length 1 and 3 to 5 at length 2 (every other candidate is half
 * the records away, so the DP percentile finds it with a few hundred records; see
 * percentile.ts on ties), and only heavy records, which share no combination with the person,
 * are ever cut. Light people take two rows (subject IDs). D' adds the person "P": rows (x, p)
 * and (empty, q), merged into {a = x, m = p; q}: 3 attributes and 3 pairs, all counted.
 */
export function neighbours(records: number): { without: Dataset; withPerson: Dataset } {
  const rows: string[] = [];
  for (let i = 0; i < records; i++) {
    if (i % 2 === 1) rows.push(`s${i},y,r;s;t`);
    else rows.push(`s${i},${i % 4 === 0 ? "x" : "y"},p`, `s${i},,q`);
  }
  const read = (extra: string[]) =>
    readDatasetFromText(["id,a,m", ...rows, ...extra].join("\n"), {
      subjectId: "id",
      multiValue: { m: ";" },
    });
  return { without: read([]), withPerson: read(["P,x,p", "P,,q"]) };
}

/** Attribute id of (column, value). */
function attribute(data: Dataset, column: string, value: string): number {
  const c = data.columns.find((k) => k.name === column)!;
  const i = c.values.indexOf(value);
  if (i < 0) throw new Error(`no ${column}=${value}`);
  return c.firstAttribute + i;
}

/**
 * The DP marginals' white-box statistic: the sum of the noisy counts of the person's
 * combinations measured in the run. Adding the person moves its mean by the number of their
 * combinations counted (6 here), against noise of variance Σ σ_l²·Δ_l over them; no other
 * record touching those combinations is ever cut, so nothing but the noise blurs the shift.
 */
export function marginalsStatistic(
  records: number,
  options: Omit<DpAggregateOptions, "rng">,
  noiseFactor: number,
): Statistic {
  const data = neighbours(records);
  // Attribute ids agree between D and D' (the same values occur in both).
  const person = ["a=x", "m=p", "m=q"].map((s) => {
    const [c, v] = s.split("=") as [string, string];
    return attribute(data.without, c, v);
  });
  const mine = new Set<string>();
  for (let i = 0; i < person.length; i++) {
    mine.add(String(person[i]));
    for (let j = i + 1; j < person.length; j++) mine.add(`${person[i]},${person[j]}`);
  }
  return (withPerson, rng) => {
    const measured: { length: number; noisy: number }[] = [];
    dpAggregatesAudited(
      withPerson ? data.withPerson : data.without,
      { ...options, rng },
      {
        noiseFactor,
        onMeasured: (length, ids, noisy) => {
          if (mine.has(ids.join(","))) measured.push({ length, noisy });
        },
      },
    );
    let t = 0;
    for (const { noisy } of measured) t += noisy;
    return t;
  };
}

/** The record count on its own (step 1 of docs/design.md §5): the statistic is ñ itself. */
export function recordCountStatistic(
  records: number,
  epsilonN: number,
  noiseFactor: number,
): Statistic {
  return (withPerson, rng) =>
    noisyRecordCount(rng, records + (withPerson ? 1 : 0), epsilonN, noiseFactor);
}

/** `runs` samples of the statistic on each side, from two seeded streams. */
export function sample(statistic: Statistic, runs: number, rngs: [Rng, Rng]): [number[], number[]] {
  const a: number[] = [];
  const b: number[] = [];
  for (let i = 0; i < runs; i++) {
    a.push(statistic(true, rngs[0]));
    b.push(statistic(false, rngs[1]));
  }
  return [a, b];
}
