/** Append-only typed arrays that double their capacity: a column of 1M values without boxing. */

type Numeric = Uint32Array | Int32Array | Float64Array;

class Growable<A extends Numeric> {
  data: A;
  length = 0;
  constructor(
    private readonly make: (capacity: number) => A,
    capacity: number,
  ) {
    this.data = make(Math.max(16, capacity));
  }
  push(value: number): void {
    if (this.length === this.data.length) this.grow(this.length * 2);
    this.data[this.length++] = value;
  }
  /** Appends every value of `values`. */
  append(values: ArrayLike<number>): void {
    const need = this.length + values.length;
    if (need > this.data.length) this.grow(Math.max(need, this.data.length * 2));
    this.data.set(values, this.length);
    this.length = need;
  }
  grow(capacity: number): void {
    const next = this.make(capacity);
    next.set(this.data.subarray(0, this.length));
    this.data = next;
  }
  /** A trimmed copy of the contents. */
  toArray(): A {
    return this.data.slice(0, this.length) as A;
  }
}

export class GrowableUint32 extends Growable<Uint32Array> {
  constructor(capacity = 1024) {
    super((n) => new Uint32Array(n), capacity);
  }
}

export class GrowableInt32 extends Growable<Int32Array> {
  constructor(capacity = 1024) {
    super((n) => new Int32Array(n), capacity);
  }
}

export class GrowableFloat64 extends Growable<Float64Array> {
  constructor(capacity = 1024) {
    super((n) => new Float64Array(n), capacity);
  }
}
