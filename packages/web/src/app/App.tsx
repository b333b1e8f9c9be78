/**
 * The app's shell: the six steps (Data, Risk, Synthesize, Evaluate, Explore, Export), the state
 * they share, and the promise made on every page: the data stays on this computer.
 */
import { useCallback, useEffect, useRef, useState } from "react";
import { DataPage } from "../data/DataPage.js";
import { EvaluatePage } from "../evaluate/EvaluatePage.js";
import { ExplorePage } from "../explore/ExplorePage.js";
import { ExportPage } from "../export/ExportPage.js";
import { RiskPage } from "../risk/RiskPage.js";
import { useRisk } from "../risk/use-risk.js";
import { SynthesizePage } from "../synthesize/SynthesizePage.js";
import { useRuns } from "../synthesize/use-runs.js";
import { SettingsFile } from "./SettingsFile.js";
import {
  type DataSettings,
  DEFAULT_RESOLUTION,
  newSeed,
  type Resolution,
  type SynthesisSettings,
} from "./settings.js";
import { type OpenFile, sampleSettings, settingsFor, useFile } from "./use-file.js";

export const STEPS = [
  { id: "data", label: "Data" },
  { id: "risk", label: "Risk" },
  { id: "synthesize", label: "Synthesize" },
  { id: "evaluate", label: "Evaluate" },
  { id: "explore", label: "Explore" },
  { id: "export", label: "Export" },
] as const;
export type Step = (typeof STEPS)[number]["id"];

export function App() {
  const [step, setStep] = useState<Step>("data");
  const [data, setData] = useState<DataSettings>({
    columns: [],
    missing: [],
    multiValue: {},
    bins: {},
  });
  const [resolution, setResolution] = useState<Resolution>(DEFAULT_RESOLUTION);
  // The run last chosen on Evaluate, Explore or Export: the others show it too (the latest
  // finished run until one is chosen).
  const [focus, setFocus] = useState<number | undefined>(undefined);
  const [synthesis, setSynthesis] = useState<SynthesisSettings>(() => ({
    mode: "row-seeded",
    seed: newSeed(),
  }));
  const onOpened = useCallback((open: OpenFile, sample: boolean) => {
    if (sample) {
      const s = sampleSettings();
      setData(s.data);
      setResolution(s.resolution);
    } else {
      setData(settingsFor(open.profile));
      setResolution(DEFAULT_RESOLUTION);
    }
  }, []);
  const { state: file, openFile, openSample } = useFile(onOpened);
  const { runs, start, cancel, remove } = useRuns();
  const open = file.open;
  const risk = useRisk(open?.file, data, resolution, step === "risk", synthesis.mode);

  const heading = useRef<HTMLDivElement>(null);
  const first = useRef(true);
  // biome-ignore lint/correctness/useExhaustiveDependencies: runs when the step changes
  useEffect(() => {
    if (first.current) {
      first.current = false;
      return;
    }
    heading.current?.querySelector("h2")?.focus();
  }, [step]);

  const canStart = open !== undefined && data.columns.length > 0;
  const next = STEPS[STEPS.findIndex((s) => s.id === step) + 1];
  return (
    <div className="app">
      <header className="app-header">
        <div>
          <p className="brand">CommonGround</p>
          <p className="tagline">Share what your records show without exposing anyone in them.</p>
        </div>
        <p className="local-badge">Your data stays on this computer: nothing is uploaded.</p>
      </header>
      <nav aria-label="Steps" className="steps">
        <ol>
          {STEPS.map((s, i) => (
            <li key={s.id}>
              <button
                type="button"
                aria-current={step === s.id ? "step" : undefined}
                disabled={s.id !== "data" && !open}
                onClick={() => setStep(s.id)}
              >
                <span className="step-n">{i + 1}</span> {s.label}
              </button>
            </li>
          ))}
        </ol>
      </nav>
      <main ref={heading} className="page">
        {step === "data" && (
          <DataPage
            file={file}
            settings={data}
            onSettings={setData}
            mode={synthesis.mode}
            onOpen={(f) => void openFile(f)}
            onSample={() => void openSample()}
          />
        )}
        {step === "data" && open && (
          <SettingsFile
            settings={{ data, resolution, synthesis }}
            onLoad={(s) => {
              setData(s.data);
              setResolution(s.resolution);
              setSynthesis(s.synthesis);
            }}
          />
        )}
        {step === "risk" && (
          <RiskPage
            resolution={resolution}
            onResolution={setResolution}
            risk={risk}
            columns={data.columns.length}
          />
        )}
        {step === "synthesize" && open && (
          <SynthesizePage
            settings={synthesis}
            onSettings={setSynthesis}
            resolution={resolution}
            columns={data.columns}
            fileName={open.file.name}
            runs={runs}
            canStart={canStart}
            onStart={() => start(open.file, data, resolution, synthesis)}
            onCancel={cancel}
            onRemove={remove}
          />
        )}
        {step === "evaluate" && <EvaluatePage runs={runs} focus={focus} onFocus={setFocus} />}
        {step === "explore" && <ExplorePage runs={runs} focus={focus} onFocus={setFocus} />}
        {step === "export" && <ExportPage runs={runs} focus={focus} onFocus={setFocus} />}
        {open && next && (
          <p className="next">
            <button type="button" onClick={() => setStep(next.id)}>
              Next: {next.label}
            </button>
          </p>
        )}
      </main>
      <footer className="app-footer">
        <p>
          CommonGround runs entirely in this browser tab. Closing the tab forgets the data and the
          runs; download what you want to keep from the Export step.
        </p>
      </footer>
    </div>
  );
}
