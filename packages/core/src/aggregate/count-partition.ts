/**
 * Exact counting of every attribute combination of length 1…L (docs/design.md §3), for the
 * combinations whose smallest attribute id lies in one partition of the attributes.
 *
 * Depth-first walk: a node is a combination P (ascending ids) with the list of entries of
 * its last attribute in the records that hold P. Counting the attributes that follow in those
 * records gives every extension P∪{b} and its count with one dense counter array; the child
 * lists are filled by a second pass (counting sort). Each combination is reached exactly once,
 * along its ascending path. A combination held by a single record is not walked further: its
 * extensions are counted combinatorially (they are all unique too), unless every combination
 * must be listed (`collectAll`).
 *
 * The same walk gathers the risk facts of docs/design.md §3 per record: the shortest length of a
 * unique and of a rare combination, and which of its attributes take part in a rare
 * combination (a record with a rare combination shorter than L has one containing each of
 * its attributes, so it is flagged whole).
 */
import { GrowableUint32 } from "../util/growable.js";
import { type CountingInput, choose } from "./counting-input.js";

export interface CountSettings {
  /** Privacy resolution: a combination is rare when its count is below k. */
  k: number;
  /** Reporting length L. */
  length: number;
  /** List every combination (sensitive aggregates), not only those with count ≥ k. */
  collectAll: boolean;
}

/** What one partition found; partitions merge by concatenation, sums, min and or. */
export interface PartialCounts {
  /** L attribute ids per listed combination, padded with NONE. */
  comboAttrs: Uint32Array;
  comboCounts: Uint32Array;
  /** Per length l (index l): distinct combinations, those with count < k, those with count 1. */
  distinct: Float64Array;
  rare: Float64Array;
  unique: Float64Array;
  /** Per record: shortest length of a unique / rare combination (NO_LENGTH if none). */
  minUnique: Uint8Array;
  minRare: Uint8Array;
  /** Per record: holds a rare combination shorter than L (so one containing each attribute). */
  recordWide: Uint8Array;
  /** Per entry: the attribute takes part in a rare combination of its record. */
  entryRare: Uint8Array;
}

export const NONE = 0xffffffff;
export const NO_LENGTH = 255;

export function emptyPartial(input: CountingInput, length: number): PartialCounts {
  return {
    comboAttrs: new Uint32Array(0),
    comboCounts: new Uint32Array(0),
    distinct: new Float64Array(length + 1),
    rare: new Float64Array(length + 1),
    unique: new Float64Array(length + 1),
    minUnique: new Uint8Array(input.recordCount).fill(NO_LENGTH),
    minRare: new Uint8Array(input.recordCount).fill(NO_LENGTH),
    recordWide: new Uint8Array(input.recordCount),
    entryRare: new Uint8Array(input.attrs.length),
  };
}

/**
 * Counts the combinations whose first (smallest) attribute is one of `firsts`. With `into`,
 * the findings are added to an earlier partial result of the same input (one per worker).
 */
