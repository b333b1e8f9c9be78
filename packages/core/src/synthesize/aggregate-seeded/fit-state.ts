/**
 * The error the aggregate-seeded fitting lowers, kept up to date record change by record change:
 *
 *   Σ_c w_c·|syn(c) − target(c)|            over the reportable combinations c (target = count +
 *                                            offset; w = 1 / C(columns − 1, |c| − 1), so that
 *                                            each length weighs alike for one cell, unless
 *                                            given per length),
 * + Σ_j missingWeight·|empty_j − target_j|  over single-value columns (records without a value
 *                                            there vs. the share the aggregates imply),
 * + Σ_s λ·max(0, m − mult(s))              over the distinct attribute sets s of the records
 *                                            (sets few records share cost: fewer lone records,
 *                                            fewer verbatim copies of unique real people).
 *
 * Guarantee it supports: `place` and `addDelta` look every sub-combination up in the
 * aggregates; `addDelta` reports an inadmissible record as +∞, so it is never chosen.
 */
import { choose } from "../../aggregate/counting-input.js";
import { invariant } from "../../errors.js";
import type { Extensions } from "./extensions.js";
import type { Schema } from "./greedy.js";
import type { AggregateIndex } from "./lookup.js";
import { type RecordStore, SubsetList } from "./subsets.js";

export interface ErrorTerms {
  /** Added to every reportable count to form the target count. */
  offset: number;
  /** Number of records aimed at; default: estimated from the aggregates (the fullest column). */
  records?: number;
  /** Weight of a record left without value in a single-value column, beyond its target share. */
  missingWeight: number;
  /**
   * Target number of records without a value, per column (NaN or absent: the share the
   * aggregates imply, records − the column's total count).
   */
  emptyTargets?: ArrayLike<number>;
  /** λ: a set of attributes c < m records share costs λ·(m − c). 0: off. */
  shareWeight: number;
  /** m of `shareWeight`. */
  shareTarget: number;
  /**
   * Weight of one combination of each length l = 1…L (index l − 1); default 1 / C(columns − 1,
   * l − 1), so that each length weighs alike for one cell.
   */
  lengthWeights?: readonly number[];
}

/** Marks an absent combination in the mirrored gains: far above any bound. */
export const NO = 1e9;

export class FitState {
  readonly columns: number;
  readonly multi: Uint8Array;
  /** Synthetic − target count per aggregate row, and its weight. */
  readonly dev: Float64Array;
  readonly w: Float32Array;
  /** Weight of a combination of each length. */
  readonly weightOf: Float64Array;
  /** Error change of one more (gp) / one less (gm) occurrence of each row. */
  readonly gp: Float32Array;
  readonly gm: Float32Array;
  /** gp along the dense table: gpd[denseBase(T) + y] = gp[T ∪ {y}], NO where absent. */
  readonly gpd: Float32Array | undefined;
  private readonly at: Int32Array | undefined;
  /** Records without value in single-value column j, minus their target number. */
  readonly missDev: Float64Array;
  readonly missW: Float64Array;
  /** Number of records aimed at. */
  readonly aim: number;
  readonly lambda: number;
  readonly share: number;
  readonly mix2: Uint32Array;
  private readonly sets = new Map<number, number>();
  private readonly whole: SubsetList;
  private readonly seen: Uint8Array;
  /** Work done (lookups), for the time bound. */
  work = 0;

