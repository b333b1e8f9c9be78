/**
 * The Explore model on real releases made by core from the bundled sample data
 * (samples/ctdc-simulated: subject IDs, two multi-value columns): every reportable count the
 * charts would show equals the aggregates.csv line of that combination, every missing one is
 * absent from the file (or longer than L), and every synthetic count equals a count over the
 * rows of synthetic.csv — both read here as plain text, independently of the view.
 */
import { readFileSync } from "node:fs";
import {
  aggregate,
  columnCounts,
  describeSelection,
  dpReleaseFiles,
  dpSynthesize,
  EMPTY_SELECTION,
  type FileContent,
  kAnonymityReleaseFiles,
  matchRecords,
  parseReleaseCsv,
  readDatasetFromText,
  type Selection,
  seededRng,
  synthesize,
  toggleValue,
} from "@commonground/core/internal";
import fc from "fast-check";
import { beforeAll, describe, expect, it } from "vitest";
import { chartSpec } from "../../src/explore/chart-spec.js";
import { type ReleaseView, releaseView } from "../../src/explore/release-view.js";

const SAMPLE = new URL("../../../../samples/ctdc-simulated/", import.meta.url);
const config = JSON.parse(readFileSync(new URL("config.json", SAMPLE), "utf8")) as {
  columns: string[];
  subjectId: string;
  multiValue: Record<string, string>;
  k: number;
  length: number;
  title: string;
};
const ingest = {
  fileName: "cases.csv",
  columns: config.columns,
  subjectId: config.subjectId,
  multiValue: config.multiValue,
};

const text = (content: FileContent | undefined): string => {
  if (content === undefined) throw new Error("file missing");
  if (typeof content === "string") return content;
  const decoder = new TextDecoder();
  return (
    [...content].map((chunk) => decoder.decode(chunk, { stream: true })).join("") + decoder.decode()
  );
};

interface Published {
  manifest: unknown;
  synthetic: string;
  aggregates: string;
}

function published(files: { public: { name: string; content: FileContent }[] }): Published {
  const get = (name: string) => text(files.public.find((f) => f.name === name)?.content);
  return {
    manifest: JSON.parse(get("manifest.json")),
    synthetic: get("synthetic.csv"),
    aggregates: get("aggregates.csv"),
  };
}

async function kAnonymityRelease(): Promise<Published> {
  const data = readDatasetFromText(readFileSync(new URL("cases.csv", SAMPLE), "utf8"), ingest);
  const counted = await aggregate(data, { k: config.k, length: config.length });
  const synthetic = synthesize(data, {
    mode: "row-seeded",
    k: counted.k,
    length: counted.length,
    reportable: counted.reportable,
    rng: seededRng("explore"),
  });
  return published(
    kAnonymityReleaseFiles({
      version: "0.1.0",
      createdAt: new Date(0),
      title: config.title,
      ingest,
      data,
      counted,
      synthesis: { mode: "row-seeded", synthetic },
    }),
  );
}

async function dpRelease(): Promise<Published> {
  const limited = { ...ingest, recordLimit: 3000 };
  const data = readDatasetFromText(readFileSync(new URL("cases.csv", SAMPLE), "utf8"), limited);
  const risk = (await aggregate(data, { k: 10, length: 2 })).risk;
  const dp = dpSynthesize(data, { epsilon: 4, length: 2, rng: seededRng("explore-dp") });
  return published(
    dpReleaseFiles({
      version: "0.1.0",
      createdAt: new Date(0),
      ingest: limited,
      data,
      dp,
      epsilon: 4,
      risk,
    }),
  );
}

/** The files read as text: synthetic rows as sets of "column=value", aggregates by text key. */
function independent(files: Published, view: ReleaseView) {
  const split = (c: number, cell: string) => {
    const d = view.columns[c]!.delimiter;
    return cell === "" ? [] : d === undefined ? [cell] : cell.split(d);
  };
  const pairs = (row: readonly string[]) =>
    view.columns.flatMap((column, c) => split(c, row[c] ?? "").map((v) => `${column.name}=${v}`));
  const synthetic = parseReleaseCsv(files.synthetic).rows as string[][];
  const aggregates = parseReleaseCsv(files.aggregates).rows as string[][];
  return {
    records: synthetic.map((row) => new Set(pairs(row))),
    lines: new Map(aggregates.map((row) => [pairs(row).sort().join("|"), Number(row.at(-1))])),
  };
}

