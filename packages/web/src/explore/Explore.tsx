/**
 * The Explore view of docs/design.md §9, shared by the web app and the offline showcase: pick columns,
 * click bars to select values (AND across columns), and read for each value the synthetic
 * count and, where the release has one, the reportable count. Everything is computed from the
 * ReleaseView in memory: no worker, no network, no storage. Give it `key={…}` per release so
 * that its state starts afresh when the release changes.
 */
import {
  clearAll,
  columnCounts,
  describeSelection,
  EMPTY_SELECTION,
  matchRecords,
  removeValue,
  type Selection,
  toggleValue,
} from "@commonground/core/internal";
import { useId, useMemo, useState } from "react";
import { BarChart } from "./BarChart.js";
import { ColumnChooser } from "./ColumnChooser.js";
import { chartSpec, formatCount, reportingNote } from "./chart-spec.js";
import type { ReleaseView } from "./release-view.js";
import { SelectionChips } from "./SelectionChips.js";
import { shownLabel } from "./unknown.js";
import "./explore.css";

export interface ExploreProps {
  view: ReleaseView;
  /** Indices of the columns charted at first. Default: every column. */
  initialColumns?: readonly number[];
  /** Level of the view's heading; the charts' headings are one level below. Default 2. */
  headingLevel?: 2 | 3 | 4;
  /** Show the release's title and statement (false where the page already shows them). Default true. */
  showStatement?: boolean;
}

/** The whole Explore view of one release. */
export function Explore({
  view,
  initialColumns,
  headingLevel = 2,
  showStatement = true,
}: ExploreProps) {
  const id = useId();
  const Heading = `h${headingLevel}` as const;
  const [selection, setSelection] = useState<Selection>(EMPTY_SELECTION);
  const [chosen, setChosen] = useState<number[]>(() =>
    [...(initialColumns ?? view.columns.map((_, c) => c))].filter((c) => view.columns[c]),
  );
  const match = useMemo(() => matchRecords({ view, selection }), [view, selection]);
  const specs = useMemo(
    () =>
      chosen.map((column) =>
        chartSpec({ view, counts: columnCounts({ view, selection, column, match }) }),
      ),
    [view, selection, chosen, match],
  );
  const chips = useMemo(
    () =>
      describeSelection({ view, selection }).map((chip) => ({
        ...chip,
        label: shownLabel(view.columns[chip.column]!, chip.label),
      })),
    [view, selection],
  );
  const anyUnknown = view.columns.some((c) => c.missingLabel !== undefined);

  return (
    <section className="cg-explore" aria-labelledby={`${id}-title`}>
      <Heading id={`${id}-title`} tabIndex={-1}>
        Explore the release
      </Heading>
      {showStatement && view.title !== "" && <p className="cg-explore-title">{view.title}</p>}
      <p className="cg-explore-note">{reportingNote({ view })}</p>
      {showStatement && <p className="cg-statement">{view.statement}</p>}
      <ColumnChooser columns={view.columns} chosen={chosen} onChange={setChosen} />
      <SelectionChips
        chips={chips}
        onRemove={(chip) =>
          setSelection((s) =>
            removeValue({ view, selection: s, column: chip.column, value: chip.value }),
          )
        }
        onClearAll={() => setSelection(clearAll())}
      />
      <p className="cg-explore-status" aria-live="polite">
        {view.recordCount === 0
          ? "This release has no synthetic records: only reportable counts are shown."
          : `${formatCount(match.all.length)} of ${formatCount(view.recordCount)} synthetic records match the selection.`}
      </p>
      <ul className="cg-legend" aria-label="Legend">
        <li>
          <span className="cg-swatch cg-bar--synthetic" aria-hidden="true" /> upper bar, first
          number: synthetic records
        </li>
        <li>
          <span className="cg-swatch cg-bar--reportable" aria-hidden="true" /> lower bar, second
          number: reportable count (aggregates.csv)
        </li>
        {anyUnknown && (
          <li>
            <span className="cg-swatch cg-bar--unknown" aria-hidden="true" /> grey hatched bars,
            “Unknown”, listed last: records with no value in that column (“(missing)” in the files)
          </li>
        )}
      </ul>
      <div className="cg-charts">
        {specs.map((spec) => (
          <BarChart
            key={spec.column}
            spec={spec}
            headingLevel={(headingLevel + 1) as 3 | 4 | 5}
            onToggle={(value) =>
              setSelection((s) => toggleValue({ view, selection: s, column: spec.column, value }))
            }
          />
        ))}
      </div>
    </section>
  );
}
