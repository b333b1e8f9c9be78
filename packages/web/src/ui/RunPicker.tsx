/**
 * Chooses one of the session's finished runs. The steps that show one run (Evaluate, Explore,
 * Export) share the choice: the run last picked on any of them is the one the others show.
 */
import { useState } from "react";
import type { Run } from "../synthesize/use-runs.js";

/** What the steps that show one run share: the run last chosen on any of them. */
export interface FocusProps {
  /** The run last chosen on Evaluate, Explore or Export (absent: none yet). */
  focus?: number | undefined;
  onFocus?: (id: number) => void;
}

/**
 * The run shown among `runs`: the one picked here, else the one in focus, else the latest; and
 * the function that picks one (telling the app, so that the other steps show it too).
 */
export function useFocusedRun<R extends { id: number }>(
  runs: readonly R[],
  { focus, onFocus }: FocusProps,
): [R | undefined, (id: number) => void] {
  const [picked, setPicked] = useState<number | undefined>(undefined);
  const run =
    runs.find((r) => r.id === picked) ?? runs.find((r) => r.id === focus) ?? runs[runs.length - 1];
  const pick = (id: number) => {
    setPicked(id);
    onFocus?.(id);
  };
  return [run, pick];
}

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
