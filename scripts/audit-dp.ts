/**
 * The full empirical privacy audit (`npm run audit:dp`; the CI version is
 * packages/core/test/dp/privacy-audit.test.ts). Each DP counting mechanism runs many times on
 * neighbouring data sets — one person added, over two rows merged by subject ID, with a
 * multi-value cell — and the auditor (packages/core/test/dp/privacy-audit.ts) bounds the
 * privacy loss it sees from below, with false-alarm rate α per line. The real mechanism must
 * pass every line and the half-noise mutant must be rejected on every line.
 *
 * AUDIT_SCALE=0.1 runs a tenth of the runs (a few minutes); the default takes about half an
 * hour on one core. Prints one line per audit and exits 1 if any verdict is wrong.
 */
import { seededRng } from "../packages/core/src/internal.js";
import {
  marginalsStatistic,
  recordCountStatistic,
  type Statistic,
  sample,
} from "../packages/core/test/dp/dp-audit-scenarios.js";
import { auditSamples } from "../packages/core/test/dp/privacy-audit.js";

const scale = Number(process.env.AUDIT_SCALE ?? 1);
const alpha = 1e-3;

interface Line {
  name: string;
  statistic: (noiseFactor: number) => Statistic;
  runs: number;
  epsilon: number;
  delta: number;
}

const lines: Line[] = [
  {
    name: "record count, ε_N = 1",
    statistic: (f) => recordCountStatistic(500, 1, f),
    runs: 200_000,
    epsilon: 1,
    delta: 0,
  },
  {
    name: "record count, ε_N = 0.1",
    statistic: (f) => recordCountStatistic(500, 0.1, f),
    runs: 200_000,
    epsilon: 0.1,
    delta: 0,
  },
  {
    name: "DP marginals L=2, ε=3, δ=0.01, 5 % to percentiles",
    statistic: (f) =>
      marginalsStatistic(
        300,
        { epsilon: 3, delta: 0.01, length: 2, percentile: 50, percentileShare: 0.05 },
        f,
      ),
    runs: 150_000,
    epsilon: 3,
    delta: 0.01,
  },
  {
    name: "DP marginals L=2, ε=4, δ=0.001, default shares",
    statistic: (f) =>
      marginalsStatistic(600, { epsilon: 4, delta: 1e-3, length: 2, percentile: 50 }, f),
    runs: 250_000,
    epsilon: 4,
    delta: 1e-3,
  },
];

let wrong = 0;
console.log(`privacy audit: α = ${alpha} per line (Clopper–Pearson), scale ${scale}`);
console.log("line | noise | runs/side | event | p1 | p0 | ε estimate | ε_low | ε | verdict | s");
for (const line of lines) {
  for (const noiseFactor of [1, 0.5]) {
    const start = performance.now();
    const runs = Math.max(1000, Math.round(line.runs * scale));
    const seed = `${line.name}-${noiseFactor}`;
    const samples = sample(line.statistic(noiseFactor), runs, [
      seededRng(`${seed}-with`),
      seededRng(`${seed}-without`),
    ]);
    const v = auditSamples(...samples, {
      epsilon: line.epsilon,
      delta: line.delta,
      alpha,
      selectionShare: 0.1,
    });
    const expected = noiseFactor !== 1;
    if (v.rejected !== expected) wrong++;
    const event = `T ${v.direction === "up" ? "≥" : "≤"} ${v.threshold}`;
    console.log(
      [
        line.name,
        noiseFactor === 1 ? "mechanism" : "half (mutant)",
        runs,
        event,
        v.p1.toPrecision(4),
        v.p0.toPrecision(4),
        v.epsilonEstimate.toFixed(3),
        v.epsilonLow.toFixed(3),
        line.epsilon,
        `${v.rejected ? "REJECTED" : "passes"}${v.rejected === expected ? "" : " (WRONG)"}`,
        ((performance.now() - start) / 1000).toFixed(0),
      ].join(" | "),
    );
  }
}
if (wrong > 0) {
  console.error(`${wrong} verdict(s) wrong`);
  process.exit(1);
}
