/**
 * One path to a release (docs/design.md §14): ingest → count → protect → synthesize → evaluate → files,
 * for every host. The CLI and the web app call `makeRelease` and only read inputs, show
 * progress and write (or zip) the files it returns; neither holds a copy of this sequence.
 *
 * Effects are injected: the input's bytes, the secure random source (DP noise, fresh seeds),
 * the counting executor (worker threads or web workers), progress, cancellation and the
 * showcase builder (the page template lives with the web app). Every option is validated in
 * release-options.ts before any work; a DP release is checked against the ledger's budget before
 * any noise is drawn.
 */
import { type AggregateResult, aggregate } from "../aggregate/aggregate.js";
import type { CountExecutor } from "../aggregate/count-combinations.js";
import type { Allocate } from "../aggregate/counting-input.js";
import { type DpSynthesis, dpSynthesize } from "../dp/dp-synthesize.js";
import type { Warning } from "../errors.js";
import { type Evaluation, evaluateRelease } from "../evaluate/evaluate.js";
import type { IngestOptions } from "../ingest/options.js";
import { type ByteSource, readDataset } from "../ingest/read-dataset.js";
import type { Dataset } from "../ingest/types.js";
import {
  checkBudget,
  differencingWarning,
  type KAnonymityLedgerEntry,
  type Ledger,
  type LedgerEntry,
  recordRelease,
} from "../ledger/ledger.js";
import { seededRng } from "../random/rng.js";
import { type FillRandom, secureRng } from "../random/secure.js";
import { type SynthesisMode, synthesize } from "../synthesize/synthesize.js";
import type { SyntheticData } from "../synthesize/synthetic-data.js";
import { VERSION } from "../version.js";
import { countsPromised, type Manifest, releaseLabels } from "./manifest.js";
import {
  dpReleaseFiles,
  json,
  kAnonymityReleaseFiles,
  type ReleaseFile,
  type ReleaseFiles,
  type ReleaseHeader,
  SHOWCASE,
  withTextContents,
} from "./release-files.js";
import {
  checkAgainstData,
  type DpReleaseSettings,
  RELEASE_DEFAULTS,
  type ReleaseOptions,
  type RunMode,
  reportMissingOf,
  validateReleaseOptions,
} from "./release-options.js";

/** The phases reported to `onProgress`, in order. */
export type ReleasePhase =
  | "Reading"
  | "Counting"
  | "Synthesizing"
  | "Adding noise and synthesizing"
  | "Evaluating"
  | "Building the showcase";

/** The sensitive input: its bytes and what run.json records of it. */
export interface ReleaseInput {
  /** The bytes, in chunks (streamed: never the whole file at once). */
  chunks: ByteSource;
  /** File name (messages, the `.tsv` rule, run.json). */
  name: string;
  /** The path, where the host has one (run.json). */
  path?: string;
  /** Size in bytes (run.json). */
  bytes?: number;
  /** SHA-256 of the whole input in hex, computed by the host once the chunks are read. */
  sha256?: () => Promise<string>;
}

/** A ledger to check a DP release against, and to record the release in. */
export interface ReleaseBudget {
  ledger: Ledger;
  /** The data set's name in the ledger. */
  dataset: string;
  /** The total ε of the data set (stored in the ledger, or set now). */
  total?: number;
  /** Where the release goes (recorded in the ledger entry). */
  out: string;
}

export interface ReleaseEffects {
  /** Cryptographically secure random words (Web Crypto's getRandomValues). */
  secureRandom: FillRandom;
  /** The counting executor for a dataset of `entries` attribute entries (default: in-line). */
  counting?: (
    entries: number,
  ) => { executor?: CountExecutor; tasks?: number; allocate?: Allocate } | undefined;
  onProgress?: (phase: ReleasePhase, fraction?: number) => void;
  /** Each warning as it arises (all are also returned); those with `privacy` must be shown. */
  onWarning?: (warning: Warning) => void;
  /** Cancellation: checked between phases (a host may also stop its workers at once). */
  signal?: { readonly aborted: boolean };
  /**
   * Builds showcase.html from the public files' texts (the page template is the host's).
   * Needed when `showcase` is asked for.
   */
  showcase?: (files: { name: string; content: string }[]) => string | Promise<string>;
  /** The release's time (default: now). */
  now?: () => Date;
  /** Who made the release, recorded in run.json (e.g. "command line", "web app"). */
  host?: string;
  /** Host-specific facts recorded in run.json under `host` (e.g. the CLI's flags). */
  hostOptions?: unknown;
}

