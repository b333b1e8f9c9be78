/**
 * The showcase's embedded data: for random releases (single- and multi-value columns, values
 * that need CSV quoting or the spreadsheet-safety prefix, aggregates-only releases), decoding
 * what was encoded gives the tables the CSV files read as, the Explore view built from them is
 * the one built from the files, and the files rebuilt from the embedded data are byte-identical
 * to the originals — without falling back to a verbatim copy. A file not in CommonGround's own
 * byte form is kept verbatim, so its download is still identical.
 */
import {
  decodeRelease,
  encodeRelease,
  type PublicFiles,
  parseReleaseCsv,
  readWide,
  rebuildFile,
  SHOWCASE_FORMAT,
} from "@commonground/core/internal";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { releaseView, releaseViewOfTables } from "../../src/explore/release-view.js";
import { type Fixture, fixtureFiles, ORACLE } from "../explore/release-fixture.js";
import { releaseFixtureArb } from "./release-arbitrary.js";

function publicFiles(f: Fixture, aggregatesOnly = false): PublicFiles {
  const files = fixtureFiles(f);
  if (!aggregatesOnly) {
    return {
      manifest: JSON.stringify(files.manifest, null, 2),
      synthetic: files.synthetic,
      aggregates: files.aggregates,
    };
  }
  const manifest = files.manifest as { mode: string; records: { synthetic?: number } };
  manifest.mode = "aggregates-only";
  delete manifest.records.synthetic;
  return { manifest: JSON.stringify(manifest), aggregates: files.aggregates };
}

/** Encodes, passes through JSON (as the page does) and decodes. */
function roundTrip(files: PublicFiles) {
  const encoded = encodeRelease(files);
  const embedded = JSON.parse(JSON.stringify(encoded)) as typeof encoded;
  return { encoded, embedded, decoded: decodeRelease(embedded) };
}

describe("encodeRelease / decodeRelease", () => {
  it("round-trips random releases, and rebuilds their files byte for byte", () => {
    fc.assert(
      fc.property(releaseFixtureArb, fc.boolean(), (fixture, aggregatesOnly) => {
        const files = publicFiles(fixture, aggregatesOnly);
        const { encoded, embedded, decoded } = roundTrip(files);
        expect(encoded.format).toBe(SHOWCASE_FORMAT);
        expect(encoded.synthetic?.verbatim).toBeUndefined();
        expect(encoded.aggregates.verbatim).toBeUndefined();

        const names = fixture.columns.map((c) => c.name);
        expect(decoded.columns).toEqual(names);
        expect(decoded.aggregates).toEqual(
          readWide({
            text: files.aggregates,
            file: "aggregates.csv",
            columns: names,
            countColumn: "count",
          }),
        );
        if (files.synthetic === undefined) expect(decoded.synthetic).toBeUndefined();
        else {
          expect(decoded.synthetic).toEqual(
            readWide({
              text: files.synthetic,
              file: "synthetic.csv",
              columns: names,
            }),
          );
        }

        const rebuilt = (file: "synthetic.csv" | "aggregates.csv" | "manifest.json") =>
          rebuildFile({ encoded: embedded, decoded, file });
        expect(rebuilt("aggregates.csv")).toBe(files.aggregates);
        expect(rebuilt("manifest.json")).toBe(files.manifest);
        if (files.synthetic !== undefined) expect(rebuilt("synthetic.csv")).toBe(files.synthetic);
        expect(encoded.aggregates.bytes).toBe(Buffer.byteLength(files.aggregates));
      }),
      { numRuns: 200 },
    );
  });

  it("gives the Explore view the files give", () => {
    fc.assert(
      fc.property(releaseFixtureArb, (fixture) => {
        const files = publicFiles(fixture);
        const { decoded } = roundTrip(files);
        const fromFiles = releaseView({
          manifest: JSON.parse(files.manifest),
          synthetic: files.synthetic,
          aggregates: files.aggregates,
        });
        const fromEmbedded = releaseViewOfTables({
          manifest: decoded.manifest,
          synthetic: decoded.synthetic,
          aggregates: decoded.aggregates,
        });
        expect(fromEmbedded).toEqual(fromFiles);
      }),
      { numRuns: 100 },
    );
  });

  it("encodes the oracle's counts by their common divisor, k", () => {
    const { encoded } = roundTrip(publicFiles(ORACLE));
    expect(encoded.aggregates.counts?.divisor).toBe(2);
    expect(encoded.synthetic?.bits).toEqual([2, 2, 2]);
  });

  it("keeps a file not in CommonGround's byte form verbatim, so that it is still rebuilt exactly", () => {
    const files = publicFiles(ORACLE);
    const crlf = files.aggregates.replaceAll("\n", "\r\n");
    const quoted = files.synthetic!.replace("a1,b1,c1", '"a1",b1,c1');
    const odd = { ...files, aggregates: crlf, synthetic: quoted };
    const { embedded, decoded } = roundTrip(odd);
    expect(embedded.aggregates.verbatim).toBe(crlf);
    expect(rebuildFile({ encoded: embedded, decoded, file: "aggregates.csv" })).toBe(crlf);
    expect(rebuildFile({ encoded: embedded, decoded, file: "synthetic.csv" })).toBe(quoted);
    // The tables are the same as from the canonical files.
    expect(decoded).toEqual(roundTrip(files).decoded);
  });

  it("is far smaller than the CSV files for many rows", () => {
    const columns = Array.from({ length: 6 }, (_, i) => ({
      name: `c${i}`,
      kind: "single" as const,
    }));
    const records = Array.from({ length: 5000 }, (_, r) =>
      columns.map((_, c) => [`value-${(r * (c + 3)) % (4 + c)}`]),
    );
    const files = publicFiles({
      columns,
      records,
      aggregates: [{ cells: [["value-0"], [], [], [], [], []], count: 100 }],
      length: 2,
    });
    const size = JSON.stringify(encodeRelease(files)).length;
    expect(size).toBeLessThan(files.synthetic!.length / 5);
    expect(parseReleaseCsv(files.synthetic!).header).toHaveLength(6);
  });
});
