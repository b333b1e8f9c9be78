/**
 * The columns at a glance: one card per column with its kind, number of values and coverage,
 * and a small table of its value distribution (reportable count, synthetic records, and a bar
 * of the synthetic records — or of the reportable count when there are no synthetic records).
 */
import { useMemo } from "react";
import { formatCount } from "../explore/chart-spec.js";
import type { ReleaseView } from "../explore/release-view.js";
import { type ColumnSummary, columnOverview } from "./column-overview.js";

export interface ColumnOverviewProps {
  view: ReleaseView;
}

/** The "Columns" section. */
export function ColumnOverview({ view }: ColumnOverviewProps) {
  const summaries = useMemo(() => columnOverview({ view }), [view]);
  return (
    <section id="sc-columns" className="sc-section" aria-labelledby="sc-columns-title">
      <h2 id="sc-columns-title">Columns</h2>
      <p>
        {formatCount(view.columns.length)} {view.columns.length === 1 ? "column" : "columns"}. For
        each: how its values are distributed, counted once in the reportable counts and once in the
        synthetic records.
      </p>
      <div className="sc-columns">
        {summaries.map((s) => (
          <ColumnCard key={s.column} summary={s} synthetic={view.recordCount > 0} />
        ))}
      </div>
    </section>
  );
}

const percent = (fraction: number) => `${(Math.min(1, fraction) * 100).toFixed(2)}%`;

function ColumnCard({ summary: s, synthetic }: { summary: ColumnSummary; synthetic: boolean }) {
  const id = `sc-column-${s.column}`;
  const kind =
    s.kind === "multi"
      ? `several values per record (separated by “${s.delimiter ?? ";"}”)`
      : "one value per record";
  return (
    <section className="sc-column" aria-labelledby={id}>
      <h3 id={id}>{s.name}</h3>
      <p className="sc-column-meta">
        {kind} · {formatCount(s.valueCount)} {s.valueCount === 1 ? "value" : "values"}
        {synthetic && ` · ${formatCount(s.withValue)} synthetic records have a value`}
      </p>
      <table className="sc-dist">
        <caption className="cg-sr">Values of {s.name}</caption>
        <thead>
          <tr>
            <th scope="col">Value</th>
            <th scope="col">Reportable</th>
            {synthetic && <th scope="col">Synthetic</th>}
          </tr>
        </thead>
        <tbody>
          {s.shown.map((v) => (
            <tr
              key={v.exact}
              className={v.unknown ? "sc-dist-unknown" : undefined}
              data-value={v.exact}
            >
              <th scope="row">
                <span
                  className="sc-dist-label"
                  title={
                    v.unknown ? `No value in this column: “${v.exact}” in the files` : undefined
                  }
                >
                  {v.label}
                </span>
                <span className="sc-dist-track" aria-hidden="true">
                  <span
                    className="sc-dist-bar"
                    style={{
                      width: percent((synthetic ? v.synthetic : (v.reportable ?? 0)) / s.scale),
                    }}
                  />
                </span>
              </th>
              <td>
                {v.reportable === null ? (
                  <>
                    <span aria-hidden="true">–</span>
                    <span className="cg-sr">not reported</span>
                  </>
                ) : (
                  formatCount(v.reportable)
                )}
              </td>
              {synthetic && <td>{formatCount(v.synthetic)}</td>}
            </tr>
          ))}
          {s.hidden.values > 0 && (
            <tr className="sc-dist-more">
              <th scope="row">
                {formatCount(s.hidden.values)} more {s.hidden.values === 1 ? "value" : "values"}
              </th>
              <td />
              {synthetic && <td>{formatCount(s.hidden.synthetic)}</td>}
            </tr>
          )}
        </tbody>
      </table>
    </section>
  );
}
