/** A slow, obviously correct reference for the counting engine and the risk analysis. */
import type { AggregateTable, Dataset } from "../../src/internal.js";
import { NONE } from "../../src/internal.js";

/** Records as sorted lists of "column=value" labels. */
export function recordLabels(data: Dataset): string[][] {
  const out: string[][] = [];
  for (let r = 0; r < data.recordCount; r++) {
    const labels: string[] = [];
    for (let e = data.recordOffsets[r]!; e < data.recordOffsets[r + 1]!; e++) {
      labels.push(label(data, data.recordAttributes[e]!));
    }
    out.push(labels);
  }
  return out;
}

export function label(data: Dataset, id: number): string {
  const column = data.columns[data.attributeColumn[id]!]!;
  return `${column.name}=${column.values[id - column.firstAttribute]}`;
}

function subsets(items: string[], max: number): string[][] {
  const out: string[][] = [];
  const walk = (start: number, current: string[]) => {
    for (let i = start; i < items.length; i++) {
      const next = [...current, items[i]!];
      out.push(next);
      if (next.length < max) walk(i + 1, next);
    }
  };
  walk(0, []);
  return out;
}

/** Exact counts of every combination of up to `length` labels. */
export function bruteCounts(records: string[][], length: number): Map<string, number> {
  const counts = new Map<string, number>();
  for (const r of records) {
    for (const s of subsets(r, length)) {
      const key = s.join("|");
      counts.set(key, (counts.get(key) ?? 0) + 1);
    }
  }
  return counts;
}

export function tableToMap(data: Dataset, table: AggregateTable): Map<string, number> {
  const out = new Map<string, number>();
  for (let i = 0; i < table.counts.length; i++) {
    const labels: string[] = [];
    for (let p = 0; p < table.length; p++) {
      const id = table.attrs[i * table.length + p]!;
      if (id !== NONE) labels.push(label(data, id));
    }
    out.set(labels.join("|"), table.counts[i]!);
  }
  return out;
}

export interface BruteRisk {
  uniqueAt: number[];
  rareAt: number[];
  /** label → [records holding it, of which holding a rare combination containing it]. */
  attributes: Map<string, [number, number]>;
}

export function bruteRisk(records: string[][], k: number, length: number): BruteRisk {
  const counts = bruteCounts(records, length);
  const uniqueAt = new Array<number>(length + 1).fill(0);
  const rareAt = new Array<number>(length + 1).fill(0);
  const attributes = new Map<string, [number, number]>();
  for (const r of records) {
    let minU = Number.POSITIVE_INFINITY;
    let minR = Number.POSITIVE_INFINITY;
    const rareLabels = new Set<string>();
    for (const s of subsets(r, length)) {
      const c = counts.get(s.join("|"))!;
      if (c === 1) minU = Math.min(minU, s.length);
      if (c < k) {
        minR = Math.min(minR, s.length);
        for (const x of s) rareLabels.add(x);
      }
    }
    if (minU !== Number.POSITIVE_INFINITY) uniqueAt[minU]!++;
    else if (minR !== Number.POSITIVE_INFINITY) rareAt[minR]!++;
    for (const x of r) {
      const entry = attributes.get(x) ?? [0, 0];
      entry[0]++;
      if (rareLabels.has(x)) entry[1]++;
      attributes.set(x, entry);
    }
  }
  return { uniqueAt, rareAt, attributes };
}
