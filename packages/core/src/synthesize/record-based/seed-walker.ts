/**
 * The walk of one row-seeded seed record (DESIGN §4), as a Walker for walk-together.ts: first
 * the record's own attributes, in proportion to the support of the extended set (support ≥ k);
 * then, when some of its own values could not be added and completion is on, the single-value
 * columns of those values get other values of support ≥ k (completion, complete.ts's rule),
 * in proportion to support as well. Draws exactly as walk() followed by completeRecord() would.
 */
import type { Dataset } from "../../ingest/types.js";
import { pickWeighted, type Rng } from "../../random/rng.js";
import type { Extensions } from "./support-index.js";
import { supportOf } from "./support-index.js";
import type { Walker } from "./walk-together.js";

/** Scratch shared by every walker (next() is never re-entered). */
const ids: number[] = [];
const weights: number[] = [];

export class SeedWalker implements Walker {
  /** Completion: single-value columns still to fill (1), once the own walk has ended. */
  private open: Uint8Array | undefined;

  constructor(
    private readonly data: Dataset,
    /** The record's own attributes (ascending); those in the set are the ones added. */
    private readonly own: Uint32Array,
    private readonly rng: Rng,
    private readonly complete: boolean,
  ) {}

  next(ext: Extensions, set: readonly number[]): number {
    const rng = this.rng;
    ids.length = 0;
    weights.length = 0;
    if (this.open === undefined) {
      for (const v of this.own) {
        if (set.includes(v)) continue;
        const s = supportOf(ext, v);
        if (s > 0) {
          ids.push(v);
          weights.push(s);
        }
      }
      if (ids.length > 0) {
        const i = pickWeighted(rng, weights);
        return i < 0 ? -1 : ids[i]!;
      }
      if (!this.complete || set.length === this.own.length || !this.openColumns(set)) return -1;
    }
    const open = this.open!;
    const col = this.data.attributeColumn;
    for (let i = 0; i < ext.ids.length; i++) {
      const v = ext.ids[i]!;
      if (open[col[v]!] !== 1) continue;
      ids.push(v);
      weights.push(ext.supports[i]!);
    }
    if (ids.length === 0) return -1;
    const i = pickWeighted(rng, weights);
    if (i < 0) return -1;
    const v = ids[i]!;
    open[col[v]!] = 0;
    return v;
  }

  /** Starts completion: the single-value columns of own attributes the set lacks; any? */
  private openColumns(set: readonly number[]): boolean {
    const { data } = this;
    const col = data.attributeColumn;
    const open = new Uint8Array(data.columns.length);
    for (const v of this.own) if (data.columns[col[v]!]!.kind === "single") open[col[v]!] = 1;
    for (const v of set) open[col[v]!] = 0;
    this.open = open;
    return open.includes(1);
  }
}