/** What a release run returns: its files and what the host needs to report it. */
export interface MadeRelease {
  /** Safe to publish: synthetic.csv, aggregates.csv, manifest.json, datapackage.json, showcase.html. */
  public: { name: string; content: string | Iterable<Uint8Array> }[];
  /** Never to be published: run.json, risk.json, evaluation.json, sensitive-aggregates.csv. */
  private: ReleaseFile[];
  manifest: Manifest;
  data: Dataset;
  counted: AggregateResult;
  synthetic?: SyntheticData;
  dp?: DpSynthesis;
  evaluation?: Evaluation;
  /** The seed of a k-anonymity synthesis (private: kept in run.json). */
  seed?: string;
  /** Every warning, in order; those with `privacy` must always be shown. */
  warnings: Warning[];
  /** The ledger with this release recorded (when a budget was given). */
  ledger?: Ledger;
}

/** The run was cancelled (effects.signal): nothing was returned, nothing is to be written. */
export class ReleaseCancelled extends Error {
  override readonly name = "ReleaseCancelled";
  constructor() {
    super("The run was cancelled.");
  }
}

/** Makes a whole release from the sensitive input; see ReleaseOptions and ReleaseEffects. */
export async function makeRelease(
  input: ReleaseInput,
  options: ReleaseOptions,
  effects: ReleaseEffects,
  budget?: ReleaseBudget,
): Promise<MadeRelease> {
  const warnings: Warning[] = [];
  const warn = (list: readonly Warning[]) => {
    for (const w of list) {
      warnings.push(w);
      effects.onWarning?.(w);
    }
  };
  warn(validateReleaseOptions(options));
  const syn = options.synthesis;
  const mode = syn ? (syn.mode ?? RELEASE_DEFAULTS.mode) : undefined;
  const dp = mode === "dp" ? syn!.dp! : undefined;
  // The budget is checked before the input is read, so before any noise is drawn.
  if (budget && dp) checkBudget(budget.ledger, budget.dataset, dp.epsilon, budget.total);
  const progress = effects.onProgress ?? (() => {});
  const checkpoint = () => {
    if (effects.signal?.aborted) throw new ReleaseCancelled();
  };

  const { data, ingest, counted } = await readAndCount(input, options, effects, warn, checkpoint);

  const createdAt = (effects.now ?? (() => new Date()))();
  const header: ReleaseHeader = {
    version: VERSION,
    createdAt,
    ...releaseLabels(options),
    ingest,
    showcase: options.showcase === true && syn !== undefined,
  };
  const stage: Stage = { data, counted, options, effects, header, progress, checkpoint, warn };
  const { made, synthetic, dpOut, evaluation, seed } = dp
    ? await dpStage(stage, dp)
    : await kAnonymityStage(stage, mode as SynthesisMode | undefined);
  checkpoint();
  if (evaluation?.warnings) warn(evaluation.warnings);

  let publicFiles: MadeRelease["public"] = made.public;
  if (made.manifest.files.includes(SHOWCASE)) {
    if (!effects.showcase) throw new Error("showcase.html was asked for without a builder");
    progress("Building the showcase");
    const texts = withTextContents(made.public);
    texts.push({ name: SHOWCASE, content: await effects.showcase(texts) });
    publicFiles = texts;
  }

  let ledger: Ledger | undefined;
  if (budget) {
    const entry = ledgerEntry(made.manifest, budget.out, dpOut, counted, data, mode);
    if (entry.model === "k-anonymity") {
      const message = differencingWarning(budget.ledger, budget.dataset, entry);
      if (message) warn([{ code: "differencing", privacy: true, message }]);
    }
    ledger = recordRelease(budget.ledger, budget.dataset, entry, budget.total);
  }

  const run = {
    tool: "CommonGround",
    version: VERSION,
    made: effects.host ?? "library",
    command: syn ? "synthesize" : "aggregate",
    createdAt: made.manifest.createdAt,
    seed: seed ?? null,
    ...(dp && { randomness: "secure (Web Crypto getRandomValues)" }),
    input: {
      ...(input.path !== undefined ? { path: input.path } : { name: input.name }),
      ...(input.bytes !== undefined && { bytes: input.bytes }),
      ...(input.sha256 && { sha256: await input.sha256() }),
      rows: data.rowsRead,
      records: data.recordCount,
    },
    options: {
      ...options,
      ingest,
      k: counted.k,
      length: counted.length,
      ...(syn && { synthesis: { ...syn, mode, ...(seed !== undefined && { seed }) } }),
    },
    ...(effects.hostOptions !== undefined && { host: effects.hostOptions }),
    ...(dpOut && {
      dp: {
        noisyRecords: dpOut.aggregates.noisyRecords,
        delta: dpOut.aggregates.delta,
        split: dpOut.aggregates.split,
        contributions: dpOut.aggregates.contributions,
        ranges: dpOut.aggregates.ranges,
        thresholds: dpOut.aggregates.thresholds,
        publishedLength: dpOut.length,
      },
    }),
    warnings,
    work: counted.work,
  };
  return {
    public: publicFiles,
    private: [{ name: "run.json", content: json(run) }, ...made.private],
    manifest: made.manifest,
    data,
    counted,
    ...(synthetic && { synthetic }),
    ...(dpOut && { dp: dpOut }),
    ...(evaluation && { evaluation }),
    ...(seed !== undefined && { seed }),
    warnings,
    ...(ledger && { ledger }),
  };
}

