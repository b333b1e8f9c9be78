/** The Explore view's choice of columns to chart: one checkbox per column, in column order. */
import type { ViewColumn } from "./release-view.js";

export interface ColumnChooserProps {
  columns: readonly Pick<ViewColumn, "name" | "kind">[];
  /** Indices of the columns shown. */
  chosen: readonly number[];
  /** Called with the new indices, ascending. */
  onChange: (chosen: number[]) => void;
}

/** Checkboxes choosing which columns are charted. */
export function ColumnChooser({ columns, chosen, onChange }: ColumnChooserProps) {
  const toggle = (c: number) => {
    const next = chosen.includes(c) ? chosen.filter((x) => x !== c) : [...chosen, c];
    onChange(next.sort((a, b) => a - b));
  };
  return (
    <fieldset className="cg-chooser">
      <legend>Columns to chart</legend>
      <ul className="cg-chooser-list">
        {columns.map((column, c) => (
          <li key={column.name}>
            <label>
              <input type="checkbox" checked={chosen.includes(c)} onChange={() => toggle(c)} />{" "}
              {column.name}
              {column.kind === "multi" && <span className="cg-muted"> (several values)</span>}
            </label>
          </li>
        ))}
      </ul>
    </fieldset>
  );
}
