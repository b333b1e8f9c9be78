/**
 * Support queries for the record-based synthesizers (docs/design.md §4): rows(S) = the records holding
 * every attribute of S, and the support of every one-attribute extension S ∪ {v}.
 *
 * Extensions of a set are counted in one pass over rows(S). Sets whose rows are many are
 * expensive and shared by many synthetic records (attributes are drawn in proportion to
 * support), so their extension counts are cached; small sets are recounted on demand.
 * Only extensions with support ≥ k are kept: the others can never be added.
 */
import type { Dataset } from "../../ingest/types.js";
import { GrowableUint32 } from "../../util/growable.js";
import { IntMap } from "../../util/int-map.js";
import { indexInSorted } from "../../util/search.js";

/** Extensions of a set: attribute ids (ascending) and their supports, all ≥ k. */
export interface Extensions {
  ids: Uint32Array;
  supports: Uint32Array;
  /** |rows(S)|. */
  size: number;
  /** rows(S), kept for large cached sets so that their extensions can narrow it. */
  rows?: Uint32Array;
}

/** Sets with at least this many rows have their extensions, and rows, cached. */
const CACHE_FROM = 64;
/** Cached rows take at most this many record ids. */
const ROWS_ENTRIES = 50_000_000;
/** Upper bound on cached extension entries (8 bytes each). */
const CACHE_ENTRIES = 20_000_000;
const NO_DATA = 0xffffffff;

export interface SupportIndexOptions {
  /** Scales the cache (1, the default: up to 20 M extension entries and 50 M row ids, ~360 MB). */
  budget?: number;
  /** Cache sets with at least this many rows (default 64). */
  cacheFrom?: number;
}

export class SupportIndex {
  readonly recordCount: number;
  readonly attributeCount: number;
  /** Records of attribute a: postings[postingStart[a]] … (ascending). */
  private readonly postingStart: Uint32Array;
  private readonly postings: Uint32Array;
  /**
   * For single-value columns, record by record: byRow[r·columns + c] is the number of record
   * r's value within column c, plus 1 (0: no value, or a multi-value column). Row-major, so a
   * record's values share a cache line: counting a set's extensions reads each row once.
   */
  private readonly byRow: Uint16Array | Uint32Array;
  private readonly singleColumns: number[];
  /** The data's record number of each record of the index (see the constructor). */
  private readonly original: Uint32Array;
  /** Scratch for rows being gathered (results are copied out of it: they are kept). */
  private readonly scratch: Uint32Array;
  /** Scratch: columns of the set being counted. */
  private readonly taken: Uint8Array;
  private readonly hasMulti: boolean;
  private readonly columns: number;
  private readonly single: Uint8Array;
  /**
   * Cache of extensions: a trie over the ascending attribute ids of the set, with its edges in
   * one map ((node, attribute) → child) and every node's data in pooled typed arrays — a few
   * bytes per cached set rather than several objects and typed arrays each.
   */
  private readonly edges = new IntMap();
  private readonly nodeExt = new GrowableUint32(1024);
  private readonly nodeExtLength = new GrowableUint32(1024);
  private readonly nodeSize = new GrowableUint32(1024);
  /**
   * Rows of cached sets, each its own array (never written after it is stored, so a caller may
   * keep what it was given), while the rows budget lasts: the sets met first, which are the
   * shallow, large sets every walk passes through, are the ones held. (First in, first out
   * eviction, and evicting longer sets' rows for shorter ones', were measured slower: sets are
   * reused across the whole run, not just nearby.)
   */
  private readonly nodeRows: (Uint32Array | undefined)[] = [];
  private rowsHeld = 0;
  private readonly extIds = new GrowableUint32(1 << 16);
  private readonly extSupports = new GrowableUint32(1 << 16);
  private readonly counts: Uint32Array;
  private readonly touched: Uint32Array;
  /** Column c's counts start at block[c] = firstAttribute + c (slot 0: no value). */
  private readonly block: Uint32Array;
  private readonly denseScratch: Uint32Array;
  private readonly sparseScratch: Uint32Array;

