/**
 * The sampling phase of the aggregate-seeded synthesizer (docs/design.md §4, after SDS): records are
 * built one attribute at a time, each drawn with probability proportional to the reportable
 * count of the combination it would form with the record so far (beyond L attributes: a
 * percentile of the counts of the L-combinations it would form, see PERCENTILE_ATTRIBUTES),
 * optionally minus what was already synthesized. Validity is checked with the bitsets of the
 * dense extension table (one AND per new sub-combination) or by exact lookups.
 *
 * Guarantee: an attribute v joins a record S only when S ∪ {v} keeps every combination of up to
 * L attributes in the reportable aggregates. Candidates are the attributes paired with the
 * first one; after each addition of a, every remaining candidate v is re-checked on every
 * new sub-combination T ∪ {a, v} (T ⊆ S, |T| ≤ L − 2), and combinations without a or v were
 * checked before — so by induction every ≤L subset of the record is reportable. A
 * single-value column gives at most one attribute (its other values leave the candidates).
 *
 * Bounded work: each record consumes at least one unit of an attribute's remaining count (or
 * `records` are made), each step drops at least the drawn candidate. Never an empty record:
 * the first attribute is any one with count left (or, past the counts, any reportable one).
 */
import { invariant } from "../../errors.js";
import { pickWeighted, type Rng } from "../../random/rng.js";
import type { OnProgress } from "../progress.js";
import type { Extensions } from "./extensions.js";
import type { AggregateIndex } from "./lookup.js";
import type { PublishedAggregates } from "./published.js";
import { WeightedSampler } from "./sampler.js";
import { RecordStore, SubsetList, subsetCount } from "./subsets.js";

export interface GreedySettings {
  weightPercentile: number;
  useSynthesizedCounts: boolean;
  /** Exact number of records, or undefined: until every attribute's count is used up. */
  records: number | undefined;
  /** When no attribute with count left qualifies, fill still-empty single-value columns anyway. */
  complete: boolean;
  /** Share of the attribute units used up (or of `records` made). */
  onProgress?: OnProgress | undefined;
}

/** The columns and attribute ids the synthesizer works over: the published ones only. */
export type Schema = Pick<PublishedAggregates, "columns" | "attributeColumn">;

/**
 * Most attributes a record can hold: one per single-value column; for a multi-value column,
 * one value plus the other values of that column it forms reportable pairs with (at most).
 */
export function recordWidth(schema: Schema, index: AggregateIndex, ext: Extensions): number {
  let w = 0;
  for (const c of schema.columns) {
    if (c.kind !== "multi") {
      w += 1;
      continue;
    }
    let most = index.length === 1 ? c.values.length : 1;
    for (
      let a = c.firstAttribute;
      a < c.firstAttribute + c.values.length && index.length > 1;
      a++
    ) {
      const p = index.single[a]!;
      if (p < 0) continue;
      let same = 1;
      for (let e = ext.start[p]!; e < ext.start[p + 1]!; e++)
        if (schema.attributeColumn[ext.attr[e]!] === schema.attributeColumn[a]) same++;
      most = Math.max(most, same);
    }
    w += most;
  }
  return w;
}

/**
 * Beyond L attributes, a candidate's weight is the percentile of the counts of the
 * L-combinations it forms with the record's first PERCENTILE_ATTRIBUTES attributes (all of them
 * in records of up to that many attributes): bounded work per record, and the first attributes
 * drawn are the most frequent ones.
 */
export const PERCENTILE_ATTRIBUTES = 6;
/** Most extreme counts kept per candidate (exact whenever C(6, L−1) counts reach the percentile). */
export const PERCENTILE_KEPT = 256;

