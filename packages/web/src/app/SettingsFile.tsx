/**
 * Settings in and out, as a file: save the current settings as the command line's config file
 * (a recipe a colleague can run in the app or with `commonground synthesize --config`), or load
 * one. Nothing is kept in the browser.
 */
import { useState } from "react";
import { type AppSettings, configOf, settingsOfConfig } from "./config-file.js";

export function SettingsFile({
  settings,
  onLoad,
}: {
  settings: AppSettings;
  onLoad: (s: AppSettings) => void;
}) {
  const [message, setMessage] = useState<{ error: boolean; text: string } | undefined>();
  const save = () => {
    const text = `${JSON.stringify(configOf(settings), null, 2)}\n`;
    const url = URL.createObjectURL(new Blob([text], { type: "application/json" }));
    const link = document.createElement("a");
    link.href = url;
    link.download = "commonground-settings.json";
    link.click();
    setTimeout(() => URL.revokeObjectURL(url), 0);
  };
  const load = async (file: File) => {
    let parsed: unknown;
    try {
      parsed = JSON.parse(await file.text());
    } catch {
      setMessage({ error: true, text: `${file.name} is not a settings file (not valid JSON).` });
      return;
    }
    const loaded = settingsOfConfig(parsed, settings);
    if (!loaded.ok) {
      setMessage({
        error: true,
        text: `${file.name} could not be loaded: ${loaded.problems.join(" ")}`,
      });
      return;
    }
    onLoad(loaded.settings);
    const ignored =
      loaded.ignored.length > 0
        ? ` Left aside (they are about running the command line): ${loaded.ignored.join(", ")}.`
        : "";
    setMessage({ error: false, text: `Settings loaded from ${file.name}.${ignored}` });
  };
  return (
    <section aria-labelledby="settings-file-title">
      <h3 id="settings-file-title">Settings file</h3>
      <p>
        Save these settings as a file to make the same release again later, or to hand the recipe to
        a colleague (it works in this app and with the command line's --config). It holds the seed
        and the column names, not the data: share it only with people allowed to see the data.
      </p>
      <p className="inline">
        <button type="button" onClick={save}>
          Save the settings
        </button>
        <label className="field">
          <span>Load settings from a file</span>
          <input
            type="file"
            accept=".json,application/json"
            onChange={(e) => {
              const file = e.target.files?.[0];
              if (file) void load(file);
              e.target.value = "";
            }}
          />
        </label>
      </p>
      {message && (
        <p role={message.error ? "alert" : "status"} className={message.error ? "error" : ""}>
          {message.text}
        </p>
      )}
    </section>
  );
}
