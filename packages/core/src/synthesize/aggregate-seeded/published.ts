/**
 * What the aggregate-seeded synthesizer may see (docs/design.md §4, §5 step 4, §12): the published (or,
 * under DP, measured) aggregates and the columns' names and kinds — no record, no value that
 * is not published, no count of distinct values in the sensitive data.
 *
 * Guarantee: `publishedAggregates(schema, table)` reads, of the schema, the name and kind of
 * each column and the value of each attribute id that occurs in `table` — nothing else reaches
 * its output. The output's values per column are those of the table, in the Dataset's order
 * (JavaScript's default string order, which depends on the values alone); its attribute ids
 * are given column by column over those values only; its table is `table` with the ids
 * relabelled. So two data sets whose published aggregates agree give equal
 * PublishedAggregates, and a synthesizer that takes only this type (plus options that are
 * published or measured numbers) gives the same records for the same seed: under DP it is
 * post-processing. The relabelling keeps the ids' order, so the table's row order (which
 * follows its published cells) is unchanged.
 *
 * The type is branded: only `publishedAggregates` makes one, so a Dataset (which holds the
 * records and every value) cannot be passed where it is expected.
 *
 * `inDatasetIds` maps synthetic records back to the Dataset's ids, value by value: a
 * deterministic post-processing that also keeps the ids' order, so records stay sorted.
 */
import type { AggregateTable } from "../../aggregate/aggregate-table.js";
import { NONE } from "../../aggregate/count-partition.js";
import { invariant } from "../../errors.js";
import type { ColumnKind, Dataset } from "../../ingest/types.js";
import type { SyntheticData } from "../synthetic-data.js";

declare const publishedBrand: unique symbol;

export interface PublishedColumn {
  readonly name: string;
  readonly kind: ColumnKind;
  /** Id of the column's first published value; its values are ids firstAttribute … + values.length − 1. */
  readonly firstAttribute: number;
  /** The column's values that occur in the published table, in the Dataset's (sorted) order. */
  readonly values: readonly string[];
}

export interface PublishedAggregates {
  /** Every selected column (a column with no published value has no values). */
  readonly columns: readonly PublishedColumn[];
  /** Column index of each published attribute id. */
  readonly attributeColumn: Uint32Array;
  /** The published combinations and counts, over the published ids. */
  readonly table: AggregateTable;
  readonly [publishedBrand]: true;
}

/** The published form of `table` (reportable or DP aggregates over `schema`'s ids). */
export function publishedAggregates(
  schema: Pick<Dataset, "columns" | "attributeColumn">,
  table: AggregateTable,
): PublishedAggregates {
  const held = new Uint8Array(schema.attributeColumn.length);
  for (const a of table.attrs) if (a !== NONE) held[a] = 1;
  const relabel = new Uint32Array(schema.attributeColumn.length);
  const attributeColumn: number[] = [];
  const columns = schema.columns.map((c, j): PublishedColumn => {
    const firstAttribute = attributeColumn.length;
    const values: string[] = [];
    c.values.forEach((value, i) => {
      if (held[c.firstAttribute + i] === 0) return;
      relabel[c.firstAttribute + i] = attributeColumn.length;
      attributeColumn.push(j);
      values.push(value);
    });
    return { name: c.name, kind: c.kind, firstAttribute, values };
  });
  const attrs = table.attrs.map((a) => (a === NONE ? NONE : relabel[a]!));
  return {
    columns,
    attributeColumn: Uint32Array.from(attributeColumn),
    table: { length: table.length, attrs, counts: table.counts },
  } as Omit<PublishedAggregates, typeof publishedBrand> as PublishedAggregates;
}

/** Synthetic records over the published ids, mapped to `data`'s ids by value. */
export function inDatasetIds(
  data: Pick<Dataset, "columns">,
  published: PublishedAggregates,
  synthetic: SyntheticData,
): SyntheticData {
  const to = new Uint32Array(published.attributeColumn.length);
  published.columns.forEach((c, j) => {
    const target = data.columns[j];
    invariant(
      target !== undefined && target.name === c.name && target.kind === c.kind,
      `aggregate-seeded: published column ${j} (${c.name}) is not the data's`,
    );
    // Both lists are in the same order: one merge walk.
    let i = 0;
    c.values.forEach((value, p) => {
      while (i < target.values.length && target.values[i] !== value) i++;
      invariant(
        i < target.values.length,
        `aggregate-seeded: ${c.name} = ${value} is not in the data`,
      );
      to[c.firstAttribute + p] = target.firstAttribute + i;
    });
  });
  return {
    recordCount: synthetic.recordCount,
    offsets: synthetic.offsets,
    attrs: synthetic.attrs.map((a) => to[a]!),
  };
}
