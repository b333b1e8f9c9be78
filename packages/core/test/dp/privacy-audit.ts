/**
 * An empirical privacy auditor in the spirit of Google's DP stochastic tester and
 * DP-Auditorium: run a mechanism many times on two neighbouring data sets, D (without one
 * person) and D' (with them), and look for an event E whose probabilities break the promise
 * P(M(D') ∈ E) ≤ e^ε · P(M(D) ∈ E) + δ (or the same with D and D' swapped).
 *
 * The events are thresholds of a scalar statistic of the output, E = {T ≥ t} or {T ≤ t}. The
 * statistic is white-box: for the DP marginals it sums the noisy counts of the combinations
 * the added person's record holds (one count alone cannot show a half-noise mutant: its
 * shift is one unit against σ·√Δ of noise, and the mutant stays within ε there).
 *
 * Statistical margin (stated false-alarm rate): the runs are split in two. The first part
 * only chooses the event (threshold and direction); the second, independent part estimates
 * its two probabilities with exact Clopper–Pearson intervals, each at level α/2, and gives
 *   ε_low = ln((p₁_low − δ) / p₀_high),
 * a lower confidence bound on the ε the mechanism must have. The audit rejects when
 * ε_low > ε. For a mechanism that keeps its promise, ε_low > ε needs p₁_low > p₁ or
 * p₀_high < p₀, so a false alarm has probability at most α (the union bound), whatever the
 * event chosen. A run with fixed seeds is deterministic; α is the chance over seeds.
 */

export interface AuditOptions {
  epsilon: number;
  delta: number;
  /** False-alarm rate of the whole audit. */
  alpha: number;
  /** Share of the runs used to choose the event (default 0.25). */
  selectionShare?: number;
}

export interface AuditResult {
  /** Runs per data set used to test the chosen event (after the selection runs). */
  runs: number;
  /** The event: T ≥ threshold ("up") or T ≤ threshold ("down"), and which side is D'. */
  threshold: number;
  direction: "up" | "down";
  /** Estimated probabilities of the event on the favoured side (p₁) and the other (p₀). */
  p1: number;
  p0: number;
  p1Low: number;
  p0High: number;
  /** Point estimate ln((p₁ − δ) / p₀) and its lower confidence bound at level 1 − α. */
  epsilonEstimate: number;
  epsilonLow: number;
  epsilon: number;
  delta: number;
  alpha: number;
  /** ε_low > ε: the promise is broken (false-alarm rate ≤ α). */
  rejected: boolean;
}

/**
 * Audits samples of the statistic on D' (`withPerson`) and D (`without`): the first
 * `selectionShare` of each array chooses the event, the rest tests it.
 */
export function auditSamples(
  withPerson: readonly number[],
  without: readonly number[],
  options: AuditOptions,
): AuditResult {
  const { epsilon, delta, alpha } = options;
  const share = options.selectionShare ?? 0.25;
  const cut = (a: readonly number[]) => Math.floor(a.length * share);
  const selectA = withPerson.slice(0, cut(withPerson));
  const selectB = without.slice(0, cut(without));
  const testA = withPerson.slice(cut(withPerson));
  const testB = without.slice(cut(without));
  // Choose on the selection part only: the event with the largest predicted lower bound for
  // the test part's size (normal fits and counts, the more cautious of the two).
  const testRuns = Math.min(testA.length, testB.length);
  let choice: { threshold: number; direction: "up" | "down"; score: number } | undefined;
  for (const threshold of candidateThresholds(selectA, selectB)) {
    for (const direction of ["up", "down"] as const) {
      const score = predictedEpsilonLow(selectA, selectB, threshold, direction, delta, testRuns);
      if (!choice || score > choice.score) choice = { threshold, direction, score };
    }
  }
  if (!choice) throw new Error("auditSamples: no samples");
  const tested = epsilonLowFor(testA, testB, choice.threshold, choice.direction, delta, alpha);
  return {
    runs: Math.min(testA.length, testB.length),
    threshold: choice.threshold,
    direction: choice.direction,
    ...tested,
    epsilon,
    delta,
    alpha,
    rejected: tested.epsilonLow > epsilon,
  };
}

/**
 * The ε_low the test part would give for an event, predicted from the selection samples with
 * 3.3 standard errors (Clopper–Pearson at α/2 = 5·10^−4, roughly). Only ranks events.
 */
