/**
 * Privacy accounting of the DP marginals mechanism (docs/design.md §5), as pure functions.
 *
 * The total budget (ε, δ) is spent in three places:
 *   1. the record count: ε_N = recordsShare · ε (discrete Laplace, pure ε_N-DP);
 *   2. the rest, ε_M = ε − ε_N, is turned into zero-concentrated DP:
 *      ρ = (√(ε_M + ln(2/δ)) − √(ln(2/δ)))²;
 *      a share q of ρ pays for L percentile selections (exponential mechanism, pure ε_Q-DP,
 *      so ε_Q²/2-zCDP each): ε_Q = √(2ρq / L);
 *   3. the remaining (1 − q)·ρ pays for Gaussian noise on the counts of each length l, with
 *      σ_l = p_l · σ and σ = √(Σ_l p_l⁻² / (2ρ(1 − q))) (p_l: the accuracy weights).
 * Thresholds: τ_1 = 1 + σ_1√Δ_1 · Φ⁻¹((1 − δ/2)^(1/Δ_1)); τ_l = σ_l√Δ_l · Φ⁻¹(1 − η_l/2) for
 * l ≥ 2, η_l from the fabrication mode.
 *
 * Guarantee: the DP marginals mechanism (dp-aggregates.ts) run with this split is (ε, δ)-DP.
 * Privacy unit: one person (one record after subject-ID merging; one row without an ID).
 * Proof, in terms of these functions: the percentiles (ε_Q-DP each) and the Gaussian counts
 * (ρ_l = 1/(2σ_l²) per length: a person moves at most Δ_l counts by 1, L2 sensitivity √Δ_l,
 * noise variance σ_l²·Δ_l) compose to Σ_l ε_Q²/2 + Σ_l 1/(2σ_l²) = qρ + (1 − q)ρ = ρ-zCDP
 * (Bun & Steinke 2016: pure ε-DP is ε²/2-zCDP, Prop 1.4; zCDP composes by adding ρ);
 * ρ-zCDP is (ρ + 2√(ρ·ln(2/δ)), δ/2)-DP (ibid., Prop 1.3), and `rhoFromEpsilon` solves that
 * for ε_M (in doubles, a relative error near 1e-16); the length-1
 * threshold τ_1 spends the other δ/2 (a person's values seen nowhere else pass it with
 * probability at most δ/2); the record count adds ε_N by basic composition. Total (ε, δ).
 * Directed rounding: every σ is rounded up and every ε down where the samplers take them
 * (exact.ts). Proof note: docs/privacy/dp-marginals.md.
 */
import { UserError } from "../errors.js";
import { normalUpperQuantile } from "./normal.js";

export type AccuracyMode = "balanced" | "long" | "short";
export const ACCURACY_MODES: readonly AccuracyMode[] = ["balanced", "long", "short"];
export type FabricationMode = "uncontrolled" | "balanced" | "progressive" | "minimise";
export const FABRICATION_MODES: readonly FabricationMode[] = [
  "uncontrolled",
  "balanced",
  "progressive",
  "minimise",
];

/** Defaults of the DP options, documented once (docs/design.md §5, §8). */
export const DP_DEFAULTS = {
  recordsShare: 0.005,
  percentileShare: 0.01,
  percentile: 99,
  accuracyMode: "balanced" as AccuracyMode,
  fabricationMode: "balanced" as FabricationMode,
};

/** How the fabricated (noise-only) combinations of each length l ≥ 2 are held back. */
export type Fabrication =
  | { mode: FabricationMode }
  /** η_l per length l = 2…L (probability that a zero-count combination passes is about η/2). */
  | { etas: Record<number, number> }
  /** Fixed thresholds τ_l per length l = 2…L. */
  | { thresholds: Record<number, number> };

export interface BudgetOptions {
  /** Total ε (> 0). */
  epsilon: number;
  /** Total δ in (0, 1). */
  delta: number;
  /** Reporting length L ≥ 1 (already clamped to the number of columns). */
  length: number;
  /** Share of ε spent on the record count (default 0.005). */
  recordsShare?: number;
  /** Share of ρ spent on the L percentile selections (default 0.01). */
  percentileShare?: number;
  /** Accuracy weights p_1 … p_L, or a mode (default balanced). */
  accuracy?: AccuracyMode | number[];
}

export interface BudgetSplit {
  epsilon: number;
  delta: number;
  /** ε_N: the record count's share. */
  epsilonRecords: number;
  /** ε_M = ε − ε_N, as zCDP. */
  rho: number;
  /** ε_Q of each of the L percentile selections. */
  epsilonPercentile: number;
  /** ρ spent on noise: (1 − q)·ρ. */
  rhoNoise: number;
  /** p_l, l = 1…L. */
  weights: number[];
  /** σ_l, l = 1…L (before multiplying by √Δ_l). */
  sigmas: number[];
}

function invalid(message: string, hint?: string): UserError {
  return new UserError("invalid-option", message, {}, hint);
}

function checkShare(name: string, x: number): void {
  if (!(x > 0 && x < 1))
    throw invalid(`${name} must be a number between 0 and 1 (exclusive), not ${x}.`);
}

/** ρ of zCDP that, with the (ε, δ) conversion of docs/design.md §5, spends exactly ε_M. */
export function rhoFromEpsilon(epsilonM: number, delta: number): number {
  const l = Math.log(2 / delta);
  // (√(ε + l) − √l)² computed as ε² / (√(ε + l) + √l)²: no cancellation for small ε.
  const s = Math.sqrt(epsilonM + l) + Math.sqrt(l);
  return (epsilonM * epsilonM) / (s * s);
}