/** Builds records; `syn` (per aggregate row) receives the synthetic count of every ≤L subset. */
export function sampleGreedy(
  schema: Schema,
  index: AggregateIndex,
  ext: Extensions,
  syn: Int32Array,
  rng: Rng,
  settings: GreedySettings,
): RecordStore {
  const A = schema.attributeColumn.length;
  const L = index.length;
  const { counts, single } = index;
  const col = schema.attributeColumn;
  const multi = Uint8Array.from(schema.columns, (c) => (c.kind === "multi" ? 1 : 0));
  const useSyn = settings.useSynthesizedCounts;
  const width = recordWidth(schema, index, ext);

  // Remaining count per attribute, and the first-attribute samplers.
  const avail = new Float64Array(A);
  const base = new Float64Array(A);
  for (let a = 0; a < A; a++) if (single[a]! >= 0) base[a] = avail[a] = counts[single[a]!]!;
  const fresh = new WeightedSampler(avail);
  const anyAttr = settings.records === undefined ? undefined : new WeightedSampler(base);
  let maxRecords = settings.records ?? 0;
  if (settings.records === undefined) for (let a = 0; a < A; a++) maxRecords += avail[a]!;

  // Candidate slots: id, count of S ∪ {v} (while |S| < L), sorted L-sub-combination counts.
  let cap = L >= 2 ? 1 : A;
  for (let a = 0; L >= 2 && a < A; a++) {
    const p = single[a]!;
    if (p >= 0) cap = Math.max(cap, ext.start[p + 1]! - ext.start[p]!);
  }
  // The percentile needs only the most extreme values: the largest ones for p ≥ 50.
  const p = Math.min(Math.max(settings.weightPercentile, 0), 100);
  const sign = p >= 50 ? 1 : -1;
  const most = L === 1 ? 1 : subsetCount(Math.min(width - 1, PERCENTILE_ATTRIBUTES), L - 1);
  const P = Math.min(PERCENTILE_KEPT, Math.ceil((Math.min(p, 100 - p) / 100) * most) + 2);
  const candId = new Int32Array(cap);
  const full = new Float64Array(cap);
  const pct = new Float64Array(cap * P); // sign × count, descending: the P most extreme
  const pctLen = new Int32Array(cap); // how many counts were noted
  const pctMin = new Float64Array(cap); // the smallest (≤ 0 only with useSynthesizedCounts)
  const alive = new Int32Array(cap);
  const weights = new Float64Array(cap);
  const subsets = new SubsetList(L - 1);
  let addRows = new Int32Array(64);
  const record = new Int32Array(width);
  const store = new RecordStore(width, Math.min(maxRecords, 1 << 20));
  const dense = ext.dense;
  const bits = ext.bits;
  const mask = new Uint32Array(ext.words);
  const weightOf = (row: number) => (useSyn ? counts[row]! - syn[row]! : counts[row]!);

  /** Puts a into the record (of n attributes) and counts every new ≤L subset. */
  const add = (a: number, n: number) => {
    subsets.fill(record, n, ext);
    if (addRows.length < subsets.count) addRows = new Int32Array(subsets.count * 2);
    for (let i = 0; i < subsets.count; i++) {
      const row = ext.child(subsets.rows[i]!, a);
      invariant(row >= 0, "aggregate-seeded: a record left the reportable aggregates");
      syn[row]!++;
      addRows[i] = row;
    }
    if (avail[a]! > 0) left--;
    avail[a]!--;
    fresh.set(a, avail[a]! <= 0 ? 0 : useSyn ? avail[a]! : base[a]!);
    record[n] = a;
  };
  const note = (s: number, c: number) => {
    const len = pctLen[s]!;
    pctLen[s] = len + 1;
    if (len === 0 || c < pctMin[s]!) pctMin[s] = c;
    const key = sign * c;
    const from = s * P;
    let i = from + Math.min(len, P);
    if (i === from + P) {
      if (pct[i - 1]! >= key) return;
      i--;
    }
    while (i > from && pct[i - 1]! < key) {
      pct[i] = pct[i - 1]!;
      i--;
    }
    pct[i] = key;
  };

  let units = 0;
  for (let a = 0; a < A; a++) units += avail[a]!;
  let left = units;
  const progress = settings.onProgress;
  while (store.count < maxRecords) {
    if (progress !== undefined && (store.count & 255) === 0)
      progress(
        settings.records === undefined ? 1 - left / Math.max(1, units) : store.count / maxRecords,
      );
    let a = fresh.sample(rng);
    if (a < 0 && anyAttr !== undefined) a = anyAttr.sample(rng);
    if (a < 0) break;
    add(a, 0);
    let n = 1;
    // Candidates: every attribute that forms a reportable pair with a (any other one if L = 1).
    let live = 0;
    if (L >= 2) {
      const p = single[a]!;
      for (let e = ext.start[p]!; e < ext.start[p + 1]!; e++) {
        const c = weightOf(ext.row[e]!);
        candId[live] = ext.attr[e]!;
        full[live] = c;
        pctLen[live] = 0;
        if (L === 2) note(live, c);
        alive[live] = live;
        live++;
      }
    } else {
      for (let v = 0; v < A; v++) {
        if (v === a || single[v]! < 0 || (col[v] === col[a] && multi[col[a]!] === 0)) continue;
        candId[live] = v;
        pctLen[live] = 0;
        note(live, weightOf(single[v]!));
        alive[live] = live;
        live++;
      }
    }

    for (;;) {
      const pick = draw(live, n);
      if (pick < 0) break;
      a = candId[alive[pick]!]!;
      add(a, n);
      // Keep the candidates v for which every new sub-combination T ∪ {a, v} is reportable.
      const checks = subsets.start[L - 1]!; // subsets T of the record before a with |T| ≤ L - 2
      live = bits !== undefined ? keepByBits(live, checks) : keepByLookup(live, checks);
      // Their counts: S ∪ {v} while it has at most L attributes; the L-combinations with v
      // and the record's first PERCENTILE_ATTRIBUTES attributes, for the percentile beyond L.
      for (let t = 0; t < checks; t++) {
        const size = subsets.size[t]!;
        const noting = size + 2 === L && n < PERCENTILE_ATTRIBUTES;
        if (!noting && size !== n) continue;
        const parent = addRows[t]!;
        const at = ext.denseBase(parent);
        for (let i = 0; i < live; i++) {
          const s = alive[i]!;
          const v = candId[s]!;
          const row = at >= 0 ? dense![at + v]! : ext.child(parent, v);
          if (noting && avail[v]! > 0) note(s, weightOf(row));
          if (size === n) full[s] = weightOf(row);
        }
      }
      if (L === 1) {
        let kept = 0;
        for (let i = 0; i < live; i++) {
          const v = candId[alive[i]!]!;
          if (v !== a && !(col[v] === col[a] && multi[col[a]!] === 0)) alive[kept++] = alive[i]!;
        }
        live = kept;
      }
      n++;
    }
    store.push(record, n);
  }
  return store;

  /** Filters the live candidates on the bitsets of the new sub-combinations. */
  function keepByBits(live: number, checks: number): number {
    const words = ext.words;
    mask.fill(0xffffffff);
    for (let t = 0; t < checks; t++) {
      const at = ext.bitsBase(addRows[t]!);
      if (at < 0) return keepByLookup(live, checks);
      for (let q = 0; q < words; q++) mask[q]! &= bits![at + q]!;
    }
    let kept = 0;
    for (let i = 0; i < live; i++) {
      const v = candId[alive[i]!]!;
      if ((mask[v >>> 5]! >>> (v & 31)) & 1) alive[kept++] = alive[i]!;
    }
    return kept;
  }

  /** The same by exact lookups (tables too large for bitsets). */
  function keepByLookup(live: number, checks: number): number {
    for (let t = 0; t < checks; t++) {
      const parent = addRows[t]!;
      let kept = 0;
      for (let i = 0; i < live; i++)
        if (ext.child(parent, candId[alive[i]!]!) >= 0) alive[kept++] = alive[i]!;
      live = kept;
    }
    return live;
  }

  /** Draws a candidate among those with count left, else (complete) among single-value ones. */
  function draw(live: number, n: number): number {
    for (let i = 0; i < live; i++) {
      const s = alive[i]!;
      weights[i] = avail[candId[s]!]! > 0 ? weight(n, s) : 0;
    }
    const pick = pickWeighted(rng, weights, live);
    if (pick >= 0 || !settings.complete) return pick;
    // Completion: weighted by the value's reportable 1-count (its own counts are used up).
    for (let i = 0; i < live; i++) {
      const v = candId[alive[i]!]!;
      weights[i] = multi[col[v]!] === 0 ? counts[single[v]!]! : 0;
    }
    return pickWeighted(rng, weights, live);
  }

  function weight(n: number, s: number): number {
    if (n + 1 <= L) return Math.max(full[s]!, 0);
    const len = pctLen[s]!;
    if (len === 0 || pctMin[s]! <= 0) return 0;
    // Ranks lo ≤ hi from the bottom of all len counts; kept ones are ranked from the extreme end.
    const pos = (p / 100) * (len - 1);
    const lo = Math.floor(pos);
    const hi = Math.min(lo + 1, len - 1);
    const from = s * P;
    const a = sign * pct[from + Math.min(sign > 0 ? len - 1 - lo : lo, P - 1)]!;
    const b = sign * pct[from + Math.min(sign > 0 ? len - 1 - hi : hi, P - 1)]!;
    return a + (pos - lo) * (b - a);
  }
}
