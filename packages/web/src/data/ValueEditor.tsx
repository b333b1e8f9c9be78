/**
 * Renaming and merging values of a column (core's recode), and reading numbers written
 * differently as one value: rare values merged into a broader one (two citizenships that each
 * describe a handful of people into "Other") stop making those people unique. The risk analysis
 * follows at once. Recodes name rare values: they stay in the private run.json.
 */
import { useEffect, useState } from "react";
import type { DataSettings } from "../app/settings.js";
import type { ProfileClient } from "../worker/profile-client.js";
import type { FileProfile, ValueList } from "./raw-table.js";

export function ValueEditor({
  profile,
  client,
  settings,
  onChange,
}: {
  profile: FileProfile;
  client: Pick<ProfileClient, "values">;
  settings: DataSettings;
  onChange: (s: DataSettings) => void;
}) {
  const used = profile.columns.filter((c) => settings.columns.includes(c.name));
  const [column, setColumn] = useState(used[0]?.name ?? "");
  const [list, setList] = useState<ValueList | undefined>(undefined);
  const [chosen, setChosen] = useState<Set<string>>(new Set());
  const [name, setName] = useState("Other");
  const delimiter = settings.multiValue[column];
  useEffect(() => {
    let live = true;
    setList(undefined);
    setChosen(new Set());
    if (column !== "")
      void client.values(column, delimiter).then((l) => {
        if (live) setList(l);
      });
    return () => {
      live = false;
    };
  }, [client, column, delimiter]);
  if (used.length === 0) return null;
  const recodes = settings.recode?.[column] ?? {};
  const setRecodes = (map: Record<string, string>) => {
    const recode = { ...settings.recode, [column]: map };
    if (Object.keys(map).length === 0) delete recode[column];
    onChange({ ...settings, recode });
  };
  const merge = () => {
    const target = name.trim();
    if (target === "" || chosen.size === 0) return;
    const map = { ...recodes };
    for (const v of chosen) map[v] = target;
    setRecodes(map);
    setChosen(new Set());
  };
  const normalized = new Set(settings.normalizeNumbers ?? []);
  const numeric = profile.columns.find((c) => c.name === column)?.numeric === true;
  return (
    <section aria-labelledby="values-title">
      <h3 id="values-title">Rename or merge values</h3>
      <p>
        Values that few people share make them easy to single out. Merging them into a broader value
        (two rare citizenships into "Other") protects those people and keeps their records in the
        release. The renaming stays private: it is kept with the run's settings, never published.
      </p>
      <label className="field">
        <span>Column</span>
        <select value={column} onChange={(e) => setColumn(e.target.value)}>
          {used.map((c) => (
            <option key={c.name} value={c.name}>
              {c.name}
            </option>
          ))}
        </select>
      </label>
      {numeric && (
        <label className="inline">
          <input
            type="checkbox"
            checked={normalized.has(column)}
            onChange={(e) => {
              const rest = [...normalized].filter((c) => c !== column);
              onChange({
                ...settings,
                normalizeNumbers: e.target.checked ? [...rest, column] : rest,
              });
            }}
          />
          Read a number written differently as one value (2016.0 and 2016)
        </label>
      )}
      {list === undefined ? (
        <p className="muted">Reading the values…</p>
      ) : (
        <fieldset className="value-list">
          <legend>
            Values of {column}, rarest first
            {list.total > list.values.length &&
              ` (the ${list.values.length.toLocaleString("en-US")} rarest of ${list.total.toLocaleString("en-US")})`}
          </legend>
          <ul>
            {list.values.map((v) => (
              <li key={v.value}>
                <label className="inline">
                  <input
                    type="checkbox"
                    checked={chosen.has(v.value)}
                    onChange={(e) => {
                      const next = new Set(chosen);
                      if (e.target.checked) next.add(v.value);
                      else next.delete(v.value);
                      setChosen(next);
                    }}
                  />
                  {v.value} ({v.count.toLocaleString("en-US")} row{v.count === 1 ? "" : "s"})
                  {recodes[v.value] !== undefined && (
                    <span className="muted"> → {recodes[v.value]}</span>
                  )}
                </label>
              </li>
            ))}
          </ul>
        </fieldset>
      )}
      <div className="inline">
        <label className="field">
          <span>New value for the ticked ones</span>
          <input value={name} onChange={(e) => setName(e.target.value)} />
        </label>
        <button type="button" onClick={merge} disabled={chosen.size === 0 || name.trim() === ""}>
          Rename {chosen.size > 0 ? chosen.size : ""} to “{name.trim()}”
        </button>
      </div>
      {Object.keys(recodes).length > 0 && (
        <>
          <p>Renamed in {column}:</p>
          <ul>
            {Object.entries(recodes).map(([from, to]) => (
              <li key={from}>
                {from} → {to}{" "}
                <button
                  type="button"
                  onClick={() => {
                    const map = { ...recodes };
                    delete map[from];
                    setRecodes(map);
                  }}
                >
                  Undo {from}
                </button>
              </li>
            ))}
          </ul>
        </>
      )}
    </section>
  );
}
