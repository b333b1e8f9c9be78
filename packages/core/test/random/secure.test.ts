import { describe, expect, it } from "vitest";
import { seededRng } from "../../src/internal.js";
import { isSecure, secureRng } from "../../src/random/secure.js";

describe("secureRng", () => {
  it("reads the injected source in blocks and passes its words through", () => {
    let calls = 0;
    let counter = 0;
    const rng = secureRng((words) => {
      calls++;
      for (let i = 0; i < words.length; i++) words[i] = counter++;
    });
    const first = Array.from({ length: 2000 }, () => rng.nextUint32());
    expect(first).toEqual(Array.from({ length: 2000 }, (_, i) => i));
    expect(calls).toBe(2);
    expect(rng.below(10)).toBe(2000 % 10);
  });
  it("is marked secure; seeded generators are not", () => {
    const rng = secureRng((w) => w.fill(7));
    expect(isSecure(rng)).toBe(true);
    expect(isSecure(rng.fork(3))).toBe(true);
    expect(isSecure(seededRng(1))).toBe(false);
  });
  it("gives uniform floats in [0, 1) from Web Crypto", () => {
    const rng = secureRng((w) => crypto.getRandomValues(w));
    for (let i = 0; i < 1000; i++) {
      const x = rng.nextFloat();
      expect(x >= 0 && x < 1).toBe(true);
    }
  });
});
