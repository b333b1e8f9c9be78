/** UTF-8 encoding through the platform's TextEncoder (browsers and Node; core's lib does not declare it). */
interface Encoder {
  encode(text: string): Uint8Array;
}
const Encoder = (globalThis as unknown as { TextEncoder: new () => Encoder }).TextEncoder;
const encoder = new Encoder();

export function encodeUtf8(text: string): Uint8Array {
  return encoder.encode(text);
}