/** The accuracy weights p_l for l = 1…L. */
export function accuracyWeights(accuracy: AccuracyMode | number[], length: number): number[] {
  if (Array.isArray(accuracy)) {
    if (accuracy.length !== length) {
      throw invalid(
        `${accuracy.length} sigma weights are given, but this release measures combinations of 1 to ${length} attributes (the fitted style measures at most 2).`,
        `Give one positive weight per length 1…${length}, e.g. ${Array(length).fill(1).join(",")}.`,
      );
    }
    for (const w of accuracy) {
      if (!(w > 0 && Number.isFinite(w)))
        throw invalid(`sigma weights must be positive numbers, not ${w}.`);
    }
    return [...accuracy];
  }
  return Array.from({ length }, (_, i) => {
    const l = i + 1;
    if (accuracy === "long") return 1 / l;
    if (accuracy === "short") return 1 / (length - l + 1);
    return 1;
  });
}

/** The split of docs/design.md §5, from the total (ε, δ). */
export function splitBudget(options: BudgetOptions): BudgetSplit {
  const { epsilon, delta, length } = options;
  if (!(epsilon > 0 && Number.isFinite(epsilon))) {
    throw invalid(`epsilon must be a positive number, not ${epsilon}.`, "For example --epsilon 1.");
  }
  if (!(delta > 0 && delta < 1)) {
    throw invalid(`delta must be between 0 and 1 (exclusive), not ${delta}.`);
  }
  if (!(Number.isInteger(length) && length >= 1))
    throw invalid(`The reporting length must be at least 1, not ${length}.`);
  const recordsShare = options.recordsShare ?? DP_DEFAULTS.recordsShare;
  const q = options.percentileShare ?? DP_DEFAULTS.percentileShare;
  checkShare("The record-count share", recordsShare);
  checkShare("The percentile share", q);
  const weights = accuracyWeights(options.accuracy ?? DP_DEFAULTS.accuracyMode, length);
  const epsilonRecords = recordsShare * epsilon;
  const rho = rhoFromEpsilon(epsilon - epsilonRecords, delta);
  const epsilonPercentile = Math.sqrt((2 * rho * q) / length);
  const rhoNoise = (1 - q) * rho;
  let inverse = 0;
  for (const p of weights) inverse += 1 / (p * p);
  const sigma = Math.sqrt(inverse / (2 * rhoNoise));
  return {
    epsilon,
    delta,
    epsilonRecords,
    rho,
    epsilonPercentile,
    rhoNoise,
    weights,
    sigmas: weights.map((p) => p * sigma),
  };
}

/** Default δ = 1 / (m · ln m), m = max(ñ, 10), from the noisy record count ñ. */
export function defaultDelta(noisyRecords: number): number {
  const m = Math.max(noisyRecords, 10);
  return 1 / (m * Math.log(m));
}

/** τ_1 = 1 + σ_1√Δ_1 · Φ⁻¹((1 − δ/2)^(1/Δ_1)). */
export function thresholdLength1(sigma1: number, contributions: number, delta: number): number {
  if (contributions <= 0) return 1;
  // Upper tail 1 − (1 − δ/2)^(1/Δ), without losing it to rounding near 1.
  const tail = -Math.expm1(Math.log1p(-delta / 2) / contributions);
  return 1 + sigma1 * Math.sqrt(contributions) * normalUpperQuantile(tail);
}

/** η_l of a fabrication mode, for l = 2…L (index l). */
export function fabricationEta(mode: FabricationMode, l: number, length: number): number {
  switch (mode) {
    case "uncontrolled":
      return 1;
    case "balanced":
      return l === 2 ? 0.55 : 1;
    case "progressive":
      return length <= 2 ? 0.1 : Math.min(1, 0.1 + (0.9 * (l - 2)) / (length - 2));
    case "minimise":
      return 0.01;
  }
}

/** τ_l for l ≥ 2: σ_l√Δ_l · Φ⁻¹(1 − η_l/2), or the fixed threshold given. */
export function thresholdLength(
  fabrication: Fabrication,
  l: number,
  length: number,
  sigma: number,
  contributions: number,
): number {
  if ("thresholds" in fabrication) return fabrication.thresholds[l] ?? 0;
  const eta =
    "etas" in fabrication
      ? (fabrication.etas[l] ?? 1)
      : fabricationEta(fabrication.mode, l, length);
  if (eta >= 1) return 0;
  return sigma * Math.sqrt(contributions) * normalUpperQuantile(eta / 2);
}

/** Checks per-length fabrication settings: lengths 2…L only, η in (0, 1], τ ≥ 0. */
export function checkFabrication(fabrication: Fabrication, length: number): void {
  const entries =
    "etas" in fabrication
      ? Object.entries(fabrication.etas)
      : "thresholds" in fabrication
        ? Object.entries(fabrication.thresholds)
        : [];
  for (const [key, value] of entries) {
    const l = Number(key);
    if (!(Number.isInteger(l) && l >= 2 && l <= length)) {
      throw invalid(
        `A threshold is given for length ${key}, but thresholds apply to lengths 2…${length} only.`,
        length < 2
          ? "With a reporting length of 1 there is nothing to threshold: drop it."
          : `Give values for lengths 2 to ${length} only, e.g. 2=0.5.`,
      );
    }
    const ok =
      "etas" in fabrication ? value > 0 && value <= 1 : value >= 0 && Number.isFinite(value);
    if (!ok) {
      throw invalid(
        "etas" in fabrication
          ? `The fabrication threshold for length ${l} must be in (0, 1], not ${value}.`
          : `The fixed threshold for length ${l} must be a non-negative number, not ${value}.`,
      );
    }
  }
}
