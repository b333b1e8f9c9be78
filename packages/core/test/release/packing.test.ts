/**
 * The byte encodings of the showcase's data: base64 agrees with Node's Buffer, bit packing and
 * varints round-trip for random inputs, and malformed input is refused, not misread.
 */
import { InternalError } from "@commonground/core/internal";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  bitsFor,
  decodeBase64,
  decodeVarints,
  encodeBase64,
  encodeVarints,
  packCodes,
  unpackCodes,
} from "../../src/release/packing.js";

describe("base64", () => {
  it("agrees with Buffer both ways, at every length", () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 3 * 4096 + 7 }), (bytes) => {
        const text = encodeBase64(bytes);
        expect(text).toBe(Buffer.from(bytes).toString("base64"));
        expect(decodeBase64(text)).toEqual(bytes);
      }),
    );
  });

  it("encodes the empty array as the empty string", () => {
    expect(encodeBase64(new Uint8Array(0))).toBe("");
    expect(decodeBase64("")).toEqual(new Uint8Array(0));
  });

  it("refuses bad lengths, characters and misplaced padding", () => {
    for (const bad of ["abc", "ab!c", "a=bc", "====", "ab=c"]) {
      expect(() => decodeBase64(bad), bad).toThrow(InternalError);
    }
  });
});

describe("bit packing", () => {
  it("bitsFor gives the fewest bits that hold 0 … max", () => {
    expect([0, 1, 2, 3, 4, 255, 256].map((max) => bitsFor(max))).toEqual([0, 1, 2, 2, 3, 8, 9]);
  });

  it("round-trips codes of every width from 0 to 32 bits", () => {
    fc.assert(
      fc.property(
        fc
          .integer({ min: 0, max: 32 })
          .chain((bits) =>
            fc.tuple(
              fc.constant(bits),
              fc.array(fc.integer({ min: 0, max: 2 ** bits - 1 }), { maxLength: 200 }),
            ),
          ),
        ([bits, codes]) => {
          const packed = packCodes(codes, bits);
          expect(packed.length).toBe(Math.ceil((codes.length * bits) / 8));
          expect([...unpackCodes(packed, bits, codes.length)]).toEqual(codes);
        },
      ),
    );
  });

  it("refuses a code too wide for its bits, and packed bytes of the wrong length", () => {
    expect(() => packCodes([4], 2)).toThrow(InternalError);
    expect(() => unpackCodes(new Uint8Array(2), 4, 1)).toThrow(InternalError);
  });
});

describe("varints", () => {
  it("round-trip whole numbers up to 2^53 − 1", () => {
    fc.assert(
      fc.property(fc.array(fc.maxSafeNat(), { maxLength: 100 }), (values) => {
        const bytes = encodeVarints(values);
        expect([...decodeVarints(bytes, values.length)]).toEqual(values);
      }),
    );
  });

  it("take one byte below 128", () => {
    expect(encodeVarints([0, 127, 128])).toEqual(Uint8Array.from([0, 127, 128, 1]));
  });

  it("refuse truncated input, extra bytes and negative numbers", () => {
    expect(() => decodeVarints(Uint8Array.from([128]), 1)).toThrow(InternalError);
    expect(() => decodeVarints(Uint8Array.from([1, 2]), 1)).toThrow(InternalError);
    expect(() => encodeVarints([-1])).toThrow(InternalError);
  });
});
