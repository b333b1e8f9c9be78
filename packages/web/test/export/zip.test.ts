/**
 * The zip writer: random file lists round-trip through a small reader written here (its own
 * bit-by-bit CRC-32, every header field checked against the central directory), Python's
 * zipfile module agrees on names, contents, flags and dates, and bad names or sizes are refused.
 */
import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import fc from "fast-check";
import { afterAll, describe, expect, it } from "vitest";
import { crc32, ZipError, zipFiles, zipFilesInSteps } from "../../src/export/zip.js";

// ---------------------------------------------------------------------------------------------
// An independent reader

interface ReadEntry {
  name: string;
  bytes: Uint8Array;
  /** [year, month, day, hour, minute, second] from the DOS fields. */
  dateTime: number[];
}

/** CRC-32 bit by bit (no table), to check the writer's. */
function slowCrc(bytes: Uint8Array): number {
  let crc = ~0;
  for (const b of bytes) {
    crc ^= b;
    for (let k = 0; k < 8; k++) crc = (crc >>> 1) ^ (0xedb88320 & -(crc & 1));
  }
  return ~crc >>> 0;
}

function readZip(zip: Uint8Array): ReadEntry[] {
  const v = new DataView(zip.buffer, zip.byteOffset, zip.byteLength);
  const end = zip.length - 22;
  expect(v.getUint32(end, true)).toBe(0x06054b50);
  expect(v.getUint16(end + 20, true)).toBe(0); // no comment
  const count = v.getUint16(end + 10, true);
  expect(v.getUint16(end + 8, true)).toBe(count);
  const cdSize = v.getUint32(end + 12, true);
  const cdStart = v.getUint32(end + 16, true);
  expect(cdStart + cdSize).toBe(end);
  const decoder = new TextDecoder("utf-8", { fatal: true });
  const entries: ReadEntry[] = [];
  let at = cdStart;
  let expectedLocal = 0;
  for (let i = 0; i < count; i++) {
    expect(v.getUint32(at, true)).toBe(0x02014b50);
    const flags = v.getUint16(at + 8, true);
    expect(flags).toBe(0x0800);
    expect(v.getUint16(at + 10, true)).toBe(0); // stored
    const time = v.getUint16(at + 12, true);
    const date = v.getUint16(at + 14, true);
    const crc = v.getUint32(at + 16, true);
    const size = v.getUint32(at + 20, true);
    expect(v.getUint32(at + 24, true)).toBe(size);
    const nameLength = v.getUint16(at + 28, true);
    expect(v.getUint16(at + 30, true)).toBe(0);
    expect(v.getUint16(at + 32, true)).toBe(0);
    const local = v.getUint32(at + 42, true);
    expect(local).toBe(expectedLocal); // files packed in order, nothing between them
    const nameBytes = zip.subarray(at + 46, at + 46 + nameLength);

    expect(v.getUint32(local, true)).toBe(0x04034b50);
    expect(v.getUint16(local + 6, true)).toBe(flags);
    expect(v.getUint16(local + 8, true)).toBe(0);
    expect(v.getUint16(local + 10, true)).toBe(time);
    expect(v.getUint16(local + 12, true)).toBe(date);
    expect(v.getUint32(local + 14, true)).toBe(crc);
    expect(v.getUint32(local + 18, true)).toBe(size);
    expect(v.getUint32(local + 22, true)).toBe(size);
    expect(v.getUint16(local + 26, true)).toBe(nameLength);
    expect(v.getUint16(local + 28, true)).toBe(0);
    expect(zip.subarray(local + 30, local + 30 + nameLength)).toEqual(nameBytes);
    const dataStart = local + 30 + nameLength;
    const bytes = zip.slice(dataStart, dataStart + size);
    expect(slowCrc(bytes)).toBe(crc);
    expectedLocal = dataStart + size;

    entries.push({
      name: decoder.decode(nameBytes),
      bytes,
      dateTime: [
        (date >> 9) + 1980,
        (date >> 5) & 15,
        date & 31,
        time >> 11,
        (time >> 5) & 63,
        (time & 31) * 2,
      ],
    });
    at += 46 + nameLength;
  }
  expect(at).toBe(end);
  expect(expectedLocal).toBe(cdStart);
  return entries;
}