/**
 * The first stages of every run (makeRelease, assessRisk): read the input, check the options
 * against its columns, count. Under DP only explicit bin edges are read, and the counting's k
 * only shapes the private risk analysis.
 */
export async function readAndCount(
  input: ReleaseInput,
  options: ReleaseOptions,
  effects: Pick<ReleaseEffects, "counting" | "onProgress">,
  warn: (list: readonly Warning[]) => void,
  checkpoint: () => void = () => {},
): Promise<{ data: Dataset; ingest: IngestOptions; counted: AggregateResult }> {
  const progress = effects.onProgress ?? (() => {});
  const dp = options.synthesis?.mode === "dp";
  progress("Reading");
  const ingest: IngestOptions = {
    fileName: input.name,
    ...options.ingest,
    reportMissing: reportMissingOf(options),
    // Under DP nothing is chosen by looking at the data: no computed bin edges, and an
    // identifier-like column is refused rather than left out.
    ...(dp && { explicitBinsOnly: true, identifierColumns: "refuse" as const }),
  };
  const data = await readDataset(input.chunks, ingest);
  checkpoint();
  warn(data.warnings);
  checkAgainstData(options, data);
  progress("Counting", 0);
  const k = options.k ?? RELEASE_DEFAULTS.k;
  const counted = await aggregate(data, {
    k: dp ? Math.max(1, Math.min(k, data.recordCount)) : k,
    ...(options.length !== undefined && { length: options.length }),
    sensitive: options.sensitiveAggregates === true,
    ...(options.workLimit !== undefined && { workLimit: options.workLimit }),
    ...effects.counting?.(data.recordAttributes.length),
    onProgress: (f) => progress("Counting", f),
  });
  checkpoint();
  warn(counted.warnings);
  return { data, ingest, counted };
}

/** What the synthesis stages share. */
interface Stage {
  data: Dataset;
  counted: AggregateResult;
  options: ReleaseOptions;
  effects: ReleaseEffects;
  header: ReleaseHeader;
  progress: (phase: ReleasePhase, fraction?: number) => void;
  checkpoint: () => void;
  warn: (list: readonly Warning[]) => void;
}

interface StageResult {
  made: ReleaseFiles;
  synthetic?: SyntheticData;
  dpOut?: DpSynthesis;
  evaluation?: Evaluation;
  seed?: string;
}

/** The numeric columns of the evaluation's percentile bins, when any are given. */
function numericOf(o: ReleaseOptions): { numeric?: string[] } {
  const numeric = o.synthesis?.numeric;
  return numeric && numeric.length > 0 ? { numeric } : {};
}

