/**
 * A minimal zip writer for the Export step: files stored uncompressed (method 0, STORE), so the
 * same files and date always give the same bytes. CRC-32 per file, UTF-8 names (general purpose
 * flag bit 11), one local header per file, then the central directory and the end record
 * (PKWARE APPNOTE 6.3.10, §4.3). No zip64: more than 65,535 files or 4 GiB in all are refused,
 * as are names that could escape the folder they are unpacked into. Pure: runs in pages and
 * workers alike, no dependency.
 */

export interface ZipEntry {
  /** Path inside the archive, "/"-separated, relative (e.g. "release/aggregates.csv"). */
  name: string;
  bytes: Uint8Array;
}

export interface ZipOptions {
  files: readonly ZipEntry[];
  /** Modification time of every file, read in UTC (default 1980-01-01 00:00, the format's first). */
  date?: Date;
}

/** Why an archive cannot be written. A bad name is a bug of the caller; a size may not be. */
export class ZipError extends Error {
  override readonly name = "ZipError";
  constructor(
    readonly code: "bad-name" | "duplicate-name" | "too-large" | "too-many-files",
    message: string,
  ) {
    super(message);
  }
}

const LOCAL_HEADER = 30;
const CENTRAL_HEADER = 46;
const END_RECORD = 22;
const MAX_UINT32 = 0xffff_ffff;
const MAX_UINT16 = 0xffff;
/** Version 2.0: what a stored file with a UTF-8 name needs to be read. */
const VERSION = 20;
/** "Made by" Unix (3), so that external attributes carry the file mode. */
const MADE_BY = (3 << 8) | VERSION;
const UTF8_FLAG = 0x0800;
/** A regular file, rw-r--r--, in the high half of the external attributes. */
const FILE_ATTRIBUTES = (0o100644 << 16) >>> 0;

/** The archive of the files, in the order given. Throws ZipError. */
export function zipFiles(options: ZipOptions): Uint8Array {
  return assemble(options);
}

/** The archive, with the files' CRC-32s when already known. */
function assemble(options: ZipOptions, known?: readonly number[]): Uint8Array {
  if (options.files.length > MAX_UINT16) {
    throw new ZipError(
      "too-many-files",
      `${options.files.length} files are more than a zip without zip64 can hold (65,535).`,
    );
  }
  const encoder = new TextEncoder();
  const seen = new Set<string>();
  const names = options.files.map((f) => {
    checkName(f.name);
    if (seen.has(f.name)) throw new ZipError("duplicate-name", `"${f.name}" is in the list twice.`);
    seen.add(f.name);
    const encoded = encoder.encode(f.name);
    if (encoded.length > MAX_UINT16) throw new ZipError("bad-name", "A file name is too long.");
    return encoded;
  });
  let localSize = 0;
  let centralSize = 0;
  options.files.forEach((f, i) => {
    const nameLength = names[i]!.length;
    localSize += LOCAL_HEADER + nameLength + f.bytes.length;
    centralSize += CENTRAL_HEADER + nameLength;
  });
  // Every offset and size must fit the 32-bit fields; the end record is the last thing written.
  const total = localSize + centralSize + END_RECORD;
  if (total > MAX_UINT32 || options.files.some((f) => f.bytes.length > MAX_UINT32)) {
    throw new ZipError(
      "too-large",
      `The files take ${total} bytes in all: more than a zip without zip64 can hold (4 GiB).`,
    );
  }

  const { time, date } = dosDateTime(options.date ?? new Date(Date.UTC(1980, 0, 1)));
  const out = new Uint8Array(total);
  const view = new DataView(out.buffer);
  const offsets: number[] = [];
  const crcs: number[] = [];
  let at = 0;
  options.files.forEach((f, i) => {
    const name = names[i]!;
    const crc = known?.[i] ?? crc32(f.bytes);
    offsets.push(at);
    crcs.push(crc);
    view.setUint32(at, 0x04034b50, true);
    view.setUint16(at + 4, VERSION, true);
    view.setUint16(at + 6, UTF8_FLAG, true);
    view.setUint16(at + 8, 0, true); // method: stored
    view.setUint16(at + 10, time, true);
    view.setUint16(at + 12, date, true);
    view.setUint32(at + 14, crc, true);
    view.setUint32(at + 18, f.bytes.length, true); // compressed size
    view.setUint32(at + 22, f.bytes.length, true); // uncompressed size
    view.setUint16(at + 26, name.length, true);
    view.setUint16(at + 28, 0, true); // extra field length
    out.set(name, at + LOCAL_HEADER);
    out.set(f.bytes, at + LOCAL_HEADER + name.length);
    at += LOCAL_HEADER + name.length + f.bytes.length;
  });
  const centralStart = at;
  options.files.forEach((f, i) => {
    const name = names[i]!;
    view.setUint32(at, 0x02014b50, true);
    view.setUint16(at + 4, MADE_BY, true);
    view.setUint16(at + 6, VERSION, true);
    view.setUint16(at + 8, UTF8_FLAG, true);
    view.setUint16(at + 10, 0, true);
    view.setUint16(at + 12, time, true);
    view.setUint16(at + 14, date, true);
    view.setUint32(at + 16, crcs[i]!, true);
    view.setUint32(at + 20, f.bytes.length, true);
    view.setUint32(at + 24, f.bytes.length, true);
    view.setUint16(at + 28, name.length, true);
    // Extra field, comment, disk number, internal attributes: all 0 (bytes 30–37).
    view.setUint32(at + 38, FILE_ATTRIBUTES, true);
    view.setUint32(at + 42, offsets[i]!, true);
    out.set(name, at + CENTRAL_HEADER);
    at += CENTRAL_HEADER + name.length;
  });
  view.setUint32(at, 0x06054b50, true);
  // Disk numbers (bytes 4–7): 0.
  view.setUint16(at + 8, options.files.length, true);
  view.setUint16(at + 10, options.files.length, true);
  view.setUint32(at + 12, at - centralStart, true);
  view.setUint32(at + 16, centralStart, true);
  // Comment length (bytes 20–21): 0.
  return out;
}

