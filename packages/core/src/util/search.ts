/** Binary search in an ascending list of numbers. */

/** Index of `x` in list[lo … hi-1] (ascending), or -1. */
export function indexInSorted(
  list: ArrayLike<number>,
  x: number,
  lo = 0,
  hi = list.length,
): number {
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    const v = list[mid]!;
    if (v === x) return mid;
    if (v < x) lo = mid + 1;
    else hi = mid;
  }
  return -1;
}

/** The first index i in list[lo … hi-1] (ascending) with list[i] ≥ x, or hi. */
export function firstAtLeast(list: ArrayLike<number>, x: number, lo = 0, hi = list.length): number {
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (list[mid]! < x) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** Inserts v into an ascending list (in place). */
export function insertSorted(set: number[], v: number): void {
  let i = set.length;
  set.push(v);
  while (i > 0 && set[i - 1]! > v) {
    set[i] = set[i - 1]!;
    i--;
  }
  set[i] = v;
}
