/**
 * The live risk analysis: recomputed in a fresh worker whenever the file or the settings change,
 * after a short pause; the previous computation is cancelled (its worker terminated) at once.
 */
import type { RiskReport } from "@commonground/core/internal";
import { useEffect, useRef, useState } from "react";
import type { DataSettings, Resolution, RunMode } from "../app/settings.js";
import { startJob } from "../worker/client.js";
import type { ErrorInfo } from "../worker/protocol.js";

export interface RiskState {
  running: boolean;
  phase?: string;
  fraction?: number;
  risk?: RiskReport;
  rows?: number;
  records?: number;
  warnings: string[];
  error?: ErrorInfo;
}

/** Pause after the last change before a new analysis starts (ms). */
const SETTLE_MS = 300;

export function useRisk(
  file: File | undefined,
  data: DataSettings,
  resolution: Resolution,
  enabled: boolean,
  /** The synthesis mode chosen: it sets which missing cells are counted by default. */
  mode?: RunMode,
): RiskState {
  const [state, setState] = useState<RiskState>({ running: false, warnings: [] });
  const key = JSON.stringify([
    data.columns,
    data.missing,
    data.missingByColumn,
    data.multiValue,
    data.subjectId,
    data.bins,
    data.reportMissing,
    data.reportMissingColumns,
    resolution,
    mode,
  ]);
  // The file and settings of the last finished analysis: shown again without recomputing.
  const finished = useRef<{ file: File; key: string } | undefined>(undefined);
  // biome-ignore lint/correctness/useExhaustiveDependencies: `key` stands for data and resolution
  useEffect(() => {
    if (!file || !enabled || data.columns.length === 0) return;
    if (finished.current?.file === file && finished.current.key === key) return;
    let job: ReturnType<typeof startJob> | undefined;
    let live = true;
    setState((s) => ({ ...s, running: true, phase: "Waiting", error: undefined }));
    const timer = setTimeout(() => {
      job = startJob(
        { type: "risk", file, data, resolution, ...(mode && { mode }) },
        (phase, fraction) => {
          if (live) setState((s) => ({ ...s, running: true, phase, fraction }));
        },
      );
      job.result.then((m) => {
        if (!live) return;
        if (m.type === "risk") finished.current = { file, key };
        if (m.type === "risk")
          setState({
            running: false,
            risk: m.risk,
            rows: m.rows,
            records: m.records,
            warnings: m.warnings,
          });
        else if (m.type === "error") setState((s) => ({ ...s, running: false, error: m.error }));
      });
    }, SETTLE_MS);
    return () => {
      live = false;
      clearTimeout(timer);
      job?.cancel();
    };
  }, [file, key, enabled]);
  return state;
}