  constructor(
    readonly schema: Schema,
    readonly index: AggregateIndex,
    readonly ext: Extensions,
    readonly store: RecordStore,
    readonly syn: Int32Array,
    terms: ErrorTerms,
  ) {
    const { counts, single, rowLength, length: L, rows, mix } = index;
    const col = schema.attributeColumn;
    const columns = schema.columns.length;
    this.columns = columns;
    this.multi = Uint8Array.from(schema.columns, (c) => (c.kind === "multi" ? 1 : 0));
    this.weightOf = new Float64Array(L + 2);
    for (let l = 1; l <= L; l++)
      this.weightOf[l] =
        terms.lengthWeights?.[l - 1] ?? 1 / Math.max(1, choose(columns - 1, l - 1));
    this.dev = new Float64Array(rows);
    this.w = new Float32Array(rows);
    for (let r = 0; r < rows; r++) {
      this.dev[r] = syn[r]! - (counts[r]! + terms.offset);
      this.w[r] = this.weightOf[rowLength[r]!]!;
    }
    this.gp = new Float32Array(rows);
    this.gm = new Float32Array(rows);
    const dense = ext.dense;
    this.gpd = dense === undefined ? undefined : new Float32Array(dense.length).fill(NO);
    this.at = dense === undefined ? undefined : new Int32Array(rows * L).fill(-1);
    if (this.at !== undefined) {
      for (let p = 0; p <= rows; p++) {
        const base = ext.denseBase(p);
        if (base < 0) continue;
        for (let e = ext.start[p]!; e < ext.start[p + 1]!; e++) {
          let q = ext.row[e]! * L;
          while (this.at[q]! >= 0) q++;
          this.at[q] = base + ext.attr[e]!;
        }
      }
    }
    for (let r = 0; r < rows; r++) this.refresh(r);

    const colMass = new Float64Array(columns);
    for (let a = 0; a < single.length; a++)
      if (single[a]! >= 0) colMass[col[a]!]! += counts[single[a]!]! + terms.offset;
    let aim = terms.records ?? 0;
    if (terms.records === undefined)
      for (let j = 0; j < columns; j++) if (this.multi[j] === 0) aim = Math.max(aim, colMass[j]!);
    this.aim = aim;
    this.missDev = new Float64Array(columns);
    this.missW = new Float64Array(columns);
    for (let j = 0; j < columns; j++) {
      if (this.multi[j] === 1 || aim <= 0) continue;
      this.missW[j] = terms.missingWeight;
      const given = terms.emptyTargets?.[j];
      this.missDev[j] =
        given !== undefined && !Number.isNaN(given) ? -given : -Math.max(0, aim - colMass[j]!);
    }
    this.lambda = terms.shareWeight;
    this.share = terms.shareTarget;
    this.mix2 = new Uint32Array(mix.length);
    for (let a = 0; a < mix.length; a++)
      this.mix2[a] = Math.imul(mix[a]! ^ 0x5bd1e995, 0x27d4eb2d) >>> 0;
    this.whole = new SubsetList(L);
    this.seen = new Uint8Array(columns);
    for (let r = 0; r < store.count; r++) {
      if (store.lens[r] === 0) continue;
      this.markColumns(store.ids, r * store.width, store.lens[r]!);
      for (let j = 0; j < columns; j++)
        if (this.seen[j] === 0 && this.multi[j] === 0) this.missDev[j]!++;
      if (this.lambda > 0) this.tally(this.recordKey(r), 1);
    }
  }

  private refresh(row: number): void {
    const d = this.dev[row]!;
    const w = this.w[row]!;
    const gp = w * (Math.abs(d + 1) - Math.abs(d));
    this.gp[row] = gp;
    this.gm[row] = w * (Math.abs(d - 1) - Math.abs(d));
    const at = this.at;
    if (at === undefined) return;
    const L = this.index.length;
    for (let q = row * L; q < row * L + L && at[q]! >= 0; q++) this.gpd![at[q]!] = gp;
  }

  /** One more (by = 1) or one less (-1) synthetic occurrence of an aggregate row. */
  bump(row: number, by: number): void {
    this.dev[row]! += by;
    this.syn[row]! += by;
    this.refresh(row);
  }

  /** Error change when one more (by = 1) or one less record lacks a value in column j. */
  missing(j: number, by: number): number {
    const d = this.missDev[j]!;
    return this.missW[j]! * (Math.abs(d + by) - Math.abs(d));
  }

  /** Order-free key of an attribute set from its two hash sums (30 bits: small-integer keys). */
  keyOf(h1: number, h2: number): number {
    return (h1 ^ Math.imul(h2, 0x9e3779b1)) & 0x3fffffff;
  }

  /** The key of the attribute set list[from … from+n). */
  listKey(list: ArrayLike<number>, from: number, n: number): number {
    const { mix } = this.index;
    let h1 = 0;
    let h2 = 0;
    for (let i = from; i < from + n; i++) {
      h1 = (h1 + mix[list[i]!]!) | 0;
      h2 = (h2 + this.mix2[list[i]!]!) | 0;
    }
    return this.keyOf(h1, h2);
  }

