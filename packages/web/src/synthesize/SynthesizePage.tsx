/**
 * Step 3, Synthesize: settings, Start, and the session's runs side by side, each in its own
 * worker with progress, elapsed time and Cancel. DP runs show the ε spent in this session.
 */
import type { Resolution, SynthesisSettings } from "../app/settings.js";
import { ErrorBox } from "../ui/ErrorBox.js";
import { Page } from "../ui/Page.js";
import { Progress } from "../ui/Progress.js";
import { SynthesisForm } from "./SynthesisForm.js";
import { epsilonSpent, type Run, runSettings } from "./use-runs.js";

export function SynthesizePage({
  settings,
  onSettings,
  resolution,
  columns,
  fileName,
  runs,
  onStart,
  onCancel,
  onRemove,
  canStart,
}: {
  settings: SynthesisSettings;
  onSettings: (s: SynthesisSettings) => void;
  resolution: Resolution;
  columns: string[];
  fileName: string;
  runs: Run[];
  onStart: () => void;
  onCancel: (id: number) => void;
  onRemove: (id: number) => void;
  canStart: boolean;
}) {
  const spent = epsilonSpent(runs, fileName);
  const dpRuns = runs.filter((r) => r.fileName === fileName && r.synthesis.mode === "dp").length;
  return (
    <Page id="synthesize" title="3. Synthesize">
      <p>
        Make synthetic records and reportable counts with k = {resolution.k} and L ={" "}
        {resolution.length} (set on the Risk step). You can make several runs and compare them.
      </p>
      <SynthesisForm settings={settings} onChange={onSettings} columns={columns} />
      {(spent > 0 || settings.mode === "dp") && (
        <div className="budget" role="status" data-testid="epsilon-spent">
          <p>
            <strong>
              ε spent on {fileName} in this session: {formatEpsilon(spent)}
            </strong>
            {dpRuns > 0 && ` (${dpRuns} DP run${dpRuns === 1 ? "" : "s"})`}.
          </p>
          <p>
            Every DP run uses the budget, even one you do not publish: comparing several DP runs and
            publishing one of them costs the sum of their budgets.
          </p>
        </div>
      )}
      <p>
        <button type="button" className="primary" onClick={onStart} disabled={!canStart}>
          Start the run
        </button>
        {!canStart && (
          <span className="muted"> Open a file and choose at least one column first.</span>
        )}
      </p>
      <h3>Runs</h3>
      {runs.length === 0 && <p className="muted">No runs yet.</p>}
      <ul className="runs">
        {runs.map((r) => (
          <RunCard key={r.id} run={r} onCancel={onCancel} onRemove={onRemove} />
        ))}
      </ul>
    </Page>
  );
}

function formatEpsilon(x: number): string {
  return String(Number(x.toPrecision(6)));
}

function RunCard({
  run,
  onCancel,
  onRemove,
}: {
  run: Run;
  onCancel: (id: number) => void;
  onRemove: (id: number) => void;
}) {
  const seconds = run.endedAt ? ((run.endedAt - run.startedAt) / 1000).toFixed(1) : undefined;
  const status = {
    running: "Running",
    done: "Finished",
    failed: "Failed",
    cancelled: "Cancelled",
  }[run.status];
  return (
    <li className={`run run-${run.status}`} aria-label={run.name} data-testid={`run-${run.id}`}>
      <div className="run-head">
        <strong>{run.name}</strong>
        <span className="run-status">
          {status}
          {seconds && ` in ${seconds} s`}
        </span>
      </div>
      <p className="run-settings muted">{runSettings(run)}</p>
      {run.status === "running" && (
        <>
          <Progress
            label={`Progress of ${run.name}`}
            phase={run.phase}
            fraction={run.fraction}
            startedAt={run.startedAt}
          />
          <button type="button" onClick={() => onCancel(run.id)}>
            Cancel
          </button>
        </>
      )}
      {run.status === "failed" && run.error && (
        <ErrorBox error={run.error} title="The run failed" />
      )}
      {run.result && (
        <div className="run-result">
          <p>
            {run.result.syntheticRecords.toLocaleString("en-US")} synthetic records from{" "}
            {run.result.records.toLocaleString("en-US")} real ones.
          </p>
          <p className="statement">{run.result.manifest.statement}</p>
          {run.result.evaluation && (
            <ul>
              {run.result.evaluation.summary.map((l) => (
                <li key={l}>{l}</li>
              ))}
            </ul>
          )}
        </div>
      )}
      {run.warnings.length > 0 && (
        <details>
          <summary>{run.warnings.length} warning(s)</summary>
          <ul>
            {run.warnings.map((w) => (
              <li key={w}>{w}</li>
            ))}
          </ul>
        </details>
      )}
      {run.status !== "running" && (
        <button type="button" onClick={() => onRemove(run.id)}>
          Remove {run.name.split(":")[0]}
        </button>
      )}
    </li>
  );
}