function predictedEpsilonLow(
  withPerson: readonly number[],
  without: readonly number[],
  threshold: number,
  direction: "up" | "down",
  delta: number,
  runs: number,
): number {
  const fit = (xs: readonly number[]) => {
    const mean = xs.reduce((s, x) => s + x, 0) / xs.length;
    const sd = Math.sqrt(xs.reduce((s, x) => s + (x - mean) ** 2, 0) / (xs.length - 1)) || 1;
    // Integer statistics: the event T ≥ t starts half a unit below t.
    return (t: number) =>
      direction === "up" ? upperTail((t - 0.5 - mean) / sd) : upperTail((mean - t - 0.5) / sd);
  };
  const [favoured, other] = direction === "up" ? [withPerson, without] : [without, withPerson];
  const inEvent =
    direction === "up" ? (x: number) => x >= threshold : (x: number) => x <= threshold;
  const predict = (p1: number, p0: number) => {
    const low = p1 - 3.3 * Math.sqrt(p1 / runs) - delta;
    const high = p0 + 3.3 * Math.sqrt(p0 / runs) + 4 / runs;
    return low <= 0 ? Number.NEGATIVE_INFINITY : Math.log(low / high);
  };
  // The smaller of the normal fit's prediction and the counts' (one event added to p₀): the
  // fit sees thin tails, the counts keep it honest where the noise is not normal (Laplace).
  const counted = predict(
    favoured.filter(inEvent).length / favoured.length,
    (other.filter(inEvent).length + 1) / (other.length + 1),
  );
  return Math.min(predict(fit(favoured)(threshold), fit(other)(threshold)), counted);
}

/** P(Z > z) for a standard normal Z (Abramowitz–Stegun 7.1.26; ranking only). */
function upperTail(z: number): number {
  const x = Math.abs(z) / Math.SQRT2;
  const t = 1 / (1 + 0.3275911 * x);
  const poly =
    t *
    (0.254829592 + t * (-0.284496736 + t * (1.421413741 + t * (-1.453152027 + t * 1.061405429))));
  const tail = 0.5 * poly * Math.exp(-x * x);
  return z >= 0 ? tail : 1 - tail;
}

/** Thresholds: quantiles of the pooled selection samples, and steps of 0.1 sd beyond them. */
function candidateThresholds(a: readonly number[], b: readonly number[]): number[] {
  const pooled = [...a, ...b].sort((x, y) => x - y);
  const out = new Set<number>();
  for (let i = 1; i < 200; i++) out.add(pooled[Math.floor((i / 200) * (pooled.length - 1))]!);
  const mean = pooled.reduce((s, x) => s + x, 0) / pooled.length;
  const sd = Math.sqrt(pooled.reduce((s, x) => s + (x - mean) ** 2, 0) / pooled.length) || 1;
  for (let k = -60; k <= 60; k++) out.add(Math.round(mean + (k / 10) * sd));
  return [...out];
}

/**
 * Direction "up": E = {T ≥ t}, favoured side D' (withPerson); "down": E = {T ≤ t}, favoured
 * side D. Either way the test is p_favoured ≤ e^ε·p_other + δ.
 */
function epsilonLowFor(
  withPerson: readonly number[],
  without: readonly number[],
  threshold: number,
  direction: "up" | "down",
  delta: number,
  alpha: number,
) {
  const inEvent =
    direction === "up" ? (x: number) => x >= threshold : (x: number) => x <= threshold;
  const [favoured, other] = direction === "up" ? [withPerson, without] : [without, withPerson];
  const k1 = favoured.filter(inEvent).length;
  const k0 = other.filter(inEvent).length;
  const p1 = k1 / favoured.length;
  const p0 = k0 / other.length;
  const [p1Low] = clopperPearson(k1, favoured.length, alpha / 2);
  const [, p0High] = clopperPearson(k0, other.length, alpha / 2);
  const ratio = (num: number, den: number) =>
    num <= 0 ? Number.NEGATIVE_INFINITY : den <= 0 ? Number.POSITIVE_INFINITY : Math.log(num / den);
  return {
    p1,
    p0,
    p1Low,
    p0High,
    epsilonEstimate: ratio(p1 - delta, p0),
    epsilonLow: ratio(p1Low - delta, p0High),
  };
}

/**
 * Exact one-sided Clopper–Pearson bounds for k successes in n trials: [low, high] with
 * P(X ≥ k | low) = a and P(X ≤ k | high) = a (low = 0 when k = 0, high = 1 when k = n).
 */
export function clopperPearson(k: number, n: number, a: number): [number, number] {
  const low = k === 0 ? 0 : bisect((p) => 1 - binomialCdf(k - 1, n, p) - a);
  const high = k === n ? 1 : bisect((p) => a - binomialCdf(k, n, p));
  return [low, high];
}

/** The root in (0, 1) of an increasing function f (60 halvings). */
function bisect(f: (p: number) => number): number {
  let lo = 0;
  let hi = 1;
  for (let i = 0; i < 60; i++) {
    const mid = (lo + hi) / 2;
    if (f(mid) < 0) lo = mid;
    else hi = mid;
  }
  return (lo + hi) / 2;
}

/** P(Bin(n, p) ≤ k), summed in log space from i = 0 (O(k)). */
export function binomialCdf(k: number, n: number, p: number): number {
  if (k < 0) return 0;
  if (k >= n) return 1;
  if (p <= 0) return 1;
  if (p >= 1) return 0;
  const lp = Math.log(p);
  const lq = Math.log1p(-p);
  let logTerm = n * lq;
  let max = logTerm;
  const terms = [logTerm];
  for (let i = 0; i < k; i++) {
    logTerm += Math.log(n - i) - Math.log(i + 1) + lp - lq;
    terms.push(logTerm);
    if (logTerm > max) max = logTerm;
  }
  let sum = 0;
  for (const t of terms) sum += Math.exp(t - max);
  return Math.min(1, Math.exp(max) * sum);
}
