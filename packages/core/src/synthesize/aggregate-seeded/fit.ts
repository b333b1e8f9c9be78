/**
 * The fitting phase of the aggregate-seeded synthesizer: local search that brings the synthetic
 * counts of the reportable combinations close to their targets (FitState: count errors,
 * records with empty cells, rarely shared attribute sets).
 *
 * Moves, each applied only when it lowers the error: change one cell (a record's value in a
 * column → another value or none; a multi-value column gains, loses or swaps one value; every
 * value of the column is scored exactly), delete a record, rebuild an incomplete record column
 * by column (hardest column first), copy a similar record over a rarely shared one
 * (fit-merge.ts), add records while fewer than aimed at. Passes over the records in
 * random order until a pass gains under 2 %, `sweeps` passes, or `maxWork` lookups:
 * bounded and deterministic for a given Rng.
 *
 * Guarantee kept: y enters record R only if T ∪ {y} is a reportable combination for every
 * T ⊆ R with |T| ≤ L − 1 (combinations without y lie in R, which kept the guarantee), so every
 * record keeps every combination of up to L attributes inside the reportable aggregates; a
 * single-value column holds at most one value (y replaces x in the same column); a record
 * never becomes empty unless deletions are allowed (then it is dropped from the output).
 */
import { invariant } from "../../errors.js";
import type { Rng } from "../../random/rng.js";
import type { OnProgress } from "../progress.js";
import type { Extensions } from "./extensions.js";
import { holdersOf, merge } from "./fit-merge.js";
import { type ErrorTerms, FitState } from "./fit-state.js";
import type { Schema } from "./greedy.js";
import type { AggregateIndex } from "./lookup.js";
import { type RecordStore, SubsetList } from "./subsets.js";

export interface FitSettings extends ErrorTerms {
  /** Most passes over the records. */
  sweeps: number;
  /** Records may be deleted and added (no fixed number of records). */
  allowDelete: boolean;
  /** Most lookups in all (bounds the time). */
  maxWork: number;
  /** Share of the work bound used (the fitting may end before it: converged). */
  onProgress?: OnProgress | undefined;
}

const EPS = 1e-9;
/** A pass that lowers the error by less than this share ends the fitting. */
const CONVERGED = 0.02;
/**
 * Share of the work budget for cell moves when merging is on (the rest: merging). Once some
 * records are fitted, copying them over rarely shared records lowers the error far faster
 * than more moves: seed 1, from 0.8 to 0.1, NIST sparse-13 with `N` missing (k = 6) 905 →
 * 931, demo-10 962 → 967, census 100k × 12 (k = 10) 965 → 977 (984 with 4 merge tries).
 */
const MOVE_SHARE = 0.1;

