/**
 * The one step shared by the record-based synthesizers (docs/design.md §4): grow a set S one
 * attribute at a time, choosing among candidates with probability proportional to the support
 * of the extended set, and only among those whose extension keeps support ≥ k. Support only
 * shrinks as attributes are added, so every subset of the final set describes ≥ k records.
 *
 * `walk` runs one walk; `RuleWalker` is the same rule as a Walker, for walks run together or
 * chained (walk-together.ts), which compute the rows of the sets on their path lazily.
 */
import { pickWeighted, type Rng } from "../../random/rng.js";
import { type Extensions, type SupportIndex, supportOf } from "./support-index.js";
import { type Walker, walkTogether } from "./walk-together.js";

export interface WalkOptions {
  /**
   * The candidates: a record's own attributes (a short list), or, when omitted, every
   * attribute with `allowed[v] > 0` (a pool of owed units).
   */
  candidates?: ArrayLike<number>;
  allowed?: Int32Array;
  /** Refuse a candidate given the set so far (oversampling control); default: accept. */
  accept?: (set: readonly number[], v: number) => boolean;
  /** Attempts to draw an accepted candidate before giving up on this step (default 10). */
  tries?: number;
  /** The set to grow (ascending); default: empty. */
  start?: readonly number[];
  /** Candidate groups (e.g. columns): once a candidate is added, its group's others are not. */
  group?: ArrayLike<number>;
  /**
   * Instead of a list: every attribute v that extends the set with support ≥ k and whose group
   * is open (`openGroups[group[v]] === 1`); adding v closes its group (the array is updated).
   * The same candidates as listing every value of the open groups in ascending order, but the
   * work per step follows the set's extensions, not the groups' numbers of values.
   */
  openGroups?: Uint8Array;
}

/** Grows a set; returns it in ascending order (empty when nothing has support ≥ k). */
export function walk(index: SupportIndex, rng: Rng, options: WalkOptions): number[] {
  return walkTogether(index, [new RuleWalker(rng, options)], options.start ?? [])[0]!;
}

/** The walk's rule, step by step (`start` is the caller's business). */
export class RuleWalker implements Walker {
  private readonly list: number[] | undefined;
  private readonly ids: number[] = [];
  private readonly weights: number[] = [];

  constructor(
    private readonly rng: Rng,
    private readonly options: WalkOptions,
  ) {
    this.list = options.candidates ? Array.from(options.candidates) : undefined;
  }

  next(ext: Extensions, set: readonly number[]): number {
    const { options, list, ids, weights, rng } = this;
    gather(ext, list, options.allowed, ids, weights, options.group, options.openGroups);
    if (ids.length === 0) return -1;
    let v = -1;
    const tries = options.accept ? (options.tries ?? 10) : 1;
    for (let t = 0; t < tries && v < 0; t++) {
      const i = pickWeighted(rng, weights);
      if (i < 0) break;
      if (!options.accept || options.accept(set, ids[i]!)) v = ids[i]!;
      else weights[i] = 0;
    }
    if (v < 0) return -1;
    if (options.openGroups && options.group) options.openGroups[options.group[v]!] = 0;
    if (list) {
      const g = options.group;
      if (g) {
        for (let i = 0; i < list.length; i++)
          if (list[i]! >= 0 && g[list[i]!] === g[v]) list[i] = -1;
      } else list[list.indexOf(v)] = -1;
    }
    return v;
  }
}

/** The candidates that can extend the set, with their supports as weights. */
function gather(
  ext: Extensions,
  list: number[] | undefined,
  allowed: Int32Array | undefined,
  ids: number[],
  weights: number[],
  group?: ArrayLike<number>,
  openGroups?: Uint8Array,
): void {
  ids.length = 0;
  weights.length = 0;
  if (openGroups && group) {
    for (let i = 0; i < ext.ids.length; i++) {
      const v = ext.ids[i]!;
      if (openGroups[group[v]!] !== 1 || (allowed && allowed[v]! <= 0)) continue;
      ids.push(v);
      weights.push(ext.supports[i]!);
    }
    return;
  }
  if (list) {
    for (const v of list) {
      if (v < 0 || (allowed && allowed[v]! <= 0)) continue;
      const s = supportOf(ext, v);
      if (s > 0) {
        ids.push(v);
        weights.push(s);
      }
    }
    return;
  }
  for (let i = 0; i < ext.ids.length; i++) {
    const v = ext.ids[i]!;
    if (allowed && allowed[v]! <= 0) continue;
    ids.push(v);
    weights.push(ext.supports[i]!);
  }
}