  private readonly cacheFrom: number;
  private readonly cacheEntries: number;
  private readonly rowEntries: number;

  constructor(
    private readonly data: Dataset,
    private readonly k: number,
    options: SupportIndexOptions = {},
  ) {
    const budget = options.budget ?? 1;
    this.cacheFrom = options.cacheFrom ?? CACHE_FROM;
    this.cacheEntries = Math.floor(CACHE_ENTRIES * budget);
    this.rowEntries = Math.floor(ROWS_ENTRIES * budget);
    const n = data.recordCount;
    const a = data.attributeColumn.length;
    this.recordCount = n;
    this.attributeCount = a;
    this.columns = data.columns.length;
    this.single = Uint8Array.from(data.columns, (c) => (c.kind === "single" ? 1 : 0));
    this.singleColumns = data.columns.flatMap((c, i) => (c.kind === "single" ? [i] : []));
    this.hasMulti = this.singleColumns.length < data.columns.length;
    this.taken = new Uint8Array(data.columns.length);
    this.scratch = new Uint32Array(n);
    const { recordOffsets: off, recordAttributes: attrs, attributeColumn: col } = data;
    this.postingStart = new Uint32Array(a + 1);
    for (let e = 0; e < attrs.length; e++) this.postingStart[attrs[e]! + 1]!++;
    for (let i = 0; i < a; i++) this.postingStart[i + 1]! += this.postingStart[i]!;
    const cursor = this.postingStart.slice(0, a);
    this.postings = new Uint32Array(attrs.length);
    // Local value numbers (1 …; 0: empty): 16 bits keep the columns in cache.
    const widest = Math.max(0, ...data.columns.map((c) => c.values.length));
    this.byRow =
      widest < 0xffff ? new Uint16Array(n * this.columns) : new Uint32Array(n * this.columns);
    // Records are numbered inside the index in lexicographic order of their values (columns
    // with fewer values first), so the rows of a set of common values lie close together in
    // memory: the same answers, fewer cache misses on large data. Nothing outside sees these
    // numbers (rows are only narrowed and counted here).
    this.original = lexicographicOrder(data);
    const original = this.original;
    for (let r = 0; r < n; r++) {
      const o = original[r]!;
      for (let e = off[o]!; e < off[o + 1]!; e++) {
        const v = attrs[e]!;
        this.postings[cursor[v]!++] = r;
        const c = col[v]!;
        if (this.single[c] === 1) {
          this.byRow[r * this.columns + c] = v - data.columns[c]!.firstAttribute + 1;
        }
      }
    }
    this.counts = new Uint32Array(a + this.columns + 1);
    this.block = Uint32Array.from(data.columns, (c, i) => c.firstAttribute + i);
    this.denseScratch = new Uint32Array(this.columns);
    this.sparseScratch = new Uint32Array(this.columns);
    this.newNode(); // the root: the empty set
    this.touched = new Uint32Array(a);
  }

  /**
   * The data's record numbers (ascending) of rows as the index numbers them: rows(S) and the
   * other row lists here use the index's own order (see the constructor).
   */
  recordsOf(rows: ArrayLike<number>): number[] {
    return Array.from(rows, (r) => this.original[r]!).sort((a, b) => a - b);
  }

  /** Number of columns. */
  get columnCount(): number {
    return this.columns;
  }

  /** The column of attribute v. */
  columnOf(v: number): number {
    return this.data.attributeColumn[v]!;
  }

  /** Number of records holding attribute a. */
  count(a: number): number {
    return this.postingStart[a + 1]! - this.postingStart[a]!;
  }

  /** v's number within its single-value column, plus 1 (as stored in byRow). */
  private local(v: number): number {
    return v - this.data.columns[this.data.attributeColumn[v]!]!.firstAttribute + 1;
  }

