/**
 * The aggregate-seeded synthesizer sees only what is published: two data sets with the same
 * reportable aggregates give the same synthetic.csv for the same seed, whatever values were
 * suppressed (docs/design.md §4, §12; issue 11, defect 3).
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  aggregate,
  aggregatesCsvText,
  type Dataset,
  dpSynthesize,
  formatCsvRow,
  inDatasetIds,
  NONE,
  publishedAggregates,
  readDatasetFromText,
  seededRng,
  synthesize,
  synthesizeAggregateSeeded,
  syntheticCsvText,
} from "../../../src/internal.js";
import { randomTableArb, readRandomTable } from "../../random-table.js";

/** synthetic.csv and aggregates.csv of an aggregate-seeded release. */
async function release(data: Dataset, k: number, length: number, seed: number) {
  const { reportable, length: l } = await aggregate(data, { k, length });
  const synthetic = synthesize(data, {
    mode: "aggregate-seeded",
    k,
    length: l,
    reportable,
    rng: seededRng(seed),
  });
  return {
    aggregates: aggregatesCsvText(data, reportable),
    synthetic: syntheticCsvText(data, synthetic),
  };
}

/** Dependent columns c0…c3 with values v0…v4 and some blanks, from a fixed seed. */
function baseRows(rows: number): string[][] {
  const rng = seededRng(`published-${rows}`);
  const out: string[][] = [];
  for (let r = 0; r < rows; r++) {
    const base = rng.below(4);
    out.push(
      [0, 1, 2, 3].map((c) => {
        if (rng.below(15) === 0) return "";
        return `v${rng.below(3) === 0 ? rng.below(5) : (base + c) % 5}`;
      }),
    );
  }
  return out;
}

function csv(rows: string[][]): string {
  return formatCsvRow(["c0", "c1", "c2", "c3"]) + rows.map((r) => formatCsvRow(r)).join("");
}

describe("aggregate-seeded synthesis from the published aggregates only", () => {
  it("gives byte-identical synthetic.csv for data sets whose reportable aggregates agree", async () => {
    const rows = baseRows(400);
    // Rare values (each held by one record, k = 5): they sort before and after the common
    // ones, make c3 the column with most distinct values and shift every later attribute id.
    const rare = [
      ["a-rare", "", "", ""],
      ["", "", "", "r1"],
      ["", "", "", "r2"],
      ["", "", "", "r3"],
      ["", "", "", "r4"],
      ["", "", "", "r5"],
      ["", "z-rare", "", ""],
    ];
    const plain = readDatasetFromText(csv(rows));
    const withRare = readDatasetFromText(csv([...rows, ...rare]));
    expect(withRare.columns[3]!.values.length).toBeGreaterThan(plain.columns[3]!.values.length);
    for (const seed of [1, 2, 3]) {
      const a = await release(plain, 5, 3, seed);
      const b = await release(withRare, 5, 3, seed);
      expect(b.aggregates).toBe(a.aggregates);
      expect(b.synthetic).toBe(a.synthetic);
    }
  });

  it("never changes when rows with values held by fewer than k records are added (property)", async () => {
    const arb = fc.record({
      table: randomTableArb({ maxSingles: 4, maxMultis: 1, minRows: 4, maxRows: 50 }),
      k: fc.integer({ min: 2, max: 4 }),
      length: fc.integer({ min: 1, max: 3 }),
      seed: fc.integer({ min: 0, max: 1000 }),
      // Each added row holds one new value (its own, so fewer than k records hold it) in one column.
      extra: fc.array(
        fc.record({ column: fc.nat(), value: fc.constantFrom("a", "r", "xx", "zz") }),
        { minLength: 1, maxLength: 6 },
      ),
    });
    await fc.assert(
      fc.asyncProperty(arb, async ({ table, k, length, seed, extra }) => {
        const data = readRandomTable(table);
        if (data === undefined || data.recordCount < k) return;
        const columns = table.singles + table.multis;
        const cells = table.cells.slice();
        extra.forEach(({ column, value }, i) => {
          const c = column % columns;
          const singles = Array.from({ length: table.singles }, (_, j) =>
            j === c ? `${value}${i}` : "",
          );
          const multis = Array.from({ length: table.multis }, (_, j) =>
            j + table.singles === c ? [`${value}${i}`] : [],
          );
          cells.push([singles, multis]);
        });
        const more = readRandomTable({ ...table, cells });
        if (more === undefined) throw new Error("a table with added values is readable");
        const a = await release(data, k, length, seed);
        const b = await release(more, k, length, seed);
        expect(b.aggregates).toBe(a.aggregates);
        expect(b.synthetic).toBe(a.synthetic);
      }),
      { numRuns: 150 },
    );
  });
});

