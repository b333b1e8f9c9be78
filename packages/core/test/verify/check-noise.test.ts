/**
 * The noise test of DP verify (verify/check-noise.ts, issue 11 defect 5b): its probabilities
 * are right (the binomial tail against a direct sum, the Chernoff bound against simulated
 * discrete Gaussian noise), honest noise is not flagged, and a DP release whose counts were
 * replaced by the exact ones — or carry a tenth of the stated noise — is.
 */
import { describe, expect, it } from "vitest";
import {
  aggregate,
  aggregatesCsvText,
  type Dataset,
  discreteGaussian,
  dpManifest,
  dpPrivacy,
  dpSynthesize,
  type ParsedRelease,
  parseReleaseCsv,
  readDatasetFromText,
  seededRng,
  syntheticCsvText,
  verifyDpRelease,
} from "../../src/internal.js";
import {
  ALPHA,
  binomialUpperTail,
  chernoffLowerTail,
  zeroProbability,
} from "../../src/verify/check-noise.js";

describe("the probabilities", () => {
  it("binomialUpperTail is the binomial tail", () => {
    const choose = (n: number, j: number): number =>
      j === 0 ? 1 : (choose(n, j - 1) * (n - j + 1)) / j;
    for (const [n, p] of [
      [10, 0.3],
      [25, 0.05],
      [40, 0.5],
    ] as const) {
      for (let x = 0; x <= n; x += 3) {
        let direct = 0;
        for (let j = x; j <= n; j++) direct += choose(n, j) * p ** j * (1 - p) ** (n - j);
        expect(binomialUpperTail(n, p, x)).toBeCloseTo(direct, 12);
      }
    }
  });

  it("zeroProbability is the discrete Gaussian's mass at 0", () => {
    expect(zeroProbability(1e-4)).toBeCloseTo(1, 12);
    // For a large variance, about 1 / (σ √(2π)).
    expect(zeroProbability(400) * 20 * Math.sqrt(2 * Math.PI)).toBeCloseTo(1, 6);
  });

  it("chernoffLowerTail bounds the chance of small residuals, as simulated", () => {
    const rng = seededRng(5);
    const variance = 25;
    const m = 8;
    const runs = 4000;
    const sums: number[] = [];
    for (let i = 0; i < runs; i++) {
      let s = 0;
      for (let j = 0; j < m; j++) {
        const z = Number(discreteGaussian(rng, { num: 25n, den: 1n }));
        s += z * z;
      }
      sums.push(s);
    }
    for (const t of [20, 50, 80, 120]) {
      const observed = sums.filter((s) => s <= t).length / runs;
      // The bound, plus three standard errors of the estimate.
      const slack = 3 * Math.sqrt((observed * (1 - observed)) / runs) + 1 / runs;
      expect(observed).toBeLessThanOrEqual(chernoffLowerTail(variance, m, t) + slack);
    }
  });

  it("flags honest noise never in 20,000 simulated tests (its rate is at most 1e-6)", () => {
    const rng = seededRng(9);
    for (const variance of [4, 30]) {
      const p0 = zeroProbability(variance);
      for (let run = 0; run < 10_000; run++) {
        let equal = 0;
        let squares = 0;
        const m = 12;
        for (let j = 0; j < m; j++) {
          // A truncation shift d ≥ 0 only makes equality and small residuals rarer.
          const r = Number(discreteGaussian(rng, { num: BigInt(variance), den: 1n })) - (j % 3);
          if (r === 0) equal++;
          squares += r * r;
        }
        expect(binomialUpperTail(m, p0, equal)).toBeGreaterThan(ALPHA);
        expect(chernoffLowerTail(variance, m, squares)).toBeGreaterThan(ALPHA);
      }
    }
  });
});

