/** The options every record-based synthesizer takes (row-, value- and unseeded). */
import type { Rng } from "../../random/rng.js";
import type { OnProgress } from "../progress.js";
import type { SupportIndex } from "./support-index.js";

export interface RecordSynthesisOptions {
  k: number;
  rng: Rng;
  /** A prepared index of the same data and k (saves rebuilding it). */
  index?: SupportIndex;
  /** Fill the columns a record lost with other values of support ≥ k (default true). */
  complete?: boolean;
  /**
   * Each attribute exactly floor_k(n_v) times (docs/design.md §4), by adding records made of the units
   * still owed — fragments on sparse, wide data (1.6–2.3 rows per real record). Default false:
   * at most floor_k(n_v) times and at most floor_k(n) records (docs/design.md §12).
   */
  exactCounts?: boolean;
  /** Share of the work done, in [0, 1] (see parts.ts). */
  onProgress?: OnProgress;
}
