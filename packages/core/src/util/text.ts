/**
 * UTF-8 through the platform's TextEncoder / TextDecoder (browsers and Node; core's lib does
 * not declare them), and a growable byte buffer for writing large files in chunks.
 */
interface Encoder {
  encode(text: string): Uint8Array;
}
interface Decoder {
  decode(bytes: Uint8Array): string;
}
const platform = globalThis as unknown as {
  TextEncoder: new () => Encoder;
  TextDecoder: new () => Decoder;
};
const encoder = new platform.TextEncoder();

export function encodeUtf8(text: string): Uint8Array {
  return encoder.encode(text);
}

export function decodeUtf8(bytes: Uint8Array): string {
  return new platform.TextDecoder().decode(bytes);
}

/** Appends bytes; `take()` hands out what was written so far and starts again. */
export class ByteSink {
  private buf: Uint8Array;
  pos = 0;
  constructor(capacity = 1 << 16) {
    this.buf = new Uint8Array(capacity);
  }
  private room(n: number): void {
    if (this.pos + n <= this.buf.length) return;
    const next = new Uint8Array(Math.max(this.buf.length * 2, this.pos + n));
    next.set(this.buf.subarray(0, this.pos));
    this.buf = next;
  }
  put(bytes: Uint8Array): void {
    this.room(bytes.length);
    this.buf.set(bytes, this.pos);
    this.pos += bytes.length;
  }
  /** An ASCII byte (comma, newline). */
  byte(b: number): void {
    this.room(1);
    this.buf[this.pos++] = b;
  }
  /** A non-negative integer in decimal. */
  int(n: number): void {
    const s = String(n);
    this.room(s.length);
    for (let i = 0; i < s.length; i++) this.buf[this.pos++] = s.charCodeAt(i);
  }
  take(): Uint8Array {
    const out = this.buf.slice(0, this.pos);
    this.pos = 0;
    return out;
  }
}