/** Improves `store` in place; `syn` must hold the synthetic count of every reportable row. */
export function fitRecords(
  schema: Schema,
  index: AggregateIndex,
  ext: Extensions,
  store: RecordStore,
  syn: Int32Array,
  rng: Rng,
  settings: FitSettings,
): void {
  // Records may be added (up to the number aimed at) when deletions are allowed.
  const state = new FitState(schema, index, ext, store, syn, settings);
  if (settings.allowDelete) store.reserve(Math.max(store.count, Math.ceil(state.aim)) + 1);
  const { ids, lens, width } = store;
  const { single, mix } = index;
  const { gp, gm, gpd, multi, columns, weightOf, mix2, lambda } = state;
  const col = schema.attributeColumn;
  let most = 1;
  for (const c of schema.columns) most = Math.max(most, c.values.length);
  const acc = new Float64Array(most);
  const cand = new Int32Array(most);
  const rest = new Int32Array(width);
  const saved = new Int32Array(width);
  const subsets = new SubsetList(index.length - 1);
  let rowsX = new Int32Array(64);
  let reach = new Float64Array(64);

  /** Best change of record r's cell in column j; applied if it lowers the error. */
  const move = (r: number, j: number): number => {
    const base = r * width;
    const m0 = lens[r]!;
    let x = -1; // the value that leaves: the column's value, or one of a multi-value column's
    if (multi[j] === 0) {
      for (let i = 0; i < m0; i++) if (col[ids[base + i]!] === j) x = ids[base + i]!;
    } else {
      let held = 0;
      for (let i = 0; i < m0; i++) if (col[ids[base + i]!] === j) held++;
      let q = rng.below(held + 1);
      for (let i = 0; i < m0 && q >= 0; i++)
        if (col[ids[base + i]!] === j && q-- === 0) x = ids[base + i]!;
    }
    let m = 0;
    let h1 = 0;
    let h2 = 0;
    for (let i = 0; i < m0; i++) {
      const a = ids[base + i]!;
      if (a === x) continue;
      rest[m++] = a;
      h1 = (h1 + mix[a]!) | 0;
      h2 = (h2 + mix2[a]!) | 0;
    }
    // Shared-set term: leaving the record's set; joining one lowers the error by ≤ λ.
    const oldKey =
      m0 > 0 ? (x >= 0 ? state.keyOf(h1 + mix[x]!, h2 + mix2[x]!) : state.keyOf(h1, h2)) : 0;
    const leave = lambda > 0 && m0 > 0 ? state.leave(oldKey) : 0;
    const slack = lambda > 0 ? lambda - leave : 0;
    subsets.fill(rest, m, ext);
    const { rows, count, size } = subsets;
    state.work += 2 * count;
    if (rowsX.length < count) rowsX = new Int32Array(count * 2);
    if (reach.length < count + 1) reach = new Float64Array(2 * count + 2);
    let dRemove = 0;
    if (x >= 0) {
      for (let i = 0; i < count; i++) {
        rowsX[i] = ext.child(rows[i]!, x);
        invariant(rowsX[i]! >= 0, "aggregate-seeded: a record left the reportable aggregates");
        dRemove += gm[rowsX[i]!]!;
      }
    }
    // A single-value column's empty cell: before (x < 0) or after (y = none).
    const toValue = dRemove + (multi[j] === 0 && x < 0 ? state.missing(j, -1) : 0);
    const toNone =
      dRemove +
      (multi[j] === 0 ? state.missing(j, 1) : 0) +
      (lambda > 0 ? leave + (m > 0 ? state.join(state.keyOf(h1, h2)) : 0) : 0);
    // reach[t]: the most the subsets 0 … t - 1 can lower the error when a value joins them.
    reach[0] = 0;
    for (let t = 0; t < count; t++) reach[t + 1] = reach[t]! + weightOf[size[t]! + 1]!;
    if (toValue - reach[count]! - slack >= -EPS && (x < 0 || toNone >= -EPS)) return 0;
    // Score every value y of column j; y stays a candidate while it extends every subset T of
    // rest (longest T first: they exclude most) and while it can still lower the error.
    const lo = schema.columns[j]!.firstAttribute;
    const nv = schema.columns[j]!.values.length;
    let nc = 0;
    for (let y = lo; y < lo + nv; y++) {
      if (y === x || single[y]! < 0 || (multi[j] === 1 && holds(rest, m, y))) continue;
      acc[nc] = toValue + gp[single[y]!]!;
      cand[nc++] = y;
    }
    for (let t = count - 1; t >= 1 && nc > 0; t--) {
      const parent = rows[t]!;
      const at = ext.denseBase(parent);
      const bound = reach[t]! + slack - EPS;
      state.work += nc;
      let kept = 0;
      for (let i = 0; i < nc; i++) {
        let a: number;
        if (at >= 0)
          a = acc[i]! + gpd![at + cand[i]!]!; // NO (absent) is never below the bound
        else {
          const row = ext.child(parent, cand[i]!);
          if (row < 0) continue;
          a = acc[i]! + gp[row]!;
        }
        if (a >= bound) continue;
        acc[kept] = a;
        cand[kept++] = cand[i]!;
      }
      nc = kept;
    }
    let best = x;
    let bestDelta = 0;
    let ties = 0;
    if (x >= 0 && (m > 0 || settings.allowDelete) && toNone < -EPS) {
      best = -1;
      bestDelta = toNone;
      ties = 1;
    }
    for (let i = 0; i < nc; i++) {
      const y = cand[i]!;
      const join = lambda > 0 ? leave + state.join(state.keyOf(h1 + mix[y]!, h2 + mix2[y]!)) : 0;
      const delta = acc[i]! + join;
      if (delta >= -EPS || delta > bestDelta + EPS) continue;
      if (delta < bestDelta - EPS) ties = 0;
      ties++;
      if (ties === 1 || rng.below(ties) === 0) {
        best = y;
        bestDelta = delta;
      }
    }
    if (best === x) return 0;
    if (x >= 0) for (let i = 0; i < count; i++) state.bump(rowsX[i]!, -1);
    if (best >= 0) {
      for (let i = 0; i < count; i++) {
        const row = ext.child(rows[i]!, best);
        invariant(row >= 0, "aggregate-seeded: an inadmissible attribute was chosen");
        state.bump(row, 1);
      }
    }
    if (multi[j] === 0 && x < 0) state.missDev[j]!--;
    if (multi[j] === 0 && best < 0) state.missDev[j]!++;
    if (lambda > 0) {
      if (m0 > 0) state.tally(oldKey, -1);
      if (best >= 0) state.tally(state.keyOf(h1 + mix[best]!, h2 + mix2[best]!), 1);
      else if (m > 0) state.tally(state.keyOf(h1, h2), 1);
    }
    for (let i = 0; i < m; i++) ids[base + i] = rest[i]!;
    if (best >= 0) ids[base + m++] = best;
    lens[r] = m;
    return -bestDelta;
  };

  /** Deletes record r if that lowers the error. */
  const drop = (r: number): number => {
    const delta = state.removeDelta(r);
    if (!(delta < -EPS)) return 0;
    state.place(r, -1);
    lens[r] = 0;
    return -delta;
  };

  // Columns with most values first: the hardest to fill once the others are set.
  const hardest = Array.from({ length: columns }, (_, j) => j).sort(
    (a, b) => schema.columns[b]!.values.length - schema.columns[a]!.values.length || a - b,
  );
  /** Rebuilds record r (or fills an empty slot) column by column; keeps it if the error drops. */
  const rebuild = (r: number): number => {
    const base = r * width;
    const m0 = lens[r]!;
    for (let i = 0; i < m0; i++) saved[i] = ids[base + i]!;
    let delta = 0;
    if (m0 > 0) {
      delta = state.removeDelta(r);
      state.place(r, -1);
      lens[r] = 0;
    }
    // The empty record under construction counts as empty in every single-value column.
    for (let j = 0; j < columns; j++) {
      if (multi[j] === 1) continue;
      delta += state.missing(j, 1);
      state.missDev[j]!++;
    }
    for (const j of hardest) delta -= move(r, j);
    if (lens[r] === 0) {
      for (let j = 0; j < columns; j++) {
        if (multi[j] === 1) continue;
        delta += state.missing(j, -1);
        state.missDev[j]!--;
      }
    }
    if (delta < -EPS && (lens[r]! > 0 || settings.allowDelete)) return -delta;
    state.place(r, -1);
    for (let i = 0; i < m0; i++) ids[base + i] = saved[i]!;
    lens[r] = m0;
    state.place(r, 1);
    return 0;
  };

  let error = state.error();
  const moveWork =
    lambda > 0 && settings.allowDelete ? settings.maxWork * MOVE_SHARE : settings.maxWork;
  for (let sweep = 0; sweep < settings.sweeps && state.work < settings.maxWork; sweep++) {
    const order = new Int32Array(store.count);
    for (let i = 0; i < order.length; i++) order[i] = i;
    shuffle(order, rng);
    let gain = 0;
    for (let i = 0; i < order.length && state.work < moveWork; i++) {
      if ((i & 255) === 0) settings.onProgress?.(state.work / settings.maxWork);
      const r = order[i]!;
      if (lens[r] === 0) continue;
      if (settings.allowDelete) gain += drop(r);
      if (lens[r]! > 0 && state.incomplete(r)) gain += rebuild(r);
      const first = rng.below(columns);
      for (let q = 0; q < columns && lens[r]! > 0; q++) gain += move(r, (first + q) % columns);
    }
    if (lambda > 0 && settings.allowDelete) {
      const holders = holdersOf(state);
      for (let i = 0; i < order.length && state.work < settings.maxWork; i++) {
        if ((i & 255) === 0) settings.onProgress?.(state.work / settings.maxWork);
        const r = order[i]!;
        if (lens[r] === 0 || state.held(state.recordKey(r)) >= state.share) continue;
        gain += merge(state, r, holders, rng, saved);
      }
    }
    // New records while there are fewer than aimed at and building one still helps.
    let live = 0;
    for (let r = 0; r < store.count; r++) if (lens[r]! > 0) live++;
    let fails = 0;
    for (let r = 0; settings.allowDelete && live < state.aim && fails < 8; r++) {
      if (state.work >= settings.maxWork) break;
      if (r === store.count) {
        if (store.count === lens.length) break;
        store.push(rest, 0);
      }
      if (lens[r] !== 0) continue;
      const g = rebuild(r);
      if (g > 0) {
        gain += g;
        live++;
      } else fails++;
    }
    error -= gain;
    if (gain <= CONVERGED * Math.max(error, 0)) break;
  }
}

function holds(list: Int32Array, n: number, a: number): boolean {
  for (let i = 0; i < n; i++) if (list[i] === a) return true;
  return false;
}

function shuffle(order: Int32Array, rng: Rng): void {
  for (let i = order.length - 1; i > 0; i--) {
    const j = rng.below(i + 1);
    const t = order[i]!;
    order[i] = order[j]!;
    order[j] = t;
  }
}