  /** Does record r hold attribute v? */
  has(r: number, v: number): boolean {
    const c = this.data.attributeColumn[v]!;
    if (this.single[c] === 1) return this.byRow[r * this.columns + c] === this.local(v);
    const { recordAttributes: attrs, recordOffsets: off } = this.data;
    const o = this.original[r]!;
    return indexInSorted(attrs, v, off[o]!, off[o + 1]!) >= 0;
  }

  /** rows(S) for a set of attribute ids (any order), ascending record ids. */
  rows(set: ArrayLike<number>): Uint32Array {
    if (set.length === 0) return Uint32Array.from({ length: this.recordCount }, (_, i) => i);
    // One attribute: its postings, as they are (never written, like every rows array here).
    if (set.length === 1) {
      return this.postings.subarray(this.postingStart[set[0]!]!, this.postingStart[set[0]! + 1]!);
    }
    const viaPrefix = this.rowsFromCachedPrefix(set);
    if (viaPrefix) return viaPrefix;
    return this.rowsFromPostings(set);
  }

  /**
   * The smallest held rows of a subset of S with one attribute less, and that attribute (rows(S)
   * is then one narrowing away); undefined when no such subset holds rows.
   */
  cachedSubsetRows(set: ArrayLike<number>): { rows: Uint32Array; missing: number } | undefined {
    if (set.length < 2) return undefined;
    const stride = this.attributeCount + 1;
    let best: { rows: Uint32Array; missing: number } | undefined;
    for (let skip = 0; skip < set.length; skip++) {
      let node = 0;
      for (let i = 0; i < set.length && node >= 0; i++) {
        if (i !== skip) node = this.edges.get(node * stride + set[i]!);
      }
      const rows = node > 0 ? this.nodeRows[node] : undefined;
      if (rows !== undefined && (best === undefined || rows.length < best.rows.length)) {
        best = { rows, missing: set[skip]! };
      }
    }
    return best;
  }

  /**
   * rows(S) by narrowing the rows of S's longest cached prefix (in the given order, which is
   * ascending for the cache's keys), when that scans fewer rows than the postings of S's
   * rarest attribute; undefined otherwise.
   */
  private rowsFromCachedPrefix(set: ArrayLike<number>): Uint32Array | undefined {
    if (set.length < 2) return undefined;
    const stride = this.attributeCount + 1;
    let node = 0;
    let best: Uint32Array | undefined;
    let depth = 0;
    for (let i = 0; i < set.length - 1; i++) {
      const child = this.edges.get(node * stride + set[i]!);
      if (child < 0) break;
      node = child;
      const rows = this.nodeRows[node];
      if (rows !== undefined) {
        best = rows;
        depth = i + 1;
      }
    }
    if (!best) return undefined;
    let rarest = Number.POSITIVE_INFINITY;
    for (let i = 0; i < set.length; i++) rarest = Math.min(rarest, this.count(set[i]!));
    if (rarest * (set.length - 1) <= best.length) return undefined;
    let rows = best;
    for (let i = depth; i < set.length; i++) rows = this.narrow(rows, set[i]!);
    return rows;
  }

  /** rows(S) by scanning the postings of S's rarest attribute. */
  private rowsFromPostings(set: ArrayLike<number>): Uint32Array {
    let best = set[0]!;
    for (let i = 1; i < set.length; i++) if (this.count(set[i]!) < this.count(best)) best = set[i]!;
    const from = this.postingStart[best]!;
    const to = this.postingStart[best + 1]!;
    // The other members, single-value ones as (column offset, local value) pairs: one load each.
    const cols: number[] = [];
    const vals: number[] = [];
    const multi: number[] = [];
    for (let i = 0; i < set.length; i++) {
      const v = set[i]!;
      if (v === best) continue;
      const c = this.data.attributeColumn[v]!;
      if (this.single[c] === 1) {
        cols.push(c);
        vals.push(this.local(v));
      } else multi.push(v);
    }
    const byRow = this.byRow;
    const width = this.columns;
    const out = this.scratch;
    let n = 0;
    for (let p = from; p < to; p++) {
      const r = this.postings[p]!;
      const base = r * width;
      let all = true;
      for (let i = 0; i < cols.length && all; i++)
        if (byRow[base + cols[i]!] !== vals[i]) all = false;
      for (let i = 0; i < multi.length && all; i++) if (!this.has(r, multi[i]!)) all = false;
      if (all) out[n++] = r;
    }
    return out.slice(0, n);
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
    return this.rowsFrom(parentRows.length, () => parentRows, set, added);
  }

