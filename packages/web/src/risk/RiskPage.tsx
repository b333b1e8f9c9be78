/**
 * Step 2, Risk: privacy resolution k and reporting length L, and the live risk analysis of the
 * sensitive data under them (recomputed, the previous run cancelled, as settings change).
 */
import type { Resolution } from "../app/settings.js";
import { BarList } from "../ui/BarList.js";
import { ErrorBox } from "../ui/ErrorBox.js";
import { Help } from "../ui/Help.js";
import { NumberField } from "../ui/NumberField.js";
import { Page } from "../ui/Page.js";
import { Progress } from "../ui/Progress.js";
import { byLengthSpecs, linkabilitySpecs } from "./risk-charts.js";
import type { RiskState } from "./use-risk.js";

export function RiskPage({
  resolution,
  onResolution,
  risk,
  columns,
}: {
  resolution: Resolution;
  onResolution: (r: Resolution) => void;
  risk: RiskState;
  columns: number;
}) {
  const r = risk.risk;
  return (
    <Page id="risk" title="2. Risk">
      <p>
        How exposed are the people in this data? A record is at risk when a combination of its
        attributes is held by fewer than k people: someone who knows those attributes could pick the
        person out. The figures below are computed from the sensitive data and are never published.
      </p>
      <div className="field-row">
        <NumberField
          label="Privacy resolution k"
          value={resolution.k}
          option="k"
          onChange={(k) => onResolution({ ...resolution, k })}
        />
        <NumberField
          label="Reporting length L"
          value={resolution.length}
          option="length"
          max={Math.max(1, columns)}
          onChange={(length) => onResolution({ ...resolution, length })}
        />
      </div>
      <Help topic="k" />
      <Help topic="length" />
      {risk.running && (
        <Progress label="Risk analysis" phase={risk.phase ?? "Working"} fraction={risk.fraction} />
      )}
      {risk.error && <ErrorBox error={risk.error} title="The risk analysis failed" />}
      {risk.warnings.length > 0 && (
        <ul className="warnings">
          {risk.warnings.map((w) => (
            <li key={w}>{w}</li>
          ))}
        </ul>
      )}
      {r && (
        <div className={risk.running ? "stale" : ""} data-testid="risk-results">
          <p className="headline">
            <strong>{r.total.uniquePercent.toFixed(1)} %</strong> of the{" "}
            {r.records.toLocaleString("en-US")} records hold a combination of up to{" "}
            {r.reportingLength} attributes that no other person has (unique), and{" "}
            <strong>{r.total.rarePercent.toFixed(1)} %</strong> more one that fewer than {r.k}{" "}
            people share (rare). {r.total.reportableCombinations.toLocaleString("en-US")} of{" "}
            {r.total.combinations.toLocaleString("en-US")} combinations can be reported.
          </p>
          <div className="charts">
            {[...byLengthSpecs(r), ...linkabilitySpecs(r)].map((spec) => (
              <BarList key={spec.title} spec={spec} />
            ))}
          </div>
        </div>
      )}
    </Page>
  );
}