/** DP: noisy counts and the records made from them (secure randomness only), evaluated. */
async function dpStage(s: Stage, dp: DpReleaseSettings): Promise<StageResult> {
  const { data, counted } = s;
  s.progress("Adding noise and synthesizing");
  const dpOut = dpSynthesize(data, {
    ...dp,
    length: counted.length,
    rng: secureRng(s.effects.secureRandom),
    onProgress: (f) => s.progress("Adding noise and synthesizing", f),
  });
  s.checkpoint();
  if (dpOut.length < counted.length) {
    s.warn([
      {
        code: "fitted-length",
        message: `The fitted style measures and publishes combinations of up to ${dpOut.length} attributes (not ${counted.length}): the budget then buys far less noise per count. Use the sds style for counts of up to ${counted.length} attributes.`,
      },
    ]);
  }
  let evaluation: Evaluation | undefined;
  if (s.options.synthesis?.evaluate !== false) {
    s.progress("Evaluating");
    evaluation = await evaluateRelease(data, dpOut.synthetic, dpOut.aggregates.table, {
      model: "differential-privacy",
      k: 1,
      length: dpOut.length,
      ...numericOf(s.options),
    });
  }
  const made = dpReleaseFiles({
    ...s.header,
    data,
    dp: dpOut,
    epsilon: dp.epsilon,
    ...(dp.accuracy !== undefined && { accuracy: dp.accuracy }),
    risk: counted.risk,
    ...(evaluation && { evaluation }),
  });
  return { made, synthetic: dpOut.synthetic, dpOut, ...(evaluation && { evaluation }) };
}

/** k-anonymity: the reportable aggregates, and synthetic records when a mode is asked for. */
async function kAnonymityStage(s: Stage, mode: SynthesisMode | undefined): Promise<StageResult> {
  const { data, counted } = s;
  const syn = s.options.synthesis;
  let synthetic: SyntheticData | undefined;
  let evaluation: Evaluation | undefined;
  let seed: string | undefined;
  if (syn && mode) {
    seed = syn.seed ?? freshSeed(s.effects.secureRandom);
    s.progress("Synthesizing");
    synthetic = synthesize(data, {
      mode,
      k: counted.k,
      length: counted.length,
      reportable: counted.reportable,
      rng: seededRng(seed),
      oversamplingRatio: syn.oversamplingRatio,
      oversamplingTries: syn.oversamplingTries,
      weightPercentile: syn.weightPercentile,
      useSynthesizedCounts: syn.useSynthesizedCounts,
      records: syn.records,
      exactCounts: syn.exactCounts,
      onProgress: (f) => s.progress("Synthesizing", f),
    });
    s.checkpoint();
    if (syn.evaluate !== false) {
      s.progress("Evaluating");
      evaluation = await evaluateRelease(data, synthetic, counted.reportable, {
        k: counted.k,
        length: counted.length,
        ...numericOf(s.options),
        ...(counted.sensitive && { sensitive: counted.sensitive }),
      });
    }
  }
  const made = kAnonymityReleaseFiles({
    ...s.header,
    data,
    counted,
    ...(mode &&
      synthetic && {
        synthesis: {
          mode,
          synthetic,
          ...(countsPromised(mode) && {
            attributeCounts: syn?.exactCounts === true ? ("exact" as const) : ("at-most" as const),
          }),
        },
      }),
    ...(evaluation && { evaluation }),
  });
  return {
    made,
    ...(synthetic && { synthetic }),
    ...(evaluation && { evaluation }),
    ...(seed !== undefined && { seed }),
  };
}

/** The ledger's record of this release. */
function ledgerEntry(
  manifest: Manifest,
  out: string,
  dpOut: DpSynthesis | undefined,
  counted: AggregateResult,
  data: Dataset,
  mode: RunMode | undefined,
): LedgerEntry {
  if (dpOut) {
    const privacy = manifest.privacy as { epsilon: number };
    return {
      model: "differential-privacy",
      epsilon: privacy.epsilon,
      delta: dpOut.aggregates.delta,
      date: manifest.createdAt,
      out,
    };
  }
  return {
    model: "k-anonymity",
    k: counted.k,
    length: counted.length,
    columns: data.columns.map((c) => c.name),
    mode: mode ?? "aggregates-only",
    date: manifest.createdAt,
    out,
  } satisfies KAnonymityLedgerEntry;
}

/** A fresh 128-bit seed in hex, from the secure source. */
function freshSeed(fill: FillRandom): string {
  const words = new Uint32Array(4);
  fill(words);
  return Array.from(words, (w) => w.toString(16).padStart(8, "0")).join("");
}
