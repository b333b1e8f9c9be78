/**
 * The navigation model of the web app's Explore view and the showcase (docs/design.md §9, §14; pure):
 * what the user has selected, and the rules of §9:
 * AND across columns; in a single-value column one value at a time (selecting another replaces
 * it, selecting the selected one deselects it); in a multi-value column several values, meaning
 * "includes all of them". A selection is immutable: every rule returns a new one.
 *
 * And the counts the charts show for a selection: for each value v of a column, the synthetic
 * records matching "the selection with this column set to v", and the reportable count of that
 * combination when aggregates.csv has it. The records are filtered once per selection
 * (matchRecords), then each shown column is counted in one pass over the matching records.
 *
 * It works on a NavigationModel: a release read back from its public files (read-release.ts),
 * every (column, value) an attribute with a dense id, synthetic records as CSR typed arrays of
 * ascending ids, the reportable aggregates by combinationKey. The web app's NavigationModel is one.
 */
import { InternalError } from "../errors.js";

/** A release as the navigation reads it (the web app's NavigationModel has these fields). */
export interface NavigationModel {
  /** Per column: its values, in the view's order; values[i] has id firstAttribute + i. */
  columns: readonly {
    name: string;
    kind: "single" | "multi";
    values: readonly string[];
    firstAttribute: number;
  }[];
  /** Column index of each attribute id. */
  attributeColumn: Uint32Array;
  /** Synthetic records (0 for an aggregates-only release). */
  recordCount: number;
  /** Record r's ids are recordAttributes[recordOffsets[r] … recordOffsets[r+1]-1], ascending. */
  recordOffsets: Uint32Array;
  recordAttributes: Uint32Array;
  /** L: combinations of at most L attributes may have a reportable count. */
  reportingLength: number;
  /** Reportable aggregates: combinationKey(ids) → count. */
  aggregates: ReadonlyMap<string, number>;
}

/** The key of a combination in `NavigationModel.aggregates`: its attribute ids, ascending. */
export function combinationKey(ids: ArrayLike<number>): string {
  return Array.prototype.join.call(ids, ",");
}

/** Selected attribute ids of a view, ascending; at most one per single-value column. */
export interface Selection {
  readonly attributes: readonly number[];
}

/** Nothing selected: every record matches. */
export const EMPTY_SELECTION: Selection = Object.freeze({ attributes: Object.freeze([]) });

/** A value of a column: `value` indexes `view.columns[column].values`. */
export interface ValueOptions {
  view: NavigationModel;
  selection: Selection;
  column: number;
  value: number;
}

export interface ColumnOptions {
  view: NavigationModel;
  selection: Selection;
  column: number;
}

/** The attribute id of a column's value (throws on an index outside the view: a bug). */
export function attributeId(o: Omit<ValueOptions, "selection">): number {
  const column = o.view.columns[o.column];
  if (column === undefined || !Number.isInteger(o.value) || o.value < 0) {
    throw new InternalError(`No column ${o.column} / value ${o.value} in the view`);
  }
  if (o.value >= column.values.length) {
    throw new InternalError(`Column "${column.name}" has no value ${o.value}`);
  }
  return column.firstAttribute + o.value;
}

const withIds = (ids: number[]): Selection => ({ attributes: ids.sort((a, b) => a - b) });

/** Whether a value is selected. */
export function isSelected(o: ValueOptions): boolean {
  return o.selection.attributes.includes(attributeId(o));
}

/** The selected values of one column (value indices, ascending). */
export function selectedValues(o: ColumnOptions): number[] {
  const column = o.view.columns[o.column];
  if (column === undefined) throw new InternalError(`No column ${o.column} in the view`);
  return o.selection.attributes
    .filter((id) => o.view.attributeColumn[id] === o.column)
    .map((id) => id - column.firstAttribute);
}

/**
 * Selects or deselects a value: a selected value is deselected; in a single-value column a new
 * value replaces the column's selected one; in a multi-value column it is added.
 */
export function toggleValue(o: ValueOptions): Selection {
  const id = attributeId(o);
  const ids = o.selection.attributes;
  if (ids.includes(id)) return withIds(ids.filter((a) => a !== id));
  const single = o.view.columns[o.column]!.kind === "single";
  const kept = single ? ids.filter((a) => o.view.attributeColumn[a] !== o.column) : ids;
  return withIds([...kept, id]);
}

