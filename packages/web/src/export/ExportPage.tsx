/**
 * Step 6, Export: the release (public files of docs/design.md §7) as a zip, after its statement shown
 * verbatim; the private folder as a separate zip, with a warning.
 */
import { useState } from "react";
import type { Run } from "../synthesize/use-runs.js";
import { Page } from "../ui/Page.js";
import { type FocusProps, RunPicker, useFocusedRun } from "../ui/RunPicker.js";
import { type ZipEntry, zipFilesInSteps } from "./zip.js";

/** The release of the run in focus (the one last explored or evaluated), else the latest. */
export function ExportPage({ runs, ...focus }: { runs: Run[] } & FocusProps) {
  const done = runs.filter((r) => r.result);
  const [focused, pick] = useFocusedRun(done, focus);
  const [understood, setUnderstood] = useState(false);
  // The zip is assembled in steps (no long task on the page), then saved.
  const [preparing, setPreparing] = useState<string | undefined>(undefined);
  const [failure, setFailure] = useState<string | undefined>(undefined);
  const save = (name: string, files: readonly ZipEntry[]) => {
    setPreparing(name);
    setFailure(undefined);
    zipFilesInSteps({ files })
      .then(
        (bytes) => download(name, bytes),
        (e: unknown) => setFailure(e instanceof Error ? e.message : String(e)),
      )
      .finally(() => setPreparing(undefined));
  };
  if (done.length === 0) {
    return (
      <Page id="export" title="6. Export">
        <p>Finish a run on the Synthesize step to export its release.</p>
      </Page>
    );
  }
  const run = focused!;
  const result = run.result!;
  const base = slug(
    result.manifest.title || run.fileName.replace(/^.*\//, "").replace(/\.\w+$/, ""),
  );
  return (
    <Page id="export" title="6. Export">
      <RunPicker label="Run to export" runs={done} value={run.id} onChange={pick} />
      <h3>What this release guarantees</h3>
      <blockquote className="statement" data-testid="statement">
        {result.manifest.statement}
      </blockquote>
      <h3>The release (safe to publish)</h3>
      <ul>
        {result.public.map((f) => (
          <li key={f.name}>
            {f.name} ({size(f.bytes.length)})
          </li>
        ))}
      </ul>
      <p>
        <button
          type="button"
          className="primary"
          disabled={preparing !== undefined}
          onClick={() => save(`${base}-release.zip`, result.public)}
        >
          Download the release (zip)
        </button>
      </p>
      {preparing && <p role="status">Preparing {preparing}…</p>}
      {failure && (
        <p role="alert" className="error">
          The zip could not be made: {failure}
        </p>
      )}
      <h3>The private folder (never publish)</h3>
      <div className="warning" role="note">
        <p>
          <strong>Do not publish or share these files.</strong> The risk analysis and the evaluation
          are computed from the sensitive data, and run.json holds the seed and the settings. Keep
          them with the sensitive data.
        </p>
      </div>
      <ul>
        {result.private.map((f) => (
          <li key={f.name}>
            {f.name} ({size(f.bytes.length)})
          </li>
        ))}
      </ul>
      <label className="radio">
        <input
          type="checkbox"
          checked={understood}
          onChange={(e) => setUnderstood(e.target.checked)}
        />
        I understand that the private folder must stay with the sensitive data.
      </label>
      <p>
        <button
          type="button"
          disabled={!understood || preparing !== undefined}
          onClick={() => save(`${base}-PRIVATE.zip`, result.private)}
        >
          Download the private folder (zip)
        </button>
      </p>
    </Page>
  );
}

function slug(text: string): string {
  return (
    text
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, "-")
      .replace(/^-|-$/g, "")
      .slice(0, 60) || "commonground"
  );
}

function size(bytes: number): string {
  return bytes < 1024
    ? `${bytes} B`
    : bytes < 1 << 20
      ? `${(bytes / 1024).toFixed(1)} KB`
      : `${(bytes / (1 << 20)).toFixed(1)} MB`;
}

/** Saves bytes as a file through a temporary object URL (no network, nothing stored). */
export function download(name: string, bytes: Uint8Array): void {
  const url = URL.createObjectURL(new Blob([bytes as BlobPart], { type: "application/zip" }));
  const a = document.createElement("a");
  a.href = url;
  a.download = name;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