describe("publishedAggregates", () => {
  it("holds only the published values, numbered over them, whatever was suppressed", async () => {
    const rows = baseRows(200);
    const plain = readDatasetFromText(csv(rows));
    const withRare = readDatasetFromText(csv([...rows, ["0", "", "", "rare"], ["", "", "~", ""]]));
    const a = publishedAggregates(plain, (await aggregate(plain, { k: 5, length: 3 })).reportable);
    const b = publishedAggregates(
      withRare,
      (await aggregate(withRare, { k: 5, length: 3 })).reportable,
    );
    expect(b).toEqual(a);
    const used = new Set<number>();
    for (const id of a.table.attrs) if (id !== NONE) used.add(id);
    expect([...used].sort((x, y) => x - y)).toEqual(Array.from(a.attributeColumn, (_, i) => i));
    for (const c of a.columns) {
      expect(c.values).toEqual([...c.values].sort());
      expect(c.values).not.toContain("rare");
    }
  });

  it("is the same for DP aggregates measured alike from data sets with other unpublished values", () => {
    const { plain, withRare } = sparseTables();
    for (const seed of [1, 3]) {
      const a = dpSynthesize(plain, { epsilon: 1e4, length: 2, rng: seededRng(seed) });
      const b = dpSynthesize(withRare, { epsilon: 1e4, length: 2, rng: seededRng(seed) });
      expect(publishedAggregates(withRare, b.aggregates.table)).toEqual(
        publishedAggregates(plain, a.aggregates.table),
      );
    }
  });

  it("maps synthetic records back to the data's ids by value", async () => {
    const data = readDatasetFromText(csv(baseRows(200)));
    const { reportable } = await aggregate(data, { k: 5, length: 2 });
    const published = publishedAggregates(data, reportable);
    const synthetic = synthesizeAggregateSeeded(published, { k: 5, length: 2, rng: seededRng(4) });
    const mapped = inDatasetIds(data, published, synthetic);
    expect(mapped.offsets).toEqual(synthetic.offsets);
    synthetic.attrs.forEach((id, e) => {
      const c = published.attributeColumn[id]!;
      const column = published.columns[c]!;
      const target = data.columns[c]!;
      expect(target.values[mapped.attrs[e]! - target.firstAttribute]).toBe(
        column.values[id - column.firstAttribute],
      );
    });
  });

  it("is the only input the synthesizer takes (a Dataset is a type error)", async () => {
    const data = readDatasetFromText(csv(baseRows(50)));
    const { reportable } = await aggregate(data, { k: 5, length: 2 });
    // @ts-expect-error a Dataset holds the records and every value: not a PublishedAggregates
    expect(() => synthesizeAggregateSeeded(data, { k: 5, length: 2, rng: seededRng(1) })).toThrow();
    // @ts-expect-error a plain object cannot pose as one either (the type is branded)
    const forged: Parameters<typeof synthesizeAggregateSeeded>[0] = { ...data, table: reportable };
    expect(forged.table).toBe(reportable);
  });
});

describe("DP synthesis from the measured aggregates only", () => {
  it("gives the same synthetic.csv when the measured outputs agree, whatever was not published", () => {
    const { plain, withRare } = sparseTables();
    // A huge ε: noise is 0 for these seeds, so both measure the same (checked); the rare
    // values change the number of distinct values and every attribute id of the data.
    for (const seed of [1, 3]) {
      const a = dpSynthesize(plain, { epsilon: 1e4, length: 2, rng: seededRng(seed) });
      const b = dpSynthesize(withRare, { epsilon: 1e4, length: 2, rng: seededRng(seed) });
      expect(aggregatesCsvText(withRare, b.aggregates.table)).toBe(
        aggregatesCsvText(plain, a.aggregates.table),
      );
      expect(b.aggregates.noisyRecords).toBe(a.aggregates.noisyRecords);
      expect(b.aggregates.blanks).toEqual(a.aggregates.blanks);
      expect(b.aggregates.contributions).toEqual(a.aggregates.contributions);
      expect(syntheticCsvText(withRare, b.synthetic)).toBe(syntheticCsvText(plain, a.synthetic));
    }
  });
});

/**
 * A sparse table led by a multi-value column, and the same with five of its empty
 * multi-value cells holding a rare value each (sorting before every other value, so every
 * attribute id moves, and that column then has the most distinct values).
 */
function sparseTables(): { plain: Dataset; withRare: Dataset } {
  const rng = seededRng("sparse");
  const rows: string[][] = [];
  for (let r = 0; r < 400; r++) {
    const b = rng.below(3);
    const blank = () => rng.below(4) === 0;
    rows.push([
      rng.below(3) === 0 ? "" : [`m${b}`, `m${rng.below(3)}`].join(";"),
      blank() ? "" : `a${b + rng.below(2)}`,
      blank() ? "" : `b${(b + rng.below(2)) % 3}`,
      blank() ? "" : `c${(b + rng.below(3)) % 4}`,
    ]);
  }
  const text = (rs: string[][]) =>
    formatCsvRow(["m", "a", "b", "c"]) + rs.map((r) => formatCsvRow(r)).join("");
  const withRare = rows.map((r) => r.slice());
  let added = 0;
  for (const r of withRare) if (r[0] === "" && added < 5) r[0] = `0rare${added++}`;
  return {
    plain: readDatasetFromText(text(rows), { multiValue: { m: ";" } }),
    withRare: readDatasetFromText(text(withRare), { multiValue: { m: ";" } }),
  };
}