/** Deselects one value (no change when it is not selected). */
export function removeValue(o: ValueOptions): Selection {
  const id = attributeId(o);
  return o.selection.attributes.includes(id)
    ? withIds(o.selection.attributes.filter((a) => a !== id))
    : o.selection;
}

/** Deselects every value of one column. */
export function clearColumn(o: ColumnOptions): Selection {
  return withIds(o.selection.attributes.filter((a) => o.view.attributeColumn[a] !== o.column));
}

/** Deselects everything. */
export function clearAll(): Selection {
  return EMPTY_SELECTION;
}

/** One selected value, described for a chip. */
export interface SelectedValue {
  column: number;
  value: number;
  columnName: string;
  label: string;
}

/** The selected values in column order, then value order. */
export function describeSelection(o: {
  view: NavigationModel;
  selection: Selection;
}): SelectedValue[] {
  return o.selection.attributes.map((id) => {
    const c = o.view.attributeColumn[id];
    const column = c === undefined ? undefined : o.view.columns[c];
    if (c === undefined || column === undefined) {
      throw new InternalError(`Attribute ${id} is not in the view`);
    }
    const value = id - column.firstAttribute;
    return { column: c, value, columnName: column.name, label: column.values[value]! };
  });
}

/**
 * The synthetic records matching a selection, found in one pass: those holding every selected
 * attribute, and for each single-value column with a selected value, those holding every
 * selected attribute but that one (what that column's chart counts).
 */
export interface RecordMatch {
  selection: Selection;
  /** Records holding every selected attribute, ascending. */
  all: Uint32Array;
  /** Single-value column → records missing only that column's selected value. */
  allBut: ReadonlyMap<number, Uint32Array>;
}

/** Filters the view's synthetic records once for a selection (see RecordMatch). */
export function matchRecords(o: { view: NavigationModel; selection: Selection }): RecordMatch {
  const { view, selection } = o;
  const sel = selection.attributes;
  const n = view.recordCount;
  if (sel.length === 0) {
    return { selection, all: Uint32Array.from({ length: n }, (_, i) => i), allBut: new Map() };
  }
  const offsets = view.recordOffsets;
  const attrs = view.recordAttributes;
  const col = view.attributeColumn;
  // status: -1 all selected attributes held; c >= 0 all but column c's; -2 otherwise.
  const status = new Int32Array(n);
  const sizes = new Map<number, number>();
  let full = 0;
  for (let r = 0; r < n; r++) {
    let p = offsets[r]!;
    const end = offsets[r + 1]!;
    let missed = -1;
    let misses = 0;
    for (let s = 0; s < sel.length && misses < 2; s++) {
      const want = sel[s]!;
      while (p < end && attrs[p]! < want) p++;
      if (p < end && attrs[p] === want) p++;
      else {
        misses++;
        missed = want;
      }
    }
    const c = misses === 1 ? col[missed]! : -1;
    if (misses === 0) {
      status[r] = -1;
      full++;
    } else if (misses === 1 && view.columns[c]!.kind === "single") {
      status[r] = c;
      sizes.set(c, (sizes.get(c) ?? 0) + 1);
    } else status[r] = -2;
  }
  const all = new Uint32Array(full);
  const allBut = new Map<number, Uint32Array>();
  for (const id of sel) {
    const c = col[id]!;
    if (view.columns[c]!.kind === "single") allBut.set(c, new Uint32Array(sizes.get(c) ?? 0));
  }
  const fill = new Map<number, number>();
  let f = 0;
  for (let r = 0; r < n; r++) {
    const s = status[r]!;
    if (s === -1) all[f++] = r;
    else if (s >= 0) {
      const at = fill.get(s) ?? 0;
      allBut.get(s)![at] = r;
      fill.set(s, at + 1);
    }
  }
  return { selection, all, allBut };
}

/** Why a value has no reportable count. */
export type Unreported = "too-long" | "not-reported";

export interface ValueCount {
  /** Index into the column's values. */
  value: number;
  label: string;
  /** Synthetic records matching the selection with this column set to this value. */
  synthetic: number;
  /** That combination's count in aggregates.csv, or null (see `reason`). */
  reportable: number | null;
  /** null when reportable; "too-long": more than L attributes; "not-reported": not in the file. */
  reason: Unreported | null;
  /** Number of attributes of the combination. */
  length: number;
  selected: boolean;
}