export function countPartition(
  input: CountingInput,
  settings: CountSettings,
  firsts: ArrayLike<number>,
  into?: PartialCounts,
): PartialCounts {
  const { offsets, attrs, entryRecord, attrStart, attrEntries, attributeCount } = input;
  const { k, length: L, collectAll } = settings;
  const keep = collectAll ? 1 : k;
  // Below a combination held by one record every extension is unique too; it is walked only
  // when such combinations must be listed.
  const walkFrom = keep > 1 ? 2 : 1;
  const result = into ?? emptyPartial(input, L);
  const { distinct, rare, unique, minUnique, minRare, recordWide, entryRare } = result;
  const outAttrs = new GrowableUint32(1024);
  const outCounts = new GrowableUint32(256);
  const cnt = new Uint32Array(attributeCount);
  const slot = new Uint32Array(attributeCount);
  // Scratch space per depth, reused by every node of that depth (no allocation per node).
  const bsAt = Array.from({ length: L }, () => new Uint32Array(attributeCount));
  const startsAt = Array.from({ length: L }, () => new Uint32Array(attributeCount));
  const sizesAt = Array.from({ length: L }, () => new Uint32Array(attributeCount));
  const bufAt = Array.from({ length: L }, () => new Uint32Array(1024));
  const inPrefix = new Uint8Array(attributeCount);
  const prefix = new Uint32Array(L);

  const emit = (l: number, last: number, count: number) => {
    for (let i = 0; i < l - 1; i++) outAttrs.push(prefix[i]!);
    outAttrs.push(last);
    for (let i = l; i < L; i++) outAttrs.push(NONE);
    outCounts.push(count);
  };
  const mark = (rec: number, l: number, count: number) => {
    if (count < k && l < minRare[rec]!) minRare[rec] = l;
    if (count === 1 && l < minUnique[rec]!) minUnique[rec] = l;
  };
  /** A unique combination of length l whose record has `rest` attributes after its last one. */
  const uniqueExtensions = (l: number, rest: number) => {
    for (let i = 1; l + i <= L; i++) {
      const c = choose(rest, i);
      distinct[l + i]! += c;
      if (k > 1) rare[l + i]! += c;
      unique[l + i]! += c;
    }
  };

  /** Walks the extensions of the prefix of length j whose entries are list[from … to-1]. */
  const node = (list: Uint32Array, from: number, to: number, j: number): void => {
    const l = j + 1;
    const bs = bsAt[j]!;
    const starts = startsAt[j]!;
    /** Size of each child list to walk (0: not walked). */
    const sizes = sizesAt[j]!;
    let nt = 0;
    for (let i = from; i < to; i++) {
      const e = list[i]!;
      const end = offsets[entryRecord[e]! + 1]!;
      for (let f = e + 1; f < end; f++) {
        const b = attrs[f]!;
        const v = cnt[b]!;
        cnt[b] = v + 1;
        if (v === 0) bs[nt++] = b;
      }
    }
    let total = 0;
    let anyRare = false;
    for (let i = 0; i < nt; i++) {
      const b = bs[i]!;
      const c = cnt[b]!;
      distinct[l]!++;
      if (c < k) {
        rare[l]!++;
        anyRare = true;
      }
      if (c === 1) {
        unique[l]!++;
        anyRare = true;
      }
      if (c >= keep) emit(l, b, c);
      if (l < L && c >= walkFrom) {
        starts[i] = total;
        sizes[i] = c;
        slot[b] = total;
        total += c;
      } else {
        sizes[i] = 0;
        slot[b] = NONE;
      }
    }
    let buf = bufAt[j]!;
    if (buf.length < total) {
      buf = new Uint32Array(Math.max(total, buf.length * 2));
      bufAt[j] = buf;
    }
    if (total > 0 || anyRare) {
      for (let i = from; i < to; i++) {
        const e = list[i]!;
        const rec = entryRecord[e]!;
        const end = offsets[rec + 1]!;
        let flagPrefix = false;
        for (let f = e + 1; f < end; f++) {
          const b = attrs[f]!;
          const s = slot[b]!;
          if (s !== NONE) {
            buf[s] = f;
            slot[b] = s + 1;
          }
          const c = cnt[b]!;
          if (c >= k && c !== 1) continue;
          mark(rec, l, c);
          if (c === 1 && walkFrom === 2 && l < L) uniqueExtensions(l, end - f - 1);
          if (c >= k) continue;
          if (l < L) {
            recordWide[rec] = 1;
          } else if (recordWide[rec] === 0) {
            entryRare[f] = 1;
            flagPrefix = true;
          }
        }
        if (flagPrefix) {
          for (let g = offsets[rec]!; g <= e; g++) if (inPrefix[attrs[g]!] === 1) entryRare[g] = 1;
        }
      }
    }
    for (let i = 0; i < nt; i++) cnt[bs[i]!] = 0;
    if (total === 0) return;
    for (let i = 0; i < nt; i++) {
      if (sizes[i] === 0) continue;
      const b = bs[i]!;
      prefix[j] = b;
      inPrefix[b] = 1;
      node(buf, starts[i]!, starts[i]! + sizes[i]!, l);
      inPrefix[b] = 0;
    }
  };

  for (let fi = 0; fi < firsts.length; fi++) {
    const a = firsts[fi]!;
    const from = attrStart[a]!;
    const to = attrStart[a + 1]!;
    const c = to - from;
    if (c === 0) continue;
    distinct[1]!++;
    if (c >= keep) {
      prefix[0] = a;
      emit(1, a, c);
    }
    if (c < k) rare[1]!++;
    if (c === 1) unique[1]!++;
    if (c < k || c === 1) {
      for (let i = from; i < to; i++) {
        const e = attrEntries[i]!;
        const rec = entryRecord[e]!;
        mark(rec, 1, c);
        if (c === 1 && walkFrom === 2) uniqueExtensions(1, offsets[rec + 1]! - e - 1);
        if (c >= k) continue;
        if (L > 1) recordWide[rec] = 1;
        else entryRare[e] = 1;
      }
    }
    if (L > 1 && c >= walkFrom) {
      prefix[0] = a;
      inPrefix[a] = 1;
      node(attrEntries, from, to, 1);
      inPrefix[a] = 0;
    }
  }
  result.comboAttrs = concat(result.comboAttrs, outAttrs);
  result.comboCounts = concat(result.comboCounts, outCounts);
  return result;
}

function concat(before: Uint32Array, added: GrowableUint32): Uint32Array {
  if (before.length === 0) return added.toArray();
  const out = new Uint32Array(before.length + added.length);
  out.set(before);
  out.set(added.data.subarray(0, added.length), before.length);
  return out;
}