  /**
   * rows(S) for S = P ∪ {added}, given |rows(P)| and a way to get rows(P) (called only when
   * narrowing them is the cheapest way).
   */
  rowsFrom(
    parentSize: number,
    parentRows: () => Uint32Array,
    set: ArrayLike<number>,
    added: number,
  ): Uint32Array {
    if (set.length === 0) return this.rows(set);
    let rarest = Number.POSITIVE_INFINITY;
    for (let i = 0; i < set.length; i++) rarest = Math.min(rarest, this.count(set[i]!));
    const postings = this.count(added);
    // Estimated costs: scan the rarest postings checking every member; scan the parent's
    // rows; or look each posting of the added attribute up in the parent's rows.
    const viaPostings = rarest * set.length;
    const viaParent = parentSize;
    const viaSearch = postings * (2 + Math.log2(1 + parentSize / Math.max(1, postings)));
    if (viaSearch < viaParent && viaSearch < viaPostings) {
      return this.intersect(parentRows(), added);
    }
    return viaPostings < viaParent ? this.rows(set) : this.narrow(parentRows(), added);
  }

  /** rows ∩ postings(v), by galloping through `rows` for each posting of v. */
  intersect(rows: Uint32Array, v: number): Uint32Array {
    const from = this.postingStart[v]!;
    const to = this.postingStart[v + 1]!;
    const postings = this.postings;
    const out = this.scratch;
    let n = 0;
    let lo = 0;
    for (let p = from; p < to && lo < rows.length; p++) {
      const r = postings[p]!;
      // Gallop to a bound past r, then binary-search [lo, hi).
      let step = 1;
      let hi = lo;
      while (hi < rows.length && rows[hi]! < r) {
        lo = hi + 1;
        hi += step;
        step *= 2;
      }
      if (hi > rows.length) hi = rows.length;
      while (lo < hi) {
        const mid = (lo + hi) >>> 1;
        if (rows[mid]! < r) lo = mid + 1;
        else hi = mid;
      }
      if (lo < rows.length && rows[lo] === r) out[n++] = r;
    }
    return out.slice(0, n);
  }

  /**
   * `rows` split by their value in single-value column c, in one pass (stable counting sort):
   * the rows holding v are the grouped rows from starts[local] to starts[local + 1], where
   * local is v's number in the column (see `splitRows`); undefined for a multi-value column.
   */
  split(rows: Uint32Array, c: number): RowSplit | undefined {
    if (this.single[c] !== 1) return undefined;
    const m = this.data.columns[c]!.values.length;
    const width = this.columns;
    const byRow = this.byRow;
    const starts = new Uint32Array(m + 2);
    for (let i = 0; i < rows.length; i++) starts[byRow[rows[i]! * width + c]! + 1]!++;
    for (let j = 0; j <= m; j++) starts[j + 1]! += starts[j]!;
    const cursor = starts.slice(0, m + 1);
    const grouped = new Uint32Array(rows.length);
    for (let i = 0; i < rows.length; i++) {
      const r = rows[i]!;
      grouped[cursor[byRow[r * width + c]!]!++] = r;
    }
    return { column: c, first: this.data.columns[c]!.firstAttribute, starts, grouped };
  }

