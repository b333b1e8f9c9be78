/**
 * The release-wide choice of which columns' unknown (missing) cells are published, as the value
 * "(missing)" shown as "Unknown" (docs/design.md §12): the synthesis mode's default (core decides), every
 * column, none, or the columns ticked in the columns table. Under DP they always are.
 */
import { REPORT_MISSING_DEFAULTS } from "@commonground/core/internal";
import type { DataSettings, ReportMissingChoice, RunMode } from "../app/settings.js";

const MODE_NAMES: Record<RunMode, string> = {
  "row-seeded": "row-seeded",
  "value-seeded": "value-seeded",
  unseeded: "unseeded",
  "aggregate-seeded": "aggregate-seeded",
  dp: "differential privacy",
};

type Choice = ReportMissingChoice | "default";

export function UnknownCells({
  settings,
  onSettings,
  mode = "row-seeded",
}: {
  settings: DataSettings;
  onSettings: (s: DataSettings) => void;
  mode?: RunMode;
}) {
  const dp = mode === "dp";
  const choice: Choice = dp ? "all" : (settings.reportMissing ?? "default");
  const byDefault =
    REPORT_MISSING_DEFAULTS[mode] === "all" ? "published for every column" : "not published";
  const options: { value: Choice; label: string }[] = [
    {
      value: "default",
      label: `The default of the synthesis method chosen in step 3 (${MODE_NAMES[mode]}: ${byDefault})`,
    },
    { value: "all", label: "Publish them for every column" },
    { value: "none", label: "Never publish them" },
    { value: "columns", label: "Publish them for the columns ticked under “Publish unknown”" },
  ];
  const set = (value: Choice) => {
    const next: DataSettings = { ...settings };
    if (value === "default") delete next.reportMissing;
    else next.reportMissing = value;
    if (value === "columns" && next.reportMissingColumns === undefined) {
      next.reportMissingColumns = [];
    }
    onSettings(next);
  };
  return (
    <fieldset className="unknown-cells" disabled={dp} aria-describedby="unknown-cells-note">
      <legend>Unknown (missing) cells</legend>
      <p id="unknown-cells-note" className="muted">
        {dp
          ? "Under differential privacy unknown cells are always counted, for every column."
          : "Published, a column’s empty cells are counted as the value “(missing)”, shown as “Unknown”, so readers see how much is not known; like any value, it is only reported when enough people share it. Not published, they are left out of the counts."}
      </p>
      {options.map((o) => (
        <label key={o.value} className="radio">
          <input
            type="radio"
            name="unknown-cells"
            value={o.value}
            checked={choice === o.value}
            onChange={() => set(o.value)}
          />
          {o.label}
        </label>
      ))}
    </fieldset>
  );
}
