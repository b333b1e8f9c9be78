/**
 * The `privacy` section of a DP release's manifest (docs/design.md §7): what a DP run states about its
 * guarantee and how its budget was split. Defined with the mechanism (dp/) so that the
 * mechanism can fill it in; the manifest (release/) includes it.
 */
export interface DpPrivacy {
  model: "differential-privacy";
  epsilon: number;
  delta: number;
  /** What one protected unit is: a person (subject-ID merged) or a row (no --subject-id). */
  privacyUnit: "person" | "row";
  /** Length of the published aggregates. */
  reportingLength: number;
  /**
   * The length asked for, when the style measured less (the fitted style measures pairs), with
   * lengthNote saying why in plain words (fittedLengthNote). Absent otherwise.
   */
  requestedLength?: number;
  lengthNote?: string;
  /** How ε was split: record count (pure ε), percentile selections and noise (as ε-shares of zCDP ρ). */
  split: {
    recordCount: { epsilon: number };
    percentiles: { rho: number; epsilonEach: number; count: number };
    /**
     * σ_l per length, and Δ_l, the DP contribution bounds chosen (docs/design.md §5 step 3): the noise
     * of a length-l count has standard deviation σ_l·√Δ_l. Δ_l is the output of a DP
     * selection, so publishing it costs nothing more; absent in older manifests.
     */
    noise: { rho: number; sigmas: number[]; contributionBounds?: number[] };
    rho: number;
  };
  accuracyMode: string;
  fabricationMode: string;
  style: "fitted" | "sds";
  /** Randomness: always a cryptographically secure source for DP releases. */
  randomness: "secure";
}

/** Why a fitted DP release measured fewer attributes per combination than asked for. */
export function fittedLengthNote(requested: number, measured: number): string {
  return (
    `Combinations of up to ${measured} attributes were measured, not ${requested} as asked: ` +
    `the fitted style measures every pair of values, and the same privacy budget then buys far less noise per count ` +
    `than spreading it over ${requested === 3 ? "triples" : "longer combinations"} as well.`
  );
}
