/**
 * Weighted sampling with updates in O(log n) (a Fenwick tree), used by the aggregate-seeded
 * synthesizer to draw the first attribute of each record among thousands of attributes whose
 * remaining counts change after every record. Randomness comes from the injected Rng.
 *
 * Guarantee: `sample` returns only an index whose current weight is positive (or -1 when
 * every weight is 0), so an attribute whose weight was set to 0 is never drawn.
 */
import type { Rng } from "../../random/rng.js";

export class WeightedSampler {
  private readonly tree: Float64Array;
  private readonly weight: Float64Array;
  private readonly top: number;
  total = 0;

  constructor(weights: ArrayLike<number>) {
    const n = weights.length;
    this.weight = new Float64Array(n);
    this.tree = new Float64Array(n + 1);
    let top = 1;
    while (top * 2 <= n) top *= 2;
    this.top = top;
    for (let i = 0; i < n; i++) this.set(i, weights[i]!);
  }

  get size(): number {
    return this.weight.length;
  }

  /** Sets the weight of index i (negative and NaN weights count as 0). */
  set(i: number, weight: number): void {
    const w = Number.isNaN(weight) ? 0 : Math.max(weight, 0);
    const delta = w - this.weight[i]!;
    if (delta === 0) return;
    this.weight[i] = w;
    this.total += delta;
    for (let p = i + 1; p < this.tree.length; p += p & -p) this.tree[p]! += delta;
  }

  /** An index drawn with probability proportional to its weight; -1 if all weights are 0. */
  sample(rng: Rng): number {
    const n = this.weight.length;
    if (!(this.total > 0) || n === 0) return -1;
    let x = rng.nextFloat() * this.total;
    let pos = 0;
    for (let step = this.top; step > 0; step >>= 1) {
      const next = pos + step;
      if (next <= n && this.tree[next]! <= x) {
        pos = next;
        x -= this.tree[next]!;
      }
    }
    // Rounding can land on a zero weight at the very end: fall back to the nearest positive one.
    if (pos < n && this.weight[pos]! > 0) return pos;
    for (let i = Math.min(pos, n - 1); i >= 0; i--) if (this.weight[i]! > 0) return i;
    for (let i = pos; i < n; i++) if (this.weight[i]! > 0) return i;
    return -1;
  }
}
