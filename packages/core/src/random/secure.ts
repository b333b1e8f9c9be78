/**
 * A cryptographically secure `Rng` over a host's secure source (e.g. Web Crypto's
 * `crypto.getRandomValues`, in browsers and Node alike). Core never reaches for a global: the
 * host injects the fill function. Words are read in blocks; `fork` is refused, because secure
 * streams are never meant to be reproduced.
 */
import { belowFrom, floatFrom, type Rng } from "./rng.js";

export type FillRandom = (words: Uint32Array<ArrayBuffer>) => void;

const BLOCK = 1024;

class SecureRng implements Rng {
  private readonly buffer = new Uint32Array(BLOCK);
  private next = BLOCK;
  constructor(private readonly fill: FillRandom) {}
  nextUint32(): number {
    if (this.next === BLOCK) {
      this.fill(this.buffer);
      this.next = 0;
    }
    return this.buffer[this.next++]!;
  }
  nextFloat(): number {
    return floatFrom(this);
  }
  below(n: number): number {
    return belowFrom(this, n);
  }
  fork(): Rng {
    // Independent secure streams need no derivation: the source itself is fresh every time.
    return this;
  }
}

/** A secure generator reading the host's secure source. */
export function secureRng(fill: FillRandom): Rng & { readonly secure: true } {
  return Object.assign(new SecureRng(fill), { secure: true as const });
}

/** Whether a generator came from `secureRng` (DP releases refuse any other). */
export function isSecure(rng: Rng): boolean {
  return (rng as { secure?: unknown }).secure === true;
}
