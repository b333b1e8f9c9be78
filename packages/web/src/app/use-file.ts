/**
 * The opened data file: its profile (from the profile worker), loading state and errors, and the
 * bundled sample with its settings. Opening another file forgets the previous one.
 */
import { useCallback, useEffect, useRef, useState } from "react";
import sampleUrl from "../../../../samples/ctdc-simulated/cases.csv?url";
import sampleConfig from "../../../../samples/ctdc-simulated/config.json";
import { type FileProfile, identifierLike } from "../data/raw-table.js";
import { ProfileClient, WorkerError } from "../worker/profile-client.js";
import type { ErrorInfo } from "../worker/protocol.js";
import type { DataSettings, Resolution } from "./settings.js";

export interface OpenFile {
  file: File;
  profile: FileProfile;
  client: ProfileClient;
}

export interface FileState {
  open?: OpenFile;
  /** Reading progress 0…1 while a file is being read. */
  reading?: { name: string; fraction: number };
  error?: ErrorInfo;
}

/**
 * Settings that suit a newly opened file: every named column but identifier-like ones (core's
 * rule, docs/design.md §15, on the rows; the Data step says why they are not ticked), lists
 * detected. The risk analysis and the release apply the rule again to people, with a warning.
 */
export function settingsFor(profile: FileProfile): DataSettings {
  const multiValue: Record<string, string> = {};
  const columns: string[] = [];
  for (const c of profile.columns) {
    // A column with no name cannot be used (core leaves it out).
    if (c.name === "" || identifierLike(profile, c)) continue;
    columns.push(c.name);
    if (c.listDelimiter) multiValue[c.name] = c.listDelimiter;
  }
  return { columns, missing: [], multiValue, bins: {} };
}

/** The bundled sample's settings (samples/ctdc-simulated/config.json). */
export function sampleSettings(): { data: DataSettings; resolution: Resolution } {
  return {
    data: {
      columns: [...sampleConfig.columns],
      missing: [],
      multiValue: { ...sampleConfig.multiValue },
      subjectId: sampleConfig.subjectId,
      bins: {},
      title: sampleConfig.title,
      description: sampleConfig.description,
    },
    resolution: { k: sampleConfig.k, length: sampleConfig.length },
  };
}

export function useFile(onOpened: (open: OpenFile, sample: boolean) => void) {
  const [state, setState] = useState<FileState>({});
  const current = useRef<ProfileClient | undefined>(undefined);
  useEffect(() => () => current.current?.close(), []);

  const openFile = useCallback(
    async (file: File, sample = false) => {
      current.current?.close();
      const client = new ProfileClient();
      current.current = client;
      setState({ reading: { name: file.name, fraction: 0 } });
      try {
        const profile = await client.open(file, (fraction) =>
          setState((s) =>
            current.current === client ? { reading: { name: file.name, fraction } } : s,
          ),
        );
        if (current.current !== client) return;
        const open = { file, profile, client };
        setState({ open });
        onOpened(open, sample);
      } catch (e) {
        if (current.current !== client) return;
        client.close();
        current.current = undefined;
        setState({
          error:
            e instanceof WorkerError
              ? e.info
              : { message: String((e as Error).message ?? e), internal: true },
        });
      }
    },
    [onOpened],
  );

  const openSample = useCallback(async () => {
    const response = await fetch(sampleUrl);
    const blob = await response.blob();
    await openFile(
      new File([blob], "samples/ctdc-simulated/cases.csv", { type: "text/csv" }),
      true,
    );
  }, [openFile]);

  return { state, openFile, openSample };
}
