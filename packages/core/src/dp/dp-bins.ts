/**
 * Under differential privacy only explicit bin edges may be used (docs/design.md §2): width and quantile
 * bins take their edges from the data, and the edges are published (labels, manifest), so one
 * person could change a public output with certainty.
 */
import { UserError } from "../errors.js";
import type { Dataset } from "../ingest/types.js";

/** Throws a UserError naming the first column binned from the data. */
export function checkDpBins(data: Pick<Dataset, "columns">): void {
  for (const c of data.columns) {
    if (c.bins && !c.bins.spec.trim().toLowerCase().startsWith("edges:")) {
      throw new UserError(
        "invalid-option",
        `The binning "${c.bins.spec}" of column "${c.name}" takes its bins from the data itself, which a differentially private release must not reveal.`,
        { column: c.name, option: "bin" },
        `Give the cut points yourself, e.g. "${c.name}=edges:18,25,65".`,
      );
    }
  }
}
