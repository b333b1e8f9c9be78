/**
 * Support queries for the record-based synthesizers (DESIGN §4): rows(S) = the records holding
 * every attribute of S, and the support of every one-attribute extension S ∪ {v}.
 *
 * Extensions of a set are counted in one pass over rows(S). Sets whose rows are many are
 * expensive and shared by many synthetic records (attributes are drawn in proportion to
 * support), so their extension counts are cached; small sets are recounted on demand.
 * Only extensions with support ≥ k are kept: the others can never be added.
 */
import type { Dataset } from "../ingest/types.js";
import { GrowableUint32 } from "../util/growable.js";

/** Extensions of a set: attribute ids (ascending) and their supports, all ≥ k. */
export interface Extensions {
  ids: Uint32Array;
  supports: Uint32Array;
  /** |rows(S)|. */
  size: number;
  /** rows(S), kept for large cached sets so that their extensions can narrow it. */
  rows?: Uint32Array;
}

/** Sets with at least this many rows have their extensions cached. */
const CACHE_FROM = 64;
/** Cached sets with at least this many rows also keep their rows, within ROWS_ENTRIES ids. */
const ROWS_FROM = 64;
const ROWS_ENTRIES = 50_000_000;
/** Upper bound on cached extension entries (8 bytes each). */
const CACHE_ENTRIES = 20_000_000;
const NO_DATA = 0xffffffff;

export class SupportIndex {
  readonly recordCount: number;
  readonly attributeCount: number;
  /** Records of attribute a: postings[postingStart[a]] … (ascending). */
  private readonly postingStart: Uint32Array;
  private readonly postings: Uint32Array;
  /** For single-value columns: the record's attribute in that column, or -1. */
  private readonly cell: Int32Array;
  private readonly columns: number;
  private readonly single: Uint8Array;
  /**
   * Cache of extensions: a trie over the ascending attribute ids of the set, with its edges in
   * one map ((node, attribute) → child) and every node's data in pooled typed arrays — a few
   * bytes per cached set rather than several objects and typed arrays each.
   */
  private readonly edges = new Map<number, number>();
  private readonly nodeExt = new GrowableUint32(1024);
  private readonly nodeExtLength = new GrowableUint32(1024);
  private readonly nodeSize = new GrowableUint32(1024);
  private readonly nodeRows = new GrowableUint32(1024);
  private readonly nodeRowsLength = new GrowableUint32(1024);
  private readonly extIds = new GrowableUint32(1 << 16);
  private readonly extSupports = new GrowableUint32(1 << 16);
  private readonly rowPool = new GrowableUint32(1 << 16);
  private readonly counts: Uint32Array;
  private readonly touched: Uint32Array;

  constructor(
    private readonly data: Dataset,
    private readonly k: number,
  ) {
    const n = data.recordCount;
    const a = data.attributeColumn.length;
    this.recordCount = n;
    this.attributeCount = a;
    this.columns = data.columns.length;
    this.single = Uint8Array.from(data.columns, (c) => (c.kind === "single" ? 1 : 0));
    const { recordOffsets: off, recordAttributes: attrs, attributeColumn: col } = data;
    this.postingStart = new Uint32Array(a + 1);
    for (let e = 0; e < attrs.length; e++) this.postingStart[attrs[e]! + 1]!++;
    for (let i = 0; i < a; i++) this.postingStart[i + 1]! += this.postingStart[i]!;
    const cursor = this.postingStart.slice(0, a);
    this.postings = new Uint32Array(attrs.length);
    this.cell = new Int32Array(n * this.columns).fill(-1);
    for (let r = 0; r < n; r++) {
      for (let e = off[r]!; e < off[r + 1]!; e++) {
        const v = attrs[e]!;
        this.postings[cursor[v]!++] = r;
        const c = col[v]!;
        if (this.single[c] === 1) this.cell[r * this.columns + c] = v;
      }
    }
    this.counts = new Uint32Array(a);
    this.newNode(); // the root: the empty set
    this.touched = new Uint32Array(a);
  }

