/**
 * `commonground aggregate <input> --out <dir>`: reportable aggregates (public) and the risk
 * analysis of the sensitive data (private).
 */
import type { RunOptions } from "../options.js";
import { runRelease } from "./release-run.js";

export async function runAggregate(o: RunOptions): Promise<void> {
  await runRelease({ ...o, synthesis: undefined });
}
