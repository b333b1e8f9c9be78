/**
 * A map from non-negative safe integers to non-negative 32-bit integers, in one open-addressing
 * table (linear probing): what a Map<number, number> does for the support index's trie edges,
 * without per-entry objects. Entries are only added, never removed.
 */
export class IntMap {
  private keys: Float64Array;
  private values: Int32Array;
  private mask: number;
  private used = 0;

  constructor(capacity = 1024) {
    let size = 16;
    while (size < capacity * 2) size *= 2;
    this.keys = new Float64Array(size).fill(-1);
    this.values = new Int32Array(size);
    this.mask = size - 1;
  }

  /** Number of keys held. */
  get size(): number {
    return this.used;
  }

  /** The key's value, or -1 when the key is absent. */
  get(key: number): number {
    const { keys, mask } = this;
    for (let s = slotOf(key, mask); ; s = (s + 1) & mask) {
      const at = keys[s]!;
      if (at === key) return this.values[s]!;
      if (at < 0) return -1;
    }
  }

  /** Sets the key's value (a key already held gets the new value). */
  set(key: number, value: number): void {
    if (!(Number.isSafeInteger(key) && key >= 0))
      throw new RangeError(`IntMap: key ${key} is not a non-negative safe integer`);
    if (!(Number.isInteger(value) && value >= 0 && value <= 0x7fffffff))
      throw new RangeError(`IntMap: value ${value} is not a non-negative 32-bit integer`);
    const { keys, mask } = this;
    let s = slotOf(key, mask);
    while (keys[s]! >= 0 && keys[s] !== key) s = (s + 1) & mask;
    if (keys[s]! < 0) {
      keys[s] = key;
      this.used++;
    }
    this.values[s] = value;
    if (this.used * 2 > keys.length) this.grow();
  }

  private grow(): void {
    const oldKeys = this.keys;
    const oldValues = this.values;
    this.keys = new Float64Array(oldKeys.length * 2).fill(-1);
    this.values = new Int32Array(oldKeys.length * 2);
    this.mask = this.keys.length - 1;
    this.used = 0;
    for (let s = 0; s < oldKeys.length; s++)
      if (oldKeys[s]! >= 0) this.set(oldKeys[s]!, oldValues[s]!);
  }
}

/** The slot of a key: its low and high 32 bits mixed (murmur3's finaliser). */
function slotOf(key: number, mask: number): number {
  let h = (key >>> 0) ^ Math.imul((key / 4294967296) >>> 0, 0x9e3779b1);
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h & mask;
}