// ---------------------------------------------------------------------------------------------
// Random archives

const segment = fc
  .string({ unit: "grapheme", minLength: 1, maxLength: 8 })
  .filter((s) => s !== "." && s !== ".." && !/[/\\\0]/.test(s) && !/^[A-Za-z]:/.test(s));
const name = fc.array(segment, { minLength: 1, maxLength: 3 }).map((s) => s.join("/"));
const files = fc.uniqueArray(fc.record({ name, bytes: fc.uint8Array({ maxLength: 600 }) }), {
  selector: (f) => f.name,
  maxLength: 8,
});
const date = fc.date({
  min: new Date("1980-01-01T00:00:00Z"),
  max: new Date("2107-12-31T23:59:59Z"),
  noInvalidDate: true,
});

const utcFields = (d: Date) => [
  d.getUTCFullYear(),
  d.getUTCMonth() + 1,
  d.getUTCDate(),
  d.getUTCHours(),
  d.getUTCMinutes(),
  d.getUTCSeconds() - (d.getUTCSeconds() % 2),
];

describe("zipFiles", () => {
  it("round-trips names, contents and the date through an independent reader", () => {
    fc.assert(
      fc.property(files, date, (fs, d) => {
        const read = readZip(zipFiles({ files: fs, date: d }));
        expect(read.map((e) => e.name)).toEqual(fs.map((f) => f.name));
        read.forEach((e, i) => {
          expect(e.bytes).toEqual(fs[i]!.bytes);
          expect(e.dateTime).toEqual(utcFields(d));
        });
      }),
      { numRuns: 200 },
    );
  });

  it("is deterministic: the same files give the same bytes, dated 1980-01-01 by default", () => {
    fc.assert(
      fc.property(files, (fs) => {
        const a = zipFiles({ files: fs });
        expect(zipFiles({ files: fs.map((f) => ({ ...f, bytes: f.bytes.slice() })) })).toEqual(a);
        for (const e of readZip(a)) expect(e.dateTime).toEqual([1980, 1, 1, 0, 0, 0]);
      }),
      { numRuns: 50 },
    );
  });

  it("writes an empty archive as the end record alone", () => {
    const zip = zipFiles({ files: [] });
    expect(zip.length).toBe(22);
    expect(readZip(zip)).toEqual([]);
  });

  it("computes the standard CRC-32", () => {
    expect(crc32(new TextEncoder().encode("123456789"))).toBe(0xcbf43926);
    expect(crc32(new Uint8Array())).toBe(0);
  });

  it("zipFilesInSteps makes the same archive as zipFiles, pausing between steps", async () => {
    const big = new Uint8Array((8 << 20) * 2 + 5);
    for (let i = 0; i < big.length; i++) big[i] = (i * 31) & 0xff;
    const files = [
      { name: "release/synthetic.csv", bytes: big },
      { name: "release/manifest.json", bytes: new TextEncoder().encode("{}") },
    ];
    let pauses = 0;
    const zip = await zipFilesInSteps({ files }, async () => {
      pauses++;
    });
    // Byte for byte (a deep equality of 16 MB would enumerate every index).
    expect(Buffer.from(zip).equals(Buffer.from(zipFiles({ files })))).toBe(true);
    expect(pauses).toBe(3 + 1);
    await expect(
      zipFilesInSteps({ files: [files[1]!, files[1]!] }, async () => {}),
    ).rejects.toBeInstanceOf(ZipError);
  });

  it("computes CRC-32 eight bytes at a time exactly as bit by bit, for any length", () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 200 }), (bytes) => {
        expect(crc32(bytes)).toBe(slowCrc(bytes));
      }),
    );
  });

  it.each([
    ["../evil.csv"],
    ["release/../../evil.csv"],
    ["a/.."],
    ["/etc/passwd"],
    ["C:/Windows/evil"],
    ["c:evil"],
    ["dir\\evil.csv"],
    [""],
    ["a//b"],
    ["./a"],
    ["folder/"],
    ["nul\0.csv"],
    ["lone\ud800surrogate"],
  ])("refuses the name %j", (bad) => {
    const run = () => zipFiles({ files: [{ name: bad, bytes: new Uint8Array([1]) }] });
    expect(run).toThrow(ZipError);
    expect(run).toThrow(/Cannot store/);
  });

  it("refuses a name given twice", () => {
    const f = { name: "a.csv", bytes: new Uint8Array() };
    expect(() => zipFiles({ files: [f, f] })).toThrow(/twice/);
  });

  it("refuses more than 4 GiB or 65,535 files (no zip64), before writing anything", () => {
    // Only the length is read before the size check: a stand-in for 4 GiB of bytes.
    const huge = { length: 2 ** 32 - 40 } as unknown as Uint8Array;
    const tooLarge = () => zipFiles({ files: [{ name: "big.bin", bytes: huge }] });
    expect(tooLarge).toThrow(expect.objectContaining({ code: "too-large" }));
    const many = Array.from({ length: 65_536 }, (_, i) => ({
      name: `${i}`,
      bytes: new Uint8Array(),
    }));
    expect(() => zipFiles({ files: many })).toThrow(
      expect.objectContaining({ code: "too-many-files" }),
    );
    const most = zipFiles({ files: many.slice(0, 65_535) });
    const end = new DataView(most.buffer, most.length - 22);
    expect([end.getUint32(0, true), end.getUint16(10, true)]).toEqual([0x06054b50, 65_535]);
  });
});

