/**
 * Many independent walks run together (the walk of walk.ts, with shared work): walks that
 * stand on the same set at the same step share one look-up of its extensions and one
 * computation of its rows, so the work per set is paid once, not once per walk.
 *
 * Why: the rows of a set that is not in the support index's cache are computed by narrowing
 * its parent's rows. Walk by walk, every walk through a parent P pays |rows(P)| — and the
 * number of walks through P grows with the data as |rows(P)| does, so the total grew as the
 * square of the number of records (census 100k → 300k: 10× the time). Together, P's rows are
 * computed once for all the walks that reach it, which makes the work grow with the number of
 * distinct sets the walks visit instead.
 *
 * The walks are visited depth first over the tree of their paths (a set's children are the
 * attributes its walks add next, ascending), keeping only the rows of the sets on the current
 * path. Each walker draws from its own generator only, so every walk ends exactly where it would
 * have ended walked alone: the result never depends on how walks are grouped.
 */
import { type Extensions, type RowSplit, type SupportIndex, splitRows } from "./support-index.js";

/** One walk's decisions: which attribute to add next to the set it stands on. */
export interface Walker {
  /**
   * The next attribute to add to `set` (ascending) given the set's extensions (support ≥ k),
   * or -1 to stop there. Must return an attribute among `ext.ids`.
   */
  next(ext: Extensions, set: readonly number[]): number;
}

/** Children in one column from which the set's rows are split once rather than narrowed per child. */
const SPLIT_FROM = 3;

/** A set on the current path, its size, and its rows when computed. */
class PathNode {
  private rows: Uint32Array | undefined;
  /** |rows(set)|, known once the set's extensions are looked up. */
  size = 0;
  constructor(
    private readonly index: SupportIndex,
    readonly set: number[],
    private readonly parent: PathNode | undefined,
    private readonly added: number,
  ) {}

  /**
   * Children per column, when the set has several children: a column with SPLIT_FROM or more has
   * the set's rows split by its values once, so each of them gets its rows without a pass.
   */
  childrenIn: Uint32Array | undefined;
  private split: RowSplit | undefined;

  /** rows(set), computed at most once (from the parent's rows when that is cheapest). */
  readonly rowsOf = (): Uint32Array => {
    if (this.rows === undefined) {
      const parent = this.parent;
      this.rows =
        parent === undefined ? this.index.rows(this.set) : parent.rowsOfChild(this.set, this.added);
    }
    return this.rows;
  };

  /** rows(set ∪ {v}) for a child of this set (the children are visited in ascending order). */
  private rowsOfChild(childSet: readonly number[], v: number): Uint32Array {
    // Not known here yet: a held subset of the child, one narrowing away, may be much cheaper
    // than this set's rows (which would have to be computed from its own parent's).
    if (this.rows === undefined) {
      const held = this.index.cachedSubsetRows(childSet);
      if (held !== undefined)
        return this.index.rowsFrom(held.rows.length, () => held.rows, childSet, held.missing);
    }
    const c = this.index.columnOf(v);
    if (this.childrenIn !== undefined && this.childrenIn[c]! >= SPLIT_FROM) {
      if (this.split?.column !== c) this.split = this.index.split(this.rowsOf(), c);
      if (this.split) return splitRows(this.split, v);
    }
    return this.index.rowsFrom(this.size, this.rowsOf, childSet, v);
  }

  /** What the set's extensions tell: its size, and its rows when the cache holds them. */
  know(ext: Extensions): void {
    this.size = ext.size;
    if (this.rows === undefined && ext.rows !== undefined) this.rows = ext.rows;
  }
}

/** How many walks ended (reported every ENDS_STEP ends, for progress). */
export type OnWalksEnded = (ended: number) => void;
const ENDS_STEP = 1024;
interface Ends {
  count: number;
  onEnded: OnWalksEnded | undefined;
}

/**
 * Runs every walker from the empty set (or `start`) to its end; returns each walker's final
 * set (ascending), a fresh array per walker.
 */
export function walkTogether(
  index: SupportIndex,
  walkers: readonly Walker[],
  start: readonly number[] = [],
  onEnded?: OnWalksEnded,
): number[][] {
  const out: number[][] = new Array(walkers.length);
  const ends: Ends = { count: 0, onEnded };
  const root = new PathNode(
    index,
    [...start].sort((a, b) => a - b),
    undefined,
    -1,
  );
  visit(
    index,
    walkers,
    out,
    root,
    Array.from(walkers, (_, i) => i),
    ends,
  );
  onEnded?.(walkers.length);
  return out;
}

/** Counts one walk ended, reporting every ENDS_STEP. */
function ended(ends: Ends): void {
  if (ends.onEnded !== undefined && ++ends.count % ENDS_STEP === 0) ends.onEnded(ends.count);
}

/** Steps every walker standing on `node`, then visits the children they move to. */
function visit(
  index: SupportIndex,
  walkers: readonly Walker[],
  out: number[][],
  node: PathNode,
  here: number[],
  ends: Ends,
): void {
  // One walker alone follows its path without grouping (most deep sets hold one walk).
  let current = node;
  let ids = here;
  for (;;) {
    const ext = index.extensions(current.set, current.rowsOf);
    current.know(ext);
    if (ids.length === 1) {
      // A lone walk (most deep sets): no grouping to do.
      const w = ids[0]!;
      const v = walkers[w]!.next(ext, current.set);
      if (v < 0) {
        out[w] = current.set.slice();
        ended(ends);
        return;
      }
      current = new PathNode(index, withAttribute(current.set, v), current, v);
      continue;
    }
    const moves = new Map<number, number[]>();
    for (const w of ids) {
      const v = walkers[w]!.next(ext, current.set);
      if (v < 0) {
        out[w] = current.set.slice();
        ended(ends);
        continue;
      }
      const list = moves.get(v);
      if (list) list.push(w);
      else moves.set(v, [w]);
    }
    if (moves.size === 0) return;
    const order = [...moves.keys()].sort((a, b) => a - b);
    if (order.length === 1) {
      const v = order[0]!;
      current = new PathNode(index, withAttribute(current.set, v), current, v);
      ids = moves.get(v)!;
      continue;
    }
    const childrenIn = new Uint32Array(index.columnCount);
    for (const v of order) childrenIn[index.columnOf(v)]!++;
    current.childrenIn = childrenIn;
    for (const v of order) {
      const child = new PathNode(index, withAttribute(current.set, v), current, v);
      visit(index, walkers, out, child, moves.get(v)!, ends);
    }
    return;
  }
}

/** A copy of an ascending set with v inserted. */
function withAttribute(set: readonly number[], v: number): number[] {
  const out = new Array<number>(set.length + 1);
  let i = 0;
  for (; i < set.length && set[i]! < v; i++) out[i] = set[i]!;
  out[i] = v;
  for (; i < set.length; i++) out[i + 1] = set[i]!;
  return out;
}
