/**
 * Random small releases for the showcase's property tests: one to four single- or multi-value
 * columns, values drawn from awkward characters (the CSV delimiter, quotes, line breaks, the
 * spreadsheet-dangerous starts = + - @ tab CR, apostrophes, non-ASCII, `<` and `/`), random
 * synthetic records and reportable aggregates of length 1 … L.
 */
import fc from "fast-check";
import {
  type Cells,
  type Fixture,
  type FixtureColumn,
  pairsOf,
  textKey,
} from "../explore/release-fixture.js";

const CHARS = [
  "a",
  "b",
  "Z",
  "1",
  ".",
  ",",
  '"',
  "\n",
  "\r",
  "=",
  "+",
  "-",
  "@",
  "\t",
  "'",
  " ",
  "é",
  "😀",
  "<",
  "/",
];

/** A value: non-empty, without ";" (the multi-value delimiter); leading and trailing blanks too. */
const valueArb = fc
  .string({ unit: fc.constantFrom(...CHARS), minLength: 1, maxLength: 6 })
  .filter((v) => v !== "");

function cellsArb(columns: readonly FixtureColumn[], pools: string[][]): fc.Arbitrary<Cells> {
  return fc.tuple(
    ...columns.map((c, i) =>
      c.kind === "multi"
        ? fc.subarray(pools[i]!)
        : fc.oneof(
            fc.constant([] as string[]),
            fc.constantFrom(...pools[i]!).map((v) => [v]),
          ),
    ),
  );
}

export const releaseFixtureArb: fc.Arbitrary<Fixture> = fc
  .record({
    kinds: fc.array(fc.constantFrom("single" as const, "multi" as const), {
      minLength: 1,
      maxLength: 4,
    }),
    length: fc.integer({ min: 1, max: 3 }),
    k: fc.integer({ min: 1, max: 12 }),
  })
  .chain(({ kinds, length, k }) => {
    const columns = kinds.map((kind, i): FixtureColumn => ({ name: `col ${i}, "x"`, kind }));
    return fc
      .tuple(...kinds.map(() => fc.uniqueArray(valueArb, { minLength: 1, maxLength: 5 })))
      .chain((pools) =>
        fc.record({
          columns: fc.constant(columns),
          length: fc.constant(length),
          k: fc.constant(k),
          records: fc.array(cellsArb(columns, pools), { maxLength: 30 }),
          aggregates: fc
            .uniqueArray(
              fc.record({
                cells: cellsArb(columns, pools),
                count: fc.nat({ max: 50 }).map((n) => n * k),
              }),
              { selector: (a) => textKey(pairsOf(columns, a.cells)), maxLength: 25 },
            )
            .map((list) =>
              list.filter((a) => {
                const n = pairsOf(columns, a.cells).length;
                return n >= 1 && n <= length;
              }),
            ),
        }),
      );
  });