  /** Number of records holding attribute a. */
  count(a: number): number {
    return this.postingStart[a + 1]! - this.postingStart[a]!;
  }

  /** Does record r hold attribute v? */
  has(r: number, v: number): boolean {
    const c = this.data.attributeColumn[v]!;
    if (this.single[c] === 1) return this.cell[r * this.columns + c] === v;
    const attrs = this.data.recordAttributes;
    let lo = this.data.recordOffsets[r]!;
    let hi = this.data.recordOffsets[r + 1]!;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      const x = attrs[mid]!;
      if (x === v) return true;
      if (x < v) lo = mid + 1;
      else hi = mid;
    }
    return false;
  }

  /** rows(S) for a set of attribute ids (any order), ascending record ids. */
  rows(set: ArrayLike<number>): Uint32Array {
    if (set.length === 0) return Uint32Array.from({ length: this.recordCount }, (_, i) => i);
    let best = set[0]!;
    for (let i = 1; i < set.length; i++) if (this.count(set[i]!) < this.count(best)) best = set[i]!;
    const from = this.postingStart[best]!;
    const to = this.postingStart[best + 1]!;
    // The other members, single-value ones as (column, id) pairs checked with one load each.
    const cols: number[] = [];
    const vals: number[] = [];
    const multi: number[] = [];
    for (let i = 0; i < set.length; i++) {
      const v = set[i]!;
      if (v === best) continue;
      const c = this.data.attributeColumn[v]!;
      if (this.single[c] === 1) {
        cols.push(c);
        vals.push(v);
      } else multi.push(v);
    }
    const cell = this.cell;
    const stride = this.columns;
    const out = new Uint32Array(to - from);
    let n = 0;
    for (let p = from; p < to; p++) {
      const r = this.postings[p]!;
      const base = r * stride;
      let all = true;
      for (let i = 0; i < cols.length && all; i++)
        if (cell[base + cols[i]!] !== vals[i]) all = false;
      for (let i = 0; i < multi.length && all; i++) if (!this.has(r, multi[i]!)) all = false;
      if (all) out[n++] = r;
    }
    return out.subarray(0, n);
  }

  /**
   * rows(S ∪ {v}) given rows(S) when known: narrowing the parent's rows, or reading the
   * postings of S ∪ {v}'s rarest attribute, whichever scans fewer rows.
   */
  rowsAfter(
    parentRows: Uint32Array | undefined,
    set: ArrayLike<number>,
    added: number,
  ): Uint32Array {
    if (parentRows === undefined) return this.rows(set);
    let rarest = Number.POSITIVE_INFINITY;
    for (let i = 0; i < set.length; i++) rarest = Math.min(rarest, this.count(set[i]!));
    return rarest * set.length < parentRows.length
      ? this.rows(set)
      : this.narrow(parentRows, added);
  }

  /** Records of `rows` that also hold v. */
  narrow(rows: Uint32Array, v: number): Uint32Array {
    const out = new Uint32Array(rows.length);
    let n = 0;
    const c = this.data.attributeColumn[v]!;
    if (this.single[c] === 1) {
      // The hot loop of the record-based synthesizers: one load per row.
      const cell = this.cell;
      const stride = this.columns;
      for (let i = 0; i < rows.length; i++) {
        const r = rows[i]!;
        if (cell[r * stride + c] === v) out[n++] = r;
      }
    } else {
      for (let i = 0; i < rows.length; i++) if (this.has(rows[i]!, v)) out[n++] = rows[i]!;
    }
    return out.subarray(0, n);
  }

  /** |rows(S)| for a set of attribute ids. */
  support(set: ArrayLike<number>): number {
    if (set.length === 1) return this.count(set[0]!);
    return this.rows(set).length;
  }

  /**
   * Supports of every extension S ∪ {v} with support ≥ k (v not in S). `sortedSet` is S in
   * ascending order; `rowsOfSet`, when cheaper than recomputing, gives rows(S) (called only
   * when the extensions are not cached).
   */
  extensions(sortedSet: ArrayLike<number>, rowsOfSet?: () => Uint32Array): Extensions {
    const stride = this.attributeCount + 1;
    let node = 0;
    for (let i = 0; i < sortedSet.length && node >= 0; i++) {
      node = this.edges.get(node * stride + sortedSet[i]!) ?? -1;
    }
    if (node >= 0 && this.nodeExtLength.data[node] !== NO_DATA) return this.cachedAt(node);
    const rows = rowsOfSet ? rowsOfSet() : this.rows(sortedSet);
    const ext = this.countExtensions(sortedSet, rows);
    if (rows.length >= CACHE_FROM && this.extIds.length + ext.ids.length <= CACHE_ENTRIES) {
      let at = 0;
      for (let i = 0; i < sortedSet.length; i++) {
        const key = at * stride + sortedSet[i]!;
        let child = this.edges.get(key);
        if (child === undefined) {
          child = this.newNode();
          this.edges.set(key, child);
        }
        at = child;
      }
      this.nodeExt.data[at] = this.extIds.length;
      this.nodeExtLength.data[at] = ext.ids.length;
      this.nodeSize.data[at] = rows.length;
      this.extIds.append(ext.ids);
      this.extSupports.append(ext.supports);
      if (rows.length >= ROWS_FROM && this.rowPool.length + rows.length <= ROWS_ENTRIES) {
        this.nodeRows.data[at] = this.rowPool.length;
        this.nodeRowsLength.data[at] = rows.length;
        this.rowPool.append(rows);
      }
    }
    return ext;
  }

  private newNode(): number {
    const id = this.nodeExt.length;
    this.nodeExt.push(0);
    this.nodeExtLength.push(NO_DATA);
    this.nodeSize.push(0);
    this.nodeRows.push(0);
    this.nodeRowsLength.push(NO_DATA);
    return id;
  }

  private cachedAt(node: number): Extensions {
    const from = this.nodeExt.data[node]!;
    const to = from + this.nodeExtLength.data[node]!;
    const ext: Extensions = {
      ids: this.extIds.data.subarray(from, to),
      supports: this.extSupports.data.subarray(from, to),
      size: this.nodeSize.data[node]!,
    };
    const rowsLength = this.nodeRowsLength.data[node]!;
    if (rowsLength !== NO_DATA) {
      const start = this.nodeRows.data[node]!;
      ext.rows = this.rowPool.data.subarray(start, start + rowsLength);
    }
    return ext;
  }

  private countExtensions(sortedSet: ArrayLike<number>, rows: Uint32Array): Extensions {
    const { counts, touched, k } = this;
    const { recordOffsets: off, recordAttributes: attrs } = this.data;
    let nt = 0;
    for (let i = 0; i < rows.length; i++) {
      const r = rows[i]!;
      for (let e = off[r]!; e < off[r + 1]!; e++) {
        const v = attrs[e]!;
        const c = counts[v]!;
        counts[v] = c + 1;
        if (c === 0) touched[nt++] = v;
      }
    }
    const inSet = (v: number) => {
      for (let i = 0; i < sortedSet.length; i++) if (sortedSet[i] === v) return true;
      return false;
    };
    let kept = 0;
    for (let i = 0; i < nt; i++) {
      const v = touched[i]!;
      if (counts[v]! >= k && !inSet(v)) touched[kept++] = v;
      else counts[v] = 0;
    }
    const ids = touched.slice(0, kept).sort();
    const supports = new Uint32Array(kept);
    for (let i = 0; i < kept; i++) {
      supports[i] = counts[ids[i]!]!;
      counts[ids[i]!] = 0;
    }
    // Attributes counted but not kept were reset above; kept ones just now.
    return { ids, supports, size: rows.length };
  }
}

/** The support of v among extensions (0 when v cannot be added). */
export function supportOf(ext: Extensions, v: number): number {
  const ids = ext.ids;
  let lo = 0;
  let hi = ids.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    const x = ids[mid]!;
    if (x === v) return ext.supports[mid]!;
    if (x < v) lo = mid + 1;
    else hi = mid;
  }
  return 0;
}
