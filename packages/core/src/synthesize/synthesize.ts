/**
 * The synthesis stage: one entry for the four k-anonymity modes of docs/design.md §4, with their
 * options and defaults in one place.
 */
import type { AggregateTable } from "../aggregate/aggregate-table.js";
import type { Dataset } from "../ingest/types.js";
import type { Rng } from "../random/rng.js";
import { inDatasetIds, publishedAggregates } from "./aggregate-seeded/published.js";
import { synthesizeAggregateSeeded } from "./aggregate-seeded/seeded.js";
import type { OnProgress } from "./progress.js";
import { synthesizeRowSeeded } from "./record-based/row-seeded.js";
import { synthesizeUnseeded } from "./record-based/unseeded.js";
import { synthesizeValueSeeded, type ValueSeededOptions } from "./record-based/value-seeded.js";
import type { SyntheticData } from "./synthetic-data.js";

export type SynthesisMode = "row-seeded" | "value-seeded" | "unseeded" | "aggregate-seeded";
export const SYNTHESIS_MODES: readonly SynthesisMode[] = [
  "row-seeded",
  "value-seeded",
  "unseeded",
  "aggregate-seeded",
];
export const DEFAULT_MODE: SynthesisMode = "row-seeded";

export interface SynthesizeOptions {
  /** Default "row-seeded". */
  mode?: SynthesisMode;
  k: number;
  /** Reporting length L of the aggregates. */
  length: number;
  /** The reportable aggregates (aggregate-seeded works from them only; value-seeded's oversampling control measures against them). */
  reportable: AggregateTable;
  rng: Rng;
  /**
   * value-seeded: oversampling control, off by default: the allowed excess over reportable
   * counts (e.g. 0.1 = 10 %); `null` or undefined leaves it off (on NIST data it lowers fidelity).
   */
  oversamplingRatio?: number | null;
  /** value-seeded: draws per step under oversampling control (default 10). */
  oversamplingTries?: number;
  /** aggregate-seeded: percentile of sub-combination counts weighting sets longer than L (default 95). */
  weightPercentile?: number;
  /** aggregate-seeded: subtract what was already synthesized from the weights (default true). */
  useSynthesizedCounts?: boolean;
  /** aggregate-seeded: number of records (default: until the attribute counts are used up). */
  records?: number;
  /**
   * row- and value-seeded: each attribute exactly floor_k(n_v) times, at the cost of fragment
   * records (default false: at most, docs/design.md §12).
   */
  exactCounts?: boolean;
  /** Share of the work done, in [0, 1], reported as the run goes (last: 1). */
  onProgress?: OnProgress;
}

export function synthesize(data: Dataset, options: SynthesizeOptions): SyntheticData {
  const { k, rng } = options;
  const progress = options.onProgress && { onProgress: options.onProgress };
  switch (options.mode ?? DEFAULT_MODE) {
    case "row-seeded":
      return synthesizeRowSeeded(data, {
        k,
        rng,
        exactCounts: options.exactCounts ?? false,
        ...progress,
      });
    case "unseeded":
      return synthesizeUnseeded(data, { k, rng, ...progress });
    case "value-seeded":
      return synthesizeValueSeeded(data, { ...valueSeededOptions(options), ...progress });
    case "aggregate-seeded": {
      // Only what is published reaches the synthesizer; its records are mapped back by value.
      const published = publishedAggregates(data, options.reportable);
      const synthetic = synthesizeAggregateSeeded(published, {
        k,
        length: options.length,
        rng,
        ...(options.weightPercentile !== undefined && {
          weightPercentile: options.weightPercentile,
        }),
        ...(options.useSynthesizedCounts !== undefined && {
          useSynthesizedCounts: options.useSynthesizedCounts,
        }),
        ...(options.records !== undefined && { records: options.records }),
        ...progress,
      });
      return inDatasetIds(data, published, synthetic);
    }
  }
}

function valueSeededOptions(options: SynthesizeOptions): ValueSeededOptions {
  const { k, rng } = options;
  const exactCounts = options.exactCounts ?? false;
  // Oversampling control is optional (docs/design.md §4): on only when a ratio is given.
  if (options.oversamplingRatio === undefined || options.oversamplingRatio === null) {
    return { k, rng, exactCounts };
  }
  return {
    k,
    rng,
    exactCounts,
    oversampling: {
      ratio: options.oversamplingRatio,
      ...(options.oversamplingTries !== undefined && { tries: options.oversamplingTries }),
      length: options.length,
      reportable: options.reportable,
    },
  };
}