  recordKey(r: number): number {
    return this.listKey(this.store.ids, r * this.store.width, this.store.lens[r]!);
  }

  /** How many records hold the attribute set with this key. */
  held(key: number): number {
    return this.sets.get(key) ?? 0;
  }

  tally(key: number, by: number): void {
    const c = this.held(key) + by;
    if (c === 0) this.sets.delete(key);
    else this.sets.set(key, c);
  }

  /** Cost of a set held by c records. */
  setCost(c: number): number {
    return c <= 0 || c >= this.share ? 0 : this.lambda * (this.share - c);
  }

  /** Error change of one more record holding the set with this key. */
  join(key: number): number {
    const c = this.held(key);
    return this.setCost(c + 1) - this.setCost(c);
  }

  /** Error change of one record leaving the set with this key. */
  leave(key: number): number {
    const c = this.held(key);
    return this.setCost(c - 1) - this.setCost(c);
  }

  private markColumns(list: ArrayLike<number>, from: number, n: number): void {
    const col = this.schema.attributeColumn;
    this.seen.fill(0);
    for (let i = from; i < from + n; i++) this.seen[col[list[i]!]!] = 1;
  }

  /** Error change of removing record r (not applied). */
  removeDelta(r: number): number {
    const { ids, width, lens } = this.store;
    const n = lens[r]!;
    const whole = this.whole;
    whole.fill(ids.subarray(r * width, r * width + n), n, this.ext);
    this.work += whole.count;
    let d = 0;
    for (let i = 1; i < whole.count; i++) {
      invariant(whole.rows[i]! >= 0, "aggregate-seeded: a record left the reportable aggregates");
      d += this.gm[whole.rows[i]!]!;
    }
    this.markColumns(ids, r * width, n);
    for (let j = 0; j < this.columns; j++) if (this.seen[j] === 0) d += this.missing(j, -1);
    if (this.lambda > 0) d += this.leave(this.recordKey(r));
    return d;
  }

  /** Error change of adding list[0 … n) as one more record (not applied); ∞ if inadmissible. */
  addDelta(list: Int32Array, n: number): number {
    const whole = this.whole;
    whole.fill(list, n, this.ext);
    this.work += whole.count;
    let d = 0;
    for (let i = 1; i < whole.count; i++) {
      const row = whole.rows[i]!;
      if (row < 0) return Number.POSITIVE_INFINITY;
      d += this.gp[row]!;
    }
    this.markColumns(list, 0, n);
    for (let j = 0; j < this.columns; j++) if (this.seen[j] === 0) d += this.missing(j, 1);
    if (this.lambda > 0) d += this.join(this.listKey(list, 0, n));
    return d;
  }

  /** Counts record r in (by = 1) or out (-1): its combinations, empty cells and set. */
  place(r: number, by: number): void {
    const { ids, width, lens } = this.store;
    const n = lens[r]!;
    if (n === 0) return;
    const whole = this.whole;
    whole.fill(ids.subarray(r * width, r * width + n), n, this.ext);
    this.work += whole.count;
    for (let i = 1; i < whole.count; i++) {
      invariant(whole.rows[i]! >= 0, "aggregate-seeded: a record left the reportable aggregates");
      this.bump(whole.rows[i]!, by);
    }
    this.markColumns(ids, r * width, n);
    for (let j = 0; j < this.columns; j++)
      if (this.seen[j] === 0 && this.multi[j] === 0) this.missDev[j]! += by;
    if (this.lambda > 0) this.tally(this.recordKey(r), by);
  }

  /** True when record r lacks a value in a column that has too many records without one. */
  incomplete(r: number): boolean {
    const { ids, width, lens } = this.store;
    this.markColumns(ids, r * width, lens[r]!);
    for (let j = 0; j < this.columns; j++)
      if (this.seen[j] === 0 && this.multi[j] === 0 && this.missDev[j]! > 0) return true;
    return false;
  }

  /** The weighted count and missing-cell error (without the shared-set term). */
  error(): number {
    let e = 0;
    for (let r = 0; r < this.dev.length; r++) e += this.w[r]! * Math.abs(this.dev[r]!);
    for (let j = 0; j < this.columns; j++) e += this.missW[j]! * Math.abs(this.missDev[j]!);
    return e;
  }
}
