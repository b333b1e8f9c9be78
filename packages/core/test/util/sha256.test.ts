/**
 * The pure SHA-256 (util/sha256.ts) against the FIPS 180-4 examples and node:crypto, for
 * random inputs fed in random chunks (block boundaries, padding into a second block).
 */
import { createHash } from "node:crypto";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { Sha256, sha256Hex } from "../../src/util/sha256.js";

describe("sha256Hex", () => {
  it("gives the FIPS 180-4 digests", () => {
    expect(sha256Hex("")).toBe("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
    expect(sha256Hex("abc")).toBe(
      "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad",
    );
    expect(sha256Hex("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq")).toBe(
      "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1",
    );
  });

  it("agrees with node:crypto for any bytes in any chunks", () => {
    fc.assert(
      fc.property(
        fc.uint8Array({ maxLength: 300 }),
        fc.array(fc.nat(300), { maxLength: 5 }),
        (bytes, cuts) => {
          const points = [...new Set(cuts.map((c) => Math.min(c, bytes.length)))].sort(
            (a, b) => a - b,
          );
          const hash = new Sha256();
          let from = 0;
          for (const p of [...points, bytes.length]) {
            hash.update(bytes.subarray(from, p));
            from = p;
          }
          expect(hash.hex()).toBe(createHash("sha256").update(bytes).digest("hex"));
        },
      ),
      { numRuns: 300 },
    );
  });

  it("hashes text as UTF-8", () => {
    const text = "ε = 1, δ = 1e-6 — ✓";
    expect(sha256Hex(text)).toBe(createHash("sha256").update(text, "utf8").digest("hex"));
  });
});
