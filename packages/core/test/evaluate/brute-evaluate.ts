/**
 * Slow, obviously correct references for the evaluation: metrics from string-keyed maps of
 * combinations, k-marginal from rows of cell texts, SDNist's percentile bins by counting.
 * Also the tests' ways to write synthetic records: as cells, or as a copy of the real records.
 */
import type { Dataset } from "../../src/internal.js";
import { type SyntheticData, syntheticFromLists } from "../../src/synthesize/synthetic-data.js";
import { label } from "../aggregate/brute-force.js";

/** Synthetic records given as rows of cells ("" blank, ";" between values of a multi-value cell). */
export function syntheticRows(data: Dataset, rows: string[][]): SyntheticData {
  return syntheticFromLists(
    rows.map((cells) =>
      cells.flatMap((cell, c) => {
        const column = data.columns[c]!;
        if (cell === "") return [];
        return cell.split(column.kind === "multi" ? ";" : "\u0000").map((v) => {
          const i = column.values.indexOf(v);
          if (i < 0) throw new Error(`no value ${v} in ${column.name}`);
          return column.firstAttribute + i;
        });
      }),
    ),
  );
}

export function copyOf(data: Dataset): SyntheticData {
  const lists: number[][] = [];
  for (let r = 0; r < data.recordCount; r++) {
    lists.push(
      Array.from(data.recordAttributes.subarray(data.recordOffsets[r], data.recordOffsets[r + 1])),
    );
  }
  return syntheticFromLists(lists);
}

/** Records of synthetic data as sorted lists of "column=value" labels. */
export function syntheticLabels(data: Dataset, syn: SyntheticData): string[][] {
  const out: string[][] = [];
  for (let r = 0; r < syn.recordCount; r++) {
    const ids = Array.from(syn.attrs.subarray(syn.offsets[r], syn.offsets[r + 1]));
    out.push(ids.map((id) => label(data, id)));
  }
  return out;
}

/** One text per column and record: "" when blank, the values joined by "\u0001" otherwise. */
export function cellTexts(data: Dataset, offsets: Uint32Array, attrs: Uint32Array, rows: number) {
  const out: string[][] = [];
  for (let r = 0; r < rows; r++) {
    const cells: string[][] = data.columns.map(() => []);
    for (let e = offsets[r]!; e < offsets[r + 1]!; e++) {
      const id = attrs[e]!;
      const column = data.columns[data.attributeColumn[id]!]!;
      cells[data.attributeColumn[id]!]!.push(column.values[id - column.firstAttribute]!);
    }
    out.push(cells.map((c) => c.join("\u0001")));
  }
  return out;
}

export interface BruteLength {
  suppressed: number;
  fabricated: number;
  meanAbsoluteError: number;
  meanProportionalError: number;
  rareLeaked: number;
}

export function bruteCompare(
  sen: Map<string, number>,
  target: Map<string, number>,
  k: number,
  length: number,
) {
  const lengthOf = (key: string) => key.split("|").length;
  const byLength: BruteLength[] = [];
  const buckets = new Map<number, number[]>();
  for (let l = 1; l <= length; l++) {
    let suppressed = 0;
    let fabricated = 0;
    let abs = 0;
    let union = 0;
    let prop = 0;
    let senN = 0;
    let rareLeaked = 0;
    for (const [key, s] of sen) {
      if (lengthOf(key) !== l) continue;
      const t = target.get(key) ?? 0;
      if (!target.has(key)) suppressed++;
      if (s < k && target.has(key)) rareLeaked++;
      abs += Math.abs(t - s);
      prop += Math.abs(t - s) / s;
      union++;
      senN++;
      let from = 1;
      if (s >= 10) for (from = 10; s >= 2 * from; ) from *= 2;
      buckets.set(from, [...(buckets.get(from) ?? []), Math.abs(t - s) / s]);
    }
    for (const [key, t] of target) {
      if (lengthOf(key) !== l || sen.has(key)) continue;
      fabricated++;
      abs += t;
      union++;
    }
    byLength.push({
      suppressed,
      fabricated,
      meanAbsoluteError: union === 0 ? 0 : abs / union,
      meanProportionalError: senN === 0 ? 0 : prop / senN,
      rareLeaked,
    });
  }
  const byBucket = [...buckets.entries()]
    .sort((a, b) => a[0] - b[0])
    .map(([from, errors]) => ({
      from,
      combinations: errors.length,
      meanProportionalError: errors.reduce((x, y) => x + y, 0) / errors.length,
    }));
  return { byLength, byBucket };
}

