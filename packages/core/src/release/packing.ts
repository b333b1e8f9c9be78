/**
 * Compact byte encodings of the showcase's embedded data (pure; Node and browsers alike):
 * base64 (RFC 4648, with padding), fixed-width bit packing of small codes (least significant
 * bit first), and LEB128 varints for counts. No Buffer, no atob: the same code runs in the CLI
 * that writes a showcase and in the page that reads it.
 */
import { InternalError } from "../errors.js";

const ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
const DECODE = new Int16Array(128).fill(-1);
for (let i = 0; i < ALPHABET.length; i++) DECODE[ALPHABET.charCodeAt(i)] = i;

/** Bytes → base64 text. */
export function encodeBase64(bytes: Uint8Array): string {
  const parts: string[] = [];
  const CHUNK = 3 * 4096;
  for (let start = 0; start < bytes.length; start += CHUNK) {
    const end = Math.min(bytes.length, start + CHUNK);
    let text = "";
    let i = start;
    for (; i + 2 < end; i += 3) {
      const n = (bytes[i]! << 16) | (bytes[i + 1]! << 8) | bytes[i + 2]!;
      text +=
        ALPHABET[n >> 18]! +
        ALPHABET[(n >> 12) & 63]! +
        ALPHABET[(n >> 6) & 63]! +
        ALPHABET[n & 63]!;
    }
    if (i < end) {
      const rest = end - i;
      const n = (bytes[i]! << 16) | (rest === 2 ? bytes[i + 1]! << 8 : 0);
      text += ALPHABET[n >> 18]! + ALPHABET[(n >> 12) & 63]!;
      text += rest === 2 ? `${ALPHABET[(n >> 6) & 63]!}=` : "==";
    }
    parts.push(text);
  }
  return parts.join("");
}

/** base64 text → bytes; throws InternalError on anything but well-formed base64. */
export function decodeBase64(text: string): Uint8Array {
  if (text.length % 4 !== 0) throw new InternalError("Embedded data: bad base64 length");
  const padding = text.endsWith("==") ? 2 : text.endsWith("=") ? 1 : 0;
  const out = new Uint8Array((text.length / 4) * 3 - padding);
  let o = 0;
  for (let i = 0; i < text.length; i += 4) {
    let n = 0;
    for (let j = 0; j < 4; j++) {
      const c = text.charCodeAt(i + j);
      const v = c === 61 && i + 4 === text.length && j >= 4 - padding ? 0 : (DECODE[c] ?? -1);
      if (v < 0) throw new InternalError("Embedded data: bad base64 character");
      n = (n << 6) | v;
    }
    out[o++] = n >> 16;
    if (o < out.length) out[o++] = (n >> 8) & 255;
    if (o < out.length) out[o++] = n & 255;
  }
  return out;
}

/** The fewest bits that hold every code from 0 to `max` (0 when max is 0). */
export function bitsFor(max: number): number {
  let bits = 0;
  while (2 ** bits <= max) bits++;
  return bits;
}

/** Packs codes of `bits` bits each (0–32), least significant bit first, into bytes. */
export function packCodes(codes: ArrayLike<number>, bits: number): Uint8Array {
  checkBits(bits);
  const out = new Uint8Array(Math.ceil((codes.length * bits) / 8));
  if (bits === 0) return out;
  const limit = 2 ** bits;
  // acc < 2^(8 + 32): exact in a double.
  let acc = 0;
  let held = 0;
  let o = 0;
  for (let i = 0; i < codes.length; i++) {
    const code = codes[i]!;
    if (!Number.isInteger(code) || code < 0 || code >= limit) {
      throw new InternalError(`Code ${code} does not fit in ${bits} bits`);
    }
    acc += code * 2 ** held;
    held += bits;
    while (held >= 8) {
      out[o++] = acc % 256;
      acc = Math.floor(acc / 256);
      held -= 8;
    }
  }
  if (held > 0) out[o] = acc;
  return out;
}

/** Unpacks `count` codes of `bits` bits each (inverse of packCodes). */
export function unpackCodes(bytes: Uint8Array, bits: number, count: number): Uint32Array {
  checkBits(bits);
  const out = new Uint32Array(count);
  if (bits === 0) return out;
  if (bytes.length !== Math.ceil((count * bits) / 8)) {
    throw new InternalError("Embedded data: packed codes of the wrong length");
  }
  const limit = 2 ** bits;
  let acc = 0;
  let held = 0;
  let b = 0;
  for (let i = 0; i < count; i++) {
    while (held < bits) {
      acc += bytes[b++]! * 2 ** held;
      held += 8;
    }
    const code = acc % limit;
    out[i] = code;
    acc = (acc - code) / limit;
    held -= bits;
  }
  return out;
}

function checkBits(bits: number): void {
  if (!Number.isInteger(bits) || bits < 0 || bits > 32) {
    throw new InternalError(`Bad code width ${bits}`);
  }
}

/** Whole numbers from 0 to 2^53 − 1 as LEB128 varints (7 bits a byte, low bits first). */
export function encodeVarints(values: ArrayLike<number>): Uint8Array {
  const out: number[] = [];
  for (let i = 0; i < values.length; i++) {
    let v = values[i]!;
    if (!Number.isSafeInteger(v) || v < 0) throw new InternalError(`Cannot encode ${v}`);
    while (v >= 128) {
      out.push((v % 128) + 128);
      v = Math.floor(v / 128);
    }
    out.push(v);
  }
  return Uint8Array.from(out);
}

/** Decodes exactly `count` varints (inverse of encodeVarints). */
export function decodeVarints(bytes: Uint8Array, count: number): Float64Array {
  const out = new Float64Array(count);
  let b = 0;
  for (let i = 0; i < count; i++) {
    let v = 0;
    let scale = 1;
    for (;;) {
      const byte = bytes[b++];
      if (byte === undefined || scale > 2 ** 49) {
        throw new InternalError("Embedded data: truncated or oversized varint");
      }
      v += (byte & 127) * scale;
      if (byte < 128) break;
      scale *= 128;
    }
    out[i] = v;
  }
  if (b !== bytes.length) throw new InternalError("Embedded data: extra bytes after the varints");
  return out;
}