/** 3,000 rows, three skewed columns: every single value is held by hundreds of rows. */
function skewed(): Dataset {
  const rng = seededRng(1);
  const pick = (values: string[], weights: number[]) => {
    let r = rng.nextFloat() * weights.reduce((a, b) => a + b, 0);
    for (let i = 0; i < values.length; i++) {
      r -= weights[i]!;
      if (r < 0) return values[i]!;
    }
    return values.at(-1)!;
  };
  let text = "region,sector,year\n";
  for (let i = 0; i < 3000; i++) {
    text += `${pick(["north", "south", "east", "west"], [4, 3, 2, 1])},${pick(["farm", "factory", "home"], [5, 3, 2])},${pick(["2021", "2022", "2023"], [2, 3, 5])}\n`;
  }
  return readDatasetFromText(text);
}

function release(
  data: Dataset,
  seed: number,
): ParsedRelease & { manifest: Record<string, unknown> } {
  const out = dpSynthesize(data, { epsilon: 4, length: 2, rng: seededRng(seed) });
  const manifest = dpManifest(data, {
    version: "test",
    createdAt: new Date(0),
    privacy: dpPrivacy(out, { epsilon: 4, privacyUnit: "row" }),
    reportedRecords: out.aggregates.noisyRecords,
    syntheticRecords: out.synthetic.recordCount,
    input: { delimiter: ",", missing: [""] },
    files: ["synthetic.csv", "aggregates.csv", "manifest.json"],
  });
  return {
    manifest: JSON.parse(JSON.stringify(manifest)),
    aggregates: parseReleaseCsv(aggregatesCsvText(data, out.aggregates.table)),
    synthetic: parseReleaseCsv(syntheticCsvText(data, out.synthetic)),
  };
}

describe("verifyDpRelease tests the noise", () => {
  const data = skewed();

  it("passes honest releases, and says how many counts it compared", async () => {
    for (const seed of [1, 2, 3, 4, 5]) {
      const result = await verifyDpRelease(data, release(data, seed));
      expect(result.violations).toEqual([]);
      expect(result.noise?.tested).toBe(10);
    }
  });

  it("fails a release whose aggregates were replaced by the exact counts", async () => {
    const honest = release(data, 7);
    const exact = await aggregate(data, { k: 1, length: 2 });
    const tampered = {
      ...honest,
      aggregates: parseReleaseCsv(aggregatesCsvText(data, exact.reportable)),
    };
    const result = await verifyDpRelease(data, tampered);
    expect(result.violations.map((v) => v.kind)).toContain("noise");
    expect(result.violations.find((v) => v.kind === "noise")!.message).toMatch(
      /10 of the 10 counts .* exactly the true counts/,
    );
  });

  it("fails a release whose counts carry a tenth of the stated noise", async () => {
    const honest = release(data, 8);
    const rng = seededRng(3);
    const truth = await aggregate(data, { k: 1, length: 2 });
    const rows = (honest.aggregates.rows as string[][]).map((row) => [...row]);
    const exact = new Map(
      (parseReleaseCsv(aggregatesCsvText(data, truth.reportable)).rows as string[][]).map((r) => [
        r.slice(0, -1).join(","),
        Number(r.at(-1)),
      ]),
    );
    const noise = (
      honest.manifest as {
        privacy: { split: { noise: { sigmas: number[]; contributionBounds: number[] } } };
      }
    ).privacy.split.noise;
    const variance = (noise.sigmas[0]! ** 2 * noise.contributionBounds[0]!) / 100;
    for (const row of rows) {
      const truthCount = exact.get(row.slice(0, -1).join(","));
      if (truthCount === undefined) continue;
      const z = Number(
        discreteGaussian(rng, { num: BigInt(Math.ceil(variance * 1000)), den: 1000n }),
      );
      row[row.length - 1] = String(Math.max(1, truthCount + z));
    }
    const tampered = { ...honest, aggregates: { header: honest.aggregates.header, rows } };
    const kinds = (await verifyDpRelease(data, tampered)).violations.map((v) => v.kind);
    expect(kinds).toContain("noise");
  });

  it("says the noise cannot be tested for a manifest without the contribution bounds", async () => {
    const old = release(data, 9);
    const noise = (old.manifest as { privacy: { split: { noise: Record<string, unknown> } } })
      .privacy.split.noise;
    delete noise.contributionBounds;
    const result = await verifyDpRelease(data, old);
    expect(result.ok).toBe(true);
    expect(result.unchecked?.join(" ")).toMatch(/contribution bounds/);
  });
});
