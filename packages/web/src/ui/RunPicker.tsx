/** Chooses one of the session's finished runs (the latest by default). */
import type { Run } from "../synthesize/use-runs.js";

export function RunPicker({
  label,
  runs,
  value,
  onChange,
}: {
  label: string;
  runs: readonly Run[];
  value: number;
  onChange: (id: number) => void;
}) {
  return (
    <label className="field">
      <span>{label}</span>
      <select value={value} onChange={(e) => onChange(Number(e.target.value))}>
        {runs.map((r) => (
          <option key={r.id} value={r.id}>
            {r.name}
          </option>
        ))}
      </select>
    </label>
  );
}
