/**
 * The table of reportable aggregates: filter by words, by a column or one of its values, by
 * length; sort by count or length (column header buttons, aria-sort); paged, PAGE_SIZE rows at
 * a time, so that a release with 100k combinations stays quick. The filtering itself is pure
 * (aggregate-rows.ts).
 */
import { useDeferredValue, useId, useMemo, useState } from "react";
import { formatCount } from "../explore/chart-spec.js";
import type { ReleaseView } from "../explore/release-view.js";
import { tableLabel } from "../explore/unknown.js";
import {
  type AggregateSort,
  aggregateRows,
  FILE_ORDER,
  type SortKey,
  selectRows,
} from "./aggregate-rows.js";

export const PAGE_SIZE = 50;

export interface AggregatesTableProps {
  view: ReleaseView;
}

/** The "Reportable counts" section. */
export function AggregatesTable({ view }: AggregatesTableProps) {
  const id = useId();
  const rows = useMemo(() => aggregateRows({ view }), [view]);
  const [text, setText] = useState("");
  const [column, setColumn] = useState<number | null>(null);
  const [value, setValue] = useState<number | null>(null);
  const [length, setLength] = useState<number | null>(null);
  const [sort, setSort] = useState<AggregateSort>(FILE_ORDER);
  const [page, setPage] = useState(0);
  const deferredText = useDeferredValue(text);
  const kept = useMemo(
    () => selectRows({ view, rows, filter: { text: deferredText, column, value, length }, sort }),
    [view, rows, deferredText, column, value, length, sort],
  );
  const pages = Math.max(1, Math.ceil(kept.length / PAGE_SIZE));
  const current = Math.min(page, pages - 1);
  const shown = kept.subarray(current * PAGE_SIZE, (current + 1) * PAGE_SIZE);
  const filtered = (apply: () => void) => {
    apply();
    setPage(0);
  };
  // Each header cycles: its first direction (count: largest first; length: shortest first),
  // the other direction, back to the file's order.
  const toggleSort = (by: SortKey) =>
    filtered(() =>
      setSort((s) => {
        const first = by === "count";
        if (s.by !== by) return { by, descending: first };
        return s.descending === first ? { by, descending: !first } : FILE_ORDER;
      }),
    );
  const ariaSort = (by: SortKey) =>
    sort.by !== by ? "none" : sort.descending ? "descending" : "ascending";
  const chosenColumn = column === null ? undefined : view.columns[column];
  const L = view.reportingLength;

  return (
    <section id="sc-aggregates" className="sc-section" aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`}>Reportable counts</h2>
      <p>
        Every row of aggregates.csv: a combination of up to {L} values and how many people in the
        original data share it, as published. Sort by count or length with the column headers.
      </p>
      <div className="sc-filters">
        <label>
          Contains
          <input
            type="search"
            value={text}
            placeholder="e.g. female 2019"
            onChange={(e) => filtered(() => setText(e.target.value))}
          />
        </label>
        <label>
          Column
          <select
            value={column ?? ""}
            onChange={(e) =>
              filtered(() => {
                setColumn(e.target.value === "" ? null : Number(e.target.value));
                setValue(null);
              })
            }
          >
            <option value="">any column</option>
            {view.columns.map((c, i) => (
              <option key={c.name} value={i}>
                {c.name}
              </option>
            ))}
          </select>
        </label>
        <label>
          Value
          <select
            value={value ?? ""}
            disabled={chosenColumn === undefined}
            onChange={(e) =>
              filtered(() => setValue(e.target.value === "" ? null : Number(e.target.value)))
            }
          >
            <option value="">any value</option>
            {chosenColumn?.values.map((v, i) => (
              <option key={v} value={i}>
                {tableLabel(chosenColumn, v)}
              </option>
            ))}
          </select>
        </label>
        <label>
          Length
          <select
            value={length ?? ""}
            onChange={(e) =>
              filtered(() => setLength(e.target.value === "" ? null : Number(e.target.value)))
            }
          >
            <option value="">any length</option>
            {Array.from({ length: L }, (_, i) => i + 1).map((n) => (
              <option key={n} value={n}>
                {n} {n === 1 ? "value" : "values"}
              </option>
            ))}
          </select>
        </label>
      </div>
      <p className="sc-table-status" aria-live="polite">
        {kept.length === rows.size
          ? `${formatCount(rows.size)} combinations.`
          : `${formatCount(kept.length)} of ${formatCount(rows.size)} combinations match.`}
        {kept.length > PAGE_SIZE &&
          ` Showing ${formatCount(current * PAGE_SIZE + 1)}–${formatCount(current * PAGE_SIZE + shown.length)}.`}
      </p>
      <div className="sc-table-wrap">
        <table className="sc-table">
          <caption className="cg-sr">Reportable counts, page {current + 1}</caption>
          <thead>
            <tr>
              <th scope="col">Combination</th>
              <th scope="col" aria-sort={ariaSort("length")} className="sc-num">
                <button type="button" onClick={() => toggleSort("length")}>
                  Length
                  <SortMark sort={sort} by="length" />
                </button>
              </th>
              <th scope="col" aria-sort={ariaSort("count")} className="sc-num">
                <button type="button" onClick={() => toggleSort("count")}>
                  Count
                  <SortMark sort={sort} by="count" />
                </button>
              </th>
            </tr>
          </thead>
          <tbody>
            {Array.from(shown, (r) => (
              <Row
                key={r}
                view={view}
                ids={rows.ids}
                from={rows.offsets[r]!}
                to={rows.offsets[r + 1]!}
                count={rows.counts[r]!}
              />
            ))}
          </tbody>
        </table>
      </div>
      {pages > 1 && (
        <nav className="sc-pager" aria-label="Pages of the reportable counts">
          <button type="button" disabled={current === 0} onClick={() => setPage(0)}>
            First
          </button>
          <button type="button" disabled={current === 0} onClick={() => setPage(current - 1)}>
            Previous
          </button>
          <span>
            Page {formatCount(current + 1)} of {formatCount(pages)}
          </span>
          <button
            type="button"
            disabled={current >= pages - 1}
            onClick={() => setPage(current + 1)}
          >
            Next
          </button>
          <button type="button" disabled={current >= pages - 1} onClick={() => setPage(pages - 1)}>
            Last
          </button>
        </nav>
      )}
    </section>
  );
}

function SortMark({ sort, by }: { sort: AggregateSort; by: SortKey }) {
  if (sort.by !== by) return null;
  return (
    <span aria-hidden="true" className="sc-sort-mark">
      {sort.descending ? " ▼" : " ▲"}
    </span>
  );
}

interface RowProps {
  view: ReleaseView;
  ids: Uint32Array;
  from: number;
  to: number;
  count: number;
}

function Row({ view, ids, from, to, count }: RowProps) {
  const pairs: { column: string; value: string }[] = [];
  for (let p = from; p < to; p++) {
    const id = ids[p]!;
    const column = view.columns[view.attributeColumn[id]!]!;
    const value = column.values[id - column.firstAttribute]!;
    pairs.push({ column: column.name, value: tableLabel(column, value) });
  }
  return (
    <tr>
      <td>
        <ul className="sc-combination">
          {pairs.map((pair) => (
            <li key={`${pair.column}:${pair.value}`}>
              <span className="sc-pair-column">{pair.column}:</span> {pair.value}
            </li>
          ))}
        </ul>
      </td>
      <td className="sc-num">{to - from}</td>
      <td className="sc-num">{formatCount(count)}</td>
    </tr>
  );
}
