/**
 * Step 1, Data: open a CSV/TSV (picker, drag and drop, or the bundled sample), see its size at
 * once, preview every row, choose columns and how to read them.
 */
import { useState } from "react";
import type { DataSettings, RunMode } from "../app/settings.js";
import type { FileState } from "../app/use-file.js";
import { ErrorBox } from "../ui/ErrorBox.js";
import { Help } from "../ui/Help.js";
import { ListInput } from "../ui/ListInput.js";
import { Page } from "../ui/Page.js";
import { Progress } from "../ui/Progress.js";
import { ColumnSettings } from "./ColumnSettings.js";
import { Preview } from "./Preview.js";
import { UnknownCells } from "./UnknownCells.js";
import { ValueEditor } from "./ValueEditor.js";

export function DataPage({
  file,
  settings,
  onSettings,
  onOpen,
  onSample,
  mode,
}: {
  file: FileState;
  settings: DataSettings;
  onSettings: (s: DataSettings) => void;
  onOpen: (f: File) => void;
  onSample: () => void;
  /** The synthesis mode chosen (its default sets which unknown cells are published). */
  mode?: RunMode;
}) {
  const [dragging, setDragging] = useState(false);
  const open = file.open;
  const int = (n: number) => n.toLocaleString("en-US");
  return (
    <Page id="data" title="1. Data">
      <p>
        Open the spreadsheet of records (CSV or TSV, first line naming the columns). It is read on
        this computer only: nothing is uploaded, and closing this tab forgets it.
      </p>
      {/* biome-ignore lint/a11y/noStaticElementInteractions: dropping a file is a shortcut; the file input inside does the same from the keyboard */}
      <div
        className={`drop-zone${dragging ? " dragging" : ""}`}
        onDragOver={(e) => {
          e.preventDefault();
          setDragging(true);
        }}
        onDragLeave={() => setDragging(false)}
        onDrop={(e) => {
          e.preventDefault();
          setDragging(false);
          const f = e.dataTransfer.files[0];
          if (f) onOpen(f);
        }}
      >
        <label className="file-label">
          <span>Data file (CSV or TSV)</span>
          <input
            type="file"
            accept=".csv,.tsv,.txt,text/csv,text/tab-separated-values"
            // Cleared as a choice starts (choosing the same file again still reads it), not
            // after: the input keeps showing the file chosen.
            onClick={(e) => {
              e.currentTarget.value = "";
            }}
            onChange={(e) => {
              const f = e.target.files?.[0];
              if (f) onOpen(f);
            }}
          />
        </label>
        <span className="muted">or drop the file here, or</span>
        <button type="button" onClick={onSample}>
          Load the bundled sample (simulated cases)
        </button>
      </div>
      {file.reading && (
        <Progress
          label={`Reading ${file.reading.name}`}
          phase={`Reading ${file.reading.name}`}
          fraction={file.reading.fraction}
        />
      )}
      {file.error && <ErrorBox error={file.error} title="The file could not be read" />}
      {open && (
        <>
          <p className="file-facts" data-testid="file-facts">
            <strong>{open.profile.fileName}</strong>: {int(open.profile.rows)} rows,{" "}
            {int(open.profile.columns.length)} columns ({(open.profile.bytes / 1024).toFixed(0)} KB,
            separated by {open.profile.delimiter === "\t" ? "tabs" : `"${open.profile.delimiter}"`})
          </p>
          <Preview
            client={open.client}
            header={open.profile.columns.map((c) => c.name)}
            facts={open.profile.columns.map(
              (c) => `${int(c.distinct)} distinct · ${int(c.empty)} empty`,
            )}
            rows={open.profile.rows}
          />
          <ColumnSettings
            profile={open.profile}
            client={open.client}
            settings={settings}
            onChange={onSettings}
            {...(mode && { mode })}
          />
          <ValueEditor
            profile={open.profile}
            client={open.client}
            settings={settings}
            onChange={onSettings}
          />
          <section aria-labelledby="reading-title">
            <h3 id="reading-title">Missing values and description</h3>
            <label className="field" htmlFor="missing-tokens">
              <span>Values meaning “missing”, separated by commas (the empty cell always is)</span>
              <ListInput
                id="missing-tokens"
                value={settings.missing}
                placeholder="unknown, n/a"
                onChange={(missing) => onSettings({ ...settings, missing })}
              />
            </label>
            <details className="help">
              <summary>Values meaning “missing” in one column only</summary>
              {settings.columns.map((name) => (
                <label key={name} className="field" htmlFor={`missing-${name}`}>
                  <span>{name}</span>
                  <ListInput
                    id={`missing-${name}`}
                    value={settings.missingByColumn?.[name] ?? []}
                    placeholder="none"
                    onChange={(tokens) =>
                      onSettings({
                        ...settings,
                        missingByColumn: { ...settings.missingByColumn, [name]: tokens },
                      })
                    }
                  />
                </label>
              ))}
            </details>
            <UnknownCells settings={settings} onSettings={onSettings} {...(mode && { mode })} />
            <Help topic="missing" />
            <label className="field">
              <span>Title of the release</span>
              <input
                value={settings.title ?? ""}
                onChange={(e) => onSettings({ ...settings, title: e.target.value })}
              />
            </label>
            <label className="field">
              <span>Description of the release</span>
              <textarea
                rows={2}
                value={settings.description ?? ""}
                onChange={(e) => onSettings({ ...settings, description: e.target.value })}
              />
            </label>
            <div className="inline">
              <label className="field">
                <span>Licence (its identifier, e.g. CC-BY-4.0)</span>
                <input
                  value={settings.license ?? ""}
                  onChange={(e) => onSettings({ ...settings, license: e.target.value })}
                />
              </label>
              <label className="field">
                <span>Version of the release (e.g. 2026.1)</span>
                <input
                  value={settings.releaseVersion ?? ""}
                  onChange={(e) => onSettings({ ...settings, releaseVersion: e.target.value })}
                />
              </label>
            </div>
          </section>
        </>
      )}
    </Page>
  );
}
