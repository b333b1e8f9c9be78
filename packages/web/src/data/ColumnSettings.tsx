/**
 * The per-column choices: use or not, multi-value delimiter, subject ID, numeric binning (with
 * a histogram preview), whether its unknown (missing) cells are published as a value. Each
 * column's distinct and empty counts are shown beside it.
 */
import { useState } from "react";
import { type DataSettings, type RunMode, reportedMissingColumns } from "../app/settings.js";
import { Help } from "../ui/Help.js";
import { ScrollBox } from "../ui/ScrollBox.js";
import type { ProfileClient } from "../worker/profile-client.js";
import { BinningPreview } from "./BinningPreview.js";
import { type FileProfile, identifierLike } from "./raw-table.js";

const DELIMITERS = [
  { value: "", label: "one value per cell" },
  { value: ";", label: "list separated by ;" },
  { value: "|", label: "list separated by |" },
  { value: ",", label: "list separated by ," },
];

type BinKind = "" | "edges" | "width" | "quantiles";

export function ColumnSettings({
  profile,
  client,
  settings,
  onChange,
  mode = "row-seeded",
}: {
  profile: FileProfile;
  client: ProfileClient;
  settings: DataSettings;
  onChange: (s: DataSettings) => void;
  /** The synthesis mode chosen (its default sets which unknown cells are published). */
  mode?: RunMode;
}) {
  const int = (n: number) => n.toLocaleString("en-US");
  /** Ticking an identifier-like column keeps it explicitly (core would leave it out). */
  const toggle = (name: string, on: boolean, identifier: boolean) => {
    const order = profile.columns.map((c) => c.name);
    const columns = on
      ? order.filter((n) => n === name || settings.columns.includes(n))
      : settings.columns.filter((n) => n !== name);
    const others = (settings.keepIdentifiers ?? []).filter((n) => n !== name);
    const keepIdentifiers = on && identifier ? [...others, name] : others;
    onChange({ ...settings, columns, keepIdentifiers });
  };
  const setDelimiter = (name: string, d: string) => {
    const multiValue = { ...settings.multiValue };
    if (d === "") delete multiValue[name];
    else multiValue[name] = d;
    onChange({ ...settings, multiValue });
  };
  const setSubject = (name: string) => {
    const subjectId = name === "" ? undefined : name;
    onChange({
      ...settings,
      subjectId,
      columns: settings.columns.filter((c) => c !== subjectId),
    });
  };
  const setBin = (name: string, spec: string | undefined) => {
    const bins = { ...settings.bins };
    if (spec === undefined) delete bins[name];
    else bins[name] = spec;
    onChange({ ...settings, bins });
  };
  const reported = new Set(reportedMissingColumns(settings, mode));
  // Ticking a column makes the choice "the ticked columns", starting from what is in effect.
  const setReported = (name: string, on: boolean) => {
    const from =
      settings.reportMissing === "columns" ? (settings.reportMissingColumns ?? []) : [...reported];
    const reportMissingColumns = on
      ? [...from.filter((n) => n !== name), name]
      : from.filter((n) => n !== name);
    onChange({ ...settings, reportMissing: "columns", reportMissingColumns });
  };
  return (
    <section aria-labelledby="columns-title">
      <h3 id="columns-title">Columns</h3>
      <p>
        Choose the columns to publish and how to read them. A column whose value differs for every
        person (a case number, a name) identifies people: it is left out unless you tick it.
      </p>
      <label className="field">
        <span>Subject ID column (rows of one person are merged)</span>
        <select value={settings.subjectId ?? ""} onChange={(e) => setSubject(e.target.value)}>
          <option value="">none: each row is a different person</option>
          {profile.columns.map((c) => (
            <option key={c.name} value={c.name}>
              {c.name}
            </option>
          ))}
        </select>
      </label>
      <Help topic="subjectId" />
      <ScrollBox label="Column settings">
        <table className="columns-table">
          <thead>
            <tr>
              <th scope="col">Use</th>
              <th scope="col">Column</th>
              <th scope="col">Distinct values</th>
              <th scope="col">Empty cells</th>
              <th scope="col">Most common</th>
              <th scope="col">Values per cell</th>
              <th scope="col">Binning</th>
              <th scope="col">Publish unknown</th>
            </tr>
          </thead>
          <tbody>
            {profile.columns.map((c) => {
              const used = settings.columns.includes(c.name);
              const isSubject = settings.subjectId === c.name;
              const unnamed = c.name === "";
              // Core's rule on the file's rows (before rows of one person are merged); the risk
              // analysis and the release apply it to people, and say so when it leaves one out.
              const identifier = !unnamed && identifierLike(profile, c);
              return (
                <tr key={c.name} className={used ? "" : "unused"}>
                  <td>
                    <input
                      type="checkbox"
                      id={`use-${c.name}`}
                      aria-label={`Use column ${c.name}`}
                      checked={used}
                      disabled={isSubject || unnamed}
                      onChange={(e) => toggle(c.name, e.target.checked, identifier)}
                    />
                  </td>
                  <th scope="row">
                    <label htmlFor={`use-${c.name}`}>
                      {unnamed ? <span className="muted">(no name)</span> : c.name}
                    </label>
                    {isSubject && <span className="tag">subject ID</span>}
                    {unnamed && (
                      <p className="column-note">
                        No name in the header, so it cannot be used. Give it a name in the file to
                        use it.
                      </p>
                    )}
                    {identifier && !isSubject && (
                      <p className="column-note">
                        <span className="tag">identifies people</span>{" "}
                        {used
                          ? "Kept as you ticked it: every record will be unique by it."
                          : "Different for every row, so it is left out. Tick it only if it does not describe single people."}
                      </p>
                    )}
                  </th>
                  <td>{int(c.distinct)}</td>
                  <td>{int(c.empty)}</td>
                  <td className="top-values">
                    {c.top
                      .slice(0, 3)
                      .map((t) => `${t.value} (${int(t.count)})`)
                      .join(", ")}
                  </td>
                  <td>
                    <select
                      aria-label={`Values per cell in ${c.name}`}
                      value={settings.multiValue[c.name] ?? ""}
                      disabled={!used}
                      onChange={(e) => setDelimiter(c.name, e.target.value)}
                    >
                      {DELIMITERS.map((d) => (
                        <option key={d.value} value={d.value}>
                          {d.label}
                        </option>
                      ))}
                    </select>
                  </td>
                  <td>
                    {c.numeric ? (
                      <BinEditor
                        column={c.name}
                        spec={settings.bins[c.name]}
                        disabled={!used}
                        onChange={(spec) => setBin(c.name, spec)}
                      />
                    ) : (
                      <span className="muted">not numeric</span>
                    )}
                  </td>
                  <td>
                    <input
                      type="checkbox"
                      aria-label={`Publish unknown cells of ${c.name} as a value`}
                      title="Count this column's empty cells as the value “(missing)”, shown as “Unknown”"
                      checked={used && reported.has(c.name)}
                      disabled={!used || mode === "dp"}
                      onChange={(e) => setReported(c.name, e.target.checked)}
                    />
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </ScrollBox>
      <Help topic="multiValue" />
      {Object.entries(settings.bins)
        .filter(([name]) => settings.columns.includes(name))
        .map(([name, spec]) => (
          <BinningPreview key={name} client={client} column={name} spec={spec} />
        ))}
      <Help topic="bins" />
    </section>
  );
}

function BinEditor({
  column,
  spec,
  disabled,
  onChange,
}: {
  column: string;
  spec: string | undefined;
  disabled: boolean;
  onChange: (spec: string | undefined) => void;
}) {
  const [kind, value] = spec ? (spec.split(/:(.*)/s) as [BinKind, string]) : ["" as BinKind, ""];
  const [draft, setDraft] = useState(value);
  const placeholder = { "": "", edges: "18,25,65", width: "10", quantiles: "5" }[kind];
  const apply = (k: BinKind, v: string) => {
    if (k === "") onChange(undefined);
    else if (v.trim() !== "") onChange(`${k}:${v.trim()}`);
  };
  return (
    <div className="bin-editor">
      <select
        aria-label={`Binning of ${column}`}
        value={kind}
        disabled={disabled}
        onChange={(e) => {
          const k = e.target.value as BinKind;
          const v = k === "edges" ? draft || "18,25,65" : k === "width" ? "10" : "5";
          setDraft(v);
          apply(k, v);
        }}
      >
        <option value="">exact values</option>
        <option value="edges">your own cut points</option>
        <option value="width">equal width</option>
        <option value="quantiles">equal-sized groups</option>
      </select>
      {kind !== "" && (
        <input
          aria-label={`Binning value for ${column}`}
          value={draft}
          placeholder={placeholder}
          disabled={disabled}
          onChange={(e) => setDraft(e.target.value)}
          onBlur={() => apply(kind, draft)}
          onKeyDown={(e) => {
            if (e.key === "Enter") apply(kind, draft);
          }}
        />
      )}
    </div>
  );
}
