/**
 * The walk of one row-seeded seed record (docs/design.md §4), as a Walker for walk-together.ts: first
 * the record's own attributes, in proportion to the support of the extended set (support ≥ k);
 * then, when some of its own values could not be added and completion is on, the single-value
 * columns of those values get other values of support ≥ k (completion, complete.ts's rule),
 * in proportion to support as well (complete.ts's walk). Draws exactly as walk() followed by
 * completeRecord() would.
 */
import type { Dataset } from "../../ingest/types.js";
import { pickWeighted, type Rng } from "../../random/rng.js";
import { completionWalker } from "./complete.js";
import { type Extensions, supportOf } from "./support-index.js";
import type { Walker } from "./walk-together.js";

/** Scratch shared by every walker (next() is never re-entered). */
const ids: number[] = [];
const weights: number[] = [];

export class SeedWalker implements Walker {
  /** Completion, once the own walk has ended (complete.ts's walk). */
  private completing: Walker | undefined;
  private ended = false;

  constructor(
    private readonly data: Dataset,
    /** The record's own attributes (ascending); those in the set are the ones added. */
    private readonly own: Uint32Array,
    private readonly rng: Rng,
    private readonly complete: boolean,
  ) {}

  next(ext: Extensions, set: readonly number[]): number {
    if (this.completing) return this.completing.next(ext, set);
    if (this.ended) return -1;
    // The own walk, kept apart from RuleWalker: it is the hot loop of row-seeded synthesis.
    ids.length = 0;
    weights.length = 0;
    for (const v of this.own) {
      if (set.includes(v)) continue;
      const s = supportOf(ext, v);
      if (s > 0) {
        ids.push(v);
        weights.push(s);
      }
    }
    if (ids.length > 0) {
      const i = pickWeighted(this.rng, weights);
      return i < 0 ? -1 : ids[i]!;
    }
    this.ended = true;
    if (this.complete) this.completing = completionWalker(this.data, set, this.rng, this.own);
    return this.completing ? this.completing.next(ext, set) : -1;
  }
}
