/**
 * UTF-8 through the platform's TextEncoder / TextDecoder (browsers and Node; core's lib does
 * not declare them), a growable byte buffer for writing large files in chunks, and text from
 * the data made safe to show on a terminal.
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

/**
 * The length of the text in UTF-8 bytes, counted without encoding it (a lone surrogate counts
 * 3 bytes, as TextEncoder writes U+FFFD for it).
 */
export function utf8Length(text: string): number {
  let bytes = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c < 0x80) bytes += 1;
    else if (c < 0x800) bytes += 2;
    else if (c >= 0xd800 && c <= 0xdbff && i + 1 < text.length) {
      const d = text.charCodeAt(i + 1);
      if (d >= 0xdc00 && d <= 0xdfff) {
        bytes += 4;
        i++;
      } else bytes += 3;
    } else bytes += 3;
  }
  return bytes;
}

export function decodeUtf8(bytes: Uint8Array): string {
  return new platform.TextDecoder().decode(bytes);
}

/**
 * Text from the data (column names, values, file names) made safe to print on a terminal:
 * control characters are shown escaped instead of acting on the terminal (an ANSI escape
 * sequence can recolour the screen, move the cursor or retitle the window). C0 controls, DEL
 * and the C1 controls print as `\xNN` (ESC as `\x1b`, a line break as `\x0a`); the invisible
 * characters that break lines or reorder text (U+2028, U+2029, the bidirectional embeddings,
 * overrides and isolates U+202A–U+202E, U+2066–U+2069) as `\u{202e}`. Everything else is kept,
 * letters of any script and emoji included. A backslash is kept as it is (Windows paths).
 */
export function showControl(text: string): string {
  let out = "";
  let from = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (!isControl(c)) continue;
    const hex = c.toString(16);
    out += `${text.slice(from, i)}${c <= 0xff ? `\\x${hex.padStart(2, "0")}` : `\\u{${hex}}`}`;
    from = i + 1;
  }
  return from === 0 ? text : out + text.slice(from);
}

function isControl(c: number): boolean {
  return (
    c < 0x20 ||
    (c >= 0x7f && c <= 0x9f) ||
    c === 0x2028 ||
    c === 0x2029 ||
    (c >= 0x202a && c <= 0x202e) ||
    (c >= 0x2066 && c <= 0x2069)
  );
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
