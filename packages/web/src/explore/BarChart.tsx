/**
 * One column of the Explore view as a bar chart in plain HTML/CSS (no chart library): a list
 * of rows, each a toggle button holding the value's label and its two bars — synthetic records
 * (solid, upper) and the reportable count (striped, lower) — with both numbers as text. The
 * bars live inside their label's row, so they can never drift out of line with it. The row of
 * a column's published missing cells reads "Unknown" and has grey, hatched bars (unknown.ts).
 */
import { useId } from "react";
import { type ChartRow, type ChartSpec, formatCount } from "./chart-spec.js";

export interface BarChartProps {
  spec: ChartSpec;
  /** Called with the value index of the row that was activated (click, Enter or Space). */
  onToggle: (value: number) => void;
  /** Level of the chart's heading. Default 3. */
  headingLevel?: 2 | 3 | 4 | 5;
}

const percent = (fraction: number) => `${(fraction * 100).toFixed(2)}%`;

/** A column's chart: one toggle button per value. */
export function BarChart({ spec, onToggle, headingLevel = 3 }: BarChartProps) {
  const id = useId();
  const Heading = `h${headingLevel}` as const;
  return (
    <section className="cg-chart" aria-labelledby={`${id}-name`}>
      <Heading className="cg-chart-name" id={`${id}-name`}>
        {spec.name}
      </Heading>
      <p className="cg-chart-hint">{spec.hint}</p>
      <ul className="cg-chart-rows">
        {spec.rows.map((row) => (
          <li key={row.value}>
            <BarRow row={row} onToggle={onToggle} />
          </li>
        ))}
      </ul>
    </section>
  );
}

/**
 * One value's row. Its accessible name is its own text — label, both numbers and, visually
 * hidden, the words between them — so what is seen is what is read out (axe: label in name).
 */
function BarRow({ row, onToggle }: { row: ChartRow; onToggle: (value: number) => void }) {
  return (
    <button
      type="button"
      className={row.unknown ? "cg-bar-row cg-bar-row--unknown" : "cg-bar-row"}
      aria-pressed={row.selected}
      title={row.text}
      data-value={row.exact}
      onClick={() => onToggle(row.value)}
    >
      <span className="cg-bar-label">{row.label}</span>
      <span className="cg-sr">: </span>
      <span className="cg-bar-pair">
        <span className="cg-bar-line">
          <span className="cg-bar-track" aria-hidden="true">
            <span
              className="cg-bar cg-bar--synthetic"
              style={{ width: percent(row.syntheticWidth) }}
            />
          </span>
          <span className="cg-bar-number" data-kind="synthetic">
            {formatCount(row.synthetic)}
          </span>
          <span className="cg-sr">
            {row.synthetic === 1 ? " synthetic record, " : " synthetic records, "}
          </span>
        </span>
        <span className="cg-bar-line">
          <span className="cg-bar-track" aria-hidden="true">
            <span
              className="cg-bar cg-bar--reportable"
              style={{ width: percent(row.reportableWidth) }}
            />
          </span>
          {row.reportable === null && <span className="cg-sr">reportable count: </span>}
          <span
            className={row.reportable === null ? "cg-bar-number cg-bar-missing" : "cg-bar-number"}
            data-kind="reportable"
          >
            {row.reportable === null ? row.missingText : formatCount(row.reportable)}
          </span>
          {row.reportable !== null && <span className="cg-sr"> reportable</span>}
        </span>
      </span>
    </button>
  );
}
