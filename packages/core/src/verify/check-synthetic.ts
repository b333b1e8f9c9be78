/**
 * Re-checks synthetic.csv against the sensitive data (docs/design.md §4, §7):
 * - every row names known values (a single-value cell is one value, so at most one per column);
 * - guarantee "all-lengths" (row-seeded, value-seeded, unseeded): the row's whole attribute set
 *   is held by at least k records — then so is every combination of its attributes;
 * - guarantee "up-to-length" (aggregate-seeded): every combination of up to L of its attributes
 *   is reportable (held by at least k records);
 * - row-seeded and value-seeded: each attribute appears exactly floor_k(n_v) times when
 *   n_v ≥ k, and never when n_v < k.
 *
 * Cost: the records are read into typed arrays (CSR). All-lengths supports are computed for all
 * records at once by walking them as a trie of sorted attribute ids (supportsOf): each distinct
 * prefix filters its parent's record list once. An up-to-length record costs Σ_{l ≤ L} C(m, l)
 * hash look-ups; a row equal to the one before (rows are written sorted) reuses its verdict.
 */

import { floorK } from "../aggregate/aggregate-table.js";
import type { CombinationIndex } from "../aggregate/combination-index.js";
import { type AttributeCounts, keepsCount } from "../release/manifest.js";
import { readCells } from "../release/read-cells.js";
import type { ReleaseTable } from "../release/read-csv.js";
import { GrowableUint32 } from "../util/growable.js";
import type { VerifyContext } from "./check-aggregates.js";
import { supportsOf } from "./record-support.js";
import {
  checkHeader,
  describeCells,
  describeIds,
  records as recordsText,
  unreadable,
} from "./release-cells.js";

const FILE = "synthetic.csv";

export type SyntheticGuarantee = "all-lengths" | "up-to-length";

export interface SyntheticCheck {
  guarantee: SyntheticGuarantee;
  /** Row- and value-seeded releases promise attribute counts of floor_k(n_v), exactly or at most. */
  attributeCounts: AttributeCounts | undefined;
  /** The mode, named in messages. */
  mode: string;
}

/** Checks synthetic.csv; returns the number of data rows read. */
export async function checkSynthetic(
  ctx: VerifyContext,
  table: ReleaseTable,
  check: SyntheticCheck,
): Promise<number> {
  const { data, k, length, violations: v } = ctx;
  const map = checkHeader(data, FILE, table.header, undefined, v);
  if (map === undefined) return unreadable(FILE, table, v);
  let row = 0;
  const names = table.header;
  const held = new Uint32Array(data.attributeColumn.length);
  // The readable records, in CSR form, with their row numbers and their cells (for messages).
  const offsets = new GrowableUint32(1024);
  const attrs = new GrowableUint32(1024);
  const rowOf = new GrowableUint32(1024);
  offsets.push(0);
  const ids: number[] = [];
  for await (const cells of table.rows) {
    row++;
    const where = () => `${FILE} row ${row} (${describeCells(names, cells)})`;
    if (cells.length !== names.length) {
      v.add(
        "malformed-row",
        `${where()}: has ${cells.length} cells, but the header has ${names.length}.`,
      );
      continue;
    }
    const problem = readCells(data, cells, map.columnOf, ids);
    if (problem) {
      const nobody = problem.kind === "unknown-value" ? ", so the record describes nobody" : "";
      v.add(problem.kind, `${where()}: ${problem.message}${nobody}.`);
      continue;
    }
    for (const a of ids) {
      held[a]!++;
      attrs.push(a);
    }
    offsets.push(attrs.length);
    rowOf.push(row);
  }
  const records = rowOf.length;
  const off = offsets.data.subarray(0, records + 1);
  const all = attrs.data.subarray(0, attrs.length);
  const where = (i: number) =>
    `${FILE} row ${rowOf.data[i]} (${describeIds(data, all, off[i]!, off[i + 1]!)})`;
  if (check.guarantee === "all-lengths") {
    const supports = supportsOf(ctx.support, data.recordCount, off, all, records, k);
    for (let i = 0; i < records; i++) {
      const s = supports[i]!;
      if (s >= k) continue;
      v.add(
        "synthetic-rare",
        () =>
          `${where(i)}: ${
            s === 0
              ? "no record in the data holds all its attributes together"
              : `only ${recordsText(s)} in the data ${s === 1 ? "holds" : "hold"} all its attributes together, fewer than k = ${k}`
          }.`,
      );
    }
  } else {
    const key = new Uint32Array(ctx.reportable.length);
    const combo: number[] = [];
    let previous: number[] = [];
    let previousFails = false;
    for (let i = 0; i < records; i++) {
      const set = Array.from(all.subarray(off[i]!, off[i + 1]!));
      // Rows are written sorted: a row equal to the one before has its verdict.
      const fails: boolean = sameIds(set, previous)
        ? previousFails
        : firstUnreportable(set, Math.min(length, set.length), ctx.reportableSet, key, combo);
      previous = set;
      previousFails = fails;
      if (!fails) continue;
      const s = ctx.support.support(combo, 0, combo.length, k);
      const held = s === 0 ? "no record" : `only ${recordsText(s)}`;
      v.add(
        "synthetic-rare",
        `${where(i)}: its combination ${describeIds(data, combo)} is held by ${held} in the data, fewer than k = ${k}.`,
      );
    }
  }
  if (check.attributeCounts) checkAttributeCounts(ctx, held, check.mode, check.attributeCounts);
  return row;
}

function sameIds(a: readonly number[], b: readonly number[]): boolean {
  return a.length === b.length && a.every((x, i) => x === b[i]);
}

/**
 * Looks for a combination of 1 … maxLength of the ascending `ids` that is not in `set`,
 * shortest first; leaves it in `combo` and returns true when there is one.
 */
function firstUnreportable(
  ids: readonly number[],
  maxLength: number,
  set: CombinationIndex,
  key: Uint32Array,
  combo: number[],
): boolean {
  const walk = (start: number, depth: number, size: number): boolean => {
    if (depth === size) {
      for (let i = 0; i < size; i++) key[i] = combo[i]!;
      return set.find(key, 0, size) < 0;
    }
    for (let i = start; i <= ids.length - (size - depth); i++) {
      combo[depth] = ids[i]!;
      if (walk(i + 1, depth + 1, size)) return true;
    }
    return false;
  };
  for (let size = 1; size <= maxLength; size++) {
    combo.length = size;
    if (walk(0, 0, size)) return true;
  }
  return false;
}

/**
 * Row- and value-seeded: every attribute held exactly (or at most) floor_k(n_v) times (0 when
 * n_v < k), as the manifest states.
 */
function checkAttributeCounts(
  ctx: VerifyContext,
  held: Uint32Array,
  mode: string,
  counts: AttributeCounts,
): void {
  const { data, k, support, violations: v } = ctx;
  for (let a = 0; a < held.length; a++) {
    const n = support.count(a);
    const expected = n >= k ? floorK(n, k) : 0;
    if (keepsCount(counts, held[a]!, expected)) continue;
    const what = `${FILE} holds ${describeIds(data, [a])} in ${recordsText(held[a]!)}`;
    const often = counts === "exact" ? "exactly" : "at most";
    v.add(
      "attribute-count",
      n >= k
        ? `${what}, but this ${mode} release holds each attribute ${often} as often as its reportable count, ${expected} (its true count rounded down to a multiple of k = ${k}).`
        : `${what}, but fewer than k = ${k} records in the data have it, so a ${mode} release never holds it.`,
    );
  }
}
