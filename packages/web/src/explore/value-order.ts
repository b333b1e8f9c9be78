/**
 * The order in which the Explore view lists a column's values (pure). It must not depend on the
 * selection, so that bars never move under the pointer:
 *
 * 1. a binned column (manifest `bins`): its bin labels in bin order;
 * 2. a column whose values all look numeric (`2019`, `3.5`) or like bin labels (`<18`,
 *    `18-24`, `[18.5,25)`, `65+`; also older releases' `18–24` and `25 to <35`): numeric order;
 * 3. otherwise, with `order: "aggregates"` (the default): the order aggregates.csv implies, i.e.
 *    the values reported on their own, largest count first (the file sorts them so), then the
 *    rest in natural order; with `order: "natural"`: natural order throughout.
 *
 * A column's reported-missing value (manifest `missingLabel`, "(missing)") comes after all the
 * others, whatever the order: it is no value of the column's domain but its absence.
 *
 * Natural order: numeric-looking labels first, by number; then text, case-insensitively with
 * digit runs compared as numbers; ties broken by code units so that the order is total.
 */

/** How to order the values of a column that is neither binned nor numeric. */
export type ValueOrder = "aggregates" | "natural";

const NUMBER = String.raw`[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?`;
const NUMERIC_LABEL = new RegExp(
  String.raw`^(?:(<|≤|<=)?\s*(${NUMBER})\s*(?:\+|(?:–|—|-|to\s*<?)\s*${NUMBER})?|\[\s*(${NUMBER})\s*,\s*${NUMBER}\s*\))$`,
);

/**
 * Where a numeric-looking label sits on the number line: its (lower) number, and -1 for an
 * open lower bin (`<18` comes before `18` and `18-24`), else 0. Undefined for other labels.
 */
export function numericKey(label: string): readonly [number, number] | undefined {
  const m = NUMERIC_LABEL.exec(label.trim());
  if (m === null) return undefined;
  const n = Number(m[2] ?? m[3]);
  if (!Number.isFinite(n)) return undefined;
  return [n, m[1] === undefined ? 0 : -1];
}

const collator = new Intl.Collator("en", { numeric: true, sensitivity: "base" });

const byCodeUnits = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

/** Natural order of two labels (see the module comment). */
export function compareNatural(a: string, b: string): number {
  const ka = numericKey(a);
  const kb = numericKey(b);
  if (ka !== undefined && kb !== undefined) {
    return ka[0] - kb[0] || ka[1] - kb[1] || byCodeUnits(a, b);
  }
  if (ka !== undefined) return -1;
  if (kb !== undefined) return 1;
  return collator.compare(a, b) || byCodeUnits(a, b);
}

export interface OrderValuesOptions {
  /** The column's distinct values, in any order. */
  values: Iterable<string>;
  /** Bin labels from the manifest, in bin order, when the column is binned. */
  binLabels?: readonly string[] | undefined;
  /** Values reported alone in aggregates.csv, in the file's order (count descending). */
  reportedAlone?: readonly string[];
  /** Default "aggregates". */
  order?: ValueOrder;
  /** The column's reported-missing label (manifest `missingLabel`): placed last when present. */
  missingLabel?: string | undefined;
}

/** The column's values in the Explore view's order (see the module comment). */
export function orderValues(o: OrderValuesOptions): string[] {
  const all = [...new Set(o.values)];
  const unknown = o.missingLabel !== undefined && all.includes(o.missingLabel);
  const distinct = unknown ? all.filter((v) => v !== o.missingLabel) : all;
  const natural = (list: string[]) => list.sort(compareNatural);
  const leading =
    o.binLabels !== undefined
      ? o.binLabels
      : distinct.every((v) => numericKey(v) !== undefined)
        ? []
        : (o.order ?? "aggregates") === "aggregates"
          ? (o.reportedAlone ?? [])
          : [];
  const present = new Set(distinct);
  const first = [...new Set(leading)].filter((v) => present.has(v));
  const placed = new Set(first);
  const ordered = [...first, ...natural(distinct.filter((v) => !placed.has(v)))];
  return unknown ? [...ordered, o.missingLabel!] : ordered;
}
