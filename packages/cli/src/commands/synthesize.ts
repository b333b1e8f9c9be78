/**
 * `commonground synthesize <input> --out <dir> --mode …`: the full release (synthetic records,
 * reportable aggregates, manifest, datapackage.json) and its private folder (run.json with the
 * seed, evaluation, risk analysis).
 */
import type { RunOptions } from "../options.js";
import { runRelease } from "./release-run.js";

export async function runSynthesize(o: RunOptions): Promise<void> {
  if (!o.synthesis) throw new Error("synthesize needs synthesis settings");
  await runRelease(o);
}
