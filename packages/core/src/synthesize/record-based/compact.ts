/**
 * Compaction of record-based synthetic data: moves attributes out of small partial records
 * into larger records that lack a value in that column, so that more records are complete and
 * fewer are fragments. A value w moves from record B to record A only when A ∪ {w} has support
 * ≥ k (so A keeps the guarantee; B − {w} is a subset of B, so B keeps it too) and B is smaller
 * than A. Every attribute count is unchanged; records left empty are dropped.
 */
import type { Dataset } from "../../ingest/types.js";
import { pickWeighted, type Rng } from "../../random/rng.js";
import { insertSorted } from "../../util/search.js";
import { type SupportIndex, supportOf } from "./support-index.js";

/** Only records missing at most this many single-value columns receive values (cost bound). */
const MAX_GAP = 2;

export function compactRecords(
  data: Dataset,
  index: SupportIndex,
  rng: Rng,
  records: number[][],
): number[][] {
  const col = data.attributeColumn;
  const single = data.columns.map((c) => c.kind === "single");
  // Records holding each value (entries go stale as values move; checked when used).
  const holders: number[][] = Array.from({ length: index.attributeCount }, () => []);
  records.forEach((r, i) => {
    for (const v of r) holders[v]!.push(i);
  });
  const full = single.filter((x) => x).length;
  const holds = (r: number, v: number) => records[r]!.includes(v);
  // Hosts from the most complete down: they need the fewest moves to become complete.
  const order = records.map((_, i) => i);
  order.sort((a, b) => records[b]!.length - records[a]!.length || a - b);
  const ids: number[] = [];
  const weights: number[] = [];
  for (const host of order) {
    const set = records[host]!;
    if (set.length === 0 || set.length + MAX_GAP < full) continue;
    // rows(set) of the host before its last gain, and that gain, to narrow from when needed.
    let parentRows: Uint32Array | undefined;
    let added = -1;
    for (;;) {
      const present = new Set<number>();
      for (const v of set) present.add(col[v]!);
      // Extensions in single-value columns the host has no value in, weighted by support.
      let rows: Uint32Array | undefined;
      const known = parentRows;
      const last = added;
      const ext = index.extensions(set, () => {
        rows = index.rowsAfter(known, set, last);
        return rows;
      });
      ids.length = 0;
      weights.length = 0;
      for (let i = 0; i < ext.ids.length; i++) {
        const w = ext.ids[i]!;
        const c = col[w]!;
        if (!single[c] || present.has(c) || holders[w]!.length === 0) continue;
        ids.push(w);
        weights.push(supportOf(ext, w));
      }
      let moved = false;
      while (!moved) {
        const i = pickWeighted(rng, weights);
        if (i < 0) break;
        weights[i] = 0;
        const w = ids[i]!;
        const donor = takeDonor(
          holders[w]!,
          rng,
          (r) => r !== host && holds(r, w) && records[r]!.length < set.length,
        );
        if (donor < 0) continue;
        const from = records[donor]!;
        from.splice(from.indexOf(w), 1);
        insertSorted(set, w);
        holders[w]!.push(host);
        parentRows = rows ?? ext.rows;
        added = w;
        moved = true;
      }
      if (!moved) break;
    }
  }
  return records.filter((r) => r.length > 0);
}

/** A random valid entry of `list` (stale entries met on the way are removed), or -1. */
function takeDonor(list: number[], rng: Rng, valid: (r: number) => boolean): number {
  while (list.length > 0) {
    const j = rng.below(list.length);
    const r = list[j]!;
    list[j] = list[list.length - 1]!;
    list.pop();
    if (valid(r)) return r;
  }
  return -1;
}
