/**
 * The runs of a session, kept side by side: each in its own worker, with progress, elapsed time
 * and Cancel. DP runs add to the ε spent on this data in the session.
 */
import { useCallback, useRef, useState } from "react";
import type { DataSettings, Resolution, SynthesisSettings } from "../app/settings.js";
import { showcaseTemplate } from "../app/showcase-template.js";
import { startJob } from "../worker/client.js";
import type { ErrorInfo, RunResult } from "../worker/protocol.js";

export type RunStatus = "running" | "done" | "failed" | "cancelled";

export interface Run {
  id: number;
  name: string;
  fileName: string;
  data: DataSettings;
  resolution: Resolution;
  synthesis: SynthesisSettings;
  status: RunStatus;
  phase: string;
  fraction?: number;
  startedAt: number;
  endedAt?: number;
  result?: RunResult;
  warnings: string[];
  error?: ErrorInfo;
}

export function runName(s: SynthesisSettings, resolution: Resolution, id: number): string {
  const what =
    s.mode === "dp"
      ? `DP ε = ${s.dp?.epsilon}${s.dp?.style === "sds" ? " (sds)" : ""}`
      : `${s.mode}, k = ${resolution.k}, L = ${resolution.length}`;
  return `Run ${id}: ${what}`;
}

/** A run's settings in one short line (its card): what makes the release, seed included. */
export function runSettings(r: Pick<Run, "data" | "resolution" | "synthesis">): string {
  const { data, resolution, synthesis: s } = r;
  const parts = [`${data.columns.length} column${data.columns.length === 1 ? "" : "s"}`];
  if (s.mode === "dp") {
    parts.push(`ε = ${s.dp?.epsilon}`, `${s.dp?.style ?? "fitted"} style`);
  } else parts.push(`k = ${resolution.k}`, `seed ${s.seed}`);
  parts.push(`L = ${resolution.length}`);
  if (data.subjectId) parts.push(`people by ${data.subjectId}`);
  if (data.missing.length > 0) parts.push(`missing: ${data.missing.join(", ")}`);
  const lists = Object.keys(data.multiValue).length;
  if (lists > 0) parts.push(`${lists} list column${lists === 1 ? "" : "s"}`);
  const binned = Object.keys(data.bins).length;
  if (binned > 0) parts.push(`${binned} binned`);
  return parts.join(" · ");
}

/**
 * ε spent on a data set in this session: every DP run that was started counts, finished or not
 * (noise may have been drawn before a cancel).
 */
export function epsilonSpent(runs: Run[], fileName: string): number {
  let total = 0;
  for (const r of runs)
    if (r.fileName === fileName && r.synthesis.mode === "dp") total += r.synthesis.dp?.epsilon ?? 0;
  return total;
}

export function useRuns() {
  const [runs, setRuns] = useState<Run[]>([]);
  const cancels = useRef(new Map<number, () => void>());
  const nextId = useRef(1);

  const update = useCallback((id: number, change: Partial<Run>) => {
    setRuns((rs) => rs.map((r) => (r.id === id ? { ...r, ...change } : r)));
  }, []);

  const start = useCallback(
    (file: File, data: DataSettings, resolution: Resolution, synthesis: SynthesisSettings) => {
      const id = nextId.current++;
      const run: Run = {
        id,
        name: runName(synthesis, resolution, id),
        fileName: file.name,
        data,
        resolution,
        synthesis,
        status: "running",
        phase: "Starting",
        startedAt: Date.now(),
        warnings: [],
      };
      setRuns((rs) => [...rs, run]);
      let cancelled = false;
      cancels.current.set(id, () => {
        cancelled = true;
        cancels.current.delete(id);
        update(id, { status: "cancelled", error: { message: "Cancelled." }, endedAt: Date.now() });
      });
      void showcaseTemplate().then((template) => {
        if (cancelled) return;
        const job = startJob(
          {
            type: "run",
            file,
            data,
            resolution,
            synthesis,
            ...(template !== undefined && { showcaseTemplate: template }),
          },
          (phase, fraction) => update(id, { phase, fraction }),
        );
        cancels.current.set(id, job.cancel);
        job.result.then((m) => {
          cancels.current.delete(id);
          if (m.type === "done")
            update(id, {
              status: "done",
              result: m.result,
              warnings: m.warnings,
              endedAt: Date.now(),
            });
          else if (m.type === "error")
            update(id, {
              status: m.error.message === "Cancelled." ? "cancelled" : "failed",
              error: m.error,
              endedAt: Date.now(),
            });
        });
      });
      return id;
    },
    [update],
  );

  const cancel = useCallback((id: number) => cancels.current.get(id)?.(), []);
  const remove = useCallback((id: number) => {
    cancels.current.get(id)?.();
    setRuns((rs) => rs.filter((r) => r.id !== id));
  }, []);

  return { runs, start, cancel, remove };
}
