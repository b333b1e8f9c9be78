/**
 * Step 4, Evaluate: how faithful a run is (docs/design.md §6) as a table and charts, with the summary in
 * plain words; any two runs side by side. Computed from the sensitive data: private.
 */
import { useState } from "react";
import type { Run } from "../synthesize/use-runs.js";
import { BarList } from "../ui/BarList.js";
import { Page } from "../ui/Page.js";
import { type FocusProps, RunPicker, useFocusedRun } from "../ui/RunPicker.js";
import { ScrollBox } from "../ui/ScrollBox.js";
import { comparisonSpecs, evaluationSpecs, metricRows } from "./metrics.js";

export function EvaluatePage({ runs, ...focus }: { runs: Run[] } & FocusProps) {
  const done = runs.filter((r) => r.result?.evaluation);
  const [secondId, setSecond] = useState<number | undefined>(undefined);
  const [focused, pick] = useFocusedRun(done, focus);
  if (done.length === 0) {
    return (
      <Page id="evaluate" title="4. Evaluate">
        <p>Finish a run on the Synthesize step to see how faithful it is.</p>
      </Page>
    );
  }
  const first = focused!;
  const second = done.find((r) => r.id === secondId && r.id !== first.id);
  const shown = second ? [first, second] : [first];
  const rows = metricRows(shown.map((r) => r.result!.evaluation!));
  return (
    <Page id="evaluate" title="4. Evaluate">
      <p>
        These figures compare the release with the sensitive data. They are for you: they go to the
        private folder, never into the release.
      </p>
      <div className="field-row">
        <RunPicker label="Run" runs={done} value={first.id} onChange={pick} />
        <label className="field">
          <span>Compare with</span>
          <select
            value={second?.id ?? ""}
            onChange={(e) => setSecond(e.target.value === "" ? undefined : Number(e.target.value))}
          >
            <option value="">no other run</option>
            {done
              .filter((r) => r.id !== first.id)
              .map((r) => (
                <option key={r.id} value={r.id}>
                  {r.name}
                </option>
              ))}
          </select>
        </label>
      </div>
      <ScrollBox label="Evaluation figures">
        <table className="metrics" data-testid="metrics">
          <caption>Evaluation of {shown.map((r) => r.name).join(" and ")}</caption>
          <thead>
            <tr>
              <th scope="col">Measure</th>
              {shown.map((r) => (
                <th scope="col" key={r.id}>
                  {r.name}
                </th>
              ))}
              <th scope="col">Better when</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((m) => (
              <tr key={m.name}>
                <th scope="row">
                  {m.name}
                  <span className="meaning">{m.meaning}</span>
                </th>
                {m.values.map((v, i) => (
                  <td key={shown[i]!.id}>{v}</td>
                ))}
                <td>{m.better}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </ScrollBox>
      {second && (
        <section aria-label="The two runs compared">
          <h3>
            {first.name} and {second.name}, compared
          </h3>
          <div className="charts">
            {comparisonSpecs(
              shown.map((r) => ({
                label: r.name.split(":")[0]!,
                evaluation: r.result!.evaluation!,
              })),
            ).map((spec) => (
              <BarList key={spec.title} spec={spec} />
            ))}
          </div>
        </section>
      )}
      {shown.map((r) => (
        <section key={r.id} aria-label={`Summary of ${r.name}`}>
          <h3>{r.name}: in plain words</h3>
          <ul>
            {r.result!.evaluation!.summary.map((l) => (
              <li key={l}>{l}</li>
            ))}
          </ul>
          <div className="charts">
            {evaluationSpecs(r.result!.evaluation!).map((spec) => (
              <BarList key={spec.title} spec={spec} />
            ))}
          </div>
        </section>
      ))}
    </Page>
  );
}
