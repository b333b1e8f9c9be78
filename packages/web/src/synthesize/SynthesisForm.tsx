/** Every synthesis setting of the CLI, with its explanation. */
import {
  ACCURACY_MODES,
  type AccuracyMode,
  DP_DEFAULTS,
  FABRICATION_MODES,
  type Fabrication,
  type FabricationMode,
} from "@commonground/core/internal";
import { useId, useState } from "react";
import type { DpSettings, RunMode, SynthesisSettings } from "../app/settings.js";
import { newSeed, parsePerLength } from "../app/settings.js";
import { Help } from "../ui/Help.js";
import { ListInput } from "../ui/ListInput.js";
import { NumberField } from "../ui/NumberField.js";

const MODES: { value: RunMode; label: string }[] = [
  { value: "row-seeded", label: "Row-seeded (default): closest to the real records" },
  { value: "value-seeded", label: "Value-seeded" },
  { value: "unseeded", label: "Unseeded" },
  { value: "aggregate-seeded", label: "Aggregate-seeded: from the published counts only" },
  { value: "dp", label: "Differential privacy (DP): for data published again and again" },
];

export function SynthesisForm({
  settings,
  onChange,
  columns,
}: {
  settings: SynthesisSettings;
  onChange: (s: SynthesisSettings) => void;
  columns: string[];
}) {
  const id = useId();
  const dp: DpSettings = settings.dp ?? { epsilon: 1 };
  const setDp = (change: Partial<DpSettings>) =>
    onChange({ ...settings, dp: { ...dp, ...change } });
  return (
    <div className="synthesis-form">
      <fieldset>
        <legend>Method</legend>
        {MODES.map((m) => (
          <label key={m.value} className="radio">
            <input
              type="radio"
              name={`${id}-mode`}
              value={m.value}
              checked={settings.mode === m.value}
              onChange={() =>
                onChange({ ...settings, mode: m.value, ...(m.value === "dp" && { dp }) })
              }
            />
            {m.label}
          </label>
        ))}
        <Help topic="mode" />
      </fieldset>

      {settings.mode !== "dp" && (
        <fieldset>
          <legend>Reproducibility</legend>
          <div className="field">
            <label htmlFor={`${id}-seed`}>Seed</label>
            <span className="inline">
              <input
                id={`${id}-seed`}
                value={settings.seed}
                onChange={(e) => onChange({ ...settings, seed: e.target.value })}
              />
              <button type="button" onClick={() => onChange({ ...settings, seed: newSeed() })}>
                New seed
              </button>
            </span>
          </div>
          <Help topic="seed" />
        </fieldset>
      )}

      {settings.mode === "value-seeded" && (
        <fieldset>
          <legend>Value-seeded options</legend>
          <label className="radio">
            <input
              type="checkbox"
              checked={settings.oversamplingRatio !== undefined}
              onChange={(e) => {
                const { oversamplingRatio: _, ...rest } = settings;
                onChange(e.target.checked ? { ...rest, oversamplingRatio: 0.1 } : rest);
              }}
            />
            Control oversampling (limit how far counts may exceed the reportable ones)
          </label>
          {settings.oversamplingRatio !== undefined && (
            <div className="field-row">
              <NumberField
                label="Allowed excess (0.1 = 10 %)"
                option="oversamplingRatio"
                value={settings.oversamplingRatio}
                onChange={(oversamplingRatio) => onChange({ ...settings, oversamplingRatio })}
              />
              <NumberField
                label="Tries per step"
                option="oversamplingTries"
                value={settings.oversamplingTries ?? 10}
                onChange={(oversamplingTries) => onChange({ ...settings, oversamplingTries })}
              />
            </div>
          )}
        </fieldset>
      )}

      {settings.mode === "aggregate-seeded" && (
        <fieldset>
          <legend>Aggregate-seeded options</legend>
          <div className="field-row">
            <NumberField
              label="Weight percentile (0–100)"
              option="weightPercentile"
              value={settings.weightPercentile ?? 95}
              onChange={(weightPercentile) => onChange({ ...settings, weightPercentile })}
            />
            <NumberField
              label="Number of records (0: until the counts are used up)"
              option="records"
              min={0}
              value={settings.records ?? 0}
              onChange={(records) => {
                const { records: _, ...rest } = settings;
                onChange(records > 0 ? { ...rest, records } : rest);
              }}
            />
          </div>
          <label className="radio">
            <input
              type="checkbox"
              checked={settings.useSynthesizedCounts ?? false}
              onChange={(e) => onChange({ ...settings, useSynthesizedCounts: e.target.checked })}
            />
            Subtract what was already synthesized from the weights
          </label>
        </fieldset>
      )}

      {settings.mode === "dp" && (
        <fieldset>
          <legend>Differential privacy</legend>
          <div className="field-row">
            <NumberField
              label="Privacy budget ε"
              option="epsilon"
              value={dp.epsilon}
              onChange={(epsilon) => setDp({ epsilon })}
            />
            <NumberField
              label="δ (0: default)"
              integer={false}
              min={0}
              max={0.999999}
              value={dp.delta ?? 0}
              onChange={(delta) => {
                const { delta: _, ...rest } = dp;
                onChange({ ...settings, dp: delta > 0 ? { ...rest, delta } : rest });
              }}
            />
          </div>
          {dp.epsilon > 10 && (
            <p className="warning" role="status">
              ε = {dp.epsilon} is a very large budget: the noise is small and the protection weak.
              Values of 1 or below are usual.
            </p>
          )}
          <Help topic="epsilon" />
          <Help topic="delta" />
          <label className="field">
            <span>Style</span>
            <select
              value={dp.style ?? "fitted"}
              onChange={(e) => setDp({ style: e.target.value as "fitted" | "sds" })}
            >
              <option value="fitted">fitted (default): complete, faithful records</option>
              <option value="sds">sds: as Microsoft's Synthetic Data Showcase</option>
            </select>
          </label>
          <Help topic="style" />
          <label className="field">
            <span>Accuracy mode</span>
            <select
              value={Array.isArray(dp.accuracy) ? "custom" : (dp.accuracy ?? "balanced")}
              onChange={(e) =>
                setDp({
                  accuracy: e.target.value === "custom" ? [1, 1] : (e.target.value as AccuracyMode),
                })
              }
            >
              {ACCURACY_MODES.map((m) => (
                <option key={m} value={m}>
                  {m}
                </option>
              ))}
              <option value="custom">custom weights</option>
            </select>
          </label>
          {Array.isArray(dp.accuracy) && (
            <label className="field" htmlFor={`${id}-weights`}>
              <span>Noise weights, one per length, separated by commas</span>
              <ListInput
                id={`${id}-weights`}
                value={dp.accuracy.map(String)}
                onChange={(v) => setDp({ accuracy: v.map(Number) })}
              />
            </label>
          )}
          <Help topic="accuracy" />
          <FabricationField
            fabrication={dp.fabrication}
            onChange={(fabrication) => {
              const { fabrication: _, ...rest } = dp;
              onChange({ ...settings, dp: fabrication ? { ...rest, fabrication } : rest });
            }}
          />
          <Help topic="fabrication" />
          <details className="advanced">
            <summary>Advanced DP settings</summary>
            <div className="field-row">
              <NumberField
                label="Percentile bounding each person's contributions (0–100)"
                option="percentile"
                value={dp.percentile ?? DP_DEFAULTS.percentile}
                onChange={(percentile) => setDp({ percentile })}
              />
              <NumberField
                label="Share of ε for the record count"
                option="recordsShare"
                value={dp.recordsShare ?? DP_DEFAULTS.recordsShare}
                onChange={(recordsShare) => setDp({ recordsShare })}
              />
              <NumberField
                label="Share of ε for the percentiles"
                option="percentileShare"
                value={dp.percentileShare ?? DP_DEFAULTS.percentileShare}
                onChange={(percentileShare) => setDp({ percentileShare })}
              />
            </div>
          </details>
        </fieldset>
      )}

      <fieldset>
        <legend>Evaluation</legend>
        <label className="field" htmlFor={`${id}-numeric`}>
          <span>Columns holding numbers, scored in ranges (percentile bins) by the evaluation</span>
          <ListInput
            id={`${id}-numeric`}
            value={settings.numeric ?? []}
            placeholder={columns.slice(0, 2).join(", ")}
            onChange={(numeric) => onChange({ ...settings, numeric })}
          />
        </label>
      </fieldset>
    </div>
  );
}