// ---------------------------------------------------------------------------------------------
// Python's zipfile

const python = spawnSync("python3", ["--version"], { encoding: "utf8" });
const hasPython = python.status === 0;
if (!hasPython) process.stderr.write("Skipping the zipfile checks: python3 is not installed.\n");

const PY_CHECK = `
import json, sys, zipfile
out = []
for path in sys.argv[1:]:
    with zipfile.ZipFile(path) as z:
        assert z.testzip() is None, path
        out.append([
            {"name": i.filename, "hex": z.read(i).hex(), "flag": i.flag_bits,
             "method": i.compress_type, "date": list(i.date_time)}
            for i in z.infolist()
        ])
print(json.dumps(out))
`;

describe.skipIf(!hasPython)("zipFiles, read by Python's zipfile", () => {
  const dir = mkdtempSync(join(tmpdir(), "commonground-zip-test-"));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it("agrees on names, contents, method, UTF-8 flag and date for random archives", () => {
    const cases = fc.sample(fc.tuple(files, date), { numRuns: 40, seed: 20_251_128 });
    cases.push([
      [
        { name: "release/aggregates.csv", bytes: new TextEncoder().encode("A,count\na1,10\n") },
        { name: "release/données – 年.csv", bytes: new Uint8Array([0, 255, 10, 13]) },
        { name: "empty.txt", bytes: new Uint8Array() },
      ],
      new Date("2026-11-28T21:05:55Z"),
    ]);
    const paths = cases.map(([fs, d], i) => {
      const path = join(dir, `${i}.zip`);
      writeFileSync(path, zipFiles({ files: fs, date: d }));
      return path;
    });
    const r = spawnSync("python3", ["-c", PY_CHECK, ...paths], { encoding: "utf8" });
    expect(r.status, r.stderr).toBe(0);
    const read = JSON.parse(r.stdout) as {
      name: string;
      hex: string;
      flag: number;
      method: number;
      date: number[];
    }[][];
    cases.forEach(([fs, d], i) => {
      expect(read[i]).toEqual(
        fs.map((f) => ({
          name: f.name,
          hex: Buffer.from(f.bytes).toString("hex"),
          flag: 0x0800,
          method: 0,
          date: utcFields(d),
        })),
      );
    });
  });
});
