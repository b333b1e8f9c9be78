/**
 * Test helper: reads a generated table — `singles` single-value columns s0…, `multis`
 * multi-value columns m0… (values joined by ";") — into a Dataset, or undefined when ingest
 * refuses it (every cell missing).
 */
import fc from "fast-check";
import {
  type Dataset,
  formatCsvRow,
  type IngestOptions,
  readDatasetFromText,
} from "../src/internal.js";

export interface RandomTable {
  singles: number;
  multis: number;
  /** Per row: the single-value cells, then the values of each multi-value cell. */
  cells: [string[], string[][]][];
}

export function readRandomTable(
  t: RandomTable,
  options: Omit<IngestOptions, "multiValue"> = {},
): Dataset | undefined {
  const header = [
    ...Array.from({ length: t.singles }, (_, i) => `s${i}`),
    ...Array.from({ length: t.multis }, (_, i) => `m${i}`),
  ];
  let text = formatCsvRow(header);
  for (const [singles, multis] of t.cells) {
    text += formatCsvRow([...singles, ...multis.map((m) => m.join(";"))]);
  }
  const multiValue: Record<string, string> = {};
  for (let i = 0; i < t.multis; i++) multiValue[`m${i}`] = ";";
  try {
    return readDatasetFromText(text, { ...options, multiValue });
  } catch {
    return undefined;
  }
}

export interface RandomTableShape {
  maxSingles?: number;
  maxMultis?: number;
  minRows?: number;
  maxRows?: number;
  /** Values of single-value cells (a blank is always possible). */
  singleValues?: string[];
  /** Values of multi-value cells. */
  multiValues?: string[];
}

/** Random tables: 1–maxSingles single-value and 0–maxMultis multi-value columns, blanks included. */
export function randomTableArb(shape: RandomTableShape = {}): fc.Arbitrary<RandomTable> {
  const singleValues = shape.singleValues ?? ["x", "y", "z", "w"];
  const multiValues = shape.multiValues ?? singleValues;
  return fc
    .record({
      singles: fc.integer({ min: 1, max: shape.maxSingles ?? 4 }),
      multis: fc.integer({ min: 0, max: shape.maxMultis ?? 1 }),
      rows: fc.integer({ min: shape.minRows ?? 2, max: shape.maxRows ?? 60 }),
    })
    .chain(({ singles, multis, rows }) =>
      fc.record({
        singles: fc.constant(singles),
        multis: fc.constant(multis),
        cells: fc.array(
          fc.tuple(
            fc.array(fc.constantFrom("", ...singleValues), {
              minLength: singles,
              maxLength: singles,
            }),
            fc.array(fc.subarray(multiValues), { minLength: multis, maxLength: multis }),
          ),
          { minLength: rows, maxLength: rows },
        ),
      }),
    );
}

/** A random table together with random run parameters. */
export function withParameters<P>(
  table: fc.Arbitrary<RandomTable>,
  parameters: { [K in keyof P]: fc.Arbitrary<P[K]> },
): fc.Arbitrary<RandomTable & P> {
  return fc.tuple(table, fc.record(parameters)).map(([t, p]) => ({ ...t, ...(p as P) }));
}

/** Each record as a sorted list of "column=value" texts. */
export function recordsOf(data: Dataset): string[][] {
  const out: string[][] = [];
  for (let r = 0; r < data.recordCount; r++) {
    const cells: string[] = [];
    for (let p = data.recordOffsets[r]!; p < data.recordOffsets[r + 1]!; p++) {
      const id = data.recordAttributes[p]!;
      const column = data.columns[data.attributeColumn[id]!]!;
      cells.push(`${column.name}=${column.values[id - column.firstAttribute]}`);
    }
    out.push(cells.sort());
  }
  return out;
}
