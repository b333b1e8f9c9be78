/**
 * Injected randomness (STYLE: never Math.random). `Rng` is the interface every randomised
 * algorithm takes; `seededRng` is xoshiro128** seeded through splitmix32 — fast, reproducible
 * across platforms — for reproducible releases and tests. Hosts pass a cryptographically
 * secure seed when the user gives none (and DP noise will take a secure source, not this).
 */

export interface Rng {
  /** A uniform 32-bit unsigned integer. */
  nextUint32(): number;
  /** A uniform float in [0, 1) with 53 random bits. */
  nextFloat(): number;
  /** A uniform integer in [0, n) without modulo bias (n ≤ 2^32). */
  below(n: number): number;
  /** An independent generator for stream `index` (same seed + index ⇒ same stream). */
  fork(index: number): Rng;
}

function splitmix32(state: number): () => number {
  let s = state >>> 0;
  return () => {
    s = (s + 0x9e3779b9) >>> 0;
    let z = s;
    z = Math.imul(z ^ (z >>> 16), 0x85ebca6b) >>> 0;
    z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35) >>> 0;
    return (z ^ (z >>> 16)) >>> 0;
  };
}

/** Hashes a seed string (e.g. a decimal or hex seed) to 4 words with FNV-1a then splitmix32. */
function seedWords(seed: string, index: number): [number, number, number, number] {
  let h = 0x811c9dc5;
  for (let i = 0; i < seed.length; i++) {
    h ^= seed.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  const mix = splitmix32((h ^ Math.imul(index + 1, 0x27d4eb2d)) >>> 0);
  const words: [number, number, number, number] = [mix(), mix(), mix(), mix()];
  if ((words[0] | words[1] | words[2] | words[3]) === 0) words[0] = 1;
  return words;
}

class Xoshiro128 implements Rng {
  private a: number;
  private b: number;
  private c: number;
  private d: number;
  constructor(
    private readonly seed: string,
    words: [number, number, number, number],
  ) {
    [this.a, this.b, this.c, this.d] = words;
  }
  nextUint32(): number {
    const result = Math.imul(rotl(Math.imul(this.b, 5) >>> 0, 7), 9) >>> 0;
    const t = (this.b << 9) >>> 0;
    this.c ^= this.a;
    this.d ^= this.b;
    this.b ^= this.c;
    this.a ^= this.d;
    this.c ^= t;
    this.d = rotl(this.d, 11);
    this.a >>>= 0;
    this.b >>>= 0;
    this.c >>>= 0;
    this.d >>>= 0;
    return result;
  }
  nextFloat(): number {
    return floatFrom(this);
  }
  below(n: number): number {
    return belowFrom(this, n);
  }
  fork(index: number): Rng {
    return new Xoshiro128(`${this.seed}/${index}`, seedWords(this.seed, index));
  }
}

/** A uniform float in [0, 1) with 53 random bits from two 32-bit words. */
export function floatFrom(rng: Pick<Rng, "nextUint32">): number {
  const hi = rng.nextUint32() >>> 5; // 27 bits
  const lo = rng.nextUint32() >>> 6; // 26 bits
  return (hi * 67108864 + lo) / 9007199254740992;
}

/** A uniform integer in [0, n), n ≤ 2^32: Lemire's rejection on 32-bit words, exact for every n. */
export function belowFrom(rng: Pick<Rng, "nextUint32">, n: number): number {
  if (!(n >= 1 && n <= 2 ** 32)) throw new RangeError(`below(${n})`);
  const limit = 2 ** 32 - (2 ** 32 % n);
  for (;;) {
    const x = rng.nextUint32();
    if (x < limit) return x % n;
  }
}

function rotl(x: number, k: number): number {
  return ((x << k) | (x >>> (32 - k))) >>> 0;
}

/** A reproducible generator: the same seed gives the same sequence on every platform. */
export function seededRng(seed: string | number): Rng {
  const s = String(seed);
  return new Xoshiro128(s, seedWords(s, -1));
}

/** Picks an index with probability proportional to weights[i] (non-negative); -1 if all are 0. */
export function pickWeighted(rng: Rng, weights: ArrayLike<number>, count = weights.length): number {
  let total = 0;
  for (let i = 0; i < count; i++) total += weights[i]!;
  if (total <= 0) return -1;
  let x = rng.nextFloat() * total;
  for (let i = 0; i < count; i++) {
    x -= weights[i]!;
    if (x < 0) return i;
  }
  for (let i = count - 1; i >= 0; i--) if (weights[i]! > 0) return i;
  return -1;
}

/**
 * Partial Fisher–Yates: puts a uniformly random choice of `count` elements, in random order,
 * at the front of `list` (in place); returns `list`.
 */
export function shuffleFirst<T>(rng: Rng, list: T[], count: number): T[] {
  for (let i = 0; i < count; i++) {
    const j = i + rng.below(list.length - i);
    [list[i], list[j]] = [list[j]!, list[i]!];
  }
  return list;
}