/**
 * Refuses names that are empty, absolute ("/x", "C:x"), hold a backslash, NUL, a lone surrogate
 * (not UTF-8) or an empty, "." or ".." segment, or end in "/" (a folder): unpacking must stay
 * inside its folder, and the name read back must be the name given.
 */
function checkName(name: string): void {
  const bad = (why: string) => new ZipError("bad-name", `Cannot store "${name}" in a zip: ${why}.`);
  if (name === "") throw bad("the name is empty");
  if (name.startsWith("/") || /^[A-Za-z]:/.test(name)) throw bad("the path is absolute");
  if (name.includes("\\")) throw bad("it holds a backslash");
  if (name.includes("\0")) throw bad("it holds a NUL character");
  if (/[\uD800-\uDFFF]/u.test(name)) throw bad("it is not valid Unicode (a lone surrogate)");
  for (const segment of name.split("/")) {
    if (segment === "..") throw bad('it holds a ".." segment');
    if (segment === "" || segment === ".") throw bad('it holds an empty or "." segment');
  }
}

/** MS-DOS date and time (2-second resolution) of a date's UTC fields, clamped to 1980–2107. */
function dosDateTime(d: Date): { time: number; date: number } {
  if (Number.isNaN(d.getTime())) throw new RangeError("zipFiles: the date is invalid.");
  if (d.getUTCFullYear() < 1980) return { time: 0, date: (1 << 5) | 1 };
  if (d.getUTCFullYear() > 2107)
    return { time: (23 << 11) | (59 << 5) | 29, date: dosDate(2107, 12, 31) };
  return {
    time: (d.getUTCHours() << 11) | (d.getUTCMinutes() << 5) | (d.getUTCSeconds() >> 1),
    date: dosDate(d.getUTCFullYear(), d.getUTCMonth() + 1, d.getUTCDate()),
  };
}

const dosDate = (year: number, month: number, day: number): number =>
  ((year - 1980) << 9) | (month << 5) | day;

let crcTables: Uint32Array[] | undefined;

/**
 * CRC-32 (IEEE 802.3, reflected polynomial 0xEDB88320), as zip stores it. Eight bytes per
 * step ("slicing by 8": table t gives the CRC of a byte followed by t zero bytes), so zipping a
 * 1M-row release (about 100 MB) stays a short task on the page's main thread.
 */
export function crc32(bytes: Uint8Array): number {
  return (crcUpdate(0xffff_ffff, bytes) ^ 0xffff_ffff) >>> 0;
}

/** The CRC register after `bytes`, from `register` (start: 0xFFFFFFFF; at the end, xor it). */
function crcUpdate(register: number, bytes: Uint8Array): number {
  if (crcTables === undefined) crcTables = crcSlices();
  const [t0, t1, t2, t3, t4, t5, t6, t7] = crcTables as [
    Uint32Array,
    Uint32Array,
    Uint32Array,
    Uint32Array,
    Uint32Array,
    Uint32Array,
    Uint32Array,
    Uint32Array,
  ];
  let crc = register;
  let i = 0;
  const end8 = bytes.length - (bytes.length % 8);
  for (; i < end8; i += 8) {
    const lo =
      (crc ^ (bytes[i]! | (bytes[i + 1]! << 8) | (bytes[i + 2]! << 16) | (bytes[i + 3]! << 24))) >>>
      0;
    crc =
      t7[lo & 0xff]! ^
      t6[(lo >>> 8) & 0xff]! ^
      t5[(lo >>> 16) & 0xff]! ^
      t4[lo >>> 24]! ^
      t3[bytes[i + 4]!]! ^
      t2[bytes[i + 5]!]! ^
      t1[bytes[i + 6]!]! ^
      t0[bytes[i + 7]!]!;
  }
  for (; i < bytes.length; i++) crc = t0[(crc ^ bytes[i]!) & 0xff]! ^ (crc >>> 8);
  return crc >>> 0;
}

/** Bytes checksummed between two pauses of zipFilesInSteps. */
const STEP_BYTES = 8 << 20;

/**
 * zipFiles without a long task on the page: the checksums are computed STEP_BYTES at a time,
 * with a pause (a macrotask: input and drawing go on) between steps; then the archive is
 * assembled (copies only).
 */
export async function zipFilesInSteps(
  options: ZipOptions,
  pause: () => Promise<void> = () => new Promise((go) => setTimeout(go, 0)),
): Promise<Uint8Array> {
  const crcs: number[] = [];
  for (const f of options.files) {
    let register = 0xffff_ffff;
    for (let at = 0; at < f.bytes.length; at += STEP_BYTES) {
      register = crcUpdate(register, f.bytes.subarray(at, at + STEP_BYTES));
      await pause();
    }
    crcs.push((register ^ 0xffff_ffff) >>> 0);
  }
  return assemble(options, crcs);
}

function crcSlices(): Uint32Array[] {
  const tables = Array.from({ length: 8 }, () => new Uint32Array(256));
  const t0 = tables[0]!;
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    t0[n] = c >>> 0;
  }
  for (let n = 0; n < 256; n++) {
    let c = t0[n]!;
    for (let s = 1; s < 8; s++) {
      c = t0[c & 0xff]! ^ (c >>> 8);
      tables[s]![n] = c >>> 0;
    }
  }
  return tables;
}
