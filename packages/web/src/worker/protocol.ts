/**
 * Messages between the page and its workers. Every heavy step runs in a worker; the page only
 * shows results. A run is cancelled by terminating its worker.
 */
import type { Evaluation, Manifest, RiskReport } from "@commonground/core/internal";
import type { DataSettings, Resolution, RunMode, SynthesisSettings } from "../app/settings.js";
import type { ReleaseView } from "../explore/release-view.js";

/** A user error as the CLI prints it: what is wrong, where, what to do. */
export interface ErrorInfo {
  message: string;
  where?: string;
  hint?: string;
  /** A bug rather than a problem with the input. */
  internal?: boolean;
}

/** A file's content in a finished run. */
export interface FileBytes {
  name: string;
  bytes: Uint8Array;
}

export interface RiskRequest {
  type: "risk";
  file: File;
  data: DataSettings;
  resolution: Resolution;
  /** The synthesis mode chosen (default row-seeded): it sets which missing cells are counted. */
  mode?: RunMode;
}

export interface RunRequest {
  type: "run";
  file: File;
  data: DataSettings;
  resolution: Resolution;
  synthesis: SynthesisSettings;
  /** The built showcase template: given, the release gets its showcase.html (as the CLI's). */
  showcaseTemplate?: string;
}

export type WorkerRequest = RiskRequest | RunRequest;

export interface RunResult {
  /** The release: synthetic.csv, aggregates.csv, manifest.json, datapackage.json. */
  public: FileBytes[];
  /** Never to be published: run.json, risk.json, evaluation.json. */
  private: FileBytes[];
  manifest: Manifest;
  /** The Explore view's model, built from the public files only (as the showcase builds it). */
  view: ReleaseView;
  evaluation?: Evaluation;
  risk: RiskReport;
  rows: number;
  records: number;
  syntheticRecords: number;
  /** DP runs: ε spent. */
  epsilon?: number;
  seconds: number;
}

export type WorkerResponse =
  | { type: "progress"; phase: string; fraction?: number }
  | { type: "risk"; risk: RiskReport; rows: number; records: number; warnings: string[] }
  | { type: "done"; result: RunResult; warnings: string[] }
  | { type: "error"; error: ErrorInfo };
