/**
 * What a DP manifest states about itself (docs/design.md §5, §7), checked from the manifest alone: the
 * statement is the DP template with its ε, δ and unit; the unit agrees with the input settings
 * (a subject ID column makes it a person); the budget adds up — ρ from ε − ε_N and δ
 * (rhoFromEpsilon), ρ split into the percentile selections and the noise, the noise's ρ from its
 * σ_l, and for a named accuracy mode the σ_l in its proportions (accuracyWeights).
 */
import { type AccuracyMode, accuracyWeights, rhoFromEpsilon } from "../dp/accounting.js";
import { fittedLengthNote } from "../dp/manifest-privacy.js";
import { type DpManifest, dpStatement } from "../release/manifest.js";
import type { Violations } from "./release-cells.js";

const close = (a: number, b: number) =>
  Math.abs(a - b) <= 1e-9 * Math.max(Math.abs(a), Math.abs(b), 1e-300);

const NAMED_MODES: readonly string[] = ["balanced", "long", "short"];

export function checkDpManifest(m: DpManifest, v: Violations): void {
  const { epsilon, delta, privacyUnit, reportingLength, split } = m.privacy;
  const statement = dpStatement(epsilon, delta, privacyUnit);
  if (m.statement !== statement) {
    v.add(
      "statement",
      `manifest.json's statement is not the one of a DP release with ε = ${epsilon} and δ = ${delta}. It should read: "${statement}"`,
    );
  }
  const unit = m.input.subjectIdColumn === undefined ? "row" : "person";
  if (privacyUnit !== unit) {
    v.add(
      "parameters",
      `manifest.json says the privacy unit is a ${privacyUnit}, but the input ${unit === "row" ? "has no" : "has a"} subject ID column: it is a ${unit}.`,
    );
  }
  checkBudget(epsilon, delta, reportingLength, split, v);
  const { requestedLength, lengthNote } = m.privacy;
  if (requestedLength !== undefined || lengthNote !== undefined) {
    const expected =
      typeof requestedLength === "number" && requestedLength > reportingLength
        ? fittedLengthNote(requestedLength, reportingLength)
        : undefined;
    if (expected === undefined || lengthNote !== expected) {
      v.add(
        "statement",
        expected === undefined
          ? `manifest.json states a requested length of ${String(requestedLength)}, which is not above the measured length ${reportingLength}.`
          : `manifest.json's note on the measured length is not the one of a fitted release measuring ${reportingLength} of ${requestedLength}. It should read: "${expected}"`,
      );
    }
  }
  const sigmas = split.noise.sigmas;
  if (NAMED_MODES.includes(m.privacy.accuracyMode) && sigmas.length === reportingLength) {
    const weights = accuracyWeights(m.privacy.accuracyMode as AccuracyMode, reportingLength);
    if (!sigmas.every((s, l) => close(s / sigmas[0]!, weights[l]! / weights[0]!))) {
      v.add(
        "budget",
        `manifest.json's budget does not add up: the noise scales σ = ${sigmas.join(", ")} are not in the proportions of the accuracy mode "${m.privacy.accuracyMode}" (${weights.join(", ")}).`,
      );
    }
  }
}

function checkBudget(
  epsilon: number,
  delta: number,
  length: number,
  split: {
    recordCount: { epsilon: number };
    percentiles: { rho: number; epsilonEach: number; count: number };
    noise: { rho: number; sigmas: number[] };
    rho: number;
  },
  v: Violations,
): void {
  const say = (what: string) => v.add("budget", `manifest.json's budget does not add up: ${what}.`);
  const epsilonN = split.recordCount.epsilon;
  if (!(epsilonN < epsilon)) {
    say(`the record count's ε (${epsilonN}) is not below the total ε (${epsilon})`);
    return;
  }
  const rho = rhoFromEpsilon(epsilon - epsilonN, delta);
  if (!close(split.rho, rho))
    say(`ε − ε_N = ${epsilon - epsilonN} with δ = ${delta} gives ρ = ${rho}, not ${split.rho}`);
  const { percentiles: pc, noise } = split;
  if (pc.count !== length) say(`${pc.count} percentile selections for ${length} lengths`);
  if (!close(pc.rho, (pc.count * pc.epsilonEach ** 2) / 2))
    say(
      `${pc.count} selections of ε ${pc.epsilonEach} cost ρ = ${(pc.count * pc.epsilonEach ** 2) / 2}, not ${pc.rho}`,
    );
  if (noise.sigmas.length !== length)
    say(`${noise.sigmas.length} noise scales for ${length} lengths`);
  const noiseRho = noise.sigmas.reduce((a, s) => a + 1 / (2 * s * s), 0);
  if (!close(noise.rho, noiseRho))
    say(`noise with σ = ${noise.sigmas.join(", ")} costs ρ = ${noiseRho}, not ${noise.rho}`);
  if (!close(pc.rho + noise.rho, split.rho) && pc.rho + noise.rho > split.rho)
    say(`the parts spend ρ = ${pc.rho + noise.rho}, more than ρ = ${split.rho}`);
}
