/**
 * Test helper: reads a generated table — `singles` single-value columns s0…, `multis`
 * multi-value columns m0… (values joined by ";") — into a Dataset, or undefined when ingest
 * refuses it (every cell missing).
 */
import { type Dataset, formatCsvRow, readDatasetFromText } from "../src/index.js";

export interface RandomTable {
  singles: number;
  multis: number;
  /** Per row: the single-value cells, then the values of each multi-value cell. */
  cells: [string[], string[][]][];
}

export function readRandomTable(t: RandomTable): Dataset | undefined {
  const header = [
    ...Array.from({ length: t.singles }, (_, i) => `s${i}`),
    ...Array.from({ length: t.multis }, (_, i) => `m${i}`),
  ];
  let text = formatCsvRow(header);
  for (const [singles, multis] of t.cells) {
    text += formatCsvRow([...singles, ...multis.map((m) => m.join(";"))]);
  }
  const multiValue: Record<string, string> = {};
  for (let i = 0; i < t.multis; i++) multiValue[`m${i}`] = ";";
  try {
    return readDatasetFromText(text, { multiValue });
  } catch {
    return undefined;
  }
}
