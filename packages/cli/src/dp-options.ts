/**
 * The DP flags of `synthesize --mode dp` (docs/design.md §5, §8), resolved from flags over the config
 * file. Formats are checked here; ranges that depend on the run (thresholds per length) are
 * checked by core before any noise is drawn.
 */
import {
  ACCURACY_MODES,
  type AccuracyMode,
  DP_STYLES,
  type DpStyle,
  FABRICATION_MODES,
  type Fabrication,
  type FabricationMode,
} from "@commonground/core/internal";
import type { ConfigFile } from "./config-schema.js";
import { numberFlag, type RawFlags } from "./flags.js";
import { usage } from "./usage.js";

export interface DpRunOptions {
  epsilon: number;
  delta?: number;
  accuracy?: AccuracyMode | number[];
  fabrication?: Fabrication;
  percentile?: number;
  percentileShare?: number;
  recordsShare?: number;
  style: DpStyle;
}

/** `2=0.5,3=1` (flag) or { "2": 0.5 } (config) into a record by length. */
function perLength(
  flag: string,
  value: string | Record<string, number> | undefined,
): Record<number, number> | undefined {
  if (value === undefined) return undefined;
  const out: Record<number, number> = {};
  const entries: [string, string | number][] =
    typeof value === "string"
      ? value.split(",").map((item) => {
          const eq = item.indexOf("=");
          if (eq <= 0)
            throw usage(
              `${flag} expects LENGTH=VALUE pairs (got "${item}").`,
              `For example ${flag} 2=0.5,3=1.`,
            );
          return [item.slice(0, eq).trim(), item.slice(eq + 1).trim()];
        })
      : Object.entries(value);
  for (const [key, raw] of entries) {
    const l = Number(key);
    const v = typeof raw === "number" ? raw : Number(raw);
    if (!Number.isInteger(l) || raw === "" || !Number.isFinite(v)) {
      throw usage(
        `${flag} expects LENGTH=VALUE pairs with numbers (got "${key}=${raw}").`,
        `For example ${flag} 2=0.5,3=1.`,
      );
    }
    out[l] = v;
  }
  return out;
}

export function resolveDp(flags: RawFlags, config: ConfigFile): DpRunOptions {
  const epsilon = numberFlag("epsilon", flags.epsilon ?? config.epsilon);
  if (epsilon === undefined) {
    throw usage(
      "--mode dp needs --epsilon, the privacy budget.",
      "Smaller is more private and noisier: --epsilon 1 is a common choice; above 10 the protection is weak.",
    );
  }
  const out: DpRunOptions = { epsilon, style: "fitted" };
  const delta = numberFlag("delta", flags.delta ?? config.delta);
  if (delta !== undefined) out.delta = delta;
  const style = flags.dpStyle ?? config.dpStyle;
  if (style !== undefined) {
    if (!DP_STYLES.includes(style as DpStyle)) {
      throw usage(
        `--dp-style must be one of ${DP_STYLES.join(", ")} (got "${style}").`,
        "fitted (the default) gives complete, faithful records; sds reproduces Microsoft's Synthetic Data Showcase.",
      );
    }
    out.style = style as DpStyle;
  }
  const mode = flags.accuracyMode ?? config.accuracyMode;
  const weights = flags.sigmaWeights ?? config.sigmaWeights;
  if (mode !== undefined && weights !== undefined) {
    throw usage(
      "Give either --accuracy-mode or --sigma-weights, not both.",
      "--sigma-weights sets the weights that --accuracy-mode would choose.",
    );
  }
  if (mode !== undefined) {
    if (!ACCURACY_MODES.includes(mode as AccuracyMode)) {
      throw usage(
        `--accuracy-mode must be one of ${ACCURACY_MODES.join(", ")} (got "${mode}").`,
        "balanced (the default) spreads accuracy evenly over lengths.",
      );
    }
    out.accuracy = mode as AccuracyMode;
  }
  if (weights !== undefined) {
    const list = (Array.isArray(weights) ? weights : String(weights).split(",")).map((w) =>
      Number(String(w).trim()),
    );
    if (list.some((w) => !(w > 0 && Number.isFinite(w)))) {
      throw usage(
        `--sigma-weights must be positive numbers, one per length (got "${weights}").`,
        "For example --sigma-weights 1,0.5,0.33.",
      );
    }
    out.accuracy = list;
  }
  const fabrication = resolveFabrication(flags, config);
  if (fabrication) out.fabrication = fabrication;
  const percentile = numberFlag("percentile", flags.percentile ?? config.percentile);
  if (percentile !== undefined) out.percentile = percentile;
  const ps = numberFlag("percentileShare", flags.percentileShare ?? config.percentileShare);
  if (ps !== undefined) out.percentileShare = ps;
  const rs = numberFlag("recordsShare", flags.recordsShare ?? config.recordsShare);
  if (rs !== undefined) out.recordsShare = rs;
  return out;
}

function resolveFabrication(flags: RawFlags, config: ConfigFile): Fabrication | undefined {
  const mode = flags.fabricationMode ?? config.fabricationMode;
  const etas = perLength("--thresholds", flags.thresholds ?? config.thresholds);
  const fixed = perLength("--fixed-thresholds", flags.fixedThresholds ?? config.fixedThresholds);
  const given = [mode !== undefined, etas !== undefined, fixed !== undefined].filter(
    Boolean,
  ).length;
  if (given > 1) {
    throw usage(
      "Give only one of --fabrication-mode, --thresholds and --fixed-thresholds.",
      "They are three ways to set the same thresholds.",
    );
  }
  if (mode !== undefined) {
    if (!FABRICATION_MODES.includes(mode as FabricationMode)) {
      throw usage(
        `--fabrication-mode must be one of ${FABRICATION_MODES.join(", ")} (got "${mode}").`,
        "uncontrolled keeps every pair whose noisy count is positive (the fitted style's default); balanced and minimise hold back more invented pairs.",
      );
    }
    return { mode: mode as FabricationMode };
  }
  if (etas) return { etas };
  if (fixed) return { thresholds: fixed };
  return undefined;
}