  /** Records of `rows` that also hold v. */
  narrow(rows: Uint32Array, v: number): Uint32Array {
    const out = this.scratch;
    let n = 0;
    const c = this.data.attributeColumn[v]!;
    if (this.single[c] === 1) {
      // The hot loop of the record-based synthesizers: one load per row.
      const byRow = this.byRow;
      const width = this.columns;
      const local = this.local(v);
      for (let i = 0; i < rows.length; i++) {
        const r = rows[i]!;
        if (byRow[r * width + c] === local) out[n++] = r;
      }
    } else {
      for (let i = 0; i < rows.length; i++) if (this.has(rows[i]!, v)) out[n++] = rows[i]!;
    }
    return out.slice(0, n);
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
      node = this.edges.get(node * stride + sortedSet[i]!);
    }
    if (node >= 0 && this.nodeExtLength.data[node] !== NO_DATA) return this.cachedAt(node);
    const rows = rowsOfSet ? rowsOfSet() : this.rows(sortedSet);
    const ext = this.countExtensions(sortedSet, rows);
    if (rows.length >= this.cacheFrom && this.extIds.length + ext.ids.length <= this.cacheEntries) {
      let at = 0;
      for (let i = 0; i < sortedSet.length; i++) {
        const key = at * stride + sortedSet[i]!;
        let child = this.edges.get(key);
        if (child < 0) {
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
      this.storeRows(at, rows);
    }
    return ext;
  }

  /** Holds rows(S) of a cached set while the rows budget lasts (first come, kept for good). */
  private storeRows(node: number, rows: Uint32Array): void {
    if (rows.buffer === this.postings.buffer) return;
    if (rows.length < this.cacheFrom || this.rowsHeld + rows.length > this.rowEntries) return;
    this.nodeRows[node] = rows;
    this.rowsHeld += rows.length;
  }

  private newNode(): number {
    const id = this.nodeExt.length;
    this.nodeExt.push(0);
    this.nodeExtLength.push(NO_DATA);
    this.nodeSize.push(0);
    this.nodeRows.push(undefined);
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
    const rows = this.nodeRows[node];
    if (rows !== undefined) ext.rows = rows;
    return ext;
  }

  private countExtensions(sortedSet: ArrayLike<number>, rows: Uint32Array): Extensions {
    // Column c's counts are counts[first + c + local] for local value 1 … (0: empty cells), so
    // the hot loop has no branch; attribute v's count is at v + column(v) + 1.
    const { counts, touched, k } = this;
    const columns = this.data.columns;
    const col = this.data.attributeColumn;
    let nt = 0;
    const byRow = this.byRow;
    const width = this.columns;
    // A single-value column already in S has no extension (S holds its only value there).
    // The others: dense ones (no more values than rows) are counted blindly and their value
    // range read afterwards; sparse ones note each value the first time it is met.
    const taken = this.taken;
    for (let i = 0; i < sortedSet.length; i++) taken[col[sortedSet[i]!]!] = 1;
    const dense = this.denseScratch;
    const sparse = this.sparseScratch;
    let nd = 0;
    let ns = 0;
    for (const c of this.singleColumns) {
      if (taken[c] === 1) continue;
      if (columns[c]!.values.length <= rows.length) dense[nd++] = c;
      else sparse[ns++] = c;
    }
    for (let i = 0; i < rows.length; i++) {
      const base = rows[i]! * width;
      for (let j = 0; j < nd; j++) {
        const c = dense[j]!;
        counts[this.block[c]! + byRow[base + c]!]!++;
      }
      for (let j = 0; j < ns; j++) {
        const c = sparse[j]!;
        const local = byRow[base + c]!;
        if (counts[this.block[c]! + local]!++ === 0 && local > 0) {
          touched[nt++] = columns[c]!.firstAttribute + local - 1;
        }
      }
    }
    for (let j = 0; j < nd; j++) {
      const c = dense[j]!;
      const { firstAttribute: first, values } = columns[c]!;
      const block = this.block[c]!;
      for (let v = 1; v <= values.length; v++)
        if (counts[block + v]! > 0) touched[nt++] = first + v - 1;
      counts[block] = 0;
    }
    for (let j = 0; j < ns; j++) counts[this.block[sparse[j]!]!] = 0;
    for (let i = 0; i < sortedSet.length; i++) taken[col[sortedSet[i]!]!] = 0;
    if (this.hasMulti) {
      const { recordOffsets: off, recordAttributes: attrs } = this.data;
      for (let i = 0; i < rows.length; i++) {
        const r = rows[i]!;
        const o = this.original[r]!;
        for (let e = off[o]!; e < off[o + 1]!; e++) {
          const v = attrs[e]!;
          if (this.single[col[v]!] === 1) continue;
          if (counts[v + col[v]! + 1]!++ === 0) touched[nt++] = v;
        }
      }
    }
    const inSet = (v: number) => {
      for (let i = 0; i < sortedSet.length; i++) if (sortedSet[i] === v) return true;
      return false;
    };
    let kept = 0;
    for (let i = 0; i < nt; i++) {
      const v = touched[i]!;
      const slot = v + col[v]! + 1;
      if (counts[slot]! >= k && !inSet(v)) touched[kept++] = v;
      else counts[slot] = 0;
    }
    const ids = touched.slice(0, kept).sort();
    const supports = new Uint32Array(kept);
    for (let i = 0; i < kept; i++) {
      const slot = ids[i]! + col[ids[i]!]! + 1;
      supports[i] = counts[slot]!;
      counts[slot] = 0;
    }
    return { ids, supports, size: rows.length };
  }
}

/**
 * The records' numbers in lexicographic order of their single-value columns' values, columns
 * with fewer values first (LSD radix sort: one stable counting pass per column).
 */
function lexicographicOrder(data: Dataset): Uint32Array {
  const n = data.recordCount;
  const { recordOffsets: off, recordAttributes: attrs, attributeColumn: col, columns } = data;
  const local = new Uint32Array(n);
  let order = Uint32Array.from({ length: n }, (_, i) => i);
  let next = new Uint32Array(n);
  const singles = columns
    .map((c, i) => ({ c, i }))
    .filter(({ c }) => c.kind === "single")
    .sort((x, y) => x.c.values.length - y.c.values.length || x.i - y.i);
  // Least significant first: the column with the most values.
  for (let s = singles.length - 1; s >= 0; s--) {
    const { c, i: column } = singles[s]!;
    local.fill(0);
    for (let r = 0; r < n; r++) {
      for (let e = off[r]!; e < off[r + 1]!; e++) {
        const v = attrs[e]!;
        if (col[v] === column) local[r] = v - c.firstAttribute + 1;
      }
    }
    const starts = new Uint32Array(c.values.length + 2);
    for (let r = 0; r < n; r++) starts[local[r]! + 1]!++;
    for (let j = 0; j <= c.values.length; j++) starts[j + 1]! += starts[j]!;
    for (let p = 0; p < n; p++) {
      const r = order[p]!;
      next[starts[local[r]!]!++] = r;
    }
    [order, next] = [next, order];
  }
  return order;
}

/** Rows split by their value in one single-value column (SupportIndex.split). */
export interface RowSplit {
  column: number;
  /** The column's first attribute id. */
  first: number;
  starts: Uint32Array;
  grouped: Uint32Array;
}

/** The rows of a split that hold attribute v (ascending), v in the split's column. */
export function splitRows(split: RowSplit, v: number): Uint32Array {
  const local = v - split.first + 1;
  return split.grouped.subarray(split.starts[local]!, split.starts[local + 1]!);
}

/** The support of v among extensions (0 when v cannot be added). */
export function supportOf(ext: Extensions, v: number): number {
  const i = indexInSorted(ext.ids, v);
  return i < 0 ? 0 : ext.supports[i]!;
}