type FabricationChoice = "default" | FabricationMode | "etas" | "thresholds";

/** The fabrication control: a mode, or custom η / fixed thresholds per length (as the CLI's). */
function FabricationField({
  fabrication,
  onChange,
}: {
  fabrication: Fabrication | undefined;
  onChange: (f: Fabrication | undefined) => void;
}) {
  const id = useId();
  const choice: FabricationChoice =
    fabrication === undefined
      ? "default"
      : "mode" in fabrication
        ? fabrication.mode
        : "etas" in fabrication
          ? "etas"
          : "thresholds";
  const values =
    fabrication && !("mode" in fabrication)
      ? "etas" in fabrication
        ? fabrication.etas
        : fabrication.thresholds
      : undefined;
  const [draft, setDraft] = useState(
    values
      ? Object.entries(values)
          .map(([l, v]) => `${l}=${v}`)
          .join(",")
      : "2=0.5",
  );
  const parsed = parsePerLength(draft);
  const custom = (kind: "etas" | "thresholds", text: string) => {
    const v = parsePerLength(text);
    if (v) onChange(kind === "etas" ? { etas: v } : { thresholds: v });
  };
  return (
    <>
      <label className="field">
        <span>Fabrication control</span>
        <select
          value={choice}
          onChange={(e) => {
            const c = e.target.value as FabricationChoice;
            if (c === "default") onChange(undefined);
            else if (c === "etas" || c === "thresholds") custom(c, draft);
            else onChange({ mode: c });
          }}
        >
          <option value="default">the style's default</option>
          {FABRICATION_MODES.map((m) => (
            <option key={m} value={m}>
              {m}
            </option>
          ))}
          <option value="etas">custom η per length</option>
          <option value="thresholds">fixed thresholds per length</option>
        </select>
      </label>
      {(choice === "etas" || choice === "thresholds") && (
        <div className="field">
          <label htmlFor={`${id}-per-length`}>
            {choice === "etas" ? "η" : "Threshold"} per combination length, e.g. 2=0.5,3=1
          </label>
          <input
            id={`${id}-per-length`}
            value={draft}
            aria-invalid={parsed === undefined}
            onChange={(e) => {
              setDraft(e.target.value);
              custom(choice, e.target.value);
            }}
          />
          {parsed === undefined && (
            <span className="field-error">Write LENGTH=VALUE pairs separated by commas.</span>
          )}
        </div>
      )}
    </>
  );
}
