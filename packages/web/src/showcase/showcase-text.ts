/**
 * The showcase's words that depend on the release (pure, tested): what the privacy statement
 * means for selections longer than the reporting length L, the key facts of the release, and
 * file sizes. The statement itself is the manifest's, shown verbatim, never rewritten here.
 */
import { formatCount } from "../explore/chart-spec.js";
import type { ReleaseView } from "../explore/release-view.js";

const attributes = (n: number) => `${formatCount(n)} ${n === 1 ? "attribute" : "attributes"}`;

/** What the statement means once a selection makes combinations longer than L. */
export function longerSelectionNote(o: { view: ReleaseView }): string {
  const { view } = o;
  const L = view.reportingLength;
  const first =
    `Reportable counts are published only for combinations of up to ${attributes(L)}. ` +
    `Once your selection makes a combination longer than that, the charts show synthetic counts only.`;
  if (view.recordCount === 0) {
    return `Reportable counts are published only for combinations of up to ${attributes(L)}, and this release has no synthetic records: nothing is shown for longer combinations.`;
  }
  if (view.privacy.model === "differential-privacy") {
    return `${first} They come from synthetic records generated from the noisy counts, so they are covered by the same differential privacy guarantee, but they are estimates whose error grows with the length of the selection.`;
  }
  const k = formatCount(view.privacy.k);
  if (view.privacy.guarantee === "up-to-length") {
    return `${first} The synthetic records only promise that combinations of up to ${attributes(L)} describe at least ${k} real people: a longer combination may be rare in the original data, or not occur there at all. Read such counts as rough estimates, not as numbers of people.`;
  }
  return `${first} Every combination in the synthetic records still describes at least ${k} real people, but how often a longer combination occurs among the synthetic records is an estimate, not a number of real people.`;
}

export interface Fact {
  term: string;
  detail: string;
}

const MODES: Readonly<Record<string, string>> = {
  "row-seeded": "synthetic records seeded by real records (k-anonymity)",
  "value-seeded": "synthetic records seeded by attribute counts (k-anonymity)",
  unseeded: "synthetic records drawn column by column (k-anonymity)",
  "aggregate-seeded": "synthetic records drawn from the reportable counts (k-anonymity)",
  dp: "differential privacy",
  "aggregates-only": "reportable counts only, no synthetic records",
};

/** The release's key facts, as term and detail. */
export function releaseFacts(o: { view: ReleaseView; manifest: unknown }): Fact[] {
  const { view } = o;
  const m = (o.manifest ?? {}) as { createdAt?: unknown; tool?: unknown; version?: unknown };
  const facts: Fact[] = [{ term: "Method", detail: MODES[view.mode] ?? view.mode }];
  if (view.privacy.model === "k-anonymity") {
    facts.push({
      term: "Privacy resolution k",
      detail: `${formatCount(view.privacy.k)} people: every published combination describes at least this many`,
    });
  } else {
    facts.push({
      term: "Privacy budget",
      detail: `ε = ${formatSmall(view.privacy.epsilon)}, δ = ${formatSmall(view.privacy.delta)}`,
    });
  }
  facts.push(
    {
      term: "Reporting length L",
      detail: `combinations of up to ${attributes(view.reportingLength)} have reportable counts`,
    },
    {
      term: "Records",
      detail: `${formatCount(view.reportedRecords)} reported${view.privacy.model === "k-anonymity" ? ` (rounded down to a multiple of ${formatCount(view.privacy.k)})` : " (with noise)"}`,
    },
    {
      term: "Synthetic records",
      detail: view.recordCount === 0 ? "none" : formatCount(view.recordCount),
    },
    { term: "Reportable counts", detail: formatCount(view.aggregates.size) },
  );
  if (typeof m.createdAt === "string") {
    const made = typeof m.tool === "string" ? ` with ${m.tool} ${String(m.version ?? "")}` : "";
    facts.push({ term: "Made", detail: `${m.createdAt.slice(0, 10)}${made}`.trim() });
  }
  return facts;
}

/** A privacy parameter, short: 1 → "1", 0.0000104455767 → "1.04e-5", 0.5 → "0.5". */
export function formatSmall(x: number): string {
  if (x !== 0 && Math.abs(x) < 1e-3) return x.toExponential(2).replace(/\.?0+e/, "e");
  return String(Number(x.toPrecision(3)));
}

/** 1234567 → "1.2 MB" (decimal units, as file managers show them). */
export function formatBytes(bytes: number): string {
  if (bytes < 1000) return `${bytes} bytes`;
  if (bytes < 1_000_000) return `${(bytes / 1000).toFixed(1)} kB`;
  return `${(bytes / 1_000_000).toFixed(1)} MB`;
}
