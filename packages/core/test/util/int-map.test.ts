import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { IntMap } from "../../src/util/int-map.js";

describe("IntMap", () => {
  it("answers as a Map does, through growth, for keys up to 2^53", () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.tuple(fc.oneof(fc.nat({ max: 300 }), fc.maxSafeNat()), fc.nat({ max: 0x7fffffff })),
          { maxLength: 300 },
        ),
        fc.array(fc.oneof(fc.nat({ max: 300 }), fc.maxSafeNat()), { maxLength: 50 }),
        (entries, probes) => {
          const map = new IntMap(1);
          const reference = new Map<number, number>();
          for (const [k, v] of entries) {
            map.set(k, v);
            reference.set(k, v);
          }
          expect(map.size).toBe(reference.size);
          for (const [k] of entries) expect(map.get(k)).toBe(reference.get(k));
          for (const k of probes) expect(map.get(k)).toBe(reference.get(k) ?? -1);
        },
      ),
    );
  });

  it("refuses keys and values it cannot hold", () => {
    const map = new IntMap();
    expect(() => map.set(-1, 0)).toThrow(RangeError);
    expect(() => map.set(1.5, 0)).toThrow(RangeError);
    expect(() => map.set(2 ** 53, 0)).toThrow(RangeError);
    expect(() => map.set(1, -1)).toThrow(RangeError);
  });
});