export interface ColumnCounts {
  column: number;
  /** Synthetic records matching the selection without this column's own condition. */
  base: number;
  /** One entry per value of the column, in value order. */
  values: ValueCount[];
}

export interface ColumnCountsOptions {
  view: NavigationModel;
  selection: Selection;
  column: number;
  /** matchRecords of the same selection, to share between columns (computed when absent). */
  match?: RecordMatch;
}

/** For each value v of a column: synthetic and reportable counts of "selection with column = v". */
export function columnCounts(o: ColumnCountsOptions): ColumnCounts {
  const { view, selection } = o;
  const column = view.columns[o.column];
  if (column === undefined) throw new InternalError(`No column ${o.column} in the view`);
  const match = o.match ?? matchRecords({ view, selection });
  if (match.selection !== selection) {
    throw new InternalError("columnCounts was given the match of another selection");
  }
  const single = column.kind === "single";
  const own = selection.attributes.filter((id) => view.attributeColumn[id] === o.column);
  // A single-value column's own choice is replaced by each value in turn.
  const base = single
    ? selection.attributes.filter((id) => !own.includes(id))
    : selection.attributes;
  const lists = [match.all];
  const others = single && own.length > 0 ? match.allBut.get(o.column) : undefined;
  if (others !== undefined) lists.push(others);
  const counts = countValues(view, o.column, lists);
  const values = column.values.map((label, v): ValueCount => {
    const id = column.firstAttribute + v;
    const selected = own.includes(id);
    const ids = selected && !single ? base : insertSorted(base, id);
    const reported = reportable(view, ids);
    return { value: v, label, synthetic: counts[v]!, ...reported, length: ids.length, selected };
  });
  const records = lists.reduce((sum, list) => sum + list.length, 0);
  return { column: o.column, base: records, values };
}

/**
 * Counts the column's values over the given records. The first list (the records matching the
 * whole selection, shared by every column's counts) is counted once for all attributes, so a
 * view of all columns costs one pass over it, not one per column (1M records × 12 columns: a
 * 350 ms main-thread task in the Explore view before).
 */
function countValues(view: NavigationModel, column: number, lists: Uint32Array[]): Uint32Array {
  const { firstAttribute, values } = view.columns[column]!;
  const last = firstAttribute + values.length;
  const counts = new Uint32Array(values.length);
  const offsets = view.recordOffsets;
  const attrs = view.recordAttributes;
  const [first, ...rest] = lists;
  if (first !== undefined) {
    const all = attributeCounts(view, first);
    for (let v = 0; v < values.length; v++) counts[v] = all[firstAttribute + v]!;
  }
  for (const list of rest) {
    for (let i = 0; i < list.length; i++) {
      const r = list[i]!;
      const end = offsets[r + 1]!;
      for (let p = offsets[r]!; p < end; p++) {
        const a = attrs[p]!;
        if (a >= last) break;
        if (a >= firstAttribute) counts[a - firstAttribute]!++;
      }
    }
  }
  return counts;
}

/** Every attribute's count over a list of records, computed once per list (lists are never changed). */
const countsOfList = new WeakMap<Uint32Array, Uint32Array>();
function attributeCounts(view: NavigationModel, list: Uint32Array): Uint32Array {
  const known = countsOfList.get(list);
  if (known !== undefined && known.length === view.attributeColumn.length) return known;
  const counts = new Uint32Array(view.attributeColumn.length);
  const offsets = view.recordOffsets;
  const attrs = view.recordAttributes;
  for (let i = 0; i < list.length; i++) {
    const r = list[i]!;
    const end = offsets[r + 1]!;
    for (let p = offsets[r]!; p < end; p++) counts[attrs[p]!]!++;
  }
  countsOfList.set(list, counts);
  return counts;
}

function insertSorted(ids: readonly number[], id: number): number[] {
  const out = [...ids, id];
  return out.sort((a, b) => a - b);
}

function reportable(
  view: NavigationModel,
  ids: readonly number[],
): { reportable: number | null; reason: Unreported | null } {
  if (ids.length > view.reportingLength) return { reportable: null, reason: "too-long" };
  const count = view.aggregates.get(combinationKey(ids));
  return count === undefined
    ? { reportable: null, reason: "not-reported" }
    : { reportable: count, reason: null };
}