/** Checks every row of every chart for one selection; returns how many reportable counts it saw. */
function checkCharts(
  view: ReleaseView,
  selection: Selection,
  files: ReturnType<typeof independent>,
) {
  const match = matchRecords({ view, selection });
  const chosen = describeSelection({ view, selection });
  let reported = 0;
  view.columns.forEach((column, c) => {
    const spec = chartSpec({ view, counts: columnCounts({ view, selection, column: c, match }) });
    expect(spec.rows.map((r) => r.label)).toEqual(column.values);
    const base = chosen
      .filter((s) => !(column.kind === "single" && s.column === c))
      .map((s) => `${s.columnName}=${s.label}`);
    const matching = files.records.filter((r) => base.every((p) => r.has(p)));
    for (const row of spec.rows) {
      const own = `${column.name}=${row.label}`;
      const combination = new Set([...base, own]);
      const key = [...combination].sort().join("|");
      const line = files.lines.get(key);
      if (row.reportable !== null) {
        reported++;
        expect(row.reportable, key).toBe(line);
      } else if (row.reason === "too-long") {
        expect(combination.size).toBeGreaterThan(view.reportingLength);
      } else {
        expect(line, key).toBeUndefined();
      }
      const synthetic = matching.filter((r) => r.has(own)).length;
      expect(row.synthetic, key).toBe(synthetic);
    }
  });
  return reported;
}

/** Selections: nothing; then each reported line of aggregates.csv, selected value by value. */
function lineSelections(view: ReleaseView, files: Published, every: number): Selection[] {
  const table = parseReleaseCsv(files.aggregates);
  const out: Selection[] = [EMPTY_SELECTION];
  (table.rows as string[][]).forEach((row, i) => {
    if (i % every !== 0) return;
    let selection = EMPTY_SELECTION;
    view.columns.forEach((column, c) => {
      const cell = row[c] ?? "";
      const parts = cell === "" ? [] : column.delimiter ? cell.split(column.delimiter) : [cell];
      for (const part of parts) {
        selection = toggleValue({ view, selection, column: c, value: column.values.indexOf(part) });
      }
    });
    out.push(selection);
  });
  return out;
}

describe("Explore on the sample release (k-anonymity, row-seeded)", () => {
  let files: Published;
  let view: ReleaseView;
  let text: ReturnType<typeof independent>;
  beforeAll(async () => {
    files = await kAnonymityRelease();
    view = releaseView(files);
    text = independent(files, view);
  });

  it("reads the release: columns, records, every aggregates line", () => {
    expect(view.columns.map((c) => c.name)).toEqual(config.columns);
    expect(view.columns.filter((c) => c.kind === "multi").map((c) => c.name)).toEqual(
      Object.keys(config.multiValue),
    );
    expect(view.recordCount).toBe(text.records.length);
    expect(view.aggregates.size).toBe(text.lines.size);
    expect(view.privacy).toMatchObject({ model: "k-anonymity", k: 10 });
  });

  it("shows each reportable count as its aggregates.csv line, for selections along the file", () => {
    let reported = 0;
    for (const selection of lineSelections(view, files, 97))
      reported += checkCharts(view, selection, text);
    expect(reported).toBeGreaterThan(500);
  });

  it("and for random selections", () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.nat(), fc.nat()), { maxLength: 4 }), (clicks) => {
        let selection = EMPTY_SELECTION;
        for (const [c, v] of clicks) {
          const column = c % view.columns.length;
          const value = v % view.columns[column]!.values.length;
          selection = toggleValue({ view, selection, column, value });
        }
        checkCharts(view, selection, text);
      }),
      { numRuns: 25, seed: 5 },
    );
  });
});

describe("Explore on a DP release of the sample", () => {
  it("shows ε and each reportable count as its aggregates.csv line", async () => {
    const files = await dpRelease();
    const view = releaseView(files);
    expect(view.privacy).toMatchObject({ model: "differential-privacy", epsilon: 4 });
    expect(view.statement).toMatch(/differential privacy \(ε = 4/);
    const text = independent(files, view);
    let reported = 0;
    for (const selection of lineSelections(view, files, 13))
      reported += checkCharts(view, selection, text);
    expect(reported).toBeGreaterThan(100);
  });
});