/**
 * k-marginal from cell texts: a blank cell as the value "missing" (every row in every pair),
 * SDNist's whole complete rows, or pair by pair.
 */
export function bruteKMarginal(
  real: string[][],
  syn: string[][],
  numeric: number[],
  missing: "category" | "row" | "pair",
): number | null {
  const distances = brutePairDistances(real, syn, numeric, missing);
  if (distances === null) return null;
  return 1000 * (1 - distances.reduce((s, d) => s + d.distance, 0) / distances.length);
}

/** The total-variation distance of every column pair (a < b, in column order). */
export function brutePairDistances(
  real: string[][],
  syn: string[][],
  numeric: number[],
  missing: "category" | "row" | "pair",
): { a: number; b: number; distance: number }[] | null {
  const C = real[0]?.length ?? 0;
  if (C < 2) return null;
  const complete = (row: string[]) => row.every((c) => c !== "");
  // A blank cell as a value: records without any value are left out (synthetic ones never are).
  const held = (row: string[]) => row.some((c) => c !== "");
  const kept = (rows: string[][]) =>
    missing === "row" ? rows.filter(complete) : missing === "category" ? rows.filter(held) : rows;
  const realRows = kept(real);
  const synRows = kept(syn);
  const category: ((cell: string) => string)[] = [];
  for (let c = 0; c < C; c++) {
    const bin = numeric.includes(c) ? binner(realRows.map((r) => r[c]!)) : (cell: string) => cell;
    category.push((cell) => (cell === "" ? "\u0003missing" : bin(cell)));
  }
  const out: { a: number; b: number; distance: number }[] = [];
  for (let a = 0; a < C; a++) {
    for (let b = a + 1; b < C; b++) {
      const density = (rows: string[][]) => {
        const kept = missing === "category" ? rows : rows.filter((r) => r[a] !== "" && r[b] !== "");
        const m = new Map<string, number>();
        for (const r of kept) {
          const key = `${category[a]!(r[a]!)}\u0002${category[b]!(r[b]!)}`;
          m.set(key, (m.get(key) ?? 0) + 1 / kept.length);
        }
        return m;
      };
      const p = density(realRows);
      const q = density(synRows);
      let sum = 0;
      for (const key of new Set([...p.keys(), ...q.keys()]))
        sum += Math.abs((p.get(key) ?? 0) - (q.get(key) ?? 0));
      out.push({ a, b, distance: sum / 2 });
    }
  }
  return out;
}

/** Percentile bins of the real cells by average ranks; synthetic cells mapped by upper edges. */
function binner(cells: string[]): (cell: string) => string {
  const num = (cell: string) => {
    const x = Number(cell);
    return cell.trim() === "" || !Number.isFinite(x) ? undefined : Math.trunc(x);
  };
  const xs = cells.map(num).filter((x): x is number => x !== undefined);
  const edges = new Map<number, number>();
  for (const x of xs) {
    const below = xs.filter((y) => y < x).length;
    const same = xs.filter((y) => y === x).length;
    const p = (below + (same + 1) / 2) / xs.length;
    const bin = p < 1 ? Math.floor(20 * p) : 19;
    edges.set(bin, Math.max(edges.get(bin) ?? x, x));
  }
  const bins = [...edges.keys()].sort((a, b) => a - b);
  return (cell) => {
    const x = num(cell);
    if (x === undefined) return `s:${cell}`;
    const bin = bins.find((b) => edges.get(b)! >= x) ?? bins[bins.length - 1] ?? 0;
    return `#${bin}`;
  };
}
